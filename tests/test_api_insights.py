"""GET /api/v1/insights/ and /api/v1/insights/{slug}/: fields, filters, search, ordering, pagination, visibility."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from .api_support import make_insight, make_product, paragraph, spotlight
from .factories import IngredientFactory

LIST = "/api/v1/insights/"


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


@pytest.fixture
def glow_like(db):
    return make_product("Radiance")


def test_list_item_fields(client, index_page, glow_like):
    page = make_insight(index_page, title="Peptides explained", blocks=[spotlight(glow_like)], tags=["peptides"])

    data = client.get(LIST).json()

    assert data["count"] == 1
    item = data["items"][0]
    assert item["id"] == page.pk
    assert item["slug"] == "peptides-explained"
    assert item["excerpt"] == page.intro
    assert item["url"] == "http://testserver/insights/peptides-explained/"
    assert item["api_url"] == "http://testserver/api/v1/insights/peptides-explained/"
    assert item["published_at"] == page.published_date.isoformat()
    assert item["reading_time_minutes"] == page.reading_time
    assert item["tags"] == ["peptides"]
    assert item["products"] == [
        {"slug": "radiance", "name": "Radiance", "api_url": "http://testserver/api/v1/products/radiance/"}
    ]
    renditions = item["hero_image"]["renditions"]
    assert set(renditions) == {"thumbnail", "medium", "large"}
    assert renditions["thumbnail"]["url"].startswith("http://testserver/")
    assert (renditions["thumbnail"]["width"], renditions["thumbnail"]["height"]) == (480, 320)
    assert "body" not in item


def test_list_is_newest_first_and_orderable(client, index_page):
    for title, day in [("Beta", 2), ("Alpha", 3), ("Gamma", 1)]:
        make_insight(index_page, title=title, published_date=datetime.date(2025, 1, day), hero=False)

    assert slugs(client.get(LIST)) == ["alpha", "beta", "gamma"]
    assert slugs(client.get(LIST, {"ordering": "published"})) == ["gamma", "beta", "alpha"]
    assert slugs(client.get(LIST, {"ordering": "title"})) == ["alpha", "beta", "gamma"]


def test_limit_and_offset(client, index_page):
    for day in range(1, 6):
        make_insight(index_page, title=f"Day {day}", published_date=datetime.date(2025, 1, day), hero=False)

    response = client.get(LIST, {"limit": 2, "offset": 1})

    assert response.json()["count"] == 5
    assert slugs(response) == ["day-4", "day-3"]


def test_tag_filter_needs_every_tag_by_slug_or_name(client, index_page):
    make_insight(index_page, title="Both", tags=["gut-skin axis", "hydration"], hero=False)
    make_insight(index_page, title="One", tags=["hydration"], hero=False)

    assert sorted(slugs(client.get(LIST, {"tag": "hydration"}))) == ["both", "one"]
    assert slugs(client.get(f"{LIST}?tag=hydration&tag=gut-skin-axis")) == ["both"]
    assert slugs(client.get(f"{LIST}?tag=hydration&tag=gut-skin%20axis")) == ["both"]
    assert slugs(client.get(LIST, {"tag": "unknown"})) == []


def test_product_filter_follows_spotlights(client, index_page, glow_like):
    make_insight(index_page, title="Spotlit", blocks=[spotlight(glow_like)], hero=False)
    make_insight(index_page, title="Plain", hero=False)

    assert slugs(client.get(LIST, {"product": "radiance"})) == ["spotlit"]
    assert slugs(client.get(LIST, {"product": "unknown"})) == []


def test_ingredient_filter_covers_mentions_and_spotlit_products(client, index_page, glow_like):
    niacinamide = IngredientFactory(name="Niacinamide")
    mentioning = make_insight(index_page, title="Mentions", hero=False)
    mentioning.mentioned_ingredients = [niacinamide]
    mentioning.save()
    make_insight(index_page, title="Spotlit", blocks=[spotlight(glow_like)], hero=False)

    assert slugs(client.get(LIST, {"ingredient": "niacinamide"})) == ["mentions"]
    assert slugs(client.get(LIST, {"ingredient": "radiance-active"})) == ["spotlit"]


def test_search_goes_through_wagtail_search_and_combines_with_filters(client, index_page):
    make_insight(index_page, title="Kefir and your skin", tags=["gut"], hero=False)
    make_insight(index_page, title="Kefir for breakfast", tags=["food"], hero=False)
    make_insight(index_page, title="Sunscreen", tags=["gut"], hero=False)

    assert sorted(slugs(client.get(LIST, {"q": "kefir"}))) == ["kefir-and-your-skin", "kefir-for-breakfast"]
    response = client.get(LIST, {"q": "kefir", "tag": "gut"})
    assert slugs(response) == ["kefir-and-your-skin"]
    assert response.json()["count"] == 1


def test_detail_has_the_article(client, index_page, glow_like):
    other = make_insight(index_page, title="Other", tags=["peptides"], hero=False)
    page = make_insight(
        index_page,
        title="Peptides explained",
        tags=["peptides"],
        blocks=[
            {"type": "heading", "value": {"text": "Why peptides", "level": "h2"}},
            spotlight(glow_like),
            {"type": "related_insight", "value": {"lead": "More?", "label": "Read this", "page": other.pk}},
            {"type": "quote", "value": {"text": "Skin is an organ.", "attribution": "A dermatologist"}},
        ],
        search_description="For search engines.",
    )

    data = client.get(f"{LIST}{page.slug}/").json()

    assert [block["type"] for block in data["body"]] == [
        "paragraph",
        "heading",
        "product_spotlight",
        "related_insight",
        "quote",
    ]
    assert all(block["id"] for block in data["body"])
    assert data["body"][1]["value"] == {"level": "h2", "text": "Why peptides", "anchor": "why-peptides"}
    assert data["body"][2]["value"]["product"]["slug"] == "radiance"
    assert data["body"][3]["value"]["insight"] == {
        "slug": "other",
        "title": "Other",
        "url": "http://testserver/insights/other/",
    }
    assert data["toc"] == [{"anchor": "why-peptides", "text": "Why peptides"}]
    assert data["seo"] == {
        "title": "Peptides explained",
        "description": "For search engines.",
        "canonical_url": "http://testserver/insights/peptides-explained/",
    }
    assert data["related"] == [{"slug": "other", "title": "Other", "url": "http://testserver/insights/other/"}]
    assert data["products"] == [
        {"slug": "radiance", "name": "Radiance", "api_url": "http://testserver/api/v1/products/radiance/"}
    ]


def test_rich_text_has_real_urls(client, index_page):
    target = make_insight(index_page, title="Target", hero=False)
    page = make_insight(
        index_page,
        title="Linking",
        hero=False,
        blocks=[paragraph(f'<p>See <a linktype="page" id="{target.pk}">this</a>.</p>')],
    )

    html = client.get(f"{LIST}{page.slug}/").json()["body"][1]["value"]["html"]

    assert "linktype" not in html
    assert 'href="/insights/target/"' in html


def test_unpublished_product_spotlight_is_null_and_not_listed(client, index_page, glow_like):
    page = make_insight(index_page, title="Spotlit", blocks=[spotlight(glow_like)], hero=False)
    glow_like.live = False
    glow_like.save()

    detail = client.get(f"{LIST}{page.slug}/").json()
    item = client.get(LIST).json()["items"][0]

    assert detail["body"][1]["value"]["product"] is None
    assert detail["products"] == [] == item["products"]


def hide(page, how):
    if how == "draft":
        page.live = False
        page.save()
    elif how == "unpublished":
        page.save_revision().publish()
        page.unpublish()
    elif how == "private":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    elif how == "expired":
        page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        page.save()


@pytest.mark.parametrize("how", ["draft", "unpublished", "private", "expired"])
def test_hidden_insights_are_absent(client, index_page, how):
    visible = make_insight(index_page, title="Visible", tags=["shared"], hero=False)
    hidden = make_insight(index_page, title="Hidden", tags=["shared"], hero=False)
    hide(hidden, how)

    assert slugs(client.get(LIST)) == ["visible"]
    assert client.get(LIST).json()["count"] == 1
    assert slugs(client.get(LIST, {"q": "hidden"})) == []
    response = client.get(f"{LIST}hidden/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert client.get(f"{LIST}{visible.slug}/").json()["related"] == []


def test_draft_changes_of_a_live_insight_stay_hidden(client, index_page):
    page = make_insight(index_page, title="Published title", hero=False)
    page.title = "Draft title"
    page.body = [paragraph("<p>Secret draft text.</p>")]
    page.save_revision()

    detail = client.get(f"{LIST}published-title/")

    assert detail.json()["title"] == "Published title"
    assert b"Secret draft text" not in detail.content
    assert client.get(LIST, {"q": "secret"}).json()["count"] == 0


# Query counts: a bounded number of queries whatever the page size or the number of blocks.
LIST_QUERY_BOUND = 10
DETAIL_QUERY_BOUND = 20


def test_list_queries_do_not_grow_with_limit(client, index_page, django_assert_max_num_queries):
    products = [make_product(f"Product {n}") for n in range(3)]
    make_insight(index_page, title="First", tags=["a"], blocks=[spotlight(products[0])])
    url = f"{LIST}?limit=100"
    client.get(url)  # renditions are created on first use
    one, _ = count_queries_fresh(client, url)

    for n in range(29):
        make_insight(index_page, title=f"More {n}", tags=["a", f"t{n}"], blocks=[spotlight(products[n % 3])])
    client.get(url)
    thirty, response = count_queries_fresh(client, url)

    assert response.json()["count"] == 30
    assert one == thirty
    with django_assert_max_num_queries(LIST_QUERY_BOUND):
        client.get(url)


def test_detail_queries_do_not_grow_with_blocks(client, index_page, django_assert_max_num_queries):
    from .api_support import make_image

    def figure():
        return {"type": "image", "value": {"image": {"image": make_image().pk, "alt_text": "x", "decorative": False}}}

    other = make_insight(index_page, title="Other", hero=False)
    related = {"type": "related_insight", "value": {"lead": "", "label": "Read", "page": other.pk}}
    small = make_insight(
        index_page, title="Small", tags=["a"], blocks=[spotlight(make_product("P0")), figure(), related]
    )
    big = make_insight(
        index_page,
        title="Big",
        tags=["a", "b"],
        blocks=[block for n in range(1, 21) for block in (spotlight(make_product(f"P{n}")), figure(), related)],
    )
    for page in (small, big):
        client.get(f"{LIST}{page.slug}/")  # renditions are created on first use

    one, _ = count_queries_fresh(client, f"{LIST}small/")
    twenty, response = count_queries_fresh(client, f"{LIST}big/")

    assert len(response.json()["products"]) == 20
    assert one == twenty
    with django_assert_max_num_queries(DETAIL_QUERY_BOUND):
        client.get(f"{LIST}big/")


def count_queries_fresh(client, url):
    """Count with Django's cache emptied, so that no rendition or site lookup hides behind it."""
    from django.core.cache import cache

    from .api_support import count_queries

    cache.clear()
    return count_queries(client, url)
