"""The content importer: readers, builder, pages, the command line and the export."""

import io
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.admin.rich_text.converters.db_html import DbHTMLConverter
from wagtail.models import Revision

from insights.blocks import INLINE_FEATURES, PARAGRAPH_FEATURES
from insights.importer.builder import Catalogue, build
from insights.importer.document import ImportFailed
from insights.importer.export import export_page
from insights.importer.pages import import_article, import_file
from insights.importer.readers import detect_format, read
from insights.importer.richtext import plain_text
from insights.importer.sources import decode
from insights.models import InsightIndexPage, InsightPage
from insights.seed import ARTICLE, ARTICLE_TAGS
from products.models import Ingredient, Product

from .factories import IngredientFactory, InsightPageFactory, ProductFactory
from .seed_facts import SECTIONS, TITLE

GOLDEN = Path(__file__).parent / "golden" / "import-seed-body.json"
SEED = ARTICLE.read_text(encoding="utf-8")


# Helpers


def structure(page):
    """A page's content as plain data: block ids dropped, products and pages by slug (stable across databases)."""
    products = dict(Product.objects.values_list("pk", "slug"))
    pages = dict(InsightPage.objects.values_list("pk", "slug"))

    def block(raw):
        value = raw["value"]
        if raw["type"] == "bullet_list":
            value = {"items": [item.get("value", item) for item in value["items"]]}
        elif raw["type"] == "product_spotlight":
            value = {**value, "product": products.get(value["product"])}
        elif raw["type"] == "related_insight":
            value = {**value, "page": pages.get(value["page"])}
        return {"type": raw["type"], "value": value}

    return {
        "title": page.title,
        "intro": page.intro,
        "body": [block(raw) for raw in page.body.raw_data],
        "mentioned_ingredients": sorted(ingredient.slug for ingredient in page.mentioned_ingredients.all()),
    }


def latest(page_id):
    return InsightPage.objects.get(pk=page_id).get_latest_revision_as_object()


def tag_names(page):
    return sorted(tag.name for tag in page.tags.all())


def rich_texts(page):
    """Every stored rich-text value of a page's body."""
    for raw in page.body.raw_data:
        value = raw["value"]
        if raw["type"] == "paragraph":
            yield value, PARAGRAPH_FEATURES
        elif raw["type"] == "product_spotlight":
            yield value["pitch"], INLINE_FEATURES
        elif raw["type"] == "bullet_list":
            for item in value["items"]:
                yield item["value"]["text"], INLINE_FEATURES


def catalogue_with_glow():
    glow = Product(pk=1, name="GLOW", slug="glow", aliases="glow serum")
    hyaluronic = Ingredient(pk=1, name="Hyaluronic Acid", slug="hyaluronic-acid", aliases="sodium hyaluronate")
    peptides = Ingredient(pk=2, name="Palmitoyl Peptides", slug="palmitoyl-peptides", aliases="peptides")
    return Catalogue(products=[glow], ingredients=[hyaluronic, peptides])


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


# The seed: golden structure


def test_seed_page_matches_the_golden_structure(seeded):
    actual = structure(seeded)
    if os.environ.get("UPDATE_GOLDEN"):  # after a deliberate change: rewrite, then review the diff
        GOLDEN.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert actual == json.loads(GOLDEN.read_text(encoding="utf-8"))
    # What the Foundation issue spells out, so that the golden file cannot drift from it unnoticed.
    body = actual["body"]
    assert actual["title"] == TITLE
    assert actual["intro"].startswith("The health of your skin reflects more than your skincare ritual")
    assert body[0] == {
        "type": "paragraph",
        "value": "<p>In this Insight article, we take a closer look at how gut health shapes your skin, the potential "
        "consequences of imbalance, and what you can do to strengthen both from the inside out.</p>",
    }
    assert [b["value"]["text"] for b in body if b["type"] == "heading"] == SECTIONS
    assert {b["value"]["level"] for b in body if b["type"] == "heading"} == {"h2"}
    lists = [b["value"]["items"] for b in body if b["type"] == "bullet_list"]
    assert [len(items) for items in lists] == [4, 4, 5, 4]
    assert [item["term"] for item in lists[0]] == ["", "", "", ""]
    assert [item["term"] for item in lists[1]] == ["Acne", "Atopic dermatitis", "Rosacea", "Psoriasis"]
    assert all(item["term"] for item in lists[2] + lists[3])
    (spotlight,) = [b for b in body if b["type"] == "product_spotlight"]
    assert spotlight["value"]["product"] == "glow"
    assert "This is where GLOW, our multi-peptide serum, fits in." in spotlight["value"]["pitch"]
    (related,) = [b for b in body if b["type"] == "related_insight"]
    assert related["value"] == {
        "lead": "Want to know how to pair ingredients like peptides and hyaluronic acid effectively?",
        "label": "Read our guide to smart ingredient pairing",
        "page": None,
    }
    assert actual["mentioned_ingredients"] == ["ghk-cu", "hyaluronic-acid", "palmitoyl-peptides", "snap-8"]


