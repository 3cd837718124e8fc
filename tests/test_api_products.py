"""GET /api/v1/products/ and /api/v1/ingredients/: blurbs, filters, featured_in, regulated claims, visibility."""

import datetime

import pytest
from django.utils import timezone

from .api_support import count_queries, make_insight, make_product, spotlight
from .factories import ClaimFactory, IngredientFactory, ProductFactory

PRODUCTS = "/api/v1/products/"
INGREDIENTS = "/api/v1/ingredients/"


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def test_product_detail_is_the_blurb_plus_featured_in(client, index_page):
    product = make_product("Radiance", shop_url="https://shop.example.com/radiance")
    older = make_insight(index_page, title="Older", blocks=[spotlight(product)], hero=False)
    newer = make_insight(index_page, title="Newer", blocks=[spotlight(product)], hero=False)
    make_insight(index_page, title="Unrelated", hero=False)
    for page, days_ago in [(older, 3), (newer, 1)]:
        page.first_published_at = timezone.now() - datetime.timedelta(days=days_ago)
        page.save()

    data = client.get(f"{PRODUCTS}radiance/").json()

    assert data["name"] == "Radiance"
    assert data["api_url"] == "http://testserver/api/v1/products/radiance/"
    assert [ingredient["slug"] for ingredient in data["ingredients"]] == ["radiance-active", "water"]
    assert data["claims"] == [{"text": "Vegan", "category": "ethical"}]
    assert data["tags"] == ["serum"]
    assert data["shop_url"] == "https://shop.example.com/radiance"
    assert data["image"]["renditions"]["medium"]["url"].startswith("http://testserver/")
    assert data["featured_in"] == [
        {"slug": newer.slug, "title": "Newer", "url": "http://testserver/insights/newer/"},
        {"slug": older.slug, "title": "Older", "url": "http://testserver/insights/older/"},
    ]


def test_featured_in_leaves_out_unpublished_pages(client, index_page):
    product = make_product("Radiance")
    page = make_insight(index_page, title="Draft now", blocks=[spotlight(product)], hero=False)
    page.live = False
    page.save()

    assert client.get(f"{PRODUCTS}radiance/").json()["featured_in"] == []


def test_unsupported_claims_never_reach_the_api(client, db):
    unsupported = ClaimFactory(text="Cures everything", category="efficacy", substantiation="  ")
    ProductFactory(name="Bold", claims=[ClaimFactory(text="Vegan"), unsupported])

    detail = client.get(f"{PRODUCTS}bold/")

    assert [claim["text"] for claim in detail.json()["claims"]] == ["Vegan"]
    assert b"Cures everything" not in detail.content
    assert slugs(client.get(PRODUCTS, {"claim": "vegan"})) == ["bold"]
    assert slugs(client.get(PRODUCTS, {"claim": "cures-everything"})) == []


def test_product_filters(client, db):
    make_product("Radiance")
    ProductFactory(name="Plain", ingredients=[IngredientFactory(name="Water")], tags=["cleanser"])

    assert slugs(client.get(PRODUCTS)) == ["plain", "radiance"]
    assert slugs(client.get(PRODUCTS, {"tag": "serum"})) == ["radiance"]
    assert slugs(client.get(PRODUCTS, {"ingredient": "water"})) == ["plain", "radiance"]
    assert slugs(client.get(PRODUCTS, {"ingredient": "radiance-active"})) == ["radiance"]
    assert slugs(client.get(PRODUCTS, {"ingredient": "radiance-active", "tag": "cleanser"})) == []


@pytest.mark.parametrize("how", ["draft", "expired"])
def test_hidden_products_are_absent(client, db, how):
    product = ProductFactory(name="Secret", ingredients=[IngredientFactory(name="Water")])
    if how == "draft":
        product.live = False
    else:
        product.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    product.save()

    assert slugs(client.get(PRODUCTS)) == []
    assert client.get(f"{PRODUCTS}secret/").status_code == 404
    assert client.get(f"{INGREDIENTS}water/").json()["products"] == []


def test_ingredients_list_their_published_products(client, db):
    make_product("Radiance")
    make_product("Calm")

    listing = client.get(INGREDIENTS).json()
    detail = client.get(f"{INGREDIENTS}water/").json()

    assert [item["slug"] for item in listing["items"]] == ["calm-active", "radiance-active", "water"]
    assert detail["inci"] == "Water INCI"
    assert detail["api_url"] == "http://testserver/api/v1/ingredients/water/"
    assert detail["products"] == [
        {"slug": "calm", "name": "Calm", "api_url": "http://testserver/api/v1/products/calm/"},
        {"slug": "radiance", "name": "Radiance", "api_url": "http://testserver/api/v1/products/radiance/"},
    ]
    assert client.get(f"{INGREDIENTS}unknown/").status_code == 404


PRODUCT_LIST_QUERY_BOUND = 12


@pytest.mark.parametrize("url", [f"{PRODUCTS}?limit=100", f"{INGREDIENTS}?limit=100"])
def test_product_and_ingredient_lists_do_not_grow_with_limit(client, index_page, url, django_assert_max_num_queries):
    first = make_product("First")
    make_insight(index_page, title="Feature", blocks=[spotlight(first)], hero=False)
    client.get(url)  # renditions are created on first use
    one, _ = count_queries(client, url)

    for n in range(29):
        product = make_product(f"More {n}")
        make_insight(index_page, title=f"Feature {n}", blocks=[spotlight(product)], hero=False)
    client.get(url)
    thirty, response = count_queries(client, url)

    assert response.json()["count"] >= 30
    assert one == thirty
    with django_assert_max_num_queries(PRODUCT_LIST_QUERY_BOUND):
        client.get(url)
