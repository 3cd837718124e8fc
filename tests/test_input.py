"""Hostile and odd input in search and filters: quotes, FTS operators, blank text, many tags, NUL bytes.

SQLite's FTS5 reads quotes and operators as syntax and PostgreSQL refuses NUL bytes; readers' text must reach
neither as syntax. The same expectations hold on both databases.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.core.search import search_words
from cms.core.tags import MAX_TAGS

from .factories import InsightPageFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/insights/"


@pytest.fixture
def insights(index_page):
    skin = InsightPageFactory(parent=index_page, title="Skin barrier basics", intro="What the skin barrier does.")
    skin.tags.add("barrier", "Gut health", *[f"Tag {n}" for n in range(8)])
    skin.save_revision().publish()
    gut = InsightPageFactory(parent=index_page, title="Gut feelings", intro="Near and far from the gut.")
    gut.tags.add("Gut health")
    gut.save_revision().publish()
    return skin, gut


def slugs(response):
    assert response.status_code == 200, response.content
    return sorted(item["slug"] for item in response.json()["items"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"', ""),
        ('skin"', "skin"),
        ('a"b', "a b"),
        (" ", ""),
        ("\u2003", ""),
        ("skin AND gut", "skin AND gut"),
        ("(skin* OR NEAR(gut))", "skin OR NEAR gut"),
        ("GHK-Cu", "GHK Cu"),
    ],
)
def test_search_words_keep_only_words(text, expected):
    assert search_words(text) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ('"', ["gut-feelings", "skin-barrier-basics"]),  # nothing to search for: no search
        ("%20", ["gut-feelings", "skin-barrier-basics"]),
        ("%E2%80%83", ["gut-feelings", "skin-barrier-basics"]),
        ('skin"', ["skin-barrier-basics"]),
        ('"skin', ["skin-barrier-basics"]),
        ('barrier"', ["skin-barrier-basics"]),
        ("skin*", ["skin-barrier-basics"]),
        ("(feelings", ["gut-feelings"]),
        ("NEAR", ["gut-feelings"]),  # the word, in "Near and far"
        ("skin OR feelings", []),  # as an operator it would find both; as words, no article has all three
    ],
)
def test_quotes_and_operators_are_plain_text_on_every_database(client, insights, query, expected):
    response = client.get(f"{LIST}?q={query}")
    assert slugs(response) == expected


def test_tags_are_capped_and_named_in_the_error(client, insights):
    response = client.get(LIST, {"tag": [f"tag-{n}" for n in range(MAX_TAGS + 1)]})
    assert response.status_code == 422
    assert "tag" in response.json()["errors"][0]["loc"]
    assert client.get(LIST, {"tag": ["gut-health"] * MAX_TAGS}).status_code == 200


def test_every_tag_must_match_by_slug_or_name(client, insights):
    assert slugs(client.get(LIST, {"tag": ["gut-health", "barrier"]})) == ["skin-barrier-basics"]
    assert slugs(client.get(LIST, {"tag": ["Gut health", "GUT HEALTH"]})) == ["gut-feelings", "skin-barrier-basics"]
    assert slugs(client.get(LIST, {"tag": ["gut-health", "nothing"]})) == []


def test_the_tag_filter_costs_the_same_queries_for_one_tag_and_for_ten(client, insights):
    def queries(tags):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST, {"tag": tags}).status_code == 200
        return len(captured)

    client.get(LIST)  # warm the site root cache
    ten = ["gut-health", "barrier", *[f"Tag {n}" for n in range(8)]]
    assert slugs(client.get(LIST, {"tag": ten})) == ["skin-barrier-basics"]
    assert queries(["gut-health"]) == queries(ten)


@pytest.mark.parametrize("url", ["/insights/?tag=%00", "/insights/?page=1&tag=barrier%00", "/insights/%00/"])
def test_nul_bytes_never_reach_the_database(client, insights, url):
    assert client.get(url).status_code == 400


def test_a_tag_that_cannot_be_a_tag_lists_nothing(client, insights):
    response = client.get("/insights/", {"tag": "x" * 500})
    assert response.status_code == 200
    assert "No insights with that tag" in response.content.decode()


def test_a_tag_is_found_by_search_from_the_first_publish(client, index_page):
    page = InsightPageFactory(parent=index_page, title="Plain title", intro="Nothing to see.")
    page.tags.add("Zebrafish")
    page.save_revision().publish()
    assert slugs(client.get(LIST, {"q": "zebrafish"})) == ["plain-title"]
