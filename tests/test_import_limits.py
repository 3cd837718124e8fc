"""What the importer reads at most, and how fast it gives up: linear regular expressions, nesting, the limits
on an article's size, and the short cuts that must give the same results as the long way.

Input built to be slow (a megabyte of what a regular expression backtracks on, thousands of nesting levels)
runs under a hang guard, tests/watchdog.py: a deadline of 10 s for work that takes well under half a second,
so that a return to backtracking fails the test instead of hanging the suite. It is not a benchmark: the
figures are printed by bench/importer.py.
"""

import re
from html import escape

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from insights.importer.builder import HREF, Catalogue, related_link
from insights.importer.chrome import is_chrome
from insights.importer.document import ImportFailed
from insights.importer.limits import (
    MAX_BLOCK_TAGS,
    MAX_BLOCKS,
    MAX_LINES,
    MAX_LIST_ITEMS,
    MAX_MARKDOWN_NESTING,
    MAX_MARKUP,
    MAX_NESTING,
)
from insights.importer.readers import detect_format, read
from insights.importer.richtext import (
    LEAD_TERM,
    clean_inline,
    clean_markup,
    collapse,
    split_inline_term,
    split_lead_term,
    split_markup_term,
)
from insights.importer.text import SENTENCE_BREAK, is_bullet, looks_like_heading
from products.models import Ingredient, Product

from .watchdog import import_error, within_deadline

MEGABYTE = 1_000_000


# The related-insight link: the old regular expression is the specification


# What the builder used until it took 36 s for 128 KB of text: kept here only to check the new procedure.
OLD_RELATED = re.compile(
    r"^(?P<lead>.*?)\s*(?P<label>(?:read (?:our|the|my) (?:guide|article|insight|post)s? (?:to|on|about)|"
    r"related topics?:|related:|see also:|read more:)\s*(?P<topic>[^.!?]+?)\s*[.!]?)$",
    re.IGNORECASE | re.DOTALL,
)
RELATED_PIECES = [
    *("Read our guide to", "read the articles about", "READ MY INSIGHT ON", "Read our posts to", "related topic:"),
    *("Related topics:", "related:", "See also:", "read more:", "ſee also:", "read our", "see also", "related"),
    *(" ", "  ", "\n", "\t", "\xa0", ".", "!", "?", ":", ",", "x", "pairing", "Want more", "smart ingredient"),
]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(RELATED_PIECES), max_size=10).map("".join))
@example("Want more? Read our guide to smart ingredient pairing")
@example("Related topic: Something nobody wrote.")
@example("See also:  .")
@example("read more: pairing!\n")
@example("see also: ")
@example("see also: x? Read our guide to y")
def test_related_link_finds_what_the_old_regex_found(text):
    match = OLD_RELATED.match(text)
    link = related_link(text)
    if match is None:
        assert link is None
    else:
        assert (link.lead, link.label, link.topic) == (match["lead"], match["label"], match["topic"])


# The lead term of a bullet: the old regular expression is the specification


OLD_LEAD_TERM = re.compile(r"^(?P<term>[^:.!?,;]{1,80}?)(?:\s*:\s+|\s+[–—]\s+|\s*—\s*)(?P<rest>\S.*)$", re.DOTALL)
TERM_PIECES = [
    *("Acne", "Atopic dermatitis", "x", "a" * 40, " ", "  ", "\t", "\n", "\xa0", ":", "–", "—", "-", ".", ","),
    *("Inflammation and gut dysbiosis", "rest"),
]


def old_split_lead_term(text):
    match = OLD_LEAD_TERM.match(text)
    if match and len(match["term"].split()) <= 8 and match["term"].strip()[:1].isalnum():
        return " ".join(match["term"].split()), match["rest"].strip(), match.start("rest")
    return "", text, None


@settings(max_examples=500)
@given(st.lists(st.sampled_from(TERM_PIECES), max_size=10).map("".join))
@example(" : x")
@example("Acne  :  rest")
@example("Acne — rest")
def test_lead_term_splits_as_the_old_regex_did(text):
    term, rest, rest_start = old_split_lead_term(text)
    assert split_lead_term(text) == (term, rest)
    if term:
        assert LEAD_TERM.match(text).start("rest") == rest_start


# Every regular expression that reads user input, fed a megabyte built to be slow