def test_every_seed_sentence_appears_exactly_once_and_chrome_is_reported(seeded):
    from bs4 import BeautifulSoup

    texts = [seeded.title, seeded.intro]
    for raw in seeded.body.raw_data:
        value = raw["value"]
        if raw["type"] == "heading":
            texts.append(value["text"])
        elif raw["type"] == "paragraph":
            texts.append(plain_text(BeautifulSoup(value, "html.parser")))
        elif raw["type"] == "bullet_list":
            for item in value["items"]:
                texts.append(item["value"]["term"])
                texts.append(plain_text(BeautifulSoup(item["value"]["text"], "html.parser")))
        elif raw["type"] == "product_spotlight":
            texts.append(plain_text(BeautifulSoup(value["pitch"], "html.parser")))
        elif raw["type"] == "related_insight":
            texts.append(f"{value['lead']} {value['label']}")
    page_text = "\n".join(texts)
    lines = [line.strip() for line in SEED.splitlines() if line.strip()]
    sentences = []
    for line in lines[2:]:  # the title, twice
        line = re.sub(r"^•\s+", "", line)
        sentences += [part for part in re.split(r"(?<=[.?!:])\s+", line) if part]
    sentences.remove("Back to insights")
    for sentence in sentences:
        assert page_text.count(sentence.rstrip(":")) == 1, sentence
    assert "Back to insights" not in page_text
    report = import_article(SEED, parent=seeded.get_parent().specific, name="copy.txt", dry_run=True)
    assert report.chrome == [{"line": 65, "text": "Back to insights"}]


def test_load_seed_twice_creates_no_new_revision(seeded):
    revisions = Revision.objects.filter(object_id=str(seeded.pk)).count()
    call_command("load_seed", stdout=io.StringIO())
    assert Revision.objects.filter(object_id=str(seeded.pk)).count() == revisions
    assert InsightPage.objects.filter(source_key="balanced-gut-healthy-skin").count() == 1


# Sources: bad input gets a clear error


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"  \n\n\t ", "the file is empty"),
        (b"\xef\xbb\xbf", "the file is empty"),
        (b"Title\n\x00\x01\x02binary", "this is a binary file, not text (it contains NUL bytes)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a binary file, not text (it contains NUL bytes)"),
        (b"Title\n\nText\x81\x8d more\n", "undecodable byte 0x81"),
    ],
)
def test_bad_bytes_fail_with_a_reason(content, reason):
    with pytest.raises(ImportFailed) as error:
        decode(content)
    assert reason in error.value.reason


def test_undecodable_bytes_name_the_line():
    with pytest.raises(ImportFailed) as error:
        decode(b"Title\n\nFirst line.\nSecond \x81 line.\n")
    assert error.value.line == 4
    assert str(error.value).startswith("line 4: undecodable byte 0x81")


