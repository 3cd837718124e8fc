"""The API's insight shapes: cards for listings, the full article with its typed body blocks.

Each body block is `{type, value, id}` as `InsightBodyBlock.get_api_representation` gives it; the
block's own `get_api_representation` (insights.blocks) builds `value`. The union below is
discriminated on `type`, so generated clients get one type per block.
"""

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from cms.core.schemas import Image, PageRef
from products.schemas import ProductBlurb, ProductRef


class InsightCard(Schema):
    id: int
    slug: str
    title: str
    excerpt: str
    url: str = Field(description="Absolute URL of the HTML article.")
    api_url: str = Field(description="Absolute URL of this insight in the API.")
    published_at: datetime.date = Field(description="The date readers see.")
    updated_at: datetime.datetime | None = Field(description="When the article was last published.")
    reading_time_minutes: int
    tags: list[str] = Field(description="Tag names, sorted.")
    hero_image: Image | None
    products: list[ProductRef] = Field(description="Published products the article spotlights, by name.")


# Body blocks: one schema per block type, named after it.


class HeadingValue(Schema):
    level: Literal["h2", "h3"]
    text: str
    anchor: str = Field(description="The id the HTML page gives the heading; `toc` entries link to it.")


class ParagraphValue(Schema):
    html: str = Field(description="Rich text with real URLs.")


class BulletItem(Schema):
    term: str = Field(description="Optional lead term (empty when none), shown in bold before the text.")
    html: str


class BulletListValue(Schema):
    items: list[BulletItem]


class ProductSpotlightValue(Schema):
    product: ProductBlurb | None = Field(description="Null while the product is unpublished.")
    pitch_html: str


class RelatedInsightValue(Schema):
    lead: str
    label: str
    insight: PageRef | None = Field(
        description="Null when no insight readers may see is linked (none chosen, or a draft, private or expired "
        "page): show the label as text."
    )


class QuoteValue(Schema):
    text: str
    attribution: str


class FigureValue(Schema):
    image: Image | None
    caption: str


class HeadingBlock(Schema):
    type: Literal["heading"]
    id: str
    value: HeadingValue


class ParagraphBlock(Schema):
    type: Literal["paragraph"]
    id: str
    value: ParagraphValue


class BulletListBlock(Schema):
    type: Literal["bullet_list"]
    id: str
    value: BulletListValue


class ProductSpotlightBlock(Schema):
    type: Literal["product_spotlight"]
    id: str
    value: ProductSpotlightValue


class RelatedInsightBlock(Schema):
    type: Literal["related_insight"]
    id: str
    value: RelatedInsightValue


class QuoteBlock(Schema):
    type: Literal["quote"]
    id: str
    value: QuoteValue


class ImageBlock(Schema):
    type: Literal["image"]
    id: str
    value: FigureValue


BodyBlock = Annotated[
    HeadingBlock
    | ParagraphBlock
    | BulletListBlock
    | ProductSpotlightBlock
    | RelatedInsightBlock
    | QuoteBlock
    | ImageBlock,
    Field(discriminator="type"),
]


class TocEntry(Schema):
    anchor: str
    text: str


class Seo(Schema):
    title: str
    description: str
    canonical_url: str


class IngredientMention(Schema):
    slug: str
    name: str


class Insight(InsightCard):
    body: list[BodyBlock]
    ingredients: list[IngredientMention] = Field(
        description="Ingredients the article talks about (found by the importer or chosen by an editor), by name."
    )
    toc: list[TocEntry] = Field(description="The H2 sections, in order.")
    seo: Seo
    related: list[PageRef] = Field(description="Other published insights sharing its tags, most shared first.")
