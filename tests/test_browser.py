"""End to end, in a real headless Chromium: a reader on a desktop and on a phone, an editor importing an article.

Needs Debian's chromium at /usr/bin/chromium (`make test` installs it: `make browser`) and Playwright's Python client,
which drives that browser (Playwright's own browser download is not used).
"""

import re

import pytest
from django.contrib.auth import get_user_model

from .browser import ARTICLE

# Served by a live server thread, so each test commits for real and the database is emptied after it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_desktop_reader_gets_a_readable_column_and_a_working_table_of_contents(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + ARTICLE)
    assert page.locator("h1").inner_text().startswith("Balanced Gut, Healthy Skin")
    main_width = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
    article_width = page.evaluate("document.querySelector('article').getBoundingClientRect().width")
    assert main_width > 1000, "the page does not use the window"
    assert 500 < article_width < 800, "the article column is not a readable measure"

    page.get_by_role("link", name="Skin Conditions Linked to Gut Health").click()
    page.wait_for_url(re.compile(r"#skin-conditions-linked-to-gut-health$"))
    page.wait_for_function(
        "Math.abs(document.getElementById('skin-conditions-linked-to-gut-health').getBoundingClientRect().top) < 50"
    )
    page.close()


def test_phone_reader_never_scrolls_sideways_and_sees_the_product_card(browser, site):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site + ARTICLE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    card = page.locator(".spotlight__card")
    card.scroll_into_view_if_needed()
    assert card.is_visible()
    assert card.locator(".spotlight__name").inner_text() == "GLOW"
    page.get_by_role("link", name="Back to insights").click()
    page.wait_for_url(site + "/insights/")
    assert page.locator(".card__title").count() == 1
    page.close()


def test_keyboard_users_can_skip_to_the_content(browser, site):
    page = browser.new_page()
    page.goto(site + ARTICLE)
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.getBoundingClientRect().left]")
    assert focused[0] == "Skip to content" and focused[1] >= 0
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#main$"))
    page.close()


def test_editor_pastes_an_article_and_lands_in_the_page_editor_with_the_report(browser, site):
    get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "a-long-test-password")
    page.click("button[type=submit]")
    page.wait_for_url(site + "/admin/")

    page.get_by_role("link", name="Import insight").click()
    page.fill(
        "textarea[name=text]",
        "Peptides for Beginners\n\nPeptides are short chains of amino acids.\n\nWhy They Matter\n\n"
        "GLOW puts four of them in one serum.\n\nBack to insights\n",
    )
    page.get_by_role("button", name="Import as draft").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    assert page.locator("input[name=title]").input_value() == "Peptides for Beginners"
    messages = page.locator(".messages").inner_text()
    assert "created 'Peptides for Beginners'" in messages
    assert "product spotlight: glow" in messages
    assert "dropped as page chrome" in messages and "Back to insights" in messages
    page.close()