def test_utf8_bom_is_stripped_and_cp1252_is_read_with_a_warning():
    text, warnings = decode("\ufeffTitle\n\nCafé.".encode())
    assert text == "Title\n\nCafé." and warnings == []
    text, warnings = decode("Title\n\nCafé – “quoted”.".encode("cp1252"))
    assert text == "Title\n\nCafé – “quoted”."
    assert len(warnings) == 1 and warnings[0].startswith("line 3: not UTF-8 (byte 0xe9); read as Windows-1252")


def test_size_limit_comes_from_the_setting(settings, tmp_path):
    settings.IMPORT_MAX_BYTES = 100
    path = write(tmp_path, "big.txt", "Title\n\n" + "Words and more words. " * 10)
    report = import_file(path, parent=None)
    assert report.failed
    assert report.error == "the file is 227 bytes, over the limit of 100 bytes (setting IMPORT_MAX_BYTES)"


def test_missing_path_and_directory_fail_with_a_reason(tmp_path):
    assert import_file(tmp_path / "nope.txt", parent=None).error == "no such file"
    assert import_file(tmp_path, parent=None).error == "this is a directory, not a file: name the files inside it"


# Readers


def test_text_reader_bullets_terms_emoji_and_headings():
    document = read(
        "A Title\n\nOpening paragraph.\n\nA Section\n\n"
        "• Alpha: first.\n- Beta – second.\n* Gamma — third.\n– plain item.\n1. Numbered item.\n2) Another one.\n"
        "▪ Square item.\n✨ Sparkle line stays text.\n"
        "Short line without punctuation\n",
        "text",
    )
    kinds = [node.kind for node in document.nodes]
    assert kinds == ["paragraph", "heading", "bullet_list", "paragraph", "paragraph"]
    items = document.nodes[2].items
    assert [(item.term, item.text) for item in items] == [
        ("Alpha", "first."),
        ("Beta", "second."),
        ("Gamma", "third."),
        ("", "plain item."),
        ("", "Numbered item."),
        ("", "Another one."),
        ("", "Square item."),
    ]
    assert document.nodes[3].text == "✨ Sparkle line stays text."
    # The last line opens no section: a paragraph, not a heading.
    assert document.nodes[4].text == "Short line without punctuation"


def test_text_reader_drops_chrome_anywhere_and_reports_it():
    document = read(
        "Back to insights\nThe Title\nThe Title\n\nFirst.\n\nShare this article\nA Section\n\nBody text.\n\n"
        "Image: a woman applying serum\nTop of page\n",
        "text",
    )
    assert document.title == "The Title"
    assert [(node.kind, node.text) for node in document.nodes] == [
        ("paragraph", "First."),
        ("heading", "A Section"),
        ("paragraph", "Body text."),
    ]
    assert document.chrome == [
        (1, "Back to insights"),
        (7, "Share this article"),
        (12, "Image: a woman applying serum"),
        (13, "Top of page"),
    ]


def test_text_reader_treats_markup_as_text():
    document = read("Title\n\n<script>alert(1)</script> & <b>not bold</b>.\n", "text")
    assert document.nodes[0].html == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt;."


def test_markdown_reader():
    document = read(
        "# Peptides\n\nIntro with *emphasis* and [a link](https://example.com/a?b=1&c=2).\n\n"
        "## Section\n\n### Sub\n\n- **Signal:** make collagen.\n- Carrier – deliver copper.\n  - Nested item.\n"
        "1. Numbered.\n\n![A bottle](bottle.png)\n\n> Peptides are messengers.\n>\n> — A chemist\n\n"
        "[Back to insights](/insights/)\n",
        "markdown",
    )
    assert document.title == "Peptides"
    assert [(node.kind, node.level) for node in document.nodes] == [
        ("paragraph", 2),
        ("heading", 2),
        ("heading", 3),
        ("bullet_list", 2),
        ("bullet_list", 2),
        ("quote", 2),
        ("paragraph", 2),
    ]
    assert document.nodes[0].html == (
        'Intro with <i>emphasis</i> and <a href="https://example.com/a?b=1&amp;c=2">a link</a>.'
    )
    assert [(item.term, item.html) for item in document.nodes[3].items] == [
        ("Signal", "make collagen."),
        ("Carrier", "deliver copper."),
        ("", "Nested item."),
    ]
    assert (document.nodes[5].text, document.nodes[5].attribution) == ("Peptides are messengers.", "A chemist")
    assert document.chrome == [(14, "Image: A bottle")]


