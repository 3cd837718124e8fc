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
from .limits import check_block_tags, check_text_tags, check_tree_nesting

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
# The only character references in escaped text (markdown-it's and BeautifulSoup's escaping, Django's escape).
TEXT_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'"}
TEXT_ENTITY = re.compile("|".join(TEXT_ENTITIES))
# "Term: explanation", "Term – explanation", "Term — explanation": a short unpunctuated lead term.
# Linear: the term ends in a non-space (a shorter term would have matched first anyway), so the separator's
# spaces are scanned once per run of spaces, and the possessive quantifiers never give spaces back.
LEAD_TERM = re.compile(
    r"^(?P<term>[^:.!?,;]{0,79}?[^:.!?,;\s])(?:\s*+:\s++|\s++[–—]\s++|\s*+—\s*+)(?P<rest>\S.*)$", re.DOTALL
)
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

    text_tags = 0  # tags in the inline HTML read so far

    def count_tags(self, html, line):
        """Before cleaning a paragraph, heading or list item: the article's text has at most MAX_TEXT_TAGS tags."""
        self.text_tags += html.count("<")
        check_text_tags(self.text_tags, line)

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


def by_kind(soup, kinds):
    """One walk over a fragment: its comments, and its tags of each kind of `kinds` ({kind: names}), in order."""
    found = {kind: [] for kind in ("comments", *kinds)}
    for element in soup.descendants:
        if isinstance(element, Comment):
            found["comments"].append(element)
            continue
        name = getattr(element, "name", None)
        for kind, names in kinds.items():
            if name in names:
                found[kind].append(element)
    return found


def strip_unsafe(soup, inline):
    """Remove unsafe elements, controls and images from a parsed fragment, recording each."""
    found = by_kind(soup, {"unsafe": UNSAFE_ELEMENTS, "controls": CONTROL_ELEMENTS, "images": IMAGE_ELEMENTS})
    for comment in found["comments"]:
        comment.extract()
    for tag in found["unsafe"]:
        if tag.decomposed:
            continue
        inline.removed.append(f"<{tag.name}>")
        tag.decompose()
    for tag in found["controls"]:
        if tag.decomposed:
            continue
        text = plain_text(tag)
        if text:
            inline.controls.append(text)
        tag.decompose()
    for tag in found["images"]:
        if tag.decomposed:
            continue
        inline.images.append(image_label(tag))
        tag.decompose()


def normalise(soup):
    """Collapse whitespace, use the editor's own <b>/<i>, and unwrap links without a (safe) href."""
    found = by_kind(soup, {"emphasis": ("strong", "em"), "links": ("a",)})
    strings = [string for string in soup.descendants if isinstance(string, NavigableString)]
    for tag in found["emphasis"]:
        tag.name = "b" if tag.name == "strong" else "i"
    for link in found["links"]:
        if not link.get("href") and not link.get("linktype"):
            link.unwrap()
    for string in strings:
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


def escaped_text(html):
    """The text of `html` when it is only escaped text (no tags, no other character references), else None."""
    if "<" in html or html.count("&") != len(TEXT_ENTITY.findall(html)):
        return None
    return TEXT_ENTITY.sub(lambda match: TEXT_ENTITIES[match[0]], html)


def clean_inline(html, features=PARAGRAPH_FEATURES, line=None):
    """Any inline HTML -> Inline: Wagtail database rich text limited to `features`, and its text.

    Escaped text without markup (most paragraphs and bullets) takes a short cut with the same result.
    Raises ImportFailed (at `line`) for a fragment with too many tags or nested too deep.
    """
    text = escaped_text(html)
    if text is not None:
        return text_inline(text)
    return clean_markup(html, features, line)


def clean_markup(html, features=PARAGRAPH_FEATURES, line=None):
    """`clean_inline` the long way: through BeautifulSoup and Wagtail's whitelist."""
    check_block_tags(html, line)
    inline = Inline(html="", text="")
    soup = BeautifulSoup(html, "html.parser")
    # Before Wagtail's whitelist, which walks the fragment recursively.
    check_tree_nesting(soup, lambda element: line)
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


def split_inline_term(inline):
    """A bullet's Inline -> (term, Inline of the rest): 'Acne: <i>text</i>' or '<b>Acne:</b> text'."""
    text = escaped_text(inline.html)
    if text is not None:
        # Text only: the same split, without parsing.
        term, rest = split_lead_term(text.lstrip())
        if not term:
            return "", inline
        return term, Inline(
            html=escape(rest, quote=False),
            text=collapse(rest),
            removed=inline.removed,
            images=inline.images,
            controls=inline.controls,
        )
    return split_markup_term(inline)


def split_markup_term(inline):
    """`split_inline_term` the long way, through BeautifulSoup: the term may be marked up ('<b>Acne:</b>')."""
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
