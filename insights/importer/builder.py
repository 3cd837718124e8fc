"""Turns an intermediate document into InsightBodyBlock data, linking products, ingredients and insights."""

import re
from dataclasses import dataclass, field

from .document import Document, ImportFailed

CHROME = re.compile(
    r"^(?:back to (?:insights|top|all insights|blog)|(?:back to )?top of (?:the )?page|scroll to top|"
    r"share(?: this(?: article| post| page)?)?(?: on \w+)?|tweet|pin it|print(?: this article)?|"
    r"(?:image|photo|picture|img)(?: alt(?:-| )?text)?\s*[:\-–].*|alt(?:-| )?text\s*[:\-–].*)$",
    re.IGNORECASE,
)
RELATED = re.compile(
    r"^(?P<lead>.*?)\s*(?P<label>(?:read our (?:guide|article|insight) (?:to|on|about)|related topic:|related:|"
    r"see also:|read more:)\s*(?P<topic>.+?))[.!]?$",
    re.IGNORECASE,
)


def word_pattern(names, case_sensitive):
    names = sorted({name for name in names if name}, key=len, reverse=True)
    if not names:
        return None
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names) + r")(?!\w)", flags)


@dataclass
class Catalogue:
    """What the builder can link to: products, ingredients and existing insights (title -> page)."""

    products: list = field(default_factory=list)
    ingredients: list = field(default_factory=list)
    insights: dict = field(default_factory=dict)

    @classmethod
    def from_database(cls):
        from products.models import Ingredient, Product

        from ..models import InsightPage

        return cls(
            products=list(Product.objects.all()),
            ingredients=list(Ingredient.objects.all()),
            insights={title.casefold(): pk for pk, title in InsightPage.objects.values_list("pk", "title")},
        )

    def product_in(self, text):
        """The product a paragraph promotes: its name as written (case-sensitive) or an alias (any case)."""
        for product in self.products:
            by_name = word_pattern([product.name], case_sensitive=True)
            by_alias = word_pattern(product.alias_list, case_sensitive=False)
            if by_name.search(text) or (by_alias and by_alias.search(text)):
                return product
        return None

    def ingredients_in(self, text):
        return [
            ingredient
            for ingredient in self.ingredients
            if word_pattern([ingredient.name, *ingredient.alias_list], case_sensitive=False).search(text)
        ]

    def insight_titled(self, topic):
        wanted = topic.casefold().strip(" .")
        for title, pk in self.insights.items():
            if wanted == title or (len(wanted) > 3 and wanted in title):
                return pk
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


def build(document: Document, catalogue: Catalogue) -> Built:
    if not document.title.strip():
        raise ImportFailed("the article has no title")
    body, chrome = [], list(document.chrome)
    spotlights, resolved, unresolved = [], [], []
    intro = ""
    texts = [document.title]
    seen_heading = False

    for node in document.nodes:
        if node.kind == "heading":
            seen_heading = True
            texts.append(node.text)
            level = "h2" if node.level <= 2 else "h3"
            body.append({"type": "heading", "value": {"text": node.text, "level": level}})
            continue
        if node.kind == "bullet_list":
            texts.extend(f"{item.term} {item.text}" for item in node.items)
            items = [{"term": item.term, "text": paragraph_html(item.html)} for item in node.items]
            body.append({"type": "bullet_list", "value": {"items": items}})
            continue

        text = node.text.strip()
        if CHROME.match(text):
            chrome.append((node.line, text))
            continue
        texts.append(text)
        if not intro and not seen_heading and not body:
            intro = text
            continue
        related = RELATED.match(text)
        if related:
            topic = related["topic"]
            page_pk = catalogue.insight_titled(topic)
            (resolved if page_pk else unresolved).append({"line": node.line, "label": related["label"], "topic": topic})
            body.append(
                {
                    "type": "related_insight",
                    "value": {"lead": related["lead"], "label": related["label"], "page": page_pk},
                }
            )
            continue
        product = catalogue.product_in(text)
        if product is not None:
            spotlights.append({"line": node.line, "product": product.slug})
            body.append(
                {"type": "product_spotlight", "value": {"product": product.pk, "pitch": paragraph_html(node.html)}}
            )
            continue
        body.append({"type": "paragraph", "value": paragraph_html(node.html)})

    mentioned = {}
    for text in texts:
        for ingredient in catalogue.ingredients_in(text):
            mentioned[ingredient.pk] = ingredient

    return Built(
        title=document.title.strip(),
        intro=intro,
        body=body,
        mentioned_ingredients=sorted(mentioned.values(), key=lambda ingredient: ingredient.name),
        spotlights=spotlights,
        related_resolved=resolved,
        related_unresolved=unresolved,
        chrome=chrome,
        warnings=list(document.warnings),
    )
