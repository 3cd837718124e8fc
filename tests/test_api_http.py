"""HTTP behaviour of the Delivery API: ETag/304, Cache-Control, CORS, problem+json errors, health."""

import datetime

import pytest
from django.utils import timezone

DETAIL = "/api/v1/insights/balanced-gut-healthy-skin/"


@pytest.mark.parametrize(
    "url", ["/api/v1/insights/", DETAIL, "/api/v1/products/glow/", "/api/v1/ingredients/", "/api/v1/openapi.json"]
)
def test_strong_etag_and_304(client, seeded, url):
    response = client.get(url)
    etag = response["ETag"]

    assert response.status_code == 200
    assert etag.startswith('"') and not etag.startswith("W/")
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=300"

    not_modified = client.get(url, headers={"if-none-match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["Cache-Control"] == response["Cache-Control"]

    assert client.get(url, headers={"if-none-match": '"something-else"'}).status_code == 200


def test_etag_changes_when_content_does(client, seeded):
    etag = client.get(DETAIL)["ETag"]
    seeded.title = "A new title"
    seeded.save_revision().publish()

    assert client.get(DETAIL, headers={"if-none-match": etag}).status_code == 200


def test_cache_lifetimes_are_configurable(client, seeded, settings):
    settings.API_CACHE_MAX_AGE = 5
    settings.API_STALE_WHILE_REVALIDATE = 10

    assert client.get(DETAIL)["Cache-Control"] == "public, max-age=5, stale-while-revalidate=10"


@pytest.mark.parametrize("url", ["/api/v1/insights/nope/", "/api/v1/insights/?limit=0", "/api/v1/nothing-here/"])
def test_errors_are_never_stored(client, seeded, url):
    response = client.get(url)
    assert response.status_code in (404, 422)
    assert response["Cache-Control"] == "no-store"


def test_html_pages_are_left_alone(client, seeded):
    response = client.get("/insights/balanced-gut-healthy-skin/")
    assert response.status_code == 200
    assert not response.has_header("Cache-Control")


def test_no_answer_is_cacheable_past_the_next_expiry(client, seeded):
    seeded.expire_at = timezone.now() + datetime.timedelta(seconds=30)
    seeded.save_revision().publish()
    for url in [DETAIL, "/api/v1/insights/", "/api/v1/products/glow/"]:
        max_age = int(client.get(url)["Cache-Control"].split("max-age=")[1].split(",")[0])
        assert 25 <= max_age <= 30, url
        assert "stale-while-revalidate" not in client.get(url)["Cache-Control"]


@pytest.fixture
def shop_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://shop.example.com"]
    return "https://shop.example.com"


def test_cors_allows_listed_origins_only(client, seeded, shop_origin):
    allowed = client.get(DETAIL, headers={"origin": shop_origin})
    other = client.get(DETAIL, headers={"origin": "https://evil.example.com"})
    preflight = client.options(DETAIL, headers={"origin": shop_origin, "access-control-request-method": "GET"})

    assert allowed["Access-Control-Allow-Origin"] == shop_origin
    assert "Access-Control-Allow-Origin" not in other
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == shop_origin


def test_cors_headers_on_304_too(client, seeded, shop_origin):
    etag = client.get(DETAIL)["ETag"]

    response = client.get(DETAIL, headers={"origin": shop_origin, "if-none-match": etag})

    assert response.status_code == 304
    assert response["Access-Control-Allow-Origin"] == shop_origin


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("limit=101", "limit"),
        ("limit=0", "limit"),
        ("limit=-1", "limit"),
        ("limit=abc", "limit"),
        ("offset=-1", "offset"),
        ("ordering=newest", "ordering"),
        ("tag=", "tag"),
        ("tag=%00", "tag"),
        ("product=not%20a%20slug", "product"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_invalid_parameters_are_422_naming_the_parameter(client, seeded, query, parameter):
    response = client.get(f"/api/v1/insights/?{query}")

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert parameter in problem["errors"][0]["loc"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/insights/unknown/",
        "/api/v1/insights/no%20such%20thing/",
        "/api/v1/insights/%00/",
        "/api/v1/products/unknown/",
        "/api/v1/ingredients/unknown/",
    ],
)
def test_unknown_slugs_are_404_problems(client, seeded, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Not Found"


def test_health(client, db):
    response = client.get("/api/v1/health")

    assert response.json() == {"status": "ok", "database": True, "cache": True}
    assert response["Cache-Control"] == "no-store"
