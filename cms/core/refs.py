"""How API objects point at each other: a page as {slug, title, url}, an API object by its absolute `api_url`."""

from django.urls import reverse

from .images import absolute_url


def api_url(request, name, slug):
    """The absolute URL of the API object `name` ("insight_detail", "product_detail" ...) with `slug`."""
    return request.build_absolute_uri(reverse(f"api_v1:{name}", kwargs={"slug": slug}))


def page_url(page, request=None):
    """The page's absolute URL for readers."""
    return absolute_url(page.get_url(request) or page.url_path, request)


def page_ref(page, request=None):
    """{slug, title, url}: a page as listings, related links and `featured_in` show it."""
    return {"slug": page.slug, "title": page.title, "url": page_url(page, request)}
