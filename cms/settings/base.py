"""Settings shared by every environment, read from the environment (12-factor).

Every variable read here is listed in the README's environment table.
"""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms.core",
    "insights",
    "products",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "corsheaders",
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "cms.core.middleware.RejectNulMiddleware",
    # HEAD on the API answers as GET without a body; outside the ETag and the response cache, so it gets both.
    "cms.core.middleware.ApiHeadMiddleware",
    # Strong ETags and 304s; the API's Cache-Control (set just below) reaches the 304s too.
    "django.middleware.http.ConditionalGetMiddleware",
    "cms.core.middleware.ApiCacheControlMiddleware",
    # Repeated API GETs from the shared cache; emptied on every content change (cms/core/response_cache.py).
    "cms.core.response_cache.ApiResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/insights; SQLite in the checkout by default.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database as a working default: readers never wait for a writer (WAL), and a writer takes the
    # write lock when its transaction starts (IMMEDIATE), so two saves queue for up to `timeout` seconds instead
    # of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


def redis_cache(url):
    """django-redis with short timeouts, and errors ignored: while Redis is down, everything is served uncached
    (logged once a minute: LOGGING below) and it recovers by itself when Redis is back. After a timeout (a hung
    Redis), commands fail at once for 5 s instead of each waiting for its own timeout (cms/core/cache.py)."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "insights",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            "REDIS_CLIENT_CLASS": "cms.core.cache.HoldOffRedis",
            "REDIS_CLIENT_KWARGS": {"hold_off_seconds": 5},
        },
    }


# REDIS_URL, e.g. redis://127.0.0.1:6379/0: the cache every worker shares. A per-process memory cache without it.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# The logger LOGGING configures (with its once-a-minute filter). django-redis's default is "django_redis.cache", and
# a filter on a parent logger does not apply to records of its children: each error would be logged in full.
DJANGO_REDIS_LOGGER = "django_redis"

# Saving or deleting a model of one of these apps empties the response caches (cms/core/response_cache.py).
CONTENT_APPS = {"insights", "products", "wagtailcore", "wagtailimages", "wagtaildocs", "taggit"}

# Server errors (5xx) are logged with their traceback to standard error: "ERROR django.request" finds them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {
        "redis_once_a_minute": {
            "()": "cms.core.logs.OncePerInterval",
            "seconds": 60,
            "message": "The cache (Redis) does not answer: serving uncached until it is back",
        }
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "django_redis": {
            "handlers": ["stderr"],
            "level": "WARNING",
            "filters": ["redis_once_a_minute"],
            "propagate": False,
        },
        "cms": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "insights": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "products": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Where `collectstatic` puts the static files that production serves (whitenoise, from its manifest).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work: django-tasks; the immediate backend runs a task in-process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "Insights"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"

# The importer (insights/importer/) refuses source files larger than this many bytes.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(2 * 1024 * 1024)))

# Cross-origin readers of the API (shop frontends, headless sites).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"

# Delivery API (/api/v1/): Cache-Control on published content; preview responses are never stored.
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
API_STALE_WHILE_REVALIDATE = int(os.environ.get("API_STALE_WHILE_REVALIDATE", "300"))
# Server-side cache of published API responses, in seconds (0: off); emptied whenever content changes. It needs a
# cache every worker shares, so it is on by default only with REDIS_URL.
API_RESPONSE_CACHE_SECONDS = int(os.environ.get("API_RESPONSE_CACHE_SECONDS", "60" if REDIS_URL else "0"))
NINJA_PAGINATION_PER_PAGE = 20
NINJA_PAGINATION_MAX_LIMIT = 100  # limit above this is a 422 naming `limit`, documented as the schema's maximum
# Headless draft preview: how long a signed preview link works, and where it points.
PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("PREVIEW_TOKEN_MAX_AGE", "3600"))
# e.g. https://reader.example.com/preview?token={token}; the API's own preview endpoint when empty.
HEADLESS_PREVIEW_URL = os.environ.get("HEADLESS_PREVIEW_URL", "")
