"""Writes an insight page back out as Markdown or plain text, in the shape the readers read.

Importing the export gives the same structure: headings, paragraphs, bullets with lead terms, the product
spotlight (its pitch names the product), the related insight (a link to the page, when one is chosen).
Image blocks have no place in either format: they are left out and reported.
"""

from html import escape

from bs4 import BeautifulSoup
from wagtail.admin.rich_text.converters.markdown_db import MarkdownConverter

from ..blocks import PARAGRAPH_FEATURES
from .richtext import plain_text

FORMATS = ("markdown", "text")


def markdown_of(db_html):
    """Database rich text -> Markdown, through Wagtail's own serializer (links to pages become URLs)."""
    return MarkdownConverter(PARAGRAPH_FEATURES).from_database_format(db_html, resolved=True).strip()


def markdown_text(text):
    """Plain text -> Markdown that reads back as the same text (characters like * and # escaped)."""
    return markdown_of(f"<p>{escape(text, quote=False)}</p>").replace("\n", " ")


def text_of(db_html):
    return plain_text(BeautifulSoup(db_html, "html.parser"))


def related_page_url(value):
    page = value["page"]
    return page.url if page is not None and page.url else ""


class Exporter:
    def __init__(self, page):
        self.page = page
        self.warnings = []

    def markdown(self):
        page = self.page
        parts = [f"# {markdown_text(page.title)}"]
        if page.intro:
            parts.append(markdown_text(page.intro))
        for block in page.body:
            value = block.value
            kind = block.block_type
            if kind == "heading":
                marks = "##" if value["level"] == "h2" else "###"
                parts.append(f"{marks} {markdown_text(value['text'])}")
            elif kind == "paragraph":
                parts.append(markdown_of(value.source))
            elif kind == "bullet_list":
                lines = []
                for item in value["items"]:
                    term = f"**{markdown_text(item['term'])}:** " if item["term"] else ""
                    lines.append(f"- {term}{markdown_of(item['text'].source).replace(chr(10), ' ')}")
                parts.append("\n".join(lines))
            elif kind == "product_spotlight":
                parts.append(markdown_of(value["pitch"].source))
            elif kind == "related_insight":
                url = related_page_url(value)
                label = markdown_text(value["label"])
                link = f"[{label}]({url})" if url else label
                parts.append(
                    " ".join(part for part in (markdown_text(value["lead"]) if value["lead"] else "", link) if part)
                )
            elif kind == "quote":
                lines = [f"> {line}" if line else ">" for line in value["text"].splitlines()]
                if value["attribution"]:
                    lines += [">", f"> — {value['attribution']}"]
                parts.append("\n".join(lines))
            else:
                self.warnings.append(f"a {kind} block has no Markdown form: left out")
        return "\n\n".join(parts) + "\n"

    def text(self):
        page = self.page
        parts = [page.title]
        if page.intro:
            parts.append(page.intro)
        for block in page.body:
            value = block.value
            kind = block.block_type
            if kind == "heading":
                parts.append(value["text"])
            elif kind == "paragraph":
                parts.append(text_of(value.source))
            elif kind == "bullet_list":
                lines = []
                for item in value["items"]:
                    term = f"{item['term']}: " if item["term"] else ""
                    lines.append(f"• {term}{text_of(item['text'].source)}")
                parts.append("\n".join(lines))
            elif kind == "product_spotlight":
                parts.append(text_of(value["pitch"].source))
            elif kind == "related_insight":
                parts.append(" ".join(part for part in (value["lead"], value["label"]) if part))
            elif kind == "quote":
                self.warnings.append("a quote became a plain paragraph (plain text has no quotes)")
                parts.append(" ".join(value["text"].split()))
                if value["attribution"]:
                    parts[-1] += f" — {value['attribution']}"
            else:
                self.warnings.append(f"a {kind} block has no plain-text form: left out")
        return "\n\n".join(parts) + "\n"


def export_page(page, fmt):
    """-> (the page as `fmt`, warnings about what could not be written)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    exporter = Exporter(page)
    output = exporter.markdown() if fmt == "markdown" else exporter.text()
    return output, exporter.warnings
