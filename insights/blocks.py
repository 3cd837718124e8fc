"""The insight body's block library.

Block `type` names (the keys of `InsightBodyBlock`) are a public contract: the HTML templates,
the JSON API and the importer all use them. Each block carries its own API shape.
"""

from django.db.models import prefetch_related_objects
from django.utils.text import slugify
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.rich_text import expand_db_html
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.images import absolute_url, image_representation, renditions_prefetch
from products.blurbs import product_blurb
from products.models import Product

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "superscript", "subscript"]
INLINE_FEATURES = ["bold", "italic", "link", "document-link"]


def _request(context):
    return (context or {}).get("request")


def rich_text_html(value):
    """Rich text with real URLs (no `linktype=` markup)."""
    return expand_db_html(value.source) if value else ""


def heading_anchor(text):
    return slugify(text) or "section"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, help_text="The section title.")
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
        required=False, max_length=120, help_text="Optional lead term, shown in bold: 'Acne' in 'Acne: ...'."
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
        products = (
            Product.objects.with_cards()
            .prefetch_related(renditions_prefetch("image"))
            .in_bulk([value for value in values if value is not None])
        )
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
        product = value["product"]
        return product if product is not None and product.live else None

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


class RelatedInsightBlock(blocks.StructBlock):
    lead = blocks.CharBlock(required=False, max_length=300, help_text="e.g. 'Want to know how to pair ingredients?'")
    label = blocks.CharBlock(max_length=200, help_text="The link text, e.g. 'Read our guide to ingredient pairing'.")
    page = blocks.PageChooserBlock(
        page_type="insights.InsightPage",
        required=False,
        help_text="The insight to link to. Without one (or while it is unpublished) the label shows as plain text.",
    )

    class Meta:
        icon = "link"
        template = "insights/blocks/related_insight.html"

    @staticmethod
    def published_page(value):
        page = value["page"]
        return page if page is not None and page.live and page.url else None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["linked_page"] = self.published_page(value)
        return context

    def get_api_representation(self, value, context=None):
        page = self.published_page(value)
        insight = None
        if page is not None:
            insight = {
                "slug": page.slug,
                "title": page.title,
                "url": absolute_url(page.get_url(_request(context)), _request(context)),
            }
        return {"lead": value["lead"] or "", "label": value["label"], "insight": insight}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text="The quotation, without quote marks.")
    attribution = blocks.CharBlock(required=False, max_length=200, help_text="Who said it (optional).")

    class Meta:
        icon = "openquote"
        template = "insights/blocks/quote.html"

    def get_api_representation(self, value, context=None):
        return {"text": value["text"], "attribution": value["attribution"] or ""}


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(help_text="Describe the image for readers who cannot see it, or mark it decorative.")
    caption = blocks.CharBlock(required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "insights/blocks/figure.html"

    def bulk_to_python(self, values):
        figures = super().bulk_to_python(values)
        # The API's renditions of every figure in the stream in one query, not one per image.
        prefetch_related_objects([figure["image"] for figure in figures if figure["image"]], renditions_prefetch())
        return figures

    def get_api_representation(self, value, context=None):
        image = value["image"]
        representation = image_representation(image, _request(context))
        if representation is not None:
            representation["alt"] = "" if image.decorative else (image.contextual_alt_text or image.default_alt_text)
        return {"image": representation, "caption": value["caption"] or ""}


class InsightBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    bullet_list = BulletListBlock()
    product_spotlight = ProductSpotlightBlock()
    related_insight = RelatedInsightBlock()
    quote = QuoteBlock()
    image = FigureBlock()
