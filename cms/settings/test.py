import tempfile
from pathlib import Path

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Uploads and renditions are real files, as in production, in a directory of the test run's own
# (tests/conftest.py removes it at the end).
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="insights-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The cache is base.py's: Redis with REDIS_URL (CI runs the suite both ways; tests empty it, so give the suite a
# Redis database of its own), else per-process memory.

# Off for the suite, so that query counts measure the real work; tests/test_api_response_cache.py turns it on.
API_RESPONSE_CACHE_SECONDS = 0
