"""A real headless Chromium for end-to-end tests: Debian's chromium driven by Playwright's Python client.

The fixtures `browser` and `site` reach every test through tests/conftest.py. A browser test module says:

    pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

`make test` installs Debian's chromium (`make browser`); Playwright's own browser download is not used.
"""

import io
import os
import shutil

import pytest
from django.core.management import call_command

ARTICLE = "/insights/balanced-gut-healthy-skin/"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"No Chromium at {CHROMIUM}: run `make browser` (Debian's chromium package), or set CHROMIUM.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the Django calls the tests make are synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def site(live_server):
    call_command("load_seed", stdout=io.StringIO())
    return live_server.url
