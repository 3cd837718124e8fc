import io
import os
import shutil
import subprocess
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from hypothesis import settings as hypothesis_settings
from wagtail.models import Page, Site

from cms.settings.base import redis_cache
from insights.models import InsightIndexPage, InsightPage
from products.models import Product

from .browser import browser, site  # noqa: F401  (fixtures for the browser tests)
from .factories import HomePageFactory, InsightIndexPageFactory
from .services import Editor, RedisServer, ScratchDatabases, manage, production_env, serving

# Property and fuzz tests (hypothesis, schemathesis) are reproducible but not frozen: the seed comes from the
# commit under test (a new commit explores new examples; the same commit replays the same ones), is printed in the
# report header, and can be forced with --hypothesis-seed=N or HYPOTHESIS_SEED=N. A failure found is pinned in the
# test as an explicit @example.
hypothesis_settings.register_profile("project", print_blob=True)
hypothesis_settings.load_profile("project")


def seed_from_commit():
    if os.environ.get("HYPOTHESIS_SEED"):
        return int(os.environ["HYPOTHESIS_SEED"])
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=Path(__file__).parent, capture_output=True, text=True, check=True
        ).stdout
        return int(head.strip()[:8], 16)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    if config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = seed_from_commit()


def pytest_report_header(config):
    seed = config.getoption("hypothesis_seed", None)
    return f"hypothesis seed: {seed} (from the commit under test; reproduce with --hypothesis-seed={seed})"


@pytest.fixture(scope="session", autouse=True)
def media_root():
    """The uploads and renditions the suite writes (cms/settings/test.py), removed when it ends."""
    yield settings.MEDIA_ROOT
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def seeded(db):
    """The site exactly as `load_seed` makes it."""
    call_command("load_seed", stdout=io.StringIO())
    return InsightPage.objects.get(slug="balanced-gut-healthy-skin")


@pytest.fixture
def glow(seeded):
    return Product.objects.get(slug="glow")


@pytest.fixture
def index_page(db):
    """An empty site: home page at the site root, the insights index at /insights/."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test")
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    return InsightIndexPageFactory(parent=home)


@pytest.fixture
def seeded_index(seeded):
    return InsightIndexPage.objects.get(slug="insights")


@pytest.fixture(scope="session")
def redis_server():
    """A Redis of the test session's own, on a spare port."""
    server = RedisServer().start()
    yield server
    server.close()


@pytest.fixture
def shared_cache(redis_server, settings):
    """The default cache on that Redis, as production has it (REDIS_URL), emptied before and after the test."""
    if redis_server.process is None:
        redis_server.start()
    settings.CACHES = {"default": redis_cache(redis_server.url)}
    from django.core.cache import cache

    cache.clear()
    yield redis_server
    if redis_server.process is None:
        redis_server.start()
    cache.clear()


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """The static files collected once, as production serves them (whitenoise's manifest storage)."""
    root = tmp_path_factory.mktemp("static")
    manage(production_env(STATIC_ROOT=root), "collectstatic", "--no-input", "--verbosity", "0")
    return root


@pytest.fixture(scope="session")
def scratch_databases(tmp_path_factory):
    """A database migrated and seeded once for servers the tests start, of the kind the suite runs on (a PostgreSQL
    database beside the test database, or a SQLite file); `.copy()` gives each test its own."""
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    media = tmp_path_factory.mktemp("scratch-media")
    with ExitStack() as cleanup:
        databases = ScratchDatabases(os.environ["DATABASE_URL"] if on_postgres else None)
        cleanup.callback(databases.close)
        databases.prepare(production_env(MEDIA_ROOT=media))
        yield databases


@pytest.fixture
def serve(static_root, tmp_path):
    """`serve(**variables)`: the project served in a subprocess with production settings and these environment
    variables (DATABASE_URL, REDIS_URL, ...). Every server a test starts stops when it ends, passed or failed."""
    with ExitStack() as cleanup:

        def start(**variables):
            return cleanup.enter_context(serving(STATIC_ROOT=static_root, MEDIA_ROOT=tmp_path / "media", **variables))

        yield start


@pytest.fixture
def editor(tmp_path):
    """`editor(**variables)`: a process publishing to the database in DATABASE_URL; it ends with the test."""
    with ExitStack() as cleanup:

        def start(**variables):
            process = Editor(production_env(MEDIA_ROOT=tmp_path / "media", **variables))
            cleanup.callback(process.close)
            return process

        yield start
