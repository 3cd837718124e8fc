"""Builders for the Delivery API tests: insights with spotlights, products with images, query counting."""

import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection

from .factories import ClaimFactory, IngredientFactory, InsightPageFactory, ProductFactory


def make_image(title="A packshot"):
    return wagtail_factories.ImageFactory(
        title=title, collection=Collection.get_first_root_node(), file__width=800, file__height=600
    )


def make_product(name, **kwargs):
    """A published product with an image, two ingredients (one new each time), a claim and a tag."""
    product = ProductFactory(
        name=name,
        image=make_image(f"{name} packshot"),
        ingredients=[IngredientFactory(name=f"{name} active"), IngredientFactory(name="Water")],
        claims=[ClaimFactory(text="Vegan", category="ethical")],
        **kwargs,
    )
    product.tags.add("serum")
    product.save()
    return product


def spotlight(product, pitch="<p>Why it helps.</p>"):
    return {"type": "product_spotlight", "value": {"product": product.pk, "pitch": pitch}}


def paragraph(html="<p>A paragraph of the body.</p>"):
    return {"type": "paragraph", "value": html}


def make_insight(parent, *, blocks=(), tags=(), hero=True, **kwargs):
    """A published insight under `parent` whose body is a paragraph followed by `blocks`."""
    page = InsightPageFactory(
        parent=parent, body=[paragraph(), *blocks], hero_image=make_image("Hero") if hero else None, **kwargs
    )
    if tags:
        page.tags.add(*tags)
        page.save()
    return page


def count_queries(client, url):
    """(number of queries, response) for one GET."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response
