"""What a reader or a shop may see: the one rule used by every page, listing, block, feed, sitemap and API.

- A page is visible when it is live, public (no view restriction on it or on an ancestor) and not past its
  expiry date.
- A product (or any snippet with drafts) is visible when it is live and not past its expiry date.

An expired page or product stays `live` until Wagtail's `publish_scheduled` command next runs; readers stop
seeing it the moment it expires. Querysets use `visible()`; a block holding one object uses `is_visible()`,
which blocks that load their objects in bulk answer for a whole stream at once (`mark_visible_pages`).
"""

from django.apps import apps
from django.db import models
from django.db.models import Min, Q
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, PageManager, PageQuerySet

VISIBLE_ATTR = "_is_visible"


def is_expired(obj):
    return obj.expire_at is not None and obj.expire_at <= timezone.now()


# Pages


def visible_pages(queryset):
    """Any page queryset narrowed to what readers may see. The expiry test is a subquery on the primary key,
    so that Wagtail's search backend (which filters only on declared FilterFields) accepts it."""
    expired = Page.objects.filter(expire_at__lte=timezone.now()).values("pk")
    return queryset.live().public().exclude(pk__in=expired)


class VisiblePageQuerySet(PageQuerySet):
    def visible(self):
        return visible_pages(self)


VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)


def mark_visible_pages(pages):
    """Record, in one query for them all, whether each of `pages` is visible (read back by `is_visible`)."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return
    visible = set(visible_pages(Page.objects.filter(pk__in=[page.pk for page in pages])).values_list("pk", flat=True))
    for page in pages:
        setattr(page, VISIBLE_ATTR, page.pk in visible)


# Products and other snippets with drafts (DraftStateMixin)


def not_expired():
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


class VisibleQuerySet(models.QuerySet):
    """For models with DraftStateMixin: `live` is the published state, `expire_at` its end."""

    def live(self):
        return self.filter(live=True)

    def visible(self):
        return self.filter(not_expired(), live=True)


# One object


def is_visible(obj):
    """The same rule for one object: a page (answered in bulk by `mark_visible_pages` where a block loaded it,
    else with one query) or a snippet with drafts."""
    if obj is None:
        return False
    if isinstance(obj, Page):
        known = getattr(obj, VISIBLE_ATTR, None)
        if known is None:
            mark_visible_pages([obj])
            known = getattr(obj, VISIBLE_ATTR)
        return known
    return bool(obj.live) and not is_expired(obj)


# Expiry and caches


def next_expiry():
    """When the next live page or snippet with drafts expires, or None: a cached answer must not outlive it, since
    nothing is saved (nothing empties a cache) at the moment something expires. One query per such model."""
    now = timezone.now()
    expiring = [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page) and not model._meta.abstract
    ]
    times = [
        model.objects.filter(live=True, expire_at__gt=now).aggregate(at=Min("expire_at"))["at"] for model in expiring
    ]
    return min((at for at in times if at is not None), default=None)


EXPIRY_ATTR = "_next_content_expiry"


def cache_lifetime(request, at_most):
    """How long an answer to `request` may be cached: `at_most` seconds, and never past the next expiry.
    Looked up once per request (a response cache that answers it from storage records the value it stored)."""
    if not hasattr(request, EXPIRY_ATTR):
        setattr(request, EXPIRY_ATTR, next_expiry())
    at = getattr(request, EXPIRY_ATTR)
    if at is None:
        return at_most
    return max(0, min(at_most, int((at - timezone.now()).total_seconds())))


def remember_expiry(request, at):
    setattr(request, EXPIRY_ATTR, at)
