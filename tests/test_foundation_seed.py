"""The seed: `load_seed` builds the site, the GLOW catalogue and the seed article as structured content."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from insights.models import HomePage, InsightIndexPage
from insights.seed import ARTICLE
from products.models import Claim, Ingredient, Product

from .seed_facts import SECTIONS, TITLE

pytestmark = pytest.mark.django_db


def blocks_of(page, block_type):
    return [block.value for block in page.body if block.block_type == block_type]


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "url_path", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "ingredients": sorted(Ingredient.objects.values_list("pk", "slug")),
        "claims": sorted(Claim.objects.values_list("pk", "slug")),
        "products": sorted(Product.objects.values_list("pk", "slug", "latest_revision_id")),
        "sites": sorted(Site.objects.values_list("pk", "root_page_id", "is_default_site")),
    }


def test_second_run_changes_nothing_and_duplicates_nothing(seeded):
    before = snapshot()
    out = io.StringIO()
    call_command("load_seed", stdout=out)
    assert snapshot() == before
    assert "unchanged" in out.getvalue()


def test_site_structure(seeded):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    index = InsightIndexPage.objects.get()
    assert index.url == "/insights/"
    assert seeded.url == "/insights/balanced-gut-healthy-skin/"
    assert seeded.live and seeded.get_parent().pk == index.pk
    # Wagtail's "Welcome" page is replaced, not left beside the home page.
    assert Page.objects.filter(depth=2).count() == 1


def test_catalogue(glow):
    assert sorted(Ingredient.objects.values_list("name", flat=True)) == [
        "GHK-Cu",
        "Hyaluronic Acid",
        "Palmitoyl Peptides",
        "Snap-8",
    ]
    assert glow.live and glow.product_type == "Multi-peptide serum"
    assert [ingredient.name for ingredient, _note in glow.ingredient_list] == [
        "GHK-Cu",
        "Snap-8",
        "Palmitoyl Peptides",
        "Hyaluronic Acid",
    ]
    assert [claim.text for claim in glow.supported_claims] == [
        "Vegan",
        "Free from parabens",
        "Free from GMOs",
        "Free from synthetic fragrances",
        "Lightweight",
        "Suitable for all skin types, including sensitive skin",
    ]
    assert glow.latest_revision is not None


def test_title_intro_and_first_paragraph(seeded):
    assert seeded.title == TITLE
    assert seeded.intro.startswith("The health of your skin reflects more than your skincare ritual")
    first = seeded.body[0]
    assert first.block_type == "paragraph"
    assert first.value.source.startswith("<p>In this Insight article, we take a closer look")


def test_sections_in_order(seeded):
    headings = blocks_of(seeded, "heading")
    assert [heading["text"] for heading in headings] == SECTIONS
    assert {heading["level"] for heading in headings} == {"h2"}


def test_bullet_lists_and_lead_terms(seeded):
    lists = [
        [(item["term"], item["text"].source) for item in value["items"]] for value in blocks_of(seeded, "bullet_list")
    ]
    assert [len(items) for items in lists] == [4, 4, 5, 4]
    assert [term for term, _text in lists[0]] == ["", "", "", ""]
    assert [term for term, _text in lists[1]] == ["Acne", "Atopic dermatitis", "Rosacea", "Psoriasis"]
    assert [term for term, _text in lists[2]] == [
        "Eat prebiotic and fiber-rich foods",
        "Include probiotics",
        "Stay hydrated",
        "Limit processed foods and added sugars",
        "Manage stress",
    ]
    assert [term for term, _text in lists[3]] == ["Hydration", "Barrier repair", "Daily SPF", "Consistency"]
    assert (
        lists[1][0][1]
        == "<p>Inflammation and gut dysbiosis can contribute to increased breakouts and oil production.</p>"
    )


def test_product_spotlight_links_the_glow_snippet(seeded, glow):
    (spotlight,) = blocks_of(seeded, "product_spotlight")
    assert spotlight["product"].pk == glow.pk
    assert "This is where GLOW, our multi-peptide serum, fits in." in spotlight["pitch"].source


def test_related_insight_is_plain_text_until_a_page_is_chosen(seeded):
    (related,) = blocks_of(seeded, "related_insight")
    assert related["lead"] == "Want to know how to pair ingredients like peptides and hyaluronic acid effectively?"
    assert related["label"] == "Read our guide to smart ingredient pairing"
    assert related["page"] is None


def test_block_order(seeded):
    types = [block.block_type for block in seeded.body]
    assert types[-5:] == ["product_spotlight", "related_insight", "heading", "paragraph", "paragraph"]
    assert "Back to insights" not in str(seeded.body.raw_data)


def seed_sentences():
    """The seed's sentences, less the title (stored once as the title) and the page chrome."""
    lines = [line.strip().lstrip("•").strip() for line in ARTICLE.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line and line != "Back to insights"]
    title = lines[0]
    sentences = []
    for line in lines:
        if line == title:
            continue
        sentences.extend(part.strip() for part in re.split(r"(?<=[.!?:])\s+", line) if part.strip())
    return title, sentences


def test_every_sentence_appears_exactly_once_in_the_rendered_article(client, seeded):
    html = client.get(seeded.url).content.decode()
    article = BeautifulSoup(html, "html.parser").find("article")
    article.find("nav", class_="toc").decompose()  # the table of contents repeats the headings on purpose
    for card in article.select(".spotlight__card"):
        card.decompose()  # rendered from the product snippet, not from the article
    text = re.sub(r"\s+", " ", article.get_text(" "))
    title, sentences = seed_sentences()
    assert text.count(title) == 1
    assert len(sentences) > 40
    for sentence in sentences:
        assert text.count(sentence) == 1, sentence
    html_page = BeautifulSoup(html, "html.parser")
    assert html_page.find("p", class_="back").get_text(strip=True) == "Back to insights"


@pytest.mark.django_db(transaction=True)
def test_seed_builds_the_site_on_a_flushed_database(client):
    call_command("flush", "--no-input")
    assert not Page.objects.exists()
    call_command("load_seed", stdout=io.StringIO())
    assert client.get("/insights/balanced-gut-healthy-skin/").status_code == 200
    assert Page.objects.get(depth=1).title == "Root"
