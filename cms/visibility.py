"""What an anonymous reader may see: live, public and not past the expiry date.

An expired page or product stays `live` until Wagtail's `publish_scheduled` command next runs;
the API hides it from the moment it expires. The expiry test is a subquery on the primary key so
that Wagtail's search backend (which filters only on declared FilterFields) accepts it.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page


def without_expired(queryset):
    """For a page queryset that is already `.live().public()` (e.g. `InsightPage.objects.listing()`)."""
    return queryset.exclude(pk__in=Page.objects.filter(expire_at__lte=timezone.now()).values("pk"))


def visible_pages(queryset):
    return without_expired(queryset.live().public())


def visible_products(queryset):
    return queryset.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()), live=True)
