"""Request and response rules for the whole site.

- `RejectNulMiddleware`: a NUL byte in the path or a query value of a reader or admin request is a 400; no page
  has one in its address, and PostgreSQL refuses NUL in any query parameter. (The API names the bad parameter
  itself, with a 422.)
- `ApiHeadMiddleware`: HEAD on the API answers as GET does (same status and headers, ETag included), without a
  body: CDNs and monitors use HEAD. It sits outside ConditionalGetMiddleware and the response cache.
- `ApiCacheControlMiddleware`: published content (GET answered 200 under /api/v1/) is publicly cacheable for
  API_CACHE_MAX_AGE seconds (less when something readers see expires sooner), and may be served stale while
  revalidating for API_STALE_WHILE_REVALIDATE; errors and draft previews are `no-store` (previews `private` too).
  It sits inside ConditionalGetMiddleware so that 304s carry the same header.
"""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.cache import patch_cache_control

from .visibility import cache_lifetime

API_PREFIX = "/api/"
PREVIEW_PREFIX = "/api/v1/preview/"
# Answers that say nothing about content (the API's own description): no content expiry limits how long they keep.
CONTENT_FREE_PATHS = ("/api/v1/openapi.json", "/api/v1/docs")


def is_api(request):
    return request.path.startswith(API_PREFIX)


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api(request):
            if "\x00" in request.path:
                raise BadRequest("The address contains a NUL character.")
            for name, values in request.GET.lists():
                if "\x00" in name or any("\x00" in value for value in values):
                    raise BadRequest(f"The query parameter {name!r} contains a NUL character.")
        return self.get_response(request)


class ApiHeadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD" or not is_api(request):
            return self.get_response(request)
        request.method = "GET"
        response = self.get_response(request)
        request.method = "HEAD"
        if not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response


class ApiCacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_api(request):
            return response
        if request.path.startswith(PREVIEW_PREFIX):
            patch_cache_control(response, private=True, no_store=True)
        elif response.status_code >= 400:
            patch_cache_control(response, no_store=True)
        elif request.method == "GET" and response.status_code == 200 and not response.has_header("Cache-Control"):
            max_age = settings.API_CACHE_MAX_AGE
            if not request.path.startswith(CONTENT_FREE_PATHS):
                max_age = cache_lifetime(request, max_age)
            if max_age == settings.API_CACHE_MAX_AGE:
                patch_cache_control(
                    response,
                    public=True,
                    max_age=max_age,
                    stale_while_revalidate=settings.API_STALE_WHILE_REVALIDATE,
                )
            else:  # something expires sooner: no stale copy past it
                patch_cache_control(response, public=True, max_age=max_age)
        return response