def test_html_reader():
    document = read(
        """<!doctype html><html><head><title>Hydration | Brand</title><script>track()</script></head>
<body><header><a href="/">Brand</a></header><nav><a href="/insights/">Insights</a></nav>
<article><h1>Hydration basics</h1>
<p>Water is <b onclick="x()">key</b>. <a href="javascript:alert(1)">Click</a> or <a href="/a/">read</a>.</p>
<img src="/a/woman.jpg" alt="Woman drinking water">
<h2>Why</h2><h4>Deeper</h4>
<ul><li><strong>Drink:</strong> eight glasses.</li><li>Moisturise — <em>daily</em>.<ul><li>Inner.</li></ul></li></ul>
<dl><dt>Humectant</dt><dd>Draws water in.</dd></dl>
<blockquote><p>Drink up.</p><cite>A nurse</cite></blockquote>
<figure><img src="b.png" alt=""><figcaption>A caption kept.</figcaption></figure>
<button>Share</button><iframe src="https://evil.example"></iframe>
</article><footer>© Brand</footer></body></html>""",
        "html",
    )
    assert document.title == "Hydration basics"
    assert [node.kind for node in document.nodes] == [
        "paragraph",
        "heading",
        "heading",
        "bullet_list",
        "bullet_list",
        "quote",
        "paragraph",
    ]
    assert document.nodes[0].html == 'Water is <b>key</b>. Click or <a href="/a/">read</a>.'
    assert [node.level for node in document.nodes[1:3]] == [2, 3]
    assert [(item.term, item.html) for item in document.nodes[3].items] == [
        ("Drink", "eight glasses."),
        ("Moisturise", "<i>daily</i>."),
        ("", "Inner."),
    ]
    assert [(item.term, item.text) for item in document.nodes[4].items] == [("Humectant", "Draws water in.")]
    assert (document.nodes[5].text, document.nodes[5].attribution) == ("Drink up.", "A nurse")
    chrome = [text for _line, text in document.chrome]
    assert set(chrome) == {"Brand", "Insights", "Image: Woman drinking water", "Image: b.png", "Share", "© Brand"}
    assert document.warnings == ["line 11: removed unsafe <iframe> and its content"]


def test_format_detection():
    assert detect_format("anything", "a.md") == "markdown"
    assert detect_format("anything", "a.HTM") == "html"
    assert detect_format("<!DOCTYPE html><p>x</p>", "<pasted>") == "html"
    assert detect_format("# Title\n\ntext", "<pasted>") == "markdown"
    assert detect_format("Title\n\ntext", "<pasted>") == "text"


@pytest.mark.parametrize(
    ("source", "fmt", "message"),
    [
        ("• A bullet first\nText.", "text", "line 1: the first line is a bullet"),
        ("Only a title\n", "text", "line 1: the article has a title but no text"),
        ("Back to insights\nShare\n", "text", "the file has nothing but page chrome"),
        (
            "Just a paragraph that reads like prose. It has sentences.\n",
            "markdown",
            "line 1: the Markdown has no title",
        ),
        ("<p>No heading, no title.</p>", "html", "the page has no title"),
        ("T" * 300 + "\n\nText.", "text", "line 1: the first line (the title) is 300 characters long"),
    ],
)
def test_input_that_cannot_make_an_article_fails_with_line_and_reason(source, fmt, message):
    with pytest.raises(ImportFailed) as error:
        build(read(source, fmt), Catalogue())
    assert str(error.value).startswith(message)


# Builder: linking


def test_product_spotlight_by_name_case_sensitive_or_alias_any_case_first_mention_only():
    document = read(
        "Title\n\nIntro.\n\nA healthy glow is not a product.\n\nOur GLOW SERUM helps.\n\nGLOW again, later.\n",
        "text",
    )
    built = build(document, catalogue_with_glow())
    assert [block["type"] for block in built.body] == ["paragraph", "product_spotlight", "paragraph"]
    assert built.body[1]["value"] == {"product": 1, "pitch": "<p>Our GLOW SERUM helps.</p>"}
    assert built.spotlights == [{"line": 7, "product": "glow"}]


