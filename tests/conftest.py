import io
import os
import shutil
import subprocess
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
from .services import RedisServer

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
