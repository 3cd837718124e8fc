"""Nothing lost: every sentence of a generated article that is not page chrome appears in the page exactly once.

Documents are generated (title, headings, paragraphs, bullets with and without lead terms, emoji lines, a
product paragraph, a related link, page chrome), rendered as plain text, Markdown and HTML, and imported.
Every generated sentence, heading and term carries a unique token, so "exactly once" is a plain count.
"""

import re
from dataclasses import dataclass, field
from html import escape

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insights.importer.builder import Catalogue, build
from insights.importer.pages import import_article
from insights.importer.readers import read
from insights.importer.richtext import plain_text
from insights.models import InsightPage
from products.models import Ingredient, Product

from .factories import ProductFactory

WORDS = [
    "skin",
    "barrier",
    "water",
    "oats",
    "leeks",
    "calm",
    "gentle",
    "daily",
    "serum",
    "ritual",
    "balance",
    "fiber",
    "sleep",
    "stress",
    "gut",
    "flora",
    "diet",
    "immune",
    "signal",
    "repair",
    "renew",
    "morning",
    "evening",
    "texture",
    "tone",
    "care",
    "routine",
    "R&D",
    "layer",
    "cream",
]
CHROME_LINES = ["Back to insights", "Share this article", "Top of page", "Image: a woman applying serum", "Share"]
EMOJI = ["✨", "🌿", "💧", "🧴"]
TEXT_MARKERS = ["•", "-", "*", "–"]
SEPARATORS = [": ", " – ", " — "]


@dataclass
class Article:
    """A generated article: blocks in order, and what must (and must not) appear in the page."""

    title: str
    blocks: list = field(default_factory=list)  # (kind, payload)
    expected: list = field(default_factory=list)
    chrome: list = field(default_factory=list)


class ArticleDrawing:
    """Draws the parts of one article, each sentence, heading and term carrying a unique token, and records
    in `article` what must (and must not) appear in the page."""

    SENTENCE_WORDS = st.lists(st.sampled_from(WORDS), min_size=2, max_size=7)

    def __init__(self, draw):
        self.draw = draw
        self.count = 0
        self.article = Article(title=self.capitalised("t"))
        self.article.expected.append(self.article.title)

    def token(self, prefix):
        self.count += 1
        return f"{prefix}{self.count:03d}"

    def sentence(self):
        parts = self.draw(self.SENTENCE_WORDS)
        parts.insert(self.draw(st.integers(0, len(parts))), self.token("q"))
        return (parts[0][:1].upper() + parts[0][1:] + " " + " ".join(parts[1:])).strip() + "."

    def capitalised(self, prefix):
        parts = self.draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
        return " ".join([parts[0].capitalize(), *parts[1:], self.token(prefix)])

    def add(self, kind, payload, *expected):
        self.article.blocks.append((kind, payload))
        self.article.expected.extend(expected)

    def maybe_chrome(self):
        """One time in five, a line of page chrome (which must be dropped and reported)."""
        if self.draw(st.integers(0, 4)) == 0:
            line = self.draw(st.sampled_from(CHROME_LINES))
            self.article.blocks.append(("chrome", line))
            self.article.chrome.append(line)

    def paragraph(self):
        sentences = [self.sentence() for _ in range(self.draw(st.integers(1, 3)))]
        self.add("paragraph", " ".join(sentences), *sentences)

    def bullets(self):
        items = []
        for _ in range(self.draw(st.integers(1, 5))):
            term = self.capitalised("k") if self.draw(st.booleans()) else ""
            text = self.sentence()
            self.article.expected.extend([term, text] if term else [text])
            items.append((term, text, self.draw(st.sampled_from(SEPARATORS))))
        self.article.blocks.append(("bullets", items))

    def emoji_line(self):
        line = f"{self.draw(st.sampled_from(EMOJI))} {self.sentence()}"
        self.add("paragraph", line, line)

    def product_line(self):
        line = f"Our GLOW serum helps {self.token('g')} skin."
        self.add("paragraph", line, line)

    def related_line(self):
        lead = f"Curious about {self.token('r')}?"
        label = f"Read our guide to {' '.join(self.draw(self.SENTENCE_WORDS))} {self.token('l')}"
        self.add("paragraph", f"{lead} {label}", lead, label)

    def section(self):
        heading = self.capitalised("h")
        self.add("heading", heading, heading)
        self.maybe_chrome()
        kinds = [self.paragraph, self.paragraph, self.bullets, self.emoji_line, self.product_line, self.related_line]
        for _ in range(self.draw(st.integers(1, 3))):
            self.draw(st.sampled_from(kinds))()
            self.maybe_chrome()


@st.composite
def articles(draw):
    drawing = ArticleDrawing(draw)
    drawing.maybe_chrome()
    for _ in range(draw(st.integers(0, 2))):
        drawing.paragraph()
        drawing.maybe_chrome()
    for _ in range(draw(st.integers(0, 4))):
        drawing.section()
    if not any(kind in ("paragraph", "bullets") for kind, _payload in drawing.article.blocks):
        drawing.paragraph()
    return drawing.article


