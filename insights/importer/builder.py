"""Turns an intermediate document into InsightBodyBlock data, linking products, ingredients and insights.

- The first paragraph before any heading is the intro (the excerpt); the rest is the body.
- A paragraph that names a product (its name as written, or an alias in any case) is a `product_spotlight`
  for that product; the first such paragraph per product only, so that an article shows each card once.
- "Read our guide to ..." / "Related topic: ..." ends a paragraph: a `related_insight` block, resolved to
  an existing insight by title (or by the link's URL) when one matches, otherwise left for an editor.
- Ingredient names and aliases (any case) anywhere in the text are recorded as mentions.
- Page chrome is dropped and reported (`chrome.is_chrome`), never silently.
"""

import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlsplit

from ..blocks import MAX_ATTRIBUTION, MAX_HEADING, MAX_RELATED_LABEL, MAX_RELATED_LEAD, MAX_TERM
from .chrome import is_chrome
from .document import Document, ImportFailed

# The phrases that open a related-insight link at the end of a paragraph.
RELATED_MARKER = re.compile(
    r"read (?:our|the|my) (?:guide|article|insight|post)s? (?:to|on|about)|related topics?:|related:|see also:|"
    r"read more:",
    re.IGNORECASE,
)
SPACES = re.compile(r"\s*")
HREF = re.compile(r'href="([^"]+)"')
# Beyond the blocks' own limits (insights/blocks.py) the content goes into a block without the limit.


@dataclass(frozen=True)
class RelatedLink:
    """'Want more? Read our guide to pairing.' -> lead 'Want more?', label 'Read our guide to pairing.',
    topic 'pairing' (the lead and the topic as found: the caller strips them)."""

    lead: str
    label: str
    topic: str


def related_link(text):
    r"""The related-insight link a paragraph ends with, or None.

    A marker phrase ("Read our guide to", "Related topic:", "See also:" ...), then a topic without sentence
    punctuation (. ! ?), then at most spaces and one closing '.' or '!' (and a final newline). The first
    marker that is followed by such a tail wins; the lead is the text before it. This is the regular
    expression the importer used before, `^(?P<lead>.*?)\s*(?P<label>MARKER\s*(?P<topic>[^.!?]+?)\s*[.!]?)$`,
    with its results to the character, worked out in one pass instead of by backtracking (which took
    minutes on a long paragraph of spaces).
    """
    length = len(text)
    # How the text may end after the topic, and where the topic must stop: `topic_end` is the shortest end
    # from which only spaces and the closing mark follow, `stop` the closing mark's position (or the end).
    if length >= 2 and text[-1] == "\n" and text[-2] in ".!":
        label_end, stop = length - 1, length - 2
    elif text[-1:] in (".", "!"):
        label_end, stop = length, length - 1
    else:
        label_end, stop = length, length
    topic_end = len(text[:stop].rstrip())
    # The topic has no sentence punctuation: a marker must come after the last one before the tail.
    last_mark = max(text.rfind(mark, 0, topic_end) for mark in ".!?")
    position = 0
    while (marker := RELATED_MARKER.search(text, position)) is not None:
        position = marker.start() + 1
        if marker.end() <= last_mark:
            continue
        topic = related_topic(text, marker.end(), topic_end, stop)
        if topic is not None:
            start = marker.start()
            return RelatedLink(lead=text[:start].rstrip(), label=text[start:label_end], topic=topic)
    return None


def related_topic(text, after_marker, topic_end, stop):
    """The topic after a marker (spaces after the marker skipped, shortest topic), or None when there is none."""
    start = SPACES.match(text, after_marker).end()
    end = max(start + 1, topic_end)
    if end <= stop:
        return text[start:end]
    if after_marker < start == stop:
        # Nothing but spaces (and the closing mark) after the marker: the last space is the topic.
        return text[start - 1 : start]
    return None


def word_pattern(names, case_sensitive):
    names = sorted({name for name in names if name}, key=len, reverse=True)
    if not names:
        return None
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names) + r")(?!\w)", flags)


