"""The admin's "Import insight" view: a file or pasted text becomes a draft, opened in the page editor."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Revision

from insights.models import InsightPage
from insights.seed import ARTICLE

URL = "/admin/insights/import/"


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def outsider_client(client, db):
    """May use the admin, may not add pages anywhere."""
    user = get_user_model().objects.create_user("outsider", "outsider@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return client


def test_url_and_menu(admin_client, seeded_index):
    assert reverse("insights_import") == URL
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert b"Import as draft" in response.content
    assert URL.encode() in admin_client.get("/admin/").content  # the menu item


def test_upload_creates_a_draft_and_opens_the_editor_with_the_report(admin_client, seeded_index):
    upload = SimpleUploadedFile("gut-copy.txt", ARTICLE.read_bytes(), content_type="text/plain")
    response = admin_client.post(URL, {"file": upload, "format": "auto", "parent": seeded_index.pk})
    page = InsightPage.objects.get(source_key="gut-copy")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and page.get_parent().pk == seeded_index.pk
    assert Revision.objects.filter(object_id=str(page.pk)).count() == 1
    editor = admin_client.get(response["Location"])
    assert editor.status_code == 200
    messages = [str(message) for message in editor.context["messages"]]
    assert messages[0].startswith("gut-copy.txt: created 'Balanced Gut, Healthy Skin")
    assert "link made: product spotlight: glow (line 55)" in messages
    assert "dropped as page chrome, line 65: 'Back to insights'" in messages
    assert any(message.startswith("unresolved link, line 57") for message in messages)


def test_pasted_text_is_named_by_its_title(admin_client, seeded_index):
    text = "# Pasted Peptides\n\nIntro.\n\n## Why\n\nPeptides **signal**.\n"
    response = admin_client.post(URL, {"text": text, "format": "auto", "parent": seeded_index.pk})
    page = InsightPage.objects.get(source_key="pasted-peptides")
    assert response.status_code == 302
    assert page.get_latest_revision_as_object().body.raw_data[-1]["value"] == "<p>Peptides <b>signal</b>.</p>"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"file": ("empty.txt", b"")}, "The submitted file is empty."),  # Django's own check
        ({"file": ("blank.txt", b" \n\n ")}, "blank.txt: the file is empty"),
        ({"file": ("bin.txt", b"\x00\x01PK")}, "bin.txt: line 1: this is a binary file, not text"),
        ({"text": "Only a title"}, "the pasted text: line 1: the article has a title but no text"),
        ({}, "Upload a file or paste the article&#x27;s text."),
    ],
)
def test_bad_input_rerenders_the_form_with_the_reason_and_writes_nothing(admin_client, seeded_index, data, error):
    pages, revisions = InsightPage.objects.count(), Revision.objects.count()
    post = {"format": "auto", "parent": seeded_index.pk}
    if "file" in data:
        name, content = data["file"]
        post["file"] = SimpleUploadedFile(name, content)
    if "text" in data:
        post["text"] = data["text"]
    response = admin_client.post(URL, post)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert (InsightPage.objects.count(), Revision.objects.count()) == (pages, revisions)


def test_user_who_cannot_add_pages_is_refused(outsider_client, seeded_index):
    # Wagtail turns the view's PermissionDenied into a redirect to the dashboard with an error message.
    response = outsider_client.get(URL)
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = outsider_client.post(URL, {"text": "Title\n\nIntro.\n\nText.", "parent": seeded_index.pk})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not InsightPage.objects.filter(source_key="title").exists()
    assert URL.encode() not in outsider_client.get("/admin/").content
