"""The product blurb: the compact product dict that shop frontends and article spotlights share."""

from django.urls import reverse
from wagtail.rich_text import expand_db_html

from cms.images import image_representation


def ingredient_summary(ingredient, note=""):
    return {
        "name": ingredient.name,
        "slug": ingredient.slug,
        "inci": ingredient.inci_name,
        "what_it_does": ingredient.what_it_does,
        "note": note,
    }


def product_ref(slug, name, request):
    """{slug, name, api_url}: how other API objects point at a product."""
    api_url = request.build_absolute_uri(reverse("api_v1:product_detail", kwargs={"slug": slug}))
    return {"slug": slug, "name": name, "api_url": api_url}


def product_blurb(product, request=None):
    """A published product as shops show it. Expects `Product.objects.with_cards()` for flat query counts."""
    return {
        "name": product.name,
        "slug": product.slug,
        "product_type": product.product_type,
        "tagline": product.tagline,
        "blurb": product.blurb,
        "description_html": expand_db_html(product.description),
        "ingredients": [ingredient_summary(ingredient, note) for ingredient, note in product.ingredient_list],
        "claims": [{"text": claim.text, "category": claim.category} for claim in product.supported_claims],
        "image": image_representation(product.image, request),
        "shop_url": product.shop_url,
        "tags": sorted(tag.name for tag in product.tags.all()),
    }
