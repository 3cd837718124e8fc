"""The insights router: published insight cards (filtered, searched, paginated) and full articles."""

from typing import Literal

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, IntegerField, Q
from django.db.models.functions import Cast
from ninja import FilterSchema, Query, Router
from ninja.pagination import paginate
from pydantic import Field
from wagtail.models import Page, ReferenceIndex

from cms.core.images import image_representation, renditions_prefetch
from cms.core.pagination import Listing, ListingPagination
from cms.core.problems import published_or_404
from cms.core.refs import api_url, page_ref, page_url
from cms.core.schemas import Problem, SearchText, Slug, TagName
from cms.core.search import search
from cms.core.tags import MAX_TAGS, tagged
from products.blurbs import product_ref
from products.models import Product

from .models import InsightPage, InsightPageTag
from .schemas import Insight, InsightCard

router = Router(tags=["insights"])

RELATED_LIMIT = 4

Ordering = Literal["-published", "published", "title"]
ORDER_BY = {
    "-published": ("-published_date", "-first_published_at", "-id"),
    "published": ("published_date", "first_published_at", "id"),
    "title": ("title", "id"),
}


def spotlight_references():
    """Reference-index rows for product spotlights in insight bodies (the live version of each page)."""
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        content_type=ContentType.objects.get_for_model(InsightPage),
        to_content_type=ContentType.objects.get_for_model(Product),
        model_path__startswith="body.",
    )


def spotlighting(products):
    """A Q matching the insights whose live body spotlights one of `products` (a queryset), as one subquery.

    The reference index stores object ids as text, hence the casts.
    """
    product_ids = products.annotate(id_text=Cast("pk", CharField())).values("id_text")
    references = spotlight_references().filter(to_object_id__in=product_ids)
    return Q(pk__in=references.annotate(page_id=Cast("object_id", IntegerField())).values("page_id"))


class InsightFilters(FilterSchema):
    tag: list[TagName] | None = Field(
        None,
        max_length=MAX_TAGS,
        description=f"Insights with every one of these tags (slug or name). Repeat the parameter for more, "
        f"up to {MAX_TAGS}.",
    )
    product: Slug | None = Field(None, description="Insights that spotlight this product (its slug).")
    ingredient: Slug | None = Field(
        None,
        description="Insights about this ingredient (its slug): those that mention it (recorded by the importer "
        "or an editor) and those that spotlight a product containing it.",
    )
    q: SearchText | None = Field(
        None,
        description="Full-text search (title, excerpt, body, tags), applied after the other filters. Words only: "
        "quotes and operators are read as plain text, and text without words is no search.",
    )

    def filter_tag(self, values):
        return tagged(InsightPageTag, values or ())

    def filter_product(self, value):
        if not value:
            return Q()
        return spotlighting(Product.objects.visible().filter(slug=value))

    def filter_ingredient(self, value):
        if not value:
            return Q()
        mentions = InsightPage.mentioned_ingredients.through.objects.filter(ingredient__slug=value)
        products = Product.objects.visible().filter(product_ingredients__ingredient__slug=value)
        return Q(pk__in=mentions.values("insightpage_id")) | spotlighting(products)

    def filter_q(self, value):
        return Q()  # Not a database filter: list_insights hands it to Wagtail's search backend.


def published_articles():
    """For the full article: the body is loaded with the page."""
    return (
        InsightPage.objects.visible()
        .select_related("hero_image")
        .prefetch_related("tags", renditions_prefetch("hero_image"))
    )


def insight_card(page, request, products):
    return {
        "id": page.pk,
        "slug": page.slug,
        "title": page.title,
        "excerpt": page.intro,
        "url": page_url(page, request),
        "api_url": api_url(request, "insight_detail", page.slug),
        "published_at": page.published_date,
        "updated_at": page.last_published_at,
        "reading_time_minutes": page.reading_time,
        "tags": sorted(tag.name for tag in page.tags.all()),
        "hero_image": image_representation(page.hero_image, request, alt=page.hero_alt),
        "products": products,
    }


def spotlighted_products(pages, request):
    """{page pk: [{slug, name, api_url}]}: the published products each page's live body spotlights, by name."""
    references = spotlight_references().filter(object_id__in=[str(page.pk) for page in pages])
    pairs = [
        (int(page_id), int(product_id)) for page_id, product_id in references.values_list("object_id", "to_object_id")
    ]
    products = (
        Product.objects.visible().filter(pk__in={product_id for _, product_id in pairs}).only("pk", "slug", "name")
    )
    products = {product.pk: product for product in products}
    by_page = {page.pk: {} for page in pages}
    for page_id, product_id in pairs:
        if product_id in products and page_id in by_page:
            by_page[page_id][product_id] = products[product_id]
    return {
        page_id: [
            product_ref(product.slug, product.name, request) for product in sorted(found.values(), key=lambda p: p.name)
        ]
        for page_id, found in by_page.items()
    }


def serialize_cards(pages, request):
    products = spotlighted_products(pages, request)
    return [insight_card(page, request, products[page.pk]) for page in pages]


def related_insights(page, request):
    """Other published insights sharing the most tags with `page`, then newest."""
    tag_ids = [tag.pk for tag in page.tags.all()]
    if not tag_ids:
        return []
    rows = InsightPageTag.objects.filter(tag_id__in=tag_ids)
    related = (
        InsightPage.objects.visible()
        .defer_streamfields()
        .exclude(pk=page.pk)
        .filter(pk__in=rows.values("content_object_id"))
        .annotate(shared_tags=Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids)))
        .order_by("-shared_tags", "-published_date", "-id")[:RELATED_LIMIT]
    )
    return [page_ref(other, request) for other in related]


def serialize_insight(page, request):
    """The whole article: its card, its body as typed blocks, table of contents, SEO fields and related insights."""
    body = page.body.stream_block.get_api_representation(page.body, context={"request": request})
    products = {}
    for block in body:
        if block["type"] == "product_spotlight" and block["value"]["product"] is not None:
            product = block["value"]["product"]
            products.setdefault(product["slug"], product_ref(product["slug"], product["name"], request))
    card = insight_card(page, request, sorted(products.values(), key=lambda product: product["name"]))
    return {
        **card,
        "body": body,
        "ingredients": sorted(
            ({"slug": ingredient.slug, "name": ingredient.name} for ingredient in page.mentioned_ingredients.all()),
            key=lambda ingredient: ingredient["name"],
        ),
        "toc": page.toc,
        "seo": {
            "title": page.seo_title or page.title,
            "description": page.search_description or page.intro,
            "canonical_url": card["url"],
        },
        "related": related_insights(page, request),
    }


@router.get("/", response=list[InsightCard], url_name="insight_list", summary="List insights")
@paginate(ListingPagination)
def list_insights(request, filters: Query[InsightFilters], ordering: Ordering = "-published"):
    """Published insights, newest first unless `ordering` says otherwise. Filters combine with AND."""
    insights = search(
        filters.filter(InsightPage.objects.listing()).order_by(*ORDER_BY[ordering]), filters.q, order_by_relevance=False
    )
    return Listing(insights, lambda pages: serialize_cards(pages, request))


@router.get("/{slug}/", response={200: Insight, 404: Problem}, url_name="insight_detail", summary="Get an insight")
def get_insight(request, slug: str):
    """One published insight by slug; 404 for an unknown, draft, private, unpublished or expired one."""
    return serialize_insight(published_or_404(published_articles().order_by("path"), slug, "insight"), request)
