"""The product and ingredient routers: published products as shops show them, and their ingredients."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Prefetch, Q
from ninja import FilterSchema, Query, Router
from ninja.pagination import paginate
from pydantic import Field
from wagtail.models import Page, ReferenceIndex
from wagtail.rich_text import expand_db_html

from cms.core.pagination import Listing, ListingPagination
from cms.core.problems import published_or_404
from cms.core.refs import api_url, page_ref
from cms.core.schemas import Problem, Slug, TagName
from cms.core.tags import tagged
from cms.core.visibility import visible_pages

from . import schemas
from .blurbs import product_blurb, product_ref
from .models import Claim, Ingredient, Product, ProductClaim, ProductIngredient, ProductTag

products_router = Router(tags=["products"])
ingredients_router = Router(tags=["ingredients"])


class ProductFilters(FilterSchema):
    tag: TagName | None = Field(None, description="Products with this tag (its slug or its name).")
    ingredient: Slug | None = Field(None, description="Products that contain this ingredient (its slug).")
    claim: Slug | None = Field(None, description="Products that make this claim (its slug; substantiated claims only).")

    def filter_tag(self, value):
        return tagged(ProductTag, [value]) if value else Q()

    def filter_ingredient(self, value):
        rows = ProductIngredient.objects.filter(ingredient__slug=value)
        return Q(pk__in=rows.values("product_id")) if value else Q()

    def filter_claim(self, value):
        # An unsubstantiated claim is never shown, so it matches nothing rather than revealing itself.
        rows = ProductClaim.objects.filter(claim__in=Claim.objects.supported().filter(slug=value))
        return Q(pk__in=rows.values("product_id")) if value else Q()


def featured_in(products, request):
    """{product pk: [{slug, title, url}]}: the published pages that reference each product, newest first.

    Read from Wagtail's reference index, which records what the live version of each page links to
    (a product spotlight is such a link), so this app never needs to know about insight pages.
    """
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(Product),
        to_object_id__in=[str(product.pk) for product in products],
    ).values_list("to_object_id", "object_id")
    page_ids_by_product = {}
    for product_id, page_id in references:
        page_ids_by_product.setdefault(int(product_id), set()).add(int(page_id))
    all_page_ids = set().union(*page_ids_by_product.values())
    newest_first = (F("first_published_at").desc(nulls_last=True), "-pk")
    pages = list(visible_pages(Page.objects.filter(pk__in=all_page_ids)).order_by(*newest_first))
    return {
        product.pk: [page_ref(page, request) for page in pages if page.pk in page_ids_by_product.get(product.pk, ())]
        for product in products
    }


def serialize_products(products, request):
    pages = featured_in(products, request)
    return [
        {
            **product_blurb(product, request),
            "api_url": api_url(request, "product_detail", product.slug),
            "featured_in": pages[product.pk],
        }
        for product in products
    ]


def published_products():
    return Product.objects.visible().with_cards()


@products_router.get("/", response=list[schemas.Product], url_name="product_list", summary="List products")
@paginate(ListingPagination)
def list_products(request, filters: Query[ProductFilters]):
    """Published products by name, each as its blurb plus the insights that feature it."""
    products = filters.filter(published_products()).order_by("name", "pk")
    return Listing(products, lambda page: serialize_products(page, request))


@products_router.get(
    "/{slug}/", response={200: schemas.Product, 404: Problem}, url_name="product_detail", summary="Get a product"
)
def get_product(request, slug: str):
    """One published product by slug; 404 for an unknown, unpublished or expired product."""
    product = published_or_404(published_products(), slug, "product")
    return serialize_products([product], request)[0]


def serialize_ingredients(ingredients, request):
    return [
        {
            "name": ingredient.name,
            "slug": ingredient.slug,
            "inci": ingredient.inci_name,
            "what_it_does": ingredient.what_it_does,
            "description_html": expand_db_html(ingredient.description),
            "tags": sorted(tag.name for tag in ingredient.tags.all()),
            "api_url": api_url(request, "ingredient_detail", ingredient.slug),
            "products": [
                product_ref(row.product.slug, row.product.name, request)
                for row in sorted(ingredient.product_rows.all(), key=lambda row: row.product.name)
            ],
        }
        for ingredient in ingredients
    ]


def ingredients_with_products():
    rows = ProductIngredient.objects.filter(product__in=Product.objects.visible())
    return Ingredient.objects.prefetch_related("tags", Prefetch("product_rows", rows.select_related("product")))


@ingredients_router.get("/", response=list[schemas.Ingredient], url_name="ingredient_list", summary="List ingredients")
@paginate(ListingPagination)
def list_ingredients(request):
    """Every ingredient by name, with the published products that contain it."""
    return Listing(
        ingredients_with_products().order_by("name", "pk"), lambda page: serialize_ingredients(page, request)
    )


@ingredients_router.get(
    "/{slug}/",
    response={200: schemas.Ingredient, 404: Problem},
    url_name="ingredient_detail",
    summary="Get an ingredient",
)
def get_ingredient(request, slug: str):
    ingredient = published_or_404(ingredients_with_products(), slug, "ingredient")
    return serialize_ingredients([ingredient], request)[0]