def test_ingredient_mentions_by_name_or_alias_in_any_case():
    built = build(read("Title\n\nIntro.\n\n• Hydration: HYALURONIC ACID holds water.\n", "text"), catalogue_with_glow())
    assert [ingredient.slug for ingredient in built.mentioned_ingredients] == ["hyaluronic-acid"]
    built = build(read("Title\n\nIntro about peptides.\n\nMore.\n", "text"), catalogue_with_glow())
    assert [ingredient.slug for ingredient in built.mentioned_ingredients] == ["palmitoyl-peptides"]


def test_related_insight_resolved_by_title_or_url_else_reported(db, index_page):
    target = InsightPageFactory(parent=index_page, title="Smart Ingredient Pairing", slug="pairing")
    source = (
        "Title\n\nIntro.\n\nWant more? Read our guide to smart ingredient pairing\n\n"
        "Related topic: Something nobody wrote\n"
    )
    report = import_article(source, parent=index_page, name="related.txt")
    page = latest(report.page_id)
    related = [block.value for block in page.body if block.block_type == "related_insight"]
    assert [(value["lead"], value["label"], value["page"] and value["page"].pk) for value in related] == [
        ("Want more?", "Read our guide to smart ingredient pairing", target.pk),
        ("", "Related topic: Something nobody wrote", None),
    ]
    assert report.related_resolved == [
        {
            "line": 5,
            "label": "Read our guide to smart ingredient pairing",
            "topic": "smart ingredient pairing",
            "insight": "pairing",
        }
    ]
    assert report.related_unresolved == [
        {"line": 7, "label": "Related topic: Something nobody wrote", "topic": "Something nobody wrote"}
    ]
    # By the link's URL when the words differ from the title.
    md = "# T\n\nIntro.\n\nSee this. Read our guide to [our pairing advice](/insights/pairing/)\n"
    report = import_article(md, parent=index_page, name="by-url.md")
    assert report.related_resolved[0]["insight"] == "pairing"


def test_overlong_blocks_fall_back_instead_of_failing_validation(db, index_page):
    heading = "Word " * 50
    html = f"<h1>Title</h1><p>Intro.</p><h2>{heading}</h2><p>Text.</p>"
    report = import_article(html, parent=index_page, name="long.html")
    assert report.status == "created"
    assert report.blocks == {"paragraph": 2}
    assert report.warnings == ["line 1: a heading over 200 characters became a paragraph"]


# Rich text safety


NASTY_HTML = """<html><body><article><h1>Safe</h1>
<p>Intro <script>alert(1)</script><style>p{}</style>.</p>
<p onclick="steal()">Click <a href="javascript:alert(1)">here</a> <a href=" JaVaScRiPt:alert(2)">or here</a>
<a href="data:text/html,x">data</a> <img src="x" onerror="alert(3)"> <iframe src="//evil"></iframe>
<span style="background:url(javascript:alert(4))">styled</span> <svg onload="alert(5)"><circle/></svg>
<object data="x.swf"></object> <embed src="x.swf"> <a href="https://example.com" onmouseover="x()">ok</a></p>
<ul><li><b onclick="x()">Term:</b> item <img src=y alt="pic"> <a href="javascript:void(0)">js</a></li></ul>
<p>GLOW <script>document.cookie</script>is great.</p>
</article></body></html>"""

NASTY_MARKDOWN = """# Safe

Intro <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(2)>

<iframe src="//evil"></iframe>

<div onclick="x()"><p>raw <b>html</b> block <a href="javascript:y()">js</a></p><style>*{}</style></div>

- **Term:** item ![pic](javascript:alert(3)) <span onmouseover="z()">hover</span>

GLOW <script>x</script>is great.
"""

ALLOWED_TAGS = {"p", "b", "i", "a", "br", "sup", "sub"}


