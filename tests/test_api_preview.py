"""Headless draft preview: GET /api/v1/preview/insights/?token=... and the editor's "Headless preview link"."""

import html
import re
import time
from urllib.parse import parse_qs, urlsplit

from django.core import signing

from insights.preview import make_preview_token, read_preview_token

from .api_support import make_insight, paragraph

PREVIEW = "/api/v1/preview/insights/"


def draft_revision(index_page):
    page = make_insight(index_page, title="Published title", hero=False)
    page.save_revision().publish()
    page.title = "Draft title"
    page.body = [paragraph("<p>Draft-only words.</p>")]
    return page, page.save_revision()


def test_a_valid_token_serves_the_draft_in_the_article_shape(client, index_page):
    page, revision = draft_revision(index_page)

    response = client.get(PREVIEW, {"token": make_preview_token(revision.pk)})

    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Draft title"
    assert data["body"][0]["value"]["html"] == "<p>Draft-only words.</p>"
    assert set(data) == set(client.get(f"/api/v1/insights/{page.slug}/").json())
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")
    # The published article is unchanged.
    assert client.get(f"/api/v1/insights/{page.slug}/").json()["title"] == "Published title"


def test_a_missing_token_is_401(client, index_page):
    response = client.get(PREVIEW)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["Cache-Control"] == "private, no-store"


def test_forged_tokens_are_403_and_show_nothing(client, index_page):
    _, revision = draft_revision(index_page)
    token = make_preview_token(revision.pk)
    forgeries = [
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        signing.dumps({"revision": revision.pk}, key="not-our-secret", salt="insights.preview"),
        signing.dumps({"revision": revision.pk}, salt="some-other-purpose"),
        "junk",
    ]
    for forged in forgeries:
        response = client.get(PREVIEW, {"token": forged})
        assert response.status_code == 403, forged
        assert b"Draft" not in response.content


def test_an_expired_token_is_403(client, index_page, monkeypatch, settings):
    _, revision = draft_revision(index_page)
    an_hour_and_a_bit_ago = time.time() - settings.PREVIEW_TOKEN_MAX_AGE - 5
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: an_hour_and_a_bit_ago)
        token = make_preview_token(revision.pk)

    response = client.get(PREVIEW, {"token": token})

    assert response.status_code == 403
    assert "expired" in response.json()["detail"]
    assert b"Draft" not in response.content


def test_a_token_for_something_else_is_404(client, glow):
    response = client.get(PREVIEW, {"token": make_preview_token(glow.latest_revision_id)})

    assert response.status_code == 404


def test_editors_get_a_headless_preview_link(client, index_page, django_user_model, settings):
    """The header menu opens an admin page with a link on the editor's own host, how long it works, and the data."""
    settings.ALLOWED_HOSTS = ["cms.example.com"]
    settings.PREVIEW_TOKEN_MAX_AGE = 1800
    page, revision = draft_revision(index_page)
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.com", "pw"))

    edit_view = client.get(f"/admin/pages/{page.pk}/edit/", HTTP_HOST="cms.example.com").content.decode()
    assert "Headless preview link" in edit_view
    admin_link = html.unescape(re.search(r'href="([^"]*/headless-preview/)"', edit_view).group(1))

    preview_page = client.get(admin_link, HTTP_HOST="cms.example.com")
    assert preview_page.status_code == 200
    text = preview_page.content.decode()
    assert "works for 30 minutes" in text
    assert "Draft-only words." in text  # what the API will serve, readable in the admin
    link = html.unescape(re.search(r'value="(http[^"]*/api/v1/preview/insights/\?token=[^"]+)"', text).group(1))
    url = urlsplit(link)
    assert url.netloc == "cms.example.com"

    client.logout()
    preview = client.get(f"{url.path}?{url.query}", HTTP_HOST="cms.example.com")
    assert preview.status_code == 200
    assert preview.json()["title"] == "Draft title"
    assert read_preview_token(parse_qs(url.query)["token"][0]) == revision.pk


def test_the_frontend_preview_url_is_used_when_configured(client, index_page, django_user_model, settings):
    settings.HEADLESS_PREVIEW_URL = "https://reader.example.com/preview?token={token}"
    page, revision = draft_revision(index_page)
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.com", "pw"))

    text = client.get(f"/admin/insights/{page.pk}/headless-preview/").content.decode()

    link = html.unescape(re.search(r'value="(https://reader\.example\.com/preview\?token=[^"]+)"', text).group(1))
    assert read_preview_token(parse_qs(urlsplit(link).query)["token"][0]) == revision.pk


def test_the_preview_token_lifetime_comes_from_the_setting(client, index_page, settings):
    _page, revision = draft_revision(index_page)
    token = make_preview_token(revision.pk)
    settings.PREVIEW_TOKEN_MAX_AGE = 3600
    assert client.get(PREVIEW, {"token": token}).status_code == 200
    time.sleep(1.1)
    settings.PREVIEW_TOKEN_MAX_AGE = 1
    assert client.get(PREVIEW, {"token": token}).status_code == 403


def test_only_editors_of_the_page_reach_the_headless_preview_page(client, index_page, django_user_model):
    page, _revision = draft_revision(index_page)
    reader = django_user_model.objects.create_user("reader", "reader@example.com", "pw")
    client.force_login(reader)
    response = client.get(f"/admin/insights/{page.pk}/headless-preview/")
    assert response.status_code in (302, 403)
    assert b"Draft-only words." not in response.content
