"""Builders for the Delivery API tests: insights with spotlights, products with images, query counting."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import ImageFactory, InsightPageFactory, ProductFactory


def make_image(title="hero-photo"):
    return ImageFactory(title=title)


def make_product(name, **kwargs):
    """A published product with a full card: packshot, two ingredients (one new each time), a claim and a tag."""
    return ProductFactory(name=name, **kwargs)


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
