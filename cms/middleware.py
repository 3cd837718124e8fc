"""Cache-Control for the Delivery API.

Published content (GET/HEAD answered 200 under /api/v1/) is publicly cacheable for API_CACHE_MAX_AGE
seconds and may be served stale while revalidating for API_STALE_WHILE_REVALIDATE. Draft previews are
`private, no-store`: no shared cache keeps them, and ConditionalGetMiddleware gives them no ETag.
Sits inside ConditionalGetMiddleware so that 304 responses carry the same Cache-Control.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

API_PREFIX = "/api/v1/"
PREVIEW_PREFIX = "/api/v1/preview/"


class ApiCacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        if request.path.startswith(PREVIEW_PREFIX):
            patch_cache_control(response, private=True, no_store=True)
        elif (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.has_header("Cache-Control")
        ):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.API_CACHE_MAX_AGE,
                stale_while_revalidate=settings.API_STALE_WHILE_REVALIDATE,
            )
        return response
