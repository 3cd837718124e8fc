import io
import os
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from hypothesis import settings as hypothesis_settings
from wagtail.models import Page, Site

from cms.settings.base import redis_cache
from insights.models import InsightIndexPage, InsightPage
from products.models import Product

from .factories import HomePageFactory, InsightIndexPageFactory
from .services import RedisServer

# Property tests explore new examples on every local run; CI replays a fixed sequence so that a
# submission's result does not depend on luck. A failure found locally is kept in .hypothesis/.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


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
