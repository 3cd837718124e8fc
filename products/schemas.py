"""The API's product and ingredient shapes (`products.blurbs` builds the dicts they validate)."""

from typing import Literal

from ninja import Schema
from pydantic import Field

from cms.core.schemas import Image, PageRef

from .models import Claim

ClaimCategory = Literal[tuple(Claim.Category.values)]


class IngredientSummary(Schema):
    name: str
    slug: str
    inci: str = Field(description="The INCI name on the label.")
    what_it_does: str
    note: str = Field(description="For this product only, e.g. '2% concentration'; empty when none.")


class ProductClaim(Schema):
    text: str
    category: ClaimCategory


class ProductBlurb(Schema):
    """A published product as shops and article spotlights show it."""

    name: str
    slug: str
    product_type: str
    tagline: str
    blurb: str = Field(description="Plain text for shop cards, at most 280 characters.")
    description_html: str = Field(description="Rich text with real URLs.")
    ingredients: list[IngredientSummary]
    claims: list[ProductClaim] = Field(description="Substantiated claims only; unsupported claims are never shown.")
    image: Image | None
    shop_url: str
    tags: list[str] = Field(description="Tag names, sorted.")


class Product(ProductBlurb):
    api_url: str
    featured_in: list[PageRef] = Field(
        description="Published pages that spotlight this product (from Wagtail's reference index), newest first."
    )


class ProductRef(Schema):
    slug: str
    name: str
    api_url: str


class Ingredient(Schema):
    name: str
    slug: str
    inci: str
    what_it_does: str
    description_html: str
    tags: list[str]
    api_url: str
    products: list[ProductRef] = Field(description="Published products that contain it, by name.")
