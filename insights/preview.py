"""Draft preview for headless frontends: signed, expiring links that name one revision of an insight.

An editor opens "Headless preview link" in the page's header menu: an admin page that makes a fresh link to the
page's latest revision (on the host the editor is using, or HEADLESS_PREVIEW_URL), says until when it works,
and shows the draft as the API will serve it. The frontend passes the token to
GET /api/v1/preview/insights/?token=..., which answers that revision in the article's shape.
A missing token is a 401, a forged or expired one a 403; neither reveals anything of the draft.
"""

import json
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from ninja import Router
from ninja.errors import HttpError
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Revision

from cms.core.schemas import Problem

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


def preview_url(revision_id, request):
    """The link an editor hands to the frontend: HEADLESS_PREVIEW_URL with the token, or this API's endpoint on the
    host the editor's request came to."""
    token = make_preview_token(revision_id)
    if settings.HEADLESS_PREVIEW_URL:
        return settings.HEADLESS_PREVIEW_URL.format(token=token)
    return request.build_absolute_uri(f"{reverse('api_v1:insight_preview')}?token={token}")


def revision_as_article(revision, request):
    page = revision.as_object()
    page.reading_time = page.compute_reading_time()  # stored on save, which a draft revision has not had
    return serialize_insight(page, request)


class HeadlessPreviewView(WagtailAdminTemplateMixin, TemplateView):
    """The admin page behind "Headless preview link": a fresh link, how long it works, and the draft's data."""

    template_name = "insights/admin/headless_preview.html"
    page_title = "Headless preview"
    header_icon = "view"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(InsightPage, pk=page_id)
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied("You may not edit this page, so you may not preview its drafts.")
        if self.page.latest_revision is None:
            raise Http404("This page has no revision to preview yet.")
        return super().dispatch(request)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        return [
            *self.breadcrumbs_items,
            {"url": edit_url, "label": self.page.get_admin_display_title()},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        revision = self.page.latest_revision
        max_age = settings.PREVIEW_TOKEN_MAX_AGE
        article = revision_as_article(revision, self.request)
        return super().get_context_data(
            **kwargs,
            link=preview_url(revision.pk, self.request),
            minutes=max(1, round(max_age / 60)),
            expires_at=timezone.now() + timedelta(seconds=max_age),
            revision=revision,
            article=article,
            article_json=json.dumps(article, indent=2, ensure_ascii=False, default=str),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
        )


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
    return revision_as_article(revision, request)
