"""Draft preview for headless frontends: signed, expiring links that name one revision of an insight.

An editor gets the link from the page's header menu ("Headless preview link"); the frontend passes the
token to GET /api/v1/preview/insights/?token=..., which answers that revision in the article's shape.
A missing token is a 401, a forged or expired one a 403; neither reveals anything of the draft.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.http import Http404
from django.urls import reverse
from ninja import Router
from ninja.errors import HttpError
from wagtail.models import Revision

from cms.images import absolute_url
from cms.schemas import Problem

from .api import serialize_insight
from .models import InsightPage
from .schemas import Insight

SALT = "insights.preview"

router = Router(tags=["preview"])


def make_preview_token(revision_id):
    """A signed, timestamped token naming one revision; valid for PREVIEW_TOKEN_MAX_AGE seconds."""
    return signing.dumps({"revision": revision_id}, salt=SALT)


def read_preview_token(token, max_age=None):
    """The revision id the token names. Raises signing.SignatureExpired or signing.BadSignature."""
    payload = signing.loads(token, salt=SALT, max_age=settings.PREVIEW_TOKEN_MAX_AGE if max_age is None else max_age)
    if not isinstance(payload, dict) or not isinstance(payload.get("revision"), int):
        raise signing.BadSignature("The token does not name a revision.")
    return payload["revision"]


def preview_url(revision_id, request=None):
    """The link an editor hands to the frontend: HEADLESS_PREVIEW_URL with the token, or this API's endpoint."""
    token = make_preview_token(revision_id)
    if settings.HEADLESS_PREVIEW_URL:
        return settings.HEADLESS_PREVIEW_URL.format(token=token)
    return absolute_url(f"{reverse('api_v1:insight_preview')}?token={token}", request)


@router.get(
    "/insights/",
    response={200: Insight, 401: Problem, 403: Problem, 404: Problem},
    url_name="insight_preview",
    summary="Preview an insight revision",
)
def preview_insight(request, token: str | None = None):
    """One revision of an insight (usually a draft) in the article's shape. Never cached (`private, no-store`)."""
    if not token:
        raise HttpError(401, "A preview token is required: ask an editor for a headless preview link.")
    try:
        revision_id = read_preview_token(token)
    except signing.SignatureExpired as error:
        raise HttpError(403, "This preview link has expired: ask an editor for a new one.") from error
    except signing.BadSignature as error:
        raise HttpError(403, "This preview link is not valid.") from error
    revision = Revision.objects.filter(pk=revision_id, content_type=ContentType.objects.get_for_model(InsightPage))
    revision = revision.first()
    if revision is None:
        raise Http404("The revision this preview link names no longer exists.")
    page = revision.as_object()
    page.reading_time = page.compute_reading_time()  # stored on save, which a draft revision has not had
    return serialize_insight(page, request)
