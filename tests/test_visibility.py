"""One visibility rule, everywhere: each kind of hidden content against each place it could appear.

A reader or a shop may see a page only when it is live, public and not expired; a product only when it is live and
not expired. Hidden pages: a draft never published, one unpublished, one behind a password, a login or a group, one
past its expiry date (still `live` until publish_scheduled runs), and one under a private section. Hidden products:
a draft, an unpublished one, an expired one. The places: the article itself, the home page, the index and its tag
filter, the sitemap, the API's list (with every filter and search), detail, related insights and `featured_in`,
the related-insight block and the product spotlight in a visible article, in HTML and in JSON.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from .factories import ArticleFactory, IngredientFactory, InsightIndexPageFactory, ProductFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Secret formula"
SECRET_WORDS = "unmistakable-secret-words"
HIDDEN_PAGE_KINDS = ["draft", "unpublished", "password", "login", "group", "expired", "private section"]
HIDDEN_PRODUCT_KINDS = ["draft", "unpublished", "expired"]


def an_hour_ago():
    return timezone.now() - datetime.timedelta(hours=1)


def restrict(page, restriction_type):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=restriction_type, password="x")
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Members"))


@pytest.fixture
def world(index_page):
    """A product and an ingredient, and a visible article that spotlights the product and links to `secret`."""
    active = IngredientFactory(name="Ceramide NP", slug="ceramide-np")
    product = ProductFactory(name="Dew", ingredients=[active], tags=["barrier"])
    visible = ArticleFactory(parent=index_page, title="Visible article", body__4__product_spotlight__product=product)
    visible.tags.add("barrier")
    visible.mentioned_ingredients = [active]
    visible.save_revision().publish()
    return {"index": index_page, "product": product, "ingredient": active, "visible": visible}


def make_secret(world, how):
    parent = world["index"]
    if how == "private section":
        parent = InsightIndexPageFactory(parent=world["index"].get_parent(), title="Members", slug="members")
        restrict(parent, PageViewRestriction.LOGIN)
    secret = ArticleFactory(
        parent=parent,
        title=SECRET_TITLE,
        intro=f"Only for some: {SECRET_WORDS}.",
        live=how != "draft",
        body__4__product_spotlight__product=world["product"],
    )
    secret.tags.add("barrier")
    secret.mentioned_ingredients = [world["ingredient"]]
    if how != "draft":
        secret.save_revision().publish()
    secret.refresh_from_db()
    if how == "unpublished":
        secret.unpublish()
    elif how == "expired":
        secret.expire_at = an_hour_ago()
        secret.save()
    elif how in ("password", "login", "group"):
        restrict(secret, {"password": "password", "login": "login", "group": "groups"}[how])
    return secret


def link_to(page, visible):
    """The visible article's related-insight block now points at `page`."""
    body = visible.body.raw_data
    for block in body:
        if block["type"] == "related_insight":
            block["value"]["page"] = page.pk
    visible.body = body
    visible.save_revision().publish()


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize("how", HIDDEN_PAGE_KINDS)
def test_a_hidden_insight_appears_nowhere(client, world, how):
    secret = make_secret(world, how)
    link_to(secret, world["visible"])
    visible = world["visible"]

    # The article itself: gone, or a password/login step, never its text; fetched twice.
    for _ in range(2):
        response = client.get(f"{secret.get_parent().url}{secret.slug}/")
        assert response.status_code in (200, 302, 404)
        assert SECRET_WORDS.encode() not in response.content

    # Listings and the sitemap.
    for url in ["/", "/insights/", "/insights/?tag=barrier", "/sitemap.xml"]:
        assert SECRET_TITLE not in text(client.get(url)) and secret.slug not in text(client.get(url)), url

    # The visible article links to it with plain text only, in HTML and JSON.
    article = BeautifulSoup(text(client.get(visible.url)), "html.parser")
    related = article.select_one("p.related")
    assert related.find("a") is None and "smart ingredient pairing" in related.get_text()
    detail = client.get(f"/api/v1/insights/{visible.slug}/").json()
    (block,) = [block for block in detail["body"] if block["type"] == "related_insight"]
    assert block["value"]["insight"] is None
    assert secret.slug not in [ref["slug"] for ref in detail["related"]]
    assert SECRET_WORDS not in str(detail)

    # The API's list, with every filter and search, its detail, and `featured_in`.
    for query in [{}, {"tag": "barrier"}, {"product": "dew"}, {"ingredient": "ceramide-np"}, {"q": "secret"}]:
        assert secret.slug not in slugs(client.get("/api/v1/insights/", query)), query
    assert client.get(f"/api/v1/insights/{secret.slug}/").status_code == 404
    featured = client.get("/api/v1/products/dew/").json()["featured_in"]
    assert [ref["slug"] for ref in featured] == [visible.slug]


