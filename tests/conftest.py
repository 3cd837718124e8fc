import io
import os
from contextlib import ExitStack

import pytest
from django.core.management import call_command
from hypothesis import settings as hypothesis_settings
from wagtail.models import Page, Site

from cms.settings.base import redis_cache
from insights.models import InsightIndexPage, InsightPage
from products.models import Product

from .factories import HomePageFactory, InsightIndexPageFactory
from .services import Editor, RedisServer, ScratchDatabases, manage, production_env, serving

# Property tests explore new examples on every local run; CI replays a fixed sequence so that a
# submission's result does not depend on luck. A failure found locally is kept in .hypothesis/.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


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
