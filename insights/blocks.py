"""The insight body's block library.

Block `type` names (the keys of `InsightBodyBlock`) are a public contract: the HTML templates,
the JSON API and the importer all use them. Each block carries its own API shape.

The rich-text feature lists and the length limits below are the blocks' own; the importer and the exporter
import them from here.
"""

from django.db.models import prefetch_related_objects
from django.utils.text import slugify
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.rich_text import expand_db_html
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.core.images import alt_text, image_representation, renditions_prefetch
from cms.core.refs import page_ref
from cms.core.visibility import is_visible, mark_visible_pages
from products.blurbs import product_blurb
from products.models import Product

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "superscript", "subscript"]
INLINE_FEATURES = ["bold", "italic", "link", "document-link"]
MAX_HEADING = 200
MAX_TERM = 120
MAX_RELATED_LEAD = 300
MAX_RELATED_LABEL = 200
MAX_ATTRIBUTION = 200
MAX_CAPTION = 300


def _request(context):
    return (context or {}).get("request")


def rich_text_html(value):
    """Rich text with real URLs (no `linktype=` markup)."""
    return expand_db_html(value.source) if value else ""


def heading_anchor(text):
    return slugify(text) or "section"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=MAX_HEADING, help_text="The section title.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (H2)"), ("h3", "Subsection (H3)")],
        default="h2",
        help_text="H2 for sections (they make the table of contents), H3 inside a section.",
    )

    class Meta:
        icon = "title"
        template = "insights/blocks/heading.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = heading_anchor(value["text"])
        return context

    def get_api_representation(self, value, context=None):
        return {"level": value["level"], "text": value["text"], "anchor": heading_anchor(value["text"])}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "insights/blocks/paragraph.html"

    def get_api_representation(self, value, context=None):
        return {"html": rich_text_html(value)}


class BulletItemBlock(blocks.StructBlock):
    term = blocks.CharBlock(
        required=False, max_length=MAX_TERM, help_text="Optional lead term, shown in bold: 'Acne' in 'Acne: ...'."
    )
    text = blocks.RichTextBlock(features=INLINE_FEATURES, help_text="The explanation.")

    class Meta:
        icon = "list-ul"

    def get_api_representation(self, value, context=None):
        return {"term": value["term"] or "", "html": rich_text_html(value["text"])}


class BulletListBlock(blocks.StructBlock):
    items = blocks.ListBlock(BulletItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "insights/blocks/bullet_list.html"

    def get_api_representation(self, value, context=None):
        item_block = self.child_blocks["items"].child_block
        return {"items": [item_block.get_api_representation(item, context) for item in value["items"]]}


class ProductChooserBlock(SnippetChooserBlock):
    """Chooses a Product; loads every product of a stream with its card data in one go."""

    def __init__(self, **kwargs):
        super().__init__(Product, **kwargs)

    def bulk_to_python(self, values):
        products = Product.objects.with_cards().in_bulk([value for value in values if value is not None])
        return [products.get(value) for value in values]

    def deconstruct(self):
        # Migrations record a plain SnippetChooserBlock: the bulk loading is runtime behaviour.
        return ("wagtail.snippets.blocks.SnippetChooserBlock", (Product._meta.label,), {})


class ProductSpotlightBlock(blocks.StructBlock):
    product = ProductChooserBlock(help_text="Name, type, ingredients and claims are shown from the product itself.")
    pitch = blocks.RichTextBlock(features=INLINE_FEATURES, help_text="This article's own words about the product.")

    class Meta:
        icon = "pick"
        template = "insights/blocks/product_spotlight.html"

    @staticmethod
    def published_product(value):
        """The chosen product while readers may see it (live, not expired); else None: no card, no blurb."""
        product = value["product"]
        return product if is_visible(product) else None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["product"] = self.published_product(value)
        return context

    def get_api_representation(self, value, context=None):
        product = self.published_product(value)
        return {
            "product": product_blurb(product, _request(context)) if product else None,
            "pitch_html": rich_text_html(value["pitch"]),
        }


class InsightChooserBlock(blocks.PageChooserBlock):
    """Chooses an insight; records in one query per stream which of the chosen pages readers may see."""

    def __init__(self, **kwargs):
        super().__init__(page_type="insights.InsightPage", **kwargs)

    def bulk_to_python(self, values):
        pages = super().bulk_to_python(values)
        mark_visible_pages(pages)
        return pages

    def deconstruct(self):
        # Migrations record a plain PageChooserBlock: the bulk visibility check is runtime behaviour.
        return blocks.PageChooserBlock(page_type="insights.InsightPage", **self._constructor_args[1]).deconstruct()


class RelatedInsightBlock(blocks.StructBlock):
    lead = blocks.CharBlock(
        required=False, max_length=MAX_RELATED_LEAD, help_text="e.g. 'Want to know how to pair ingredients?'"
    )
    label = blocks.CharBlock(
        max_length=MAX_RELATED_LABEL, help_text="The link text, e.g. 'Read our guide to ingredient pairing'."
    )
    page = InsightChooserBlock(
        required=False,
        help_text="The insight to link to. Without one (or while readers may not see it: a draft, private or "
        "expired page) the label shows as plain text.",
    )

    class Meta:
        icon = "link"
        template = "insights/blocks/related_insight.html"

    @staticmethod
    def published_page(value):
        """The chosen insight while readers may see it (live, public, not expired); else None: plain text."""
        page = value["page"]
        return page if is_visible(page) and page.url else None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["linked_page"] = self.published_page(value)
        return context

    def get_api_representation(self, value, context=None):
        page = self.published_page(value)
        insight = page_ref(page, _request(context)) if page is not None else None
        return {"lead": value["lead"] or "", "label": value["label"], "insight": insight}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text="The quotation, without quote marks.")
    attribution = blocks.CharBlock(required=False, max_length=MAX_ATTRIBUTION, help_text="Who said it (optional).")

    class Meta:
        icon = "openquote"
        template = "insights/blocks/quote.html"

    def get_api_representation(self, value, context=None):
        return {"text": value["text"], "attribution": value["attribution"] or ""}


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(help_text="Describe the image for readers who cannot see it, or mark it decorative.")
    caption = blocks.CharBlock(required=False, max_length=MAX_CAPTION)

    class Meta:
        icon = "image"
        template = "insights/blocks/figure.html"

    def bulk_to_python(self, values):
        figures = super().bulk_to_python(values)
        # Every rendition of every figure in the stream in one query (all of them: see cms.core.images).
        prefetch_related_objects([figure["image"] for figure in figures if figure["image"]], renditions_prefetch())
        return figures

    @staticmethod
    def alt(image):
        """The block's own alt text (Wagtail's ImageBlock asks for it, or for "decorative"), else the description."""
        if image is None or getattr(image, "decorative", False):
            return ""
        return getattr(image, "contextual_alt_text", "") or alt_text(image)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["alt"] = self.alt(value["image"])
        return context

    def get_api_representation(self, value, context=None):
        image = value["image"]
        representation = image_representation(image, _request(context), alt=self.alt(image))
        return {"image": representation, "caption": value["caption"] or ""}


class InsightBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    bullet_list = BulletListBlock()
    product_spotlight = ProductSpotlightBlock()
    related_insight = RelatedInsightBlock()
    quote = QuoteBlock()
    image = FigureBlock()
