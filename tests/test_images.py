"""Pictures: an article with a hero, a figure and a spotlighted product with a packshot, viewed again and again.

The first review's editor got a 500 on the second view of their first article with a picture (renditions
created twice), was locked out of its page editor, and every failure left a file behind in media/.
"""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.images import get_image_model

from .factories import ArticleFactory, ProductFactory

pytestmark = pytest.mark.django_db

READER_URLS = ["/", "/insights/", "/insights/full-article/", "/sitemap.xml"]
API_URLS = [
    "/api/v1/insights/",
    "/api/v1/insights/full-article/",
    "/api/v1/products/",
    "/api/v1/products/dew/",
    "/api/v1/ingredients/",
]


@pytest.fixture(autouse=True)
def own_media_root(settings, tmp_path):
    """This test's uploads and renditions only, so that files on disk can be counted."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def article(index_page):
    product = ProductFactory(name="Dew")
    return ArticleFactory(parent=index_page, title="Full article", body__4__product_spotlight__product=product)


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.com", "pw"))
    return client


def rendition_files():
    folder = Path(settings.MEDIA_ROOT) / "images"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_every_reader_page_and_endpoint_answers_again_and_again(client, article):
    for round_ in range(3):
        for url in READER_URLS + API_URLS:
            response = client.get(url)
            assert response.status_code == 200, (round_, url, response.content[:300])


def test_the_editor_can_open_the_article_and_the_product_again_and_again(editor, article):
    product = article.body[4].value["product"]
    for _ in range(3):
        assert editor.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).status_code == 200
        assert editor.get(reverse("wagtailsnippets_products_product:edit", args=[product.pk])).status_code == 200
        assert editor.get(article.url).status_code == 200


def test_no_rendition_is_made_twice_and_no_file_is_left_behind(client, editor, article):
    for url in READER_URLS + API_URLS:
        client.get(url)
    editor.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    files_after_first_views = rendition_files()
    for url in READER_URLS + API_URLS:
        client.get(url)
    editor.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))

    assert rendition_files() == files_after_first_views
    Rendition = get_image_model().get_rendition_model()
    on_record = sorted(Path(name).name for name in Rendition.objects.values_list("file", flat=True))
    assert on_record == files_after_first_views


def alts(html, selector):
    return [img.get("alt") for img in BeautifulSoup(html, "html.parser").select(selector)]


def test_alt_text_comes_from_the_description_or_the_blocks_own_text_never_the_file_name(client, article):
    product = article.body[4].value["product"]
    html = client.get(article.url).content.decode()
    assert alts(html, ".spotlight__card img") == ["Dew"]  # no description: the product's name
    assert alts(html, ".insight__hero img") == [""]  # no description: decorative under its title
    assert alts(html, "figure.figure img") == ["A drop of serum on the back of a hand"]  # the block's own
    assert "dew-dropper" not in html.replace('src="', "").split("alt=")[-1]
    detail = client.get("/api/v1/insights/full-article/").json()
    assert detail["hero_image"]["alt"] == ""
    (spotlight,) = [block for block in detail["body"] if block["type"] == "product_spotlight"]
    assert spotlight["value"]["product"]["image"]["alt"] == "Dew"
    (figure,) = [block for block in detail["body"] if block["type"] == "image"]
    assert figure["value"]["image"]["alt"] == "A drop of serum on the back of a hand"

    product.image.description = "A frosted glass dropper bottle of Dew"
    product.image.save()
    article.hero_image.description = "Morning light on a bathroom shelf"
    article.hero_image.save()
    html = client.get(article.url).content.decode()
    assert alts(html, ".spotlight__card img") == ["A frosted glass dropper bottle of Dew"]
    assert alts(html, ".insight__hero img") == ["Morning light on a bathroom shelf"]
    product_json = client.get("/api/v1/products/dew/").json()
    assert product_json["image"]["alt"] == "A frosted glass dropper bottle of Dew"
    assert (
        client.get("/api/v1/insights/").json()["items"][0]["hero_image"]["alt"] == "Morning light on a bathroom shelf"
    )


def test_a_decorative_figure_has_empty_alt_text(client, index_page):
    page = ArticleFactory(parent=index_page, title="Decorative", body__5__image__image__decorative=True)
    assert alts(client.get(page.url).content.decode(), "figure.figure img") == [""]
    (figure,) = [b for b in client.get("/api/v1/insights/decorative/").json()["body"] if b["type"] == "image"]
    assert figure["value"]["image"]["alt"] == ""
