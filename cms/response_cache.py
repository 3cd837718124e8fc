"""A server-side cache of the Delivery API's published responses, emptied whenever content changes.

Django's own CacheMiddleware keys on a fixed prefix and can only wait for entries to time out; the API
must show a publish at once. So each entry's key carries a *content version*, a token kept in the same
cache and replaced (after the transaction commits) whenever a page, snippet, image, tag or view
restriction is saved or deleted, or a page is moved: every entry written before the change is then
unreachable and ages out on its own. Entries live for API_RESPONSE_CACHE_SECONDS (0 turns the cache off).

Only GETs under /api/v1/ answered 200 are kept (the API is anonymous: answers do not vary by user),
never previews or the health check (they say `no-store`). The key includes scheme and host, because
the API's URLs are absolute.
With REDIS_URL set, every process shares the cache and its version; with the per-process memory cache
(development), another process may serve an entry until it times out.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from wagtail.signals import post_page_move

from .middleware import API_PREFIX, PREVIEW_PREFIX

VERSION_KEY = "api-response-cache:version"
# Saving these says nothing readers can see; the rendition tables fill up while the API answers.
IGNORED_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailimages.rendition",
}
WATCHED_APPS = {"insights", "products", "wagtailcore", "wagtailimages", "taggit"}


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)  # add: the first process to get here wins
        version = cache.get(VERSION_KEY, "unversioned")
    return version


def content_changed(**kwargs):
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None))


def model_changed(sender, **kwargs):
    if sender._meta.app_label in WATCHED_APPS and sender._meta.label_lower not in IGNORED_MODELS:
        content_changed()


def connect_signals():
    post_save.connect(model_changed, dispatch_uid="api-response-cache-save")
    post_delete.connect(model_changed, dispatch_uid="api-response-cache-delete")
    post_page_move.connect(content_changed, dispatch_uid="api-response-cache-move")


def response_key(request, version):
    where = f"{version}|{request.scheme}|{request.get_host()}|{request.get_full_path()}"
    return "api-response-cache:" + hashlib.sha256(where.encode()).hexdigest()


class ApiResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.API_RESPONSE_CACHE_SECONDS
        path = request.path
        if not seconds or request.method != "GET" or not path.startswith(API_PREFIX) or path.startswith(PREVIEW_PREFIX):
            return self.get_response(request)
        key = response_key(request, content_version())
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            return HttpResponse(content, headers=headers)
        response = self.get_response(request)
        cache_control = response.get("Cache-Control", "")
        if (
            response.status_code == 200
            and not response.streaming
            and "Set-Cookie" not in response
            and "no-store" not in cache_control
            and "private" not in cache_control
        ):
            cache.set(key, (response.content, dict(response.headers)), timeout=seconds)
        return response