def assert_safe(html):
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_TAGS, html
        assert set(tag.attrs) <= ({"href"} if tag.name == "a" else set()), html
        if tag.name == "a":
            assert urlsplit(tag["href"]).scheme in ("", "http", "https", "mailto"), html


@pytest.mark.parametrize(("source", "name"), [(NASTY_HTML, "nasty.html"), (NASTY_MARKDOWN, "nasty.md")])
def test_unsafe_html_never_reaches_stored_rich_text(db, index_page, source, name):
    ProductFactory(name="GLOW", slug="glow")
    report = import_article(source, parent=index_page, name=name)
    page = latest(report.page_id)
    values = list(rich_texts(page))
    assert len(values) >= 3
    for html, features in values:
        assert_safe(html)
        # Already inside Wagtail's whitelist for the block's features: cleaning again changes nothing.
        assert DbHTMLConverter(features).clean(html) == (html, [])
    stored = json.dumps(list(page.body.raw_data))
    for code in ("alert(1)</script>", "document.cookie", "p{}", "*{}", "<script", "<img", "onclick", "onerror"):
        assert code not in stored
    if name.endswith(".html"):
        assert "alert(" not in stored
    assert any("removed unsafe <script>" in warning for warning in report.warnings)
    assert any(entry["text"].startswith("Image:") for entry in report.chrome)


# Pages: idempotent, all or nothing


def revision_count(page_id):
    return Revision.objects.filter(object_id=str(page_id), base_content_type__model="page").count()


def test_reimport_unchanged_changes_nothing_and_changed_makes_a_revision(db, index_page):
    source = "The Title\n\nIntro.\n\nA Section\n\nFirst text.\n"
    first = import_article(source, parent=index_page, name="article.txt")
    assert first.status == "created"
    page = InsightPage.objects.get(pk=first.page_id)
    assert not page.live and revision_count(page.pk) == 1

    again = import_article(source, parent=index_page, name="article.txt")
    assert (again.status, again.page_id, revision_count(page.pk)) == ("unchanged", page.pk, 1)

    changed = import_article(source + "\nSecond text.\n", parent=index_page, name="article.txt")
    assert (changed.status, changed.page_id, revision_count(page.pk)) == ("updated", page.pk, 2)
    assert not InsightPage.objects.get(pk=page.pk).live  # published only when asked
    assert latest(page.pk).body.raw_data[-1]["value"] == "<p>Second text.</p>"
    # Unchanged against the latest draft, although the live row was never updated.
    assert import_article(source + "\nSecond text.\n", parent=index_page, name="article.txt").status == "unchanged"
    assert revision_count(page.pk) == 2

    published = import_article(source + "\nThird.\n", parent=index_page, name="article.txt", publish=True)
    page.refresh_from_db()
    assert (published.status, page.live, revision_count(page.pk)) == ("updated", True, 3)
    assert page.body.raw_data[-1]["value"] == "<p>Third.</p>"
    assert InsightPage.objects.filter(source_key="article").count() == 1


def test_dry_run_writes_nothing(db, index_page):
    report = import_article("Title\n\nIntro.\n\nText.\n", parent=index_page, name="dry.txt", dry_run=True)
    assert report.status == "created (dry run)"
    assert not InsightPage.objects.exists() and not Revision.objects.exists()


def test_a_failing_import_leaves_nothing_behind(db, index_page, monkeypatch):
    def fail(self, *args, **kwargs):
        raise ValidationError("the publish step failed")

    monkeypatch.setattr(Revision, "publish", fail)
    with pytest.raises(ImportFailed, match="the article does not validate: the publish step failed"):
        import_article("Title\n\nIntro.\n\nText.\n", parent=index_page, name="x.txt", tags=["t"], publish=True)
    assert not InsightPage.objects.exists()
    assert not Revision.objects.exists()
    from taggit.models import Tag

    assert not Tag.objects.filter(name="t").exists()


# The command line


