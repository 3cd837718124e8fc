"""The one tag filter, for insights and products: objects that carry every one of some tags (slug or name).

A tag is named by its slug or by its name in any case. The filter is a single grouped subquery whatever the
number of tags (one conditional count per tag), and the API caps the number of tags a request may name.
"""

import re

from django.db.models import Count, Q

MAX_TAGS = 10
# What a tag parameter may be: printable, no control characters (PostgreSQL refuses NUL), at most 100 characters.
TAG_PATTERN = r"^[^\x00-\x1f\x7f]{1,100}$"
TAG_RE = re.compile(TAG_PATTERN)


def could_be_a_tag(value):
    return bool(value) and bool(TAG_RE.match(value))


def tagged(through_model, values):
    """A Q on the tagged model: objects carrying, for each of `values`, a tag with that slug or name.

    `through_model` is the taggit through model (e.g. InsightPageTag). Values that cannot be tags match nothing.
    """
    values = list(dict.fromkeys(value for value in values if value))
    if not values:
        return Q()
    if not all(could_be_a_tag(value) for value in values):
        return Q(pk__in=[])
    tag_model = through_model._meta.get_field("tag").related_model
    named = Q(slug__in=values)
    for value in values:
        named |= Q(name__iexact=value)
    tags = list(tag_model.objects.filter(named).values_list("pk", "slug", "name"))
    groups = []
    for value in values:
        ids = [pk for pk, slug, name in tags if slug == value or name.lower() == value.lower()]
        if not ids:
            return Q(pk__in=[])
        groups.append(ids)
    rows = (
        through_model.objects.filter(tag_id__in={pk for ids in groups for pk in ids})
        .values("content_object_id")
        .annotate(**{f"tag_{n}": Count("pk", filter=Q(tag_id__in=ids)) for n, ids in enumerate(groups)})
        .filter(**{f"tag_{n}__gt": 0 for n in range(len(groups))})
        .values("content_object_id")
    )
    return Q(pk__in=rows)