@pytest.mark.parametrize("how", HIDDEN_PRODUCT_KINDS)
def test_a_hidden_product_appears_nowhere(client, world, how):
    product, visible = world["product"], world["visible"]
    if how == "draft":
        product.live = False
        product.save()
    elif how == "unpublished":
        product.unpublish()
    else:
        product.expire_at = an_hour_ago()
        product.save()

    # The spotlight keeps its pitch and loses its card, in HTML (twice) and JSON.
    for _ in range(2):
        spotlight = BeautifulSoup(text(client.get(visible.url)), "html.parser").select_one(".spotlight")
        assert "every morning" in spotlight.get_text()
        assert spotlight.select_one(".spotlight__card") is None and "Dew" not in spotlight.get_text()
    detail = client.get(f"/api/v1/insights/{visible.slug}/").json()
    (block,) = [block for block in detail["body"] if block["type"] == "product_spotlight"]
    assert block["value"]["product"] is None
    assert detail["products"] == []
    assert "Dew" not in str(detail["body"])

    # Lists, filters and its own endpoints.
    card = client.get("/api/v1/insights/").json()["items"][0]
    assert card["slug"] == visible.slug and card["products"] == []
    assert slugs(client.get("/api/v1/insights/", {"product": "dew"})) == []
    assert slugs(client.get("/api/v1/insights/", {"ingredient": "ceramide-np"})) == [visible.slug]  # a mention
    assert slugs(client.get("/api/v1/products/")) == []
    assert slugs(client.get("/api/v1/products/", {"tag": "barrier"})) == []
    assert client.get("/api/v1/products/dew/").status_code == 404
    assert client.get("/api/v1/ingredients/ceramide-np/").json()["products"] == []


def test_the_same_content_visible_shows_everywhere(client, world):
    """The control: with nothing hidden, every place above does show the article and the product."""
    secret = make_secret(world, "visible")
    link_to(secret, world["visible"])
    assert SECRET_WORDS in text(client.get(secret.url))
    for url in ["/", "/insights/", "/insights/?tag=barrier", "/sitemap.xml"]:
        assert secret.slug in text(client.get(url)), url
    related = BeautifulSoup(text(client.get(world["visible"].url)), "html.parser").select_one("p.related a")
    assert related["href"] == secret.url
    for query in [{}, {"tag": "barrier"}, {"product": "dew"}, {"ingredient": "ceramide-np"}, {"q": "secret"}]:
        assert secret.slug in slugs(client.get("/api/v1/insights/", query)), query
    featured = client.get("/api/v1/products/dew/").json()["featured_in"]
    assert {ref["slug"] for ref in featured} == {secret.slug, world["visible"].slug}
    assert BeautifulSoup(text(client.get(secret.url)), "html.parser").select_one(".spotlight__card") is not None


def test_an_expired_page_is_404_even_before_publish_scheduled_runs(client, world):
    visible = world["visible"]
    assert client.get(visible.url).status_code == 200
    visible.expire_at = an_hour_ago()
    visible.save()
    assert visible.live  # publish_scheduled has not run yet
    assert client.get(visible.url).status_code == 404
    assert client.get(f"/api/v1/insights/{visible.slug}/").status_code == 404
