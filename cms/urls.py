from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.core.sitemap import sitemap
from cms.core.views import api_not_found

from .api import api

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("api/v1/", api.urls),
    # Anything else under /api/ is a 404 problem, never one of Wagtail's pages.
    re_path(r"^api/(?:.+/)?$", api_not_found),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail serves every page; this stays last.
    path("", include(wagtail_urls)),
]

# Problem+json under /api/, styled pages elsewhere; 503 while the database is unreachable.
handler400 = "cms.core.views.bad_request"
handler404 = "cms.core.views.page_not_found"
handler500 = "cms.core.views.server_error"
