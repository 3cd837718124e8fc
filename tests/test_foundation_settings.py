"""Settings come from the environment; production refuses to start without a real SECRET_KEY."""

import os
import subprocess
import sys

import pytest

CHECK = (
    "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
)


def run_with(env):
    environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DATABASE_URL"}}
    environment.update(env)
    return subprocess.run([sys.executable, "-c", CHECK], env=environment, capture_output=True, text=True, timeout=60)


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with({"DJANGO_SETTINGS_MODULE": "cms.settings.production"})
    assert result.returncode != 0
    assert "Set SECRET_KEY in the environment" in result.stderr


@pytest.mark.parametrize(
    ("database_url", "engine"),
    [
        ("", "django.db.backends.sqlite3"),
        ("postgres://postgres@127.0.0.1:5432/insights", "django.db.backends.postgresql"),
    ],
)
def test_database_from_database_url(database_url, engine):
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.production", "SECRET_KEY": "a-real-secret-for-this-test"}
    if database_url:
        env["DATABASE_URL"] = database_url
    result = run_with(env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == engine
