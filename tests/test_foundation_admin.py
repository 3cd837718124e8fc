"""Editors: the Wagtail admin with the catalogue snippets, StreamField editing, preview, and the admin account."""

import ast
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from products.models import BLURB_MAX_LENGTH, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, seeded):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["product", "ingredient", "claim"])
def test_catalogue_snippets_are_listed_and_searchable(editor, model):
    listing = reverse(f"wagtailsnippets_products_{model}:list")
    response = editor.get(listing)
    assert response.status_code == 200
    expected = {"product": "GLOW", "ingredient": "Hyaluronic Acid", "claim": "Free from parabens"}[model]
    assert expected in response.content.decode()
    search = editor.get(listing, {"q": expected.split()[0]})
    assert search.status_code == 200 and expected in search.content.decode()


@pytest.mark.parametrize("model", ["product", "ingredient", "claim"])
def test_catalogue_snippets_are_choosable(editor, model):
    response = editor.get(reverse(f"wagtailsnippetchoosers_products_{model}:choose"))
    assert response.status_code == 200


def test_product_editor_shows_the_blurb_limit(editor, glow):
    response = editor.get(reverse("wagtailsnippets_products_product:edit", args=[glow.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'maxlength="{BLURB_MAX_LENGTH}"' in html
    assert f"at most {BLURB_MAX_LENGTH} characters" in html


def test_blurb_over_the_limit_is_refused(glow):
    glow.blurb = "x" * (BLURB_MAX_LENGTH + 1)
    with pytest.raises(ValidationError) as error:
        glow.full_clean()
    assert "blurb" in error.value.message_dict


def test_product_draft_keeps_the_published_version_for_readers(editor, client, glow, seeded):
    glow.tagline = "A draft tagline"
    glow.save_revision()
    assert Product.objects.get(pk=glow.pk).tagline != "A draft tagline"
    assert "A draft tagline" not in client.get(seeded.url).content.decode()


def offered_blocks(html):
    """The body's block types as the page editor's StreamField definition (telepath JSON) declares them."""
    soup = BeautifulSoup(html, "html.parser")
    (body,) = [
        json.loads(element["data-w-block-data-value"])
        for element in soup.find_all(attrs={"data-w-block-data-value": True})
        if json.loads(element["data-w-block-data-value"]).get("_type") == "wagtail.blocks.StreamBlock"
    ]
    _name, groups, *_rest = body["_args"]
    return [child["_args"][0] for _group, children in groups for child in children]


def test_insight_editor_offers_every_body_block(editor, seeded):
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[seeded.pk]))
    assert response.status_code == 200
    assert offered_blocks(response.content.decode()) == [
        "heading",
        "paragraph",
        "bullet_list",
        "product_spotlight",
        "related_insight",
        "quote",
        "image",
    ]


def test_insight_preview_shows_the_draft_to_editors(editor, seeded):
    seeded.title = "A draft title for preview"
    draft = seeded.save_revision().as_object()
    response = draft.make_preview_request()
    assert response.status_code == 200
    assert b"A draft title for preview" in response.content
    assert b"Key ingredients" in response.content


def test_ensure_admin_creates_one_account_with_a_generated_password(db):
    first, second = io.StringIO(), io.StringIO()
    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)
    password = first.getvalue().split("password:")[1].split()[0]
    assert len(password) >= 16
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    assert password not in second.getvalue() and "password:" not in second.getvalue()
    assert get_user_model().objects.count() == 1

    other = io.StringIO()
    get_user_model().objects.all().delete()
    call_command("ensure_admin", stdout=other)
    assert other.getvalue().split("password:")[1].split()[0] != password


def test_products_never_import_insights():
    """Dependencies point one way: products answer "where is this featured?" through the reference index."""
    for path in Path("products").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.startswith("insights") for name in names), path


def test_product_preview_renders_the_card_from_unsaved_changes(glow):
    glow.name = "GLOW 2"
    response = glow.make_preview_request()
    assert response.status_code == 200
    assert b"GLOW 2" in response.content and b"Hyaluronic Acid" in response.content
