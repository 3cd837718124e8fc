"""The admin's "Import insight" view: a file or pasted text becomes a draft, opened in the page editor."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import GroupPagePermission, Revision

from insights.importer.limits import MAX_NESTING
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


@pytest.fixture
def contributor(client, seeded_index):
    """An editor in a group that may add pages under /insights/ and nothing more (Wagtail then lets them edit
    the pages they own)."""
    group = Group.objects.create(name="Insight contributors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    GroupPagePermission.objects.create(group=group, page=seeded_index, permission=add_page)
    user = get_user_model().objects.create_user("contributor", "contributor@example.com", "pw")
    user.groups.add(group)
    client.force_login(user)
    return client


def messages_after(client, response):
    assert response.status_code == 302, response.content.decode()[:500]
    editor = client.get(response["Location"])
    assert editor.status_code == 200
    return [str(message) for message in editor.context["messages"]]


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


def test_a_contributor_edits_and_reimports_the_article_they_imported(contributor, seeded_index):
    text = "# Morning Routine\n\nStart the day gently.\n\n## Steps\n\nCleanse, then hydrate.\n"

    def upload(content):
        file = SimpleUploadedFile("morning-routine.md", content.encode(), content_type="text/markdown")
        return contributor.post(URL, {"file": file, "format": "auto", "parent": seeded_index.pk})

    created = upload(text)
    page = InsightPage.objects.get(source_key="morning-routine")
    assert (page.owner.username, created["Location"]) == (
        "contributor",
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
    )
    assert messages_after(contributor, created)[0].startswith("morning-routine.md: created 'Morning Routine'")
    assert messages_after(contributor, upload(text))[0].startswith("morning-routine.md: unchanged 'Morning Routine'")
    changed = messages_after(contributor, upload(text + "\nThen protect with SPF.\n"))
    assert changed[0].startswith("morning-routine.md: updated 'Morning Routine'")
    assert Revision.objects.filter(object_id=str(page.pk)).count() == 2


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # The deepest call stacks: Wagtail's whitelist walks inline markup recursively, the HTML reader blocks.
        ("inline.md", "# Deep Inline\n\nIntro.\n\nBold " + "<b>" * (MAX_NESTING - 1) + "words\n"),
        ("blocks.html", "<h1>Deep</h1>\n<p>Intro.</p>\n" + "<div>" * 60 + "<p>" + "<b>" * 35 + "words</p>"),
        ("lists.html", "<h1>Deep</h1>\n<p>Intro.</p>\n" + "<ul><li>item" * 45 + "<b>" * 8 + "words"),
    ],
)
def test_nesting_right_at_the_limit_imports(admin_client, seeded_index, name, content):
    upload = SimpleUploadedFile(name, content.encode())
    response = admin_client.post(URL, {"file": upload, "format": "auto", "parent": seeded_index.pk})
    assert response.status_code == 302, response.content.decode()
    assert InsightPage.objects.filter(source_key=name.split(".")[0]).exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"file": ("deep.html", b"<h1>Deep</h1>\n<p>Intro.</p>\n" + b"<div>" * 10_000 + b"The bottom.")},
            "deep.html: line 3: elements are nested 10,000 levels deep; the importer reads at most 100 levels",
        ),
        (
            {"file": ("bullets.md", b"# Bullets\n\nIntro.\n\n" + b"- Hydrate: water.\n" * 100_000)},
            "bullets.md: line 10003: the file has 100,002 lines of text (blank lines not counted); the importer "
            "reads at most 10,000 in one article: split the article",
        ),
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
