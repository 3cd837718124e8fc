"""The server-side cache of API responses: repeated GETs cost no query, and any content change shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insights.preview import make_preview_token

from .api_support import count_queries, make_insight, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def response_cache(settings, shared_cache):
    """On, in a Redis every worker would share (the only cache it works with)."""
    settings.API_RESPONSE_CACHE_SECONDS = 60


@pytest.fixture
def published(index_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product = make_product("Dew")
        insight = make_insight(index_page, title="Morning routine")
    return insight, product


def changes(django_capture_on_commit_callbacks):
    """Content changes as they happen in production: the version is replaced when the transaction commits."""
    return django_capture_on_commit_callbacks(execute=True)


@pytest.mark.parametrize("url", ["/api/v1/insights/", "/api/v1/insights/morning-routine/", "/api/v1/products/dew/"])
def test_a_repeated_get_costs_no_query_and_answers_the_same(client, published, url):
    first_queries, first = count_queries(client, url)
    second_queries, second = count_queries(client, url)
    assert first_queries > 0 and second_queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Cache-Control"] == first["Cache-Control"]
    assert second["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_publishing_shows_at_once(client, published, django_capture_on_commit_callbacks):
    insight, _product = published
    assert client.get("/api/v1/insights/").json()["items"][0]["title"] == "Morning routine"
    insight.title = "Evening routine"
    with changes(django_capture_on_commit_callbacks):
        insight.save_revision().publish()
    assert client.get("/api/v1/insights/").json()["items"][0]["title"] == "Evening routine"


def test_a_draft_changes_nothing_that_is_served(client, published, django_capture_on_commit_callbacks):
    insight, _product = published
    before = client.get("/api/v1/insights/morning-routine/").content
    insight.title = "Draft title"
    with changes(django_capture_on_commit_callbacks):
        insight.save_revision()
    assert client.get("/api/v1/insights/morning-routine/").content == before


def test_unpublishing_is_404_at_once(client, published, django_capture_on_commit_callbacks):
    insight, _product = published
    assert client.get("/api/v1/insights/morning-routine/").status_code == 200
    with changes(django_capture_on_commit_callbacks):
        insight.unpublish()
    assert client.get("/api/v1/insights/morning-routine/").status_code == 404


def test_a_product_edit_reaches_the_article_that_spotlights_it(client, index_page, django_capture_on_commit_callbacks):
    with changes(django_capture_on_commit_callbacks):
        product = make_product("Veil")
        make_insight(
            index_page,
            title="Veil story",
            blocks=[{"type": "product_spotlight", "value": {"product": product.pk, "pitch": "<p>Try it.</p>"}}],
        )
    url = "/api/v1/insights/veil-story/"
    assert client.get(url).json()["body"][1]["value"]["product"]["tagline"] == product.tagline
    product.tagline = "A new tagline"
    with changes(django_capture_on_commit_callbacks):
        product.save_revision().publish()
    assert client.get(url).json()["body"][1]["value"]["product"]["tagline"] == "A new tagline"


def test_absolute_urls_follow_the_host(client, published, settings):
    settings.ALLOWED_HOSTS = ["testserver", "shop.example.com"]
    here = client.get("/api/v1/insights/").json()["items"][0]["url"]
    there = client.get("/api/v1/insights/", HTTP_HOST="shop.example.com").json()["items"][0]["url"]
    assert here.startswith("http://testserver/") and there.startswith("http://shop.example.com/")


@pytest.mark.parametrize("kind", ["preview", "not found", "health"])
def test_previews_errors_and_the_health_check_are_never_kept(client, published, kind):
    insight, _product = published
    insight.title = "A draft for the frontend"
    draft = insight.save_revision()
    url = {
        "preview": f"/api/v1/preview/insights/?token={make_preview_token(draft.pk)}",
        "not found": "/api/v1/insights/nothing-here/",
        "health": "/api/v1/health",
    }[kind]
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.status_code == first.status_code == {"preview": 200, "not found": 404, "health": 200}[kind]
    assert len(queries) > 0, f"the {kind} answer came from the cache"


def test_off_when_set_to_zero(client, published, settings):
    settings.API_RESPONSE_CACHE_SECONDS = 0
    count_queries(client, "/api/v1/insights/")
    queries, _response = count_queries(client, "/api/v1/insights/")
    assert queries > 0