def test_cli_batch_imports_the_good_files_and_fails_on_the_bad(seeded_index, tmp_path):
    good = write(tmp_path, "good.md", "# Good\n\nIntro.\n\n## Part\n\nText with hyaluronic acid.\n")
    other = write(tmp_path, "other.html", "<h1>Other</h1><p>Intro.</p><p>More.</p>")
    empty = write(tmp_path, "empty.txt", "")
    bad = write(tmp_path, "bad.txt", b"Title\n\nOne.\nTwo \x81\x8d.\n")
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_insight", good, empty, other, bad, tmp_path / "missing.txt", stdout=stdout, stderr=stderr)
    message = str(error.value)
    assert message.startswith("3 of 5 file(s) failed: ")
    assert f"{empty}: the file is empty" in message
    assert f"{bad}:4: undecodable byte 0x81" in message
    assert f"{tmp_path / 'missing.txt'}: no such file" in message
    assert InsightPage.objects.filter(source_key__in=["good", "other"]).count() == 2
    assert "2 created, 3 failed" in stdout.getvalue()
    assert "link made: ingredient mentioned: hyaluronic-acid" in stdout.getvalue()
    assert f"{bad}:4: failed: undecodable byte 0x81" in stderr.getvalue()


def test_cli_json_report_and_second_run_unchanged(seeded_index, tmp_path):
    path = write(tmp_path, "gut.txt", SEED)
    stdout = io.StringIO()
    call_command("import_insight", path, "--json", "--publish", stdout=stdout)
    data = json.loads(stdout.getvalue())
    (report,) = data["reports"]
    assert report["status"] == "created" and report["url"] == "/insights/gut/"
    assert report["blocks"] == {
        "paragraph": 9,
        "heading": 6,
        "bullet_list": 4,
        "product_spotlight": 1,
        "related_insight": 1,
    }
    assert report["spotlights"] == [{"line": 55, "product": "glow"}]
    assert report["chrome"] == [{"line": 65, "text": "Back to insights"}]
    assert data["summary"] == {"created": 1}
    stdout = io.StringIO()
    call_command("import_insight", path, "--json", stdout=stdout)
    assert json.loads(stdout.getvalue())["summary"] == {"unchanged": 1}


def test_cli_batch_goes_on_after_a_file_nested_too_deep(seeded_index, tmp_path):
    deep = write(tmp_path, "deep.html", "<h1>Deep</h1>\n<p>Intro.</p>\n" + "<div>" * 10_000 + "The bottom.")
    good = write(tmp_path, "good.md", "# Good\n\nIntro.\n\n## Part\n\nText.\n")
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_insight", deep, good, stdout=stdout, stderr=stderr)
    assert str(error.value) == (
        f"1 of 2 file(s) failed: {deep}:3: elements are nested 10,000 levels deep; the importer reads at most "
        "100 levels: remove the wrappers around the article (or save only the article itself)"
    )
    assert "1 created, 1 failed" in stdout.getvalue()
    assert InsightPage.objects.filter(source_key="good").exists()
    assert not InsightPage.objects.filter(source_key="deep").exists()


def test_reimporting_the_seed_file_after_load_seed_changes_nothing(seeded):
    revisions = revision_count(seeded.pk)
    stdout = io.StringIO()
    call_command("import_insight", str(ARTICLE), "--json", stdout=stdout)
    (report,) = json.loads(stdout.getvalue())["reports"]
    assert (report["status"], report["page_id"]) == ("unchanged", seeded.pk)
    assert revision_count(seeded.pk) == revisions
    assert tag_names(latest(seeded.pk)) == sorted(ARTICLE_TAGS)


def test_tags_are_compared_on_their_own(db, index_page):
    source = "Night Repair\n\nSkin renews itself overnight.\n\nWhat Helps\n\nSleep and a gentle serum.\n"

    def again(**options):
        return import_article(source, parent=index_page, name="night-repair.txt", **options)

    page_id = again(tags=["sleep", "repair"]).page_id
    assert (again().status, again(tags=["repair", "sleep"]).status) == ("unchanged", "unchanged")
    assert revision_count(page_id) == 1
    assert again(tags=["sleep"]).status == "updated"
    assert (revision_count(page_id), tag_names(latest(page_id))) == (2, ["sleep"])
    # Without tags a changed source keeps the page's tags.
    changed = import_article(source + "\nMore text.\n", parent=index_page, name="night-repair.txt")
    assert (changed.status, tag_names(latest(page_id))) == ("updated", ["sleep"])


