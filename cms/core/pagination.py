"""Ninja's limit/offset pagination for listings whose items are serialised a whole page at a time."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = settings.NINJA_PAGINATION_MAX_LIMIT
MAX_OFFSET = 1_000_000


@dataclass
class Listing:
    """What a list endpoint returns: the matching objects (a queryset or Wagtail search results, both
    countable and sliceable) and a function that turns one page of them into JSON-ready dicts in bulk,
    so that a page costs the same number of queries whatever its size."""

    results: Any
    serialize: Callable[[list], list[dict]]


class ListingPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE,
            ge=1,
            le=MAX_LIMIT,
            description=f"How many items to return, 1 to {MAX_LIMIT}. A larger limit is refused (422), not clamped.",
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")

    def paginate_queryset(self, listing, pagination, request, **params):
        window = listing.results[pagination.offset : pagination.offset + pagination.limit]
        return {"items": listing.serialize(list(window)), "count": listing.results.count()}
