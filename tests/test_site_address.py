"""The site's public address comes from the environment (WAGTAILADMIN_BASE_URL): sitemap, canonical link and
every absolute URL Wagtail makes, after `load_seed` and after every `migrate`."""

import io
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Site

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def canonical(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser").find("link", rel="canonical")["href"]


def test_the_seeded_site_answers_at_the_public_url(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://insights.example.com"
    call_command("load_seed", stdout=io.StringIO())

    assert locations(client) == [
        "https://insights.example.com/",
        "https://insights.example.com/insights/",
        "https://insights.example.com/insights/balanced-gut-healthy-skin/",
    ]
    assert (
        canonical(client, "/insights/balanced-gut-healthy-skin/")
        == "https://insights.example.com/insights/balanced-gut-healthy-skin/"
    )


def test_migrate_brings_the_site_to_a_new_address(client, seeded, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://cms.example.org:8080"
    call_command("migrate", verbosity=0)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("cms.example.org", 8080)
    assert all(location.startswith("http://cms.example.org:8080/") for location in locations(client))