@dataclass
class InsightRef:
    pk: int
    title: str
    slug: str
    source_key: str = ""


@dataclass
class Catalogue:
    """What the builder can link to: products, ingredients and existing insights."""

    products: list = field(default_factory=list)
    ingredients: list = field(default_factory=list)
    insights: list[InsightRef] = field(default_factory=list)

    def __post_init__(self):
        # (product, name pattern, alias pattern), compiled once per batch rather than once per paragraph.
        self._products = [
            (
                product,
                word_pattern([product.name], case_sensitive=True),
                word_pattern(product.alias_list, case_sensitive=False),
            )
            for product in self.products
        ]
        self._ingredients = [
            (ingredient, word_pattern([ingredient.name, *ingredient.alias_list], case_sensitive=False))
            for ingredient in self.ingredients
        ]

    @classmethod
    def from_database(cls):
        from products.models import Ingredient, Product

        from ..models import InsightPage

        return cls(
            products=list(Product.objects.all()),
            ingredients=list(Ingredient.objects.all()),
            insights=[InsightRef(*row) for row in InsightPage.objects.values_list("pk", "title", "slug", "source_key")],
        )

    def add_insight(self, page):
        """Make a page imported earlier in a batch linkable from the files after it."""
        self.insights = [ref for ref in self.insights if ref.pk != page.pk]
        self.insights.append(InsightRef(page.pk, page.title, page.slug, page.source_key))

    def product_in(self, text):
        """The product a paragraph promotes: the one named first (its name as written, or an alias in any case)."""
        found = []
        for product, by_name, by_alias in self._products:
            matches = [pattern.search(text) for pattern in (by_name, by_alias) if pattern is not None]
            positions = [match.start() for match in matches if match]
            if positions:
                found.append((min(positions), product.name, product))
        return min(found, key=lambda entry: entry[:2])[2] if found else None

    def ingredients_in(self, text):
        return [ingredient for ingredient, pattern in self._ingredients if pattern.search(text)]

    def insight_for(self, topic, hrefs=(), exclude_key=""):
        """The insight a related link means: by the link's URL, else by title (exact, then contained)."""
        candidates = [ref for ref in self.insights if not (exclude_key and ref.source_key == exclude_key)]
        for href in hrefs:
            slug = urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1]
            for ref in candidates:
                if slug and ref.slug == slug:
                    return ref
        wanted = " ".join(topic.casefold().split()).strip(" .")
        for ref in candidates:
            if wanted == ref.title.casefold():
                return ref
        if len(wanted) > 3:
            for ref in candidates:
                if wanted in ref.title.casefold():
                    return ref
        return None


@dataclass
class Built:
    title: str
    intro: str
    body: list
    mentioned_ingredients: list
    spotlights: list
    related_resolved: list
    related_unresolved: list
    chrome: list
    warnings: list

    def blocks_by_type(self):
        counts = {}
        for block in self.body:
            counts[block["type"]] = counts.get(block["type"], 0) + 1
        return counts


def paragraph_html(html):
    return f"<p>{html}</p>"


