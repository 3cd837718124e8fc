"""The server-side cache of API responses: repeated GETs cost no query, and any content change shows at once."""

import datetime
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from insights.preview import make_preview_token

from .api_support import count_queries, make_insight, make_product, spotlight
from .factories import InsightIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def response_cache(settings, shared_cache):
    """On, in a Redis every worker would share (the only cache it works with)."""
    settings.API_RESPONSE_CACHE_SECONDS = 60


@pytest.fixture
def published(index_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product = make_product("Dew")
        insight = make_insight(index_page, title="Morning routine", blocks=[spotlight(product)])
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


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.com", "pw"))
    return client


def admin_does(editor, django_capture_on_commit_callbacks, url_name, page, data=None, args=()):
    with changes(django_capture_on_commit_callbacks):
        response = editor.post(reverse(url_name, args=[page.pk, *args]), data or {})
    assert response.status_code in (200, 302), response.content[:500]
    return response


@pytest.mark.parametrize(
    "action",
    ["unpublish", "delete", "password", "login", "move to a private section", "expire"],
)
def test_every_way_an_editor_hides_an_insight_shows_at_once(
    client, editor, published, index_page, django_capture_on_commit_callbacks, action
):
    """Through the admin, as an editor does it; each answer was cached before the change."""
    insight, _product = published
    anon = Client()
    for url in ("/api/v1/insights/", "/api/v1/insights/morning-routine/", "/api/v1/products/dew/"):
        assert "morning-routine" in anon.get(url).content.decode()

    if action in ("unpublish", "delete"):
        admin_does(editor, django_capture_on_commit_callbacks, f"wagtailadmin_pages:{action}", insight)
    elif action in ("password", "login"):
        data = {"restriction_type": action, "password": "a-password", "groups": []}
        admin_does(editor, django_capture_on_commit_callbacks, "wagtailadmin_pages:set_privacy", insight, data)
    elif action == "move to a private section":
        with changes(django_capture_on_commit_callbacks):
            members = InsightIndexPageFactory(parent=index_page.get_parent(), title="Members", slug="members")
            PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
        admin_does(
            editor, django_capture_on_commit_callbacks, "wagtailadmin_pages:move_confirm", insight, {}, [members.pk]
        )
        assert Page.objects.get(pk=insight.pk).get_parent().pk == members.pk
    else:
        insight.expire_at = timezone.now() + datetime.timedelta(seconds=1)
        with changes(django_capture_on_commit_callbacks):
            insight.save_revision().publish()
        anon.get("/api/v1/insights/")  # cached while it is still visible
        time.sleep(1.1)

    assert client.get("/api/v1/insights/").json()["items"] == []
    assert anon.get("/api/v1/insights/morning-routine/").status_code == 404
    assert anon.get("/api/v1/products/dew/").json()["featured_in"] == []


def test_unpublishing_a_product_through_the_admin_shows_at_once(
    client, editor, published, django_capture_on_commit_callbacks
):
    _insight, product = published
    anon = Client()
    assert anon.get("/api/v1/products/dew/").status_code == 200
    with changes(django_capture_on_commit_callbacks):
        response = editor.post(reverse("wagtailsnippets_products_product:unpublish", args=[product.pk]))
    assert response.status_code == 302
    assert anon.get("/api/v1/products/dew/").status_code == 404
    spotlight = anon.get("/api/v1/insights/morning-routine/").json()["body"][1]
    assert spotlight["value"]["product"] is None
