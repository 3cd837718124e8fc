"""A server-side cache of the Delivery API's published responses, emptied whenever content changes.

Django's own CacheMiddleware keys on a fixed prefix and can only wait for entries to time out; the API must show
a publish at once. So each entry's key carries a *content version*, a token kept in the same cache and replaced
(after the transaction commits) whenever a model of one of the CONTENT_APPS is saved or deleted, or a page is
moved: every entry written before the change is then unreachable and ages out on its own.

The cache must be shared by every worker (Redis, with REDIS_URL): with a per-process cache, one worker would go
on serving what another has just unpublished. Without a shared cache the response cache is off, and the
system check `core.W001` and a warning when the server starts say so. Entries live for
API_RESPONSE_CACHE_SECONDS (0 turns the cache off), and never past the moment the next page or product expires.

Only GETs under /api/ answered 200 are kept (the API is anonymous: answers do not vary by user), never previews
or the health check (they say `no-store`). The key includes scheme and host, because the API's URLs are absolute.
If the cache goes down, requests are answered uncached (django-redis ignores the errors; `cms.core.cache`).
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from wagtail.signals import page_published, page_unpublished, post_page_move

from .middleware import PREVIEW_PREFIX, is_api
from .visibility import EXPIRY_ATTR, cache_lifetime, remember_expiry

logger = logging.getLogger(__name__)

VERSION_KEY = "response-cache:content-version"
# Saving these says nothing readers can see; the rendition tables fill up while pages are served.
IGNORED_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.pagesubscription",
    "wagtailimages.rendition",
}
PER_PROCESS_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def cache_is_shared():
    return settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_BACKENDS


def cache_seconds():
    """How long responses are kept: API_RESPONSE_CACHE_SECONDS, or 0 without a cache that every worker shares."""
    return settings.API_RESPONSE_CACHE_SECONDS if cache_is_shared() else 0


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)  # add: the first process to get here wins
        version = cache.get(VERSION_KEY, "unversioned")
    return version


def content_changed(**kwargs):
    """Make every cached response unreachable once the current transaction commits."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None))


def model_changed(sender, **kwargs):
    meta = sender._meta
    if meta.app_label in settings.CONTENT_APPS and meta.label_lower not in IGNORED_MODELS:
        content_changed()


def connect_signals():
    post_save.connect(model_changed, dispatch_uid="response-cache-save")
    post_delete.connect(model_changed, dispatch_uid="response-cache-delete")
    m2m_changed.connect(model_changed, dispatch_uid="response-cache-m2m")
    post_page_move.connect(content_changed, dispatch_uid="response-cache-move")
    page_published.connect(content_changed, dispatch_uid="response-cache-publish")
    page_unpublished.connect(content_changed, dispatch_uid="response-cache-unpublish")


def response_key(request, version):
    where = f"{version}|{request.scheme}|{request.get_host()}|{request.get_full_path()}"
    return "response-cache:" + hashlib.sha256(where.encode()).hexdigest()


def storable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and "Set-Cookie" not in response
        and "no-store" not in cache_control
        and "private" not in cache_control
    )


class ApiResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        if settings.API_RESPONSE_CACHE_SECONDS and not cache_is_shared():
            logger.warning(
                "The API response cache is off: the default cache (%s) is not shared between workers. "
                "Set REDIS_URL to turn it on.",
                settings.CACHES["default"]["BACKEND"],
            )

    def __call__(self, request):
        seconds = cache_seconds()
        if not seconds or request.method != "GET" or not is_api(request) or request.path.startswith(PREVIEW_PREFIX):
            return self.get_response(request)
        key = response_key(request, content_version())
        cached = cache.get(key)
        if cached is not None:
            content, headers, expiry = cached
            remember_expiry(request, expiry)
            return HttpResponse(content, headers=headers)
        response = self.get_response(request)
        lifetime = cache_lifetime(request, seconds)  # never past the next expiry
        if storable(response) and lifetime > 0:
            entry = (response.content, dict(response.headers), getattr(request, EXPIRY_ATTR))
            cache.set(key, entry, timeout=lifetime)
        return response
