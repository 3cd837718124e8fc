"""Inline rich text for the importer: through Wagtail's own feature whitelist, so nothing unsafe is stored.

Readers hand in whatever inline HTML their source has (Markdown rendered by markdown-it, a paragraph of a
web page). What comes out is Wagtail database rich text limited to the block's features, plus the plain
text of it for matching, and a list of what was removed so that the report can say so.
"""

import re
from dataclasses import dataclass, field
from html import escape

from bs4 import BeautifulSoup, Comment, NavigableString
from wagtail.api.rich_text import APIRichText

from ..blocks import PARAGRAPH_FEATURES
from .document import Node

# Removed with everything inside: their content is code, styling, another document or a control,
# never the article's prose. (The whitelist would unwrap them and keep e.g. a script's source as text.)
UNSAFE_ELEMENTS = (
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "noscript",
    "template",
    "svg",
    "math",
    "canvas",
    "link",
    "meta",
    "base",
    "audio",
    "video",
    "source",
    "track",
)
# Form controls: on a copied web page these are share and subscribe buttons, i.e. page chrome.
CONTROL_ELEMENTS = ("button", "form", "input", "select", "textarea", "label")
IMAGE_ELEMENTS = ("img", "picture")
WHITESPACE = re.compile(r"\s+")
# "Term: explanation", "Term – explanation", "Term — explanation": a short unpunctuated lead term.
LEAD_TERM = re.compile(r"^(?P<term>[^:.!?,;]{1,80}?)(?:\s*:\s+|\s+[–—]\s+|\s*—\s*)(?P<rest>\S.*)$", re.DOTALL)
MAX_TERM_WORDS = 8


def collapse(text):
    return WHITESPACE.sub(" ", text).strip()


def split_lead_term(text):
    """'Acne: Inflammation ...' -> ('Acne', 'Inflammation ...'); ('', text) when there is no lead term."""
    match = LEAD_TERM.match(text)
    if match and len(match["term"].split()) <= MAX_TERM_WORDS and match["term"].strip()[:1].isalnum():
        return collapse(match["term"]), match["rest"].strip()
    return "", text


@dataclass
class Inline:
    """Safe database rich text (without the <p>), its plain text and what was taken out."""

    html: str
    text: str
    removed: list[str] = field(default_factory=list)  # "<script>", "<iframe>" ...
    images: list[str] = field(default_factory=list)  # alt text (or the file name) of each image dropped
    controls: list[str] = field(default_factory=list)  # text of buttons and forms dropped


class MarkupReader:
    """What the Markdown and HTML readers share: reporting what cleaning took out, and placing headings.

    A subclass has `title`, `title_line`, `nodes`, `chrome` and `warnings`.
    """

    def note_inline(self, inline, line):
        for name in inline.removed:
            self.warnings.append(f"line {line}: removed unsafe {name} and its content")
        for label in inline.images:
            self.chrome.append((line, f"Image: {label}"))
        for text in inline.controls:
            self.chrome.append((line, text))

    def add_heading(self, text, level, line):
        """The first level-1 heading is the title; the title repeated is dropped; other headings open sections."""
        if not text:
            return
        if not self.title and level == 1:
            self.title, self.title_line = text, line
            return
        if text == self.title:
            return  # the title again (the page's title, then its H1)
        if level == 1:
            self.warnings.append(f"line {line}: a second top-level heading ({text!r}) became a section heading")
        self.nodes.append(Node(kind="heading", text=text, html=text, level=max(level, 2), line=line))


def plain_text(node):
    parts = []
    for element in node.descendants:
        if isinstance(element, NavigableString) and not isinstance(element, Comment):
            parts.append(str(element))
        elif getattr(element, "name", None) == "br":
            parts.append(" ")
    return collapse("".join(parts))


def image_label(tag):
    alt = collapse(tag.get("alt", "") or "")
    if tag.name == "picture":
        inner = tag.find("img")
        alt = collapse(inner.get("alt", "") or "") if inner else ""
    return alt or (tag.get("src", "") or "").rsplit("/", 1)[-1] or "image without alt text"


