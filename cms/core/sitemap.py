"""sitemap.xml: Wagtail's sitemap of the site's pages, narrowed to what readers may see (`visible_pages`)."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .visibility import visible_pages


class VisibleSitemap(Sitemap):
    def items(self):
        return visible_pages(super().items())


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": VisibleSitemap})