def test_cli_dry_run_parent_and_duplicate_names(seeded_index, tmp_path):
    path = write(tmp_path, "new.txt", "New\n\nIntro.\n\nText.\n")
    call_command("import_insight", path, "--dry-run", stdout=io.StringIO())
    assert not InsightPage.objects.filter(source_key="new").exists()
    with pytest.raises(CommandError, match="--parent '/nowhere/': no insights index page there"):
        call_command("import_insight", path, "--parent", "/nowhere/", stdout=io.StringIO())
    twin = write(tmp_path, "new.md", "# New\n\nIntro.\n\nText.\n")
    with pytest.raises(CommandError, match="new.txt in this batch already makes the page 'new'"):
        call_command("import_insight", path, twin, stdout=io.StringIO(), stderr=io.StringIO())


# Export: importing the export gives the same structure


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_export_then_import_reproduces_the_seed_structure(seeded, fmt):
    exported, warnings = export_page(seeded, fmt)
    assert warnings == []
    other_index = (
        InsightIndexPage.objects.get(slug="insights")
        .get_parent()
        .add_child(instance=InsightIndexPage(title="Archive", slug="archive"))
    )
    report = import_article(exported, parent=other_index, name=f"copy.{'md' if fmt == 'markdown' else 'txt'}")
    assert report.format == fmt
    assert structure(latest(report.page_id)) == structure(seeded)


def test_markdown_export_keeps_inline_markup_links_and_quotes(seeded_index):
    target = InsightPage.objects.get(slug="balanced-gut-healthy-skin")
    html = (
        "<h1>Formatted</h1><p>Intro.</p><h2>Part</h2><h3>Sub part</h3>"
        "<p>Some <b>bold</b>, <i>italic</i> and <a href='https://example.com/x?a=1&amp;b=2'>a link</a> * # _.</p>"
        "<ul><li><b>Term:</b> with <i>style</i>.</li><li>No term.</li></ul>"
        "<blockquote><p>Quoted words.</p><cite>Someone</cite></blockquote>"
        "<p>GLOW is our serum.</p>"
        "<p>Curious? Read our guide to <a href='/insights/balanced-gut-healthy-skin/'>gut health</a></p>"
    )
    original = import_article(html, parent=seeded_index, name="formatted.html", publish=True)
    page = latest(original.page_id)
    assert original.related_resolved[0]["insight"] == target.slug
    exported, _warnings = export_page(page, "markdown")
    assert "**bold**" in exported and "[a link](https://example.com/x?a=1&b=2)" in exported
    assert "> — Someone" in exported
    copy = import_article(exported, parent=seeded_index, name="formatted-copy.md")
    assert structure(latest(copy.page_id))["body"] == structure(page)["body"]


def test_export_command(seeded):
    stdout = io.StringIO()
    call_command("export_insight", "balanced-gut-healthy-skin", "--format", "text", stdout=stdout)
    assert stdout.getvalue().startswith("Balanced Gut, Healthy Skin: What Science Says About the Gut-Skin Axis\n\n")
    assert "• Acne: Inflammation and gut dysbiosis" in stdout.getvalue()
    with pytest.raises(CommandError, match="no insight page with the slug 'nope'"):
        call_command("export_insight", "nope")


def test_ingredient_factory_aliases_are_used_from_the_database(db, index_page):
    IngredientFactory(name="Niacinamide", slug="niacinamide", aliases="vitamin B3")
    report = import_article("Title\n\nIntro.\n\nVitamin b3 calms.\n", parent=index_page, name="b3.txt")
    assert report.mentioned_ingredients == ["niacinamide"]
    assert [i.slug for i in InsightPage.objects.get(pk=report.page_id).mentioned_ingredients.all()] == ["niacinamide"]
