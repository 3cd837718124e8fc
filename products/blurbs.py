"""The product blurb: the compact product dict that shop frontends and article spotlights share."""

from wagtail.rich_text import expand_db_html

from cms.core.images import image_representation
from cms.core.refs import api_url


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
    return {"slug": slug, "name": name, "api_url": api_url(request, "product_detail", slug)}


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
        "image": image_representation(product.image, request, alt=product.image_alt),
        "shop_url": product.shop_url,
        "tags": sorted(tag.name for tag in product.tags.all()),
    }
