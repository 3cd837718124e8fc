"""Admin wiring for insights."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from .importer.forms import index_pages_for
from .importer.views import ImportInsightView
from .models import InsightPage
from .preview import HeadlessPreviewView


@hooks.register("register_page_header_buttons")
def headless_preview_button(page, user, view_name, next_url=None):
    """Adds "Headless preview link" to an insight's header menu: a signed, expiring link to its latest revision."""
    if not issubclass(page.specific_class, InsightPage) or page.latest_revision_id is None:
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        "Headless preview link",
        reverse("insights_headless_preview", args=[page.pk]),
        icon_name="view",
        attrs={"title": "A link for the frontend to this page's latest revision, and what the API will serve"},
        priority=75,
    )


@hooks.register("register_admin_urls")
def insight_admin_urls():
    return [
        path("insights/import/", ImportInsightView.as_view(), name="insights_import"),
        path(
            "insights/<int:page_id>/headless-preview/", HeadlessPreviewView.as_view(), name="insights_headless_preview"
        ),
    ]


class ImportInsightMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(index_pages_for(request.user))


@hooks.register("register_admin_menu_item")
def import_insight_menu_item():
    """'Import insight' for editors who may add insights: a file or pasted text becomes a draft."""
    return ImportInsightMenuItem("Import insight", reverse("insights_import"), icon_name="upload", order=250)