def test_related_link_is_linear():
    spaces = "Healthy skin" + " " * MEGABYTE + "starts within?"
    markers = "See also: " * (MEGABYTE // 10) + "and that is all?"
    marker_then_spaces = "Read our guide to pairing" + " " * MEGABYTE + "peptides"
    assert within_deadline(related_link, spaces) is None
    assert within_deadline(related_link, markers) is None
    link = within_deadline(related_link, marker_then_spaces)
    assert (link.lead, link.label.strip()[:25], link.topic.split()) == (
        "",
        "Read our guide to pairing",
        ["pairing", "peptides"],
    )


def test_href_is_linear():
    assert within_deadline(HREF.findall, 'Read <a href="' + "x" * MEGABYTE) == []
    assert within_deadline(HREF.findall, '<a href="">' * (MEGABYTE // 11)) == []


def test_chrome_is_linear():
    assert within_deadline(is_chrome, "Share on " + "facebook" * (MEGABYTE // 8) + "?") is False
    assert within_deadline(is_chrome, "Image" + " " * MEGABYTE + "credit") is False
    assert within_deadline(is_chrome, "Image: " + "a woman applying serum " * (MEGABYTE // 23)) is True


def test_bullets_and_headings_of_plain_text_are_linear():
    assert within_deadline(is_bullet, "•" + " " * MEGABYTE) is False
    assert within_deadline(is_bullet, "12." + " " * MEGABYTE + "Hydrate") is True
    assert within_deadline(looks_like_heading, "A" + " word" * (MEGABYTE // 5)) is False
    assert within_deadline(SENTENCE_BREAK.search, "Skin." * (MEGABYTE // 5)) is None
    assert within_deadline(collapse, " \t\n\xa0" * (MEGABYTE // 4)) == ""


def test_lead_term_is_linear():
    assert within_deadline(split_lead_term, "Acne" + " " * MEGABYTE + "flares") == (
        "",
        "Acne" + " " * MEGABYTE + "flares",
    )
    assert within_deadline(split_lead_term, "Acne" + " " * MEGABYTE + ": flares") == ("Acne", "flares")
    assert within_deadline(split_lead_term, "Acne —" + " " * MEGABYTE) == ("", "Acne —" + " " * MEGABYTE)


def test_format_detection_is_linear():
    assert within_deadline(detect_format, " " * MEGABYTE + "Title", "<pasted>") == "text"
    assert within_deadline(detect_format, "#" + " " * MEGABYTE, "<pasted>") == "text"


def test_product_and_ingredient_names_are_linear():
    catalogue = Catalogue(
        products=[Product(pk=1, name="GLOW", slug="glow", aliases="glow serum")],
        ingredients=[Ingredient(pk=1, name="Hyaluronic Acid", slug="hyaluronic-acid", aliases="sodium hyaluronate")],
    )
    near_misses = "glow seru" * (MEGABYTE // 9) + " GLOWING"
    assert within_deadline(catalogue.product_in, near_misses) is None
    assert within_deadline(catalogue.ingredients_in, "hyaluronic acidic " * (MEGABYTE // 18)) == []


# The readers give up early, with the count, the limit and where


def read_error(source, fmt):
    return import_error(read, source, fmt)


def test_a_hundred_thousand_markdown_bullets_are_refused_quickly():
    source = "# Everyday Skincare\n\nIntro.\n\n" + "- Hydrate: water.\n" * 100_000  # 1.8 MB
    reason, line = within_deadline(read_error, source, "markdown")
    assert reason == (
        f"the file has 100,002 lines of text (blank lines not counted); the importer reads at most {MAX_LINES:,} "
        "in one article: split the article"
    )
    assert line == MAX_LINES + 3  # the title and the intro, then a blank line, then the bullets


def test_a_megabyte_of_markdown_markup_is_refused_quickly():
    reason, line = within_deadline(read_error, "# Links\n\nSee " + "[" * MEGABYTE + "\n", "markdown")
    assert reason.startswith(f"the Markdown has {MEGABYTE + 1:,} markup characters (! # $ % & * + - : < = > @ [ \\ ]")
    advice = "split the article, or remove markup it does not need"
    assert reason.endswith(f"the importer reads at most {MAX_MARKUP:,} in one article: {advice}")
    assert line == 3


def test_html_with_too_many_tags_or_character_references_is_refused_quickly():
    source = "<h1>Title</h1>\n<p>" + "Tom &amp; Jerry " * (MEGABYTE // 16) + "</p>"
    reason, line = within_deadline(read_error, source, "html")
    assert reason == (
        f"the HTML has {MEGABYTE // 16 + 4:,} tags and character references (< and &); the importer reads at most "
        f"{MAX_MARKUP:,} in one article: save or paste only the article, or split it"
    )
    assert line == 2


def test_a_long_paragraph_of_spaces_and_entities_is_read_in_time():
    html = "<h1>Title</h1><p>Intro.</p><p>" + "skin " * (MEGABYTE // 5) + "&amp; " * (MAX_MARKUP - 10) + "</p>"
    document = within_deadline(read, html, "html")
    text = document.nodes[1].text
    assert text == " ".join(["skin"] * (MEGABYTE // 5) + ["&"] * (MAX_MARKUP - 10))


@pytest.mark.parametrize(
    ("source", "fmt", "expected", "line"),
    [
        # The 2,001st bullet is on line 4 + 2,001; the 1,001st block (the intro is the first) on line 3 + 2 * 1,000.
        ("Title\n\nIntro.\n\n" + "• Hydrate: drink water.\n" * (MAX_LIST_ITEMS + 1), "text", "2,001 list items", 2005),
        ("Title\n\nIntro.\n\n" + "A paragraph of text.\n\n" * MAX_BLOCKS, "text", "1,001 blocks", 2003),
        ("# Title\n\n" + "A paragraph of text.\n\n" * (MAX_BLOCKS + 1), "markdown", "1,001 blocks", 2003),
    ],
)
def test_more_blocks_or_list_items_than_the_limit_is_an_error_naming_the_first_one_over(source, fmt, expected, line):
    reason, error_line = read_error(source, fmt)
    assert reason.startswith(f"the article has {expected}")
    assert reason.endswith("in one article: split the article")
    assert error_line == line


def test_an_article_at_the_limits_is_read():
    source = "Title\n\nIntro.\n\n" + "• Hydrate: drink water.\n" * MAX_LIST_ITEMS
    assert len(read(source, "text").nodes[1].items) == MAX_LIST_ITEMS


def test_a_paragraph_with_too_many_tags_is_an_error():
    html = "<h1>Title</h1>\n<p>Intro.</p>\n<p>" + "<b>bold</b> " * (MAX_BLOCK_TAGS // 2 + 1) + "</p>"
    reason, line = read_error(html, "html")
    assert reason.startswith(f"a paragraph or list item with {MAX_BLOCK_TAGS + 2:,} tags")
    assert line == 3


# Nesting: an error naming the line, never a RecursionError


def deep_divs(levels):
    return "<h1>Deep</h1>\n<p>Intro.</p>\n" + "<div>" * levels + "The bottom."


@pytest.mark.parametrize(
    ("source", "message", "line"),
    [
        (deep_divs(10_000), "elements are nested 10,000 levels deep", 3),
        ("<h1>Deep</h1>\n<p>Intro.</p>\n<p>" + "<b>" * 10_000 + "bold", "elements are nested 10,000 levels deep", 3),
        ("<h1>Deep</h1>\n<p>Intro.</p>\n" + "<ul><li>item" * 5_000, "elements are nested 5,000 levels deep", 3),
        ("# Deep\n\nIntro.\n\n<div>\n" + "<div>" * 150 + "\n</div>\n", "elements are nested 151 levels deep", 6),
        ("# Deep\n\nIntro " + "<b>" * 200 + "bold\n", "elements are nested 200 levels deep", 3),
        ("# Deep\n\nIntro " + "<i>" * 5_000 + "x\n", "a paragraph or list item with 5,000 tags", 3),
    ],
)
def test_deep_nesting_is_an_error_naming_the_line(source, message, line):
    fmt = "markdown" if source.startswith("#") else "html"
    reason, error_line = within_deadline(read_error, source, fmt)
    assert reason.startswith(message)
    if message.startswith("elements"):
        assert reason.endswith(
            f"the importer reads at most {MAX_NESTING} levels: remove the wrappers around the article "
            "(or save only the article itself)"
        )
    assert error_line == line


def test_nesting_up_to_the_limit_is_read():
    document = read(deep_divs(MAX_NESTING - 3), "html")  # html, body and the divs
    assert document.nodes[-1].text == "The bottom."


def nested_list(levels):
    return (
        "# Nested\n\nIntro.\n\n"
        + "".join("  " * level + f"- item {level}\n" for level in range(levels))
        + ("\nAfter the list.\n")
    )


def nested_quotes(levels):
    return "# Quoted\n\nIntro.\n\n" + ">" * levels + " The innermost words.\n\nAfter the quote.\n"


def mixed(levels):
    """A list item with a quote in it, with a list in it, with a quote ...: two levels a line."""
    lines = ["  > " * level + f"- item {level}" for level in range(levels)]
    return "# Mixed\n\nIntro.\n\n" + "\n".join(lines) + "\n\nAfter it all.\n"


@pytest.mark.parametrize(
    ("make", "line"),
    [(nested_list, 5 + MAX_MARKDOWN_NESTING), (nested_quotes, 5), (mixed, 5 + MAX_MARKDOWN_NESTING // 2)],
    ids=["lists", "quotes", "lists-and-quotes"],
)
@pytest.mark.parametrize("levels", [1, 2, 5, 6, 9, 10, 11, 25, 60])
def test_markdown_nested_deeper_than_the_limit_is_an_error_and_nothing_is_lost_below_it(make, line, levels):
    source = make(levels)
    outcome = read_error(source, "markdown")
    if outcome is not None:
        reason, error_line = outcome
        assert reason == (
            f"lists and quotes are nested more than {MAX_MARKDOWN_NESTING} levels deep here; the importer reads at "
            f"most {MAX_MARKDOWN_NESTING} levels: flatten the nesting"
        )
        assert error_line == line
        return
    # Read: every word of the source is in the document.
    document = read(source, "markdown")
    texts = [node.text for node in document.nodes] + [item.text for node in document.nodes for item in node.items]
    words = set(re.findall(r"\w+", " ".join(texts))) | set(document.title.split())
    assert set(re.findall(r"\w+", source)) <= words


def test_markdown_nesting_limit_is_where_the_tests_above_expect_it():
    assert read_error(nested_list(MAX_MARKDOWN_NESTING), "markdown") is None
    assert read_error(nested_list(MAX_MARKDOWN_NESTING + 1), "markdown") is not None
    assert read_error(nested_quotes(MAX_MARKDOWN_NESTING), "markdown") is None
    assert read_error(nested_quotes(MAX_MARKDOWN_NESTING + 1), "markdown") is not None


def test_a_quote_in_a_quote_keeps_both():
    document = read("# Quotes\n\nIntro.\n\n> Outer words.\n>\n> > Inner words.\n>\n> More outer words.\n", "markdown")
    (quote,) = [node for node in document.nodes if node.kind == "quote"]
    assert quote.text == "Outer words.\n\nInner words.\n\nMore outer words."


# Short cuts: the same result as the long way


ESCAPED_TEXT = st.lists(
    st.sampled_from(
        [
            *(
                "Acne",
                ":",
                " ",
                "  ",
                "\n",
                "\t",
                "\r",
                "\x0c",
                "\xa0",
                "\u2028",
                "\u200b",
                "—",
                "&",
                "<",
                ">",
                '"',
                "'",
            ),
            *("&lt;", "&amp;", "GLOW", "é", "x."),
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(ESCAPED_TEXT, st.booleans())
def test_escaped_text_short_cut_gives_what_the_whitelist_gives(text, quote):
    html = escape(text, quote=quote)  # markdown-it escapes quotes, BeautifulSoup does not
    fast, slow = clean_inline(html), clean_markup(html)
    assert (fast.html, fast.text, fast.removed, fast.images, fast.controls) == (
        slow.html,
        slow.text,
        slow.removed,
        slow.images,
        slow.controls,
    )
    fast_term, fast_rest = split_inline_term(fast)
    slow_term, slow_rest = split_markup_term(slow)
    assert (fast_term, fast_rest.html, fast_rest.text) == (slow_term, slow_rest.html, slow_rest.text)


# Text in HTML is text


def test_escaped_markup_in_html_stays_text():
    document = read(
        "<h1>Writing HTML</h1><p>Intro.</p><div>Use &lt;b&gt;bold&lt;/b&gt; sparingly.</div>"
        "<ul><li>Never paste &lt;script&gt; tags.<!-- an editor's note --></li></ul>",
        "html",
    )
    paragraph, bullets = document.nodes[1:]
    assert (paragraph.text, paragraph.html) == ("Use <b>bold</b> sparingly.", "Use &lt;b&gt;bold&lt;/b&gt; sparingly.")
    assert [(item.text, item.html) for item in bullets.items] == [
        ("Never paste <script> tags.", "Never paste &lt;script&gt; tags.")
    ]
    assert document.warnings == []


def test_import_failed_keeps_its_line_through_the_guard():
    # The guard's child process returns plain data; this checks the helper itself, so the tests above can fail.
    assert within_deadline(read_error, "• A bullet first\nText.", "text") == (
        "the first line is a bullet: the first line of the text must be the title",
        1,
    )
    with pytest.raises(ImportFailed):
        read("• A bullet first\nText.", "text")