def as_text(article, draw_marker):
    lines = [article.title, article.title, ""]
    for kind, payload in article.blocks:
        if kind == "bullets":
            for number, (term, text, separator) in enumerate(payload, start=1):
                marker = draw_marker(number)
                lines.append(f"{marker} {term}{separator}{text}" if term else f"{marker} {text}")
        else:
            lines.append(payload)
        lines.append("")
    return "\n".join(lines)


def as_markdown(article, draw_marker):
    parts = [f"# {article.title}"]
    for kind, payload in article.blocks:
        if kind == "heading":
            parts.append(f"## {payload}")
        elif kind == "bullets":
            items = []
            for number, (term, text, _separator) in enumerate(payload, start=1):
                marker = f"{number}." if draw_marker(number).endswith(".") else "-"
                items.append(f"{marker} **{term}:** {text}" if term else f"{marker} {text}")
            parts.append("\n".join(items))
        else:
            parts.append(payload)
    return "\n\n".join(parts) + "\n"


def as_html(article, draw_marker):
    parts = [f"<!doctype html><html><head><title>{escape(article.title)}</title></head><body><article>"]
    parts.append(f"<h1>{escape(article.title)}</h1>")
    for kind, payload in article.blocks:
        if kind == "heading":
            parts.append(f"<h2>{escape(payload)}</h2>")
        elif kind == "bullets":
            items = "".join(
                f"<li><strong>{escape(term)}</strong>{escape(separator)}{escape(text)}</li>"
                if term
                else f"<li>{escape(text)}</li>"
                for term, text, separator in payload
            )
            parts.append(f"<ul>{items}</ul>")
        elif kind == "chrome" and payload.startswith("Share"):
            parts.append(f"<button type='button'>{escape(payload)}</button>")
        elif kind == "chrome" and payload.startswith("Image:"):
            parts.append(f"<img src='woman.jpg' alt='{escape(payload[7:])}'>")
        else:
            parts.append(f"<p>{escape(payload)}</p>")
    parts.append("</article></body></html>")
    return "\n".join(parts)


RENDERERS = {"text": as_text, "markdown": as_markdown, "html": as_html}


def page_texts(title, intro, body):
    """The text an article's page shows, unit by unit, from the stored (raw) body."""

    def text(html):
        return plain_text(BeautifulSoup(html, "html.parser"))

    texts = [title, intro]
    for block in body:
        value = block["value"]
        if block["type"] == "heading":
            texts.append(value["text"])
        elif block["type"] == "paragraph":
            texts.append(text(value))
        elif block["type"] == "bullet_list":
            for item in value["items"]:
                item = item.get("value", item)
                texts += [item["term"], text(item["text"])]
        elif block["type"] == "product_spotlight":
            texts.append(text(value["pitch"]))
        elif block["type"] == "related_insight":
            texts.append(f"{value['lead']} {value['label']}")
        elif block["type"] == "quote":
            texts += [value["text"], value["attribution"]]
    return "\n".join(texts)


def assert_nothing_lost(article, page_text, chrome_reported):
    for expected in article.expected:
        assert len(re.findall(re.escape(expected), page_text)) == 1, (expected, page_text)
    for line in article.chrome:
        shown = line[len("Image: ") :] if line.startswith("Image: ") else line
        assert any(shown in reported for reported in chrome_reported), (line, chrome_reported)
    for line in set(article.chrome):
        assert line not in page_text.split("\n"), line


def catalogue():
    return Catalogue(
        products=[Product(pk=1, name="GLOW", slug="glow")],
        ingredients=[Ingredient(pk=1, name="Hyaluronic Acid", slug="hyaluronic-acid")],
    )


markers = st.sampled_from([lambda n: "•", lambda n: "-", lambda n: "*", lambda n: "–", lambda n: f"{n}."])


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@settings(max_examples=40, deadline=None)
@given(article=articles(), marker=markers)
def test_reader_and_builder_lose_nothing(fmt, article, marker):
    document = read(RENDERERS[fmt](article, marker), fmt)
    built = build(document, catalogue())
    text = page_texts(built.title, built.intro, built.body)
    assert_nothing_lost(article, text, [line for _number, line in built.chrome])
    assert built.title == article.title


@pytest.mark.django_db
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles(), marker=markers, fmt=st.sampled_from(["text", "markdown", "html"]))
def test_imported_pages_lose_nothing(index_page, article, marker, fmt):
    with transaction.atomic():
        ProductFactory(name="GLOW", slug="glow")
        report = import_article(RENDERERS[fmt](article, marker), parent=index_page, name=f"generated.{fmt}")
        page = InsightPage.objects.get(pk=report.page_id).get_latest_revision_as_object()
        text = page_texts(page.title, page.intro, list(page.body.raw_data))
        assert_nothing_lost(article, text, [entry["text"] for entry in report.chrome])
        transaction.set_rollback(True)