class Builder:
    def __init__(self, document, catalogue, exclude_key=""):
        self.document = document
        self.catalogue = catalogue
        self.exclude_key = exclude_key
        self.body = []
        self.chrome = list(document.chrome)
        self.warnings = list(document.warnings)
        self.spotlights, self.resolved, self.unresolved = [], [], []
        self.spotlit = set()
        self.intro = ""
        self.texts = [document.title]

    def build(self):
        document = self.document
        if not document.title.strip():
            raise ImportFailed("the article has no title", document.title_line or None)
        seen_heading = False
        for node in document.nodes:
            if node.kind in ("heading", "paragraph") and is_chrome(node.text):
                self.chrome.append((node.line, node.text))
                continue
            if node.kind == "heading":
                seen_heading = True
                self.heading(node)
            elif node.kind == "bullet_list":
                self.bullet_list(node)
            elif node.kind == "quote":
                self.quote(node)
            elif not self.intro and not seen_heading and not self.body:
                self.texts.append(node.text)
                self.intro = node.text
            else:
                self.paragraph(node)

        if not self.body:
            if not self.intro:
                raise ImportFailed("the article has a title but no text", document.title_line or None)
            # A one-paragraph article: the paragraph is its body, not an excerpt of nothing.
            self.body.append({"type": "paragraph", "value": paragraph_html(escape(self.intro, quote=False))})
            self.intro = ""

        mentioned = {}
        for text in self.texts:
            for ingredient in self.catalogue.ingredients_in(text):
                mentioned[ingredient.pk] = ingredient
        return Built(
            title=document.title.strip(),
            intro=self.intro,
            body=self.body,
            mentioned_ingredients=sorted(mentioned.values(), key=lambda ingredient: ingredient.name),
            spotlights=self.spotlights,
            related_resolved=self.resolved,
            related_unresolved=self.unresolved,
            chrome=sorted(self.chrome, key=lambda entry: entry[0]),
            warnings=self.warnings,
        )

    def heading(self, node):
        self.texts.append(node.text)
        if len(node.text) > MAX_HEADING:
            self.warnings.append(f"line {node.line}: a heading over {MAX_HEADING} characters became a paragraph")
            self.body.append({"type": "paragraph", "value": paragraph_html(node.html)})
            return
        level = "h2" if node.level <= 2 else "h3"
        self.body.append({"type": "heading", "value": {"text": node.text, "level": level}})

    def bullet_list(self, node):
        items = []
        for item in node.items:
            if is_chrome(item.text) and not item.term:
                self.chrome.append((item.line, item.text))
                continue
            term, html = item.term, item.html
            if len(term) > MAX_TERM:
                term, html = "", f"{escape(term, quote=False)}: {html}"
            self.texts.append(f"{item.term} {item.text}")
            items.append({"term": term, "text": paragraph_html(html)})
        if items:
            self.body.append({"type": "bullet_list", "value": {"items": items}})

    def quote(self, node):
        self.texts.append(node.text)
        attribution = node.attribution
        text = node.text
        if len(attribution) > MAX_ATTRIBUTION:
            text, attribution = f"{text}\n\n{attribution}", ""
        self.body.append({"type": "quote", "value": {"text": text, "attribution": attribution}})

    def paragraph(self, node):
        text = node.text
        self.texts.append(text)
        if self.related(node):
            return
        product = self.catalogue.product_in(text)
        if product is not None and product.pk not in self.spotlit:
            self.spotlit.add(product.pk)
            self.spotlights.append({"line": node.line, "product": product.slug})
            self.body.append(
                {"type": "product_spotlight", "value": {"product": product.pk, "pitch": paragraph_html(node.html)}}
            )
            return
        self.body.append({"type": "paragraph", "value": paragraph_html(node.html)})

    def related(self, node):
        link = related_link(node.text)
        if link is None or len(link.label) > MAX_RELATED_LABEL:
            return False
        lead, label, topic = link.lead.strip(), link.label.strip(), link.topic.strip()
        if len(lead) > MAX_RELATED_LEAD:
            # A long lead stays a paragraph of its own, just before the link.
            self.body.append({"type": "paragraph", "value": paragraph_html(escape(lead, quote=False))})
            lead = ""
        ref = self.catalogue.insight_for(topic, HREF.findall(node.html), exclude_key=self.exclude_key)
        entry = {"line": node.line, "label": label, "topic": topic}
        if ref is not None:
            entry["insight"] = ref.slug
            self.resolved.append(entry)
        else:
            self.unresolved.append(entry)
        self.body.append(
            {
                "type": "related_insight",
                "value": {"lead": lead, "label": label, "page": ref.pk if ref else None},
            }
        )
        return True


def build(document: Document, catalogue: Catalogue, exclude_key="") -> Built:
    return Builder(document, catalogue, exclude_key=exclude_key).build()