def strip_unsafe(soup, inline):
    """Remove unsafe elements, controls and images from a parsed fragment, recording each."""
    for comment in soup.find_all(string=lambda string: isinstance(string, Comment)):
        comment.extract()
    for tag in soup.find_all(UNSAFE_ELEMENTS):
        if tag.decomposed:
            continue
        inline.removed.append(f"<{tag.name}>")
        tag.decompose()
    for tag in soup.find_all(CONTROL_ELEMENTS):
        if tag.decomposed:
            continue
        text = plain_text(tag)
        if text:
            inline.controls.append(text)
        tag.decompose()
    for tag in soup.find_all(IMAGE_ELEMENTS):
        if tag.decomposed:
            continue
        inline.images.append(image_label(tag))
        tag.decompose()


def normalise(soup):
    """Collapse whitespace, use the editor's own <b>/<i>, and unwrap links without a (safe) href."""
    for tag in soup.find_all(("strong", "em")):
        tag.name = "b" if tag.name == "strong" else "i"
    for link in soup.find_all("a"):
        if not link.get("href") and not link.get("linktype"):
            link.unwrap()
    for string in soup.find_all(string=True):
        collapsed = WHITESPACE.sub(" ", str(string))
        if collapsed != str(string):
            string.replace_with(collapsed)


def edge_of(soup, forward):
    elements = soup.descendants if forward else reversed(list(soup.descendants))
    for element in elements:
        if isinstance(element, NavigableString) or element.name == "br":
            return element
    return None


def trim(soup):
    """Strip whitespace (and <br>) at both ends of a fragment, and elements left empty."""
    for forward in (True, False):
        while (edge := edge_of(soup, forward)) is not None:
            if edge.name == "br":
                edge.decompose()
                continue
            value = str(edge).lstrip() if forward else str(edge).rstrip()
            if value:
                if value != str(edge):
                    edge.replace_with(value)
                break
            edge.extract()
    for tag in soup.find_all(True):
        if not tag.decomposed and tag.name != "br" and not tag.get_text() and not tag.find("br"):
            tag.decompose()


def clean_inline(html, features=PARAGRAPH_FEATURES):
    """Any inline HTML -> Inline: Wagtail database rich text limited to `features`, and its text."""
    inline = Inline(html="", text="")
    soup = BeautifulSoup(html, "html.parser")
    strip_unsafe(soup, inline)
    # Wagtail's whitelist: only the elements of the features, only safe attributes, no javascript: URLs.
    cleaned, _removals = APIRichText.sanitize_db_html(str(soup), features=features)
    soup = BeautifulSoup(cleaned, "html.parser")
    normalise(soup)
    trim(soup)
    inline.html = str(soup).strip()
    inline.text = plain_text(soup)
    return inline


def text_inline(text):
    """Plain text -> Inline: escaped, so it is text whatever characters it has."""
    text = collapse(text)
    return Inline(html=escape(text, quote=False), text=text)


def strip_leading_chars(soup, count):
    """Remove the first `count` characters of text from a fragment (the lead term of a bullet)."""
    for string in list(soup.find_all(string=True)):
        if count <= 0:
            break
        value = str(string)
        if len(value) <= count:
            count -= len(value)
            string.extract()
        else:
            string.replace_with(value[count:])
            count = 0
    trim(soup)


def split_inline_term(inline, features=PARAGRAPH_FEATURES):
    """A bullet's Inline -> (term, Inline of the rest): 'Acne: <i>text</i>' or '<b>Acne:</b> text'."""
    soup = BeautifulSoup(inline.html, "html.parser")
    raw = "".join(str(string) for string in soup.find_all(string=True))
    stripped = raw.lstrip()
    match = LEAD_TERM.match(stripped)
    term, _rest = split_lead_term(stripped)
    if not term or match is None:
        return "", inline
    strip_leading_chars(soup, len(raw) - len(stripped) + match.start("rest"))
    rest = Inline(
        html=str(soup).strip(),
        text=plain_text(soup),
        removed=inline.removed,
        images=inline.images,
        controls=inline.controls,
    )
    return term, rest
