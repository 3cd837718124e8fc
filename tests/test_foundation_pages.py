"""Reader HTML: the article, the index, tags, pagination, 404s, drafts and private pages, query counts."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from insights.models import INSIGHTS_PER_PAGE

from .factories import InsightPageFactory, ProductFactory

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def make_insights(index_page, count, offset=0, **kwargs):
    start = datetime.date(2026, 1, 1)
    return [
        InsightPageFactory(
            parent=index_page,
            title=f"Insight {offset + n:03d}",
            published_date=start + datetime.timedelta(days=offset + n),
            **kwargs,
        )
        for n in range(count)
    ]


class TestArticle:
    def test_semantic_structure(self, client, seeded):
        page = soup(client.get(seeded.url))
        assert len(page.find_all("h1")) == 1
        section_headings = page.select(".insight__body > h2")
        assert len(section_headings) == 6
        assert all(heading.get("id") for heading in section_headings)
        toc_links = [link["href"] for link in page.select("nav.toc a")]
        assert toc_links == [f"#{heading['id']}" for heading in section_headings]
        lead_terms = [strong.get_text() for strong in page.select(".insight__body ul.bullets li > strong")]
        assert "Acne:" in lead_terms and len(lead_terms) == 13
        assert page.find("time")["datetime"] == seeded.published_date.isoformat()
        assert "min read" in page.select_one(".insight__meta").get_text()
        assert page.select_one("p.back a")["href"] == "/insights/"
        assert page.find("link", rel="stylesheet")["href"].startswith("/static/")

    def test_spotlight_renders_the_product_from_the_snippet(self, client, seeded, glow):
        glow.product_type = "Peptide serum, renamed in the catalogue"
        glow.save()
        page = soup(client.get(seeded.url))
        card = page.select_one(".spotlight__card")
        assert card.select_one(".spotlight__name").get_text() == "GLOW"
        assert card.select_one(".spotlight__type").get_text() == "Peptide serum, renamed in the catalogue"
        assert [li.strong.get_text() for li in card.select(".spotlight__ingredients li")] == [
            "GHK-Cu",
            "Snap-8",
            "Palmitoyl Peptides",
            "Hyaluronic Acid",
        ]
        assert len(card.select(".spotlight__claims li")) == 6

    def test_unsupported_claims_stay_off_the_page(self, client, seeded, glow):
        claim = glow.product_claims.get(claim__slug="lightweight").claim
        claim.substantiation = ""
        claim.save()
        claims = [li.get_text() for li in soup(client.get(seeded.url)).select(".spotlight__claims li")]
        assert "Lightweight" not in claims and len(claims) == 5

    def test_unpublished_product_shows_no_card(self, client, seeded, glow):
        glow.live = False
        glow.save()
        page = soup(client.get(seeded.url))
        assert page.select_one(".spotlight__card") is None
        assert "This is where GLOW" in page.select_one(".spotlight").get_text()

    def test_related_insight_links_only_a_chosen_live_page(self, client, seeded, seeded_index):
        guide = InsightPageFactory(parent=seeded_index, title="Smart ingredient pairing")
        body = seeded.body.raw_data
        for block in body:
            if block["type"] == "related_insight":
                block["value"]["page"] = guide.pk
        seeded.body = body
        seeded.save_revision().publish()
        link = soup(client.get(seeded.url)).select_one("p.related a")
        assert link["href"] == guide.url and link.get_text() == "Read our guide to smart ingredient pairing"

        guide.unpublish()
        related = soup(client.get(seeded.url)).select_one("p.related")
        assert related.find("a") is None
        assert "Read our guide to smart ingredient pairing" in related.get_text()

    def test_tags_link_to_the_filtered_index(self, client, seeded):
        hrefs = [link["href"] for link in soup(client.get(seeded.url)).select("header ul.tags a")]
        assert "/insights/?tag=gut-skin-axis" in hrefs

    def test_unknown_slug_is_404(self, client, seeded):
        response = client.get("/insights/no-such-article/")
        assert response.status_code == 404
        assert b"Page not found" in response.content

    def test_draft_is_never_served(self, client, index_page):
        InsightPageFactory(parent=index_page, title="Published insight")
        InsightPageFactory(parent=index_page, title="Draft insight", live=False)
        assert client.get("/insights/draft-insight/").status_code == 404
        assert client.get("/insights/published-insight/").status_code == 200
        listing = client.get("/insights/").content.decode()
        assert "Draft insight" not in listing and "Published insight" in listing

    def test_unpublished_page_is_gone(self, client, seeded):
        seeded.unpublish()
        assert client.get("/insights/balanced-gut-healthy-skin/").status_code == 404

    def test_draft_changes_of_a_live_page_stay_unseen(self, client, seeded):
        seeded.title = "A draft title nobody should see"
        seeded.save_revision()
        html = client.get(seeded.url).content.decode()
        assert "A draft title nobody should see" not in html

    def test_private_page_is_not_served_to_readers(self, client, seeded):
        PageViewRestriction.objects.create(page=seeded, restriction_type=PageViewRestriction.PASSWORD, password="x")
        response = client.get(seeded.url)
        assert response.status_code == 200  # Wagtail's password form, not the article
        assert b"In this Insight article" not in response.content
        assert "Balanced Gut" not in client.get("/insights/").content.decode()

    def test_reading_time(self, index_page):
        long = InsightPageFactory(
            parent=index_page, body=[{"type": "paragraph", "value": "<p>" + "word " * 1000 + "</p>"}]
        )
        short = InsightPageFactory(parent=index_page)
        assert long.reading_time == 6  # 1000 body words plus title and intro, at 200 words a minute
        assert short.reading_time == 1


class TestIndex:
    def test_cards_newest_first(self, client, index_page):
        make_insights(index_page, 3)
        page = soup(client.get("/insights/"))
        titles = [link.get_text() for link in page.select(".card__title a")]
        assert titles == ["Insight 002", "Insight 001", "Insight 000"]
        card = page.select_one(".card")
        assert card.select_one(".card__excerpt").get_text() == "An opening sentence for the excerpt."
        assert card.find("time")["datetime"] == "2026-01-03"
        assert "min read" in card.select_one(".card__meta").get_text()

    def test_pagination(self, client, index_page):
        make_insights(index_page, INSIGHTS_PER_PAGE + 3)
        first = soup(client.get("/insights/"))
        assert len(first.select(".card")) == INSIGHTS_PER_PAGE
        second = soup(client.get("/insights/?page=2"))
        assert [link.get_text() for link in second.select(".card__title a")] == [
            "Insight 002",
            "Insight 001",
            "Insight 000",
        ]
        assert second.select_one("a[rel=prev]")["href"] == "?page=1"

    @pytest.mark.parametrize(
        "junk, expected_page",
        [("0", 2), ("-1", 2), ("999", 2), ("2" * 40, 2), ("abc", 1), ("1.5", 1), ("", 1)],
    )
    def test_junk_page_numbers_fall_back_to_a_real_page(self, client, index_page, junk, expected_page):
        """Out of range: the last page. Not a number: the first."""
        make_insights(index_page, INSIGHTS_PER_PAGE + 1)
        page = soup(client.get(f"/insights/?page={junk}"))
        assert f"Page {expected_page} of 2" in page.select_one(".pagination").get_text()
        assert len(page.select(".card")) == (INSIGHTS_PER_PAGE if expected_page == 1 else 1)

    @pytest.mark.parametrize("query", ["page=%00", "tag=%00", "tag=gut%00health", "q=%00", "x%00=1"])
    def test_a_nul_byte_in_the_query_is_a_400_before_any_database_work(self, client, index_page, query):
        response = client.get(f"/insights/?{query}")
        assert response.status_code == 400
        assert b"Bad request" in response.content or b"Bad Request" in response.content

    def test_tag_filter(self, client, index_page):
        tagged, untagged = make_insights(index_page, 2)
        tagged.tags.add("Gut health")
        tagged.save_revision().publish()
        page = soup(client.get("/insights/?tag=gut-health"))
        assert [link.get_text() for link in page.select(".card__title a")] == [tagged.title]
        assert "Gut health" in page.select_one(".filter").get_text()
        assert [link.get_text() for link in soup(client.get("/insights/?tag=nothing")).select(".card")] == []
        assert untagged.title in client.get("/insights/?tag=").content.decode()

    def test_tag_filter_with_pagination_keeps_the_tag(self, client, index_page):
        for insight in make_insights(index_page, INSIGHTS_PER_PAGE + 1):
            insight.tags.add("barrier")
            insight.save_revision().publish()
        page = soup(client.get("/insights/?tag=barrier"))
        assert page.select_one("a[rel=next]")["href"] == "?tag=barrier&page=2"

    def test_home_page_lists_the_latest(self, client, seeded):
        page = soup(client.get("/"))
        assert [link.get_text() for link in page.select(".card__title a")] == [seeded.title]


class TestQueryCounts:
    """Query counts must not grow with content."""

    def article_with_spotlights(self, index_page, count):
        body = [{"type": "heading", "value": {"text": "Products", "level": "h2"}}]
        for n in range(count):
            product = ProductFactory(name=f"Serum {count}-{n}")
            body.append({"type": "product_spotlight", "value": {"product": product.pk, "pitch": "<p>Try it.</p>"}})
        return InsightPageFactory(parent=index_page, title=f"Spotlights {count}", body=body)

    def count_queries(self, client, url, django_assert_max_num_queries, bound):
        client.get(url)  # warm Wagtail's site-root cache
        with django_assert_max_num_queries(bound) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    def test_article_with_one_and_with_twenty_spotlights(self, client, index_page, django_assert_max_num_queries):
        one = self.article_with_spotlights(index_page, 1)
        twenty = self.article_with_spotlights(index_page, 20)
        assert len(soup(client.get(twenty.url)).select(".spotlight__card")) == 20
        queries_one = self.count_queries(client, one.url, django_assert_max_num_queries, bound=14)
        queries_twenty = self.count_queries(client, twenty.url, django_assert_max_num_queries, bound=14)
        assert queries_one == queries_twenty

    def test_index_with_one_and_with_fifty_insights(self, client, index_page, django_assert_max_num_queries):
        (first,) = make_insights(index_page, 1)
        first.tags.add("one")
        first.save_revision().publish()
        queries_one = self.count_queries(client, "/insights/", django_assert_max_num_queries, bound=12)
        for insight in make_insights(index_page, 49, offset=1):
            insight.tags.add("many", "more")
            insight.save_revision().publish()
        queries_fifty = self.count_queries(client, "/insights/", django_assert_max_num_queries, bound=12)
        assert queries_one == queries_fifty


@pytest.mark.parametrize("url", ["/", "/sitemap.xml"])
def test_home_and_sitemap_cost_the_same_queries_with_one_insight_and_with_thirty(
    client, index_page, django_assert_max_num_queries, url
):
    for insight in make_insights(index_page, 1):
        insight.tags.add("one")
        insight.save_revision().publish()
    client.get(url)  # warm Wagtail's site-root cache
    with django_assert_max_num_queries(12) as one:
        assert client.get(url).status_code == 200
    make_insights(index_page, 29, offset=1, hero_image=None)
    with django_assert_max_num_queries(12) as thirty:
        assert client.get(url).status_code == 200
    assert len(one) == len(thirty)
