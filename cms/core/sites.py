"""The site's public address comes from the environment: WAGTAILADMIN_BASE_URL, e.g. https://insights.example.com.

Wagtail builds every absolute page URL (sitemap, canonical links, feeds, admin links) from the default Site's
host and port, so they follow that setting: after every `migrate` and every `load_seed`.
"""

from urllib.parse import urlsplit

from django.conf import settings


def public_host_and_port():
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return url.hostname or "localhost", url.port or (443 if url.scheme == "https" else 80)


def sync_default_site(**kwargs):
    """Give the default Site the public host and port (Wagtail derives the scheme: https on port 443)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = public_host_and_port()
    if (site.hostname, site.port) != (hostname, port):
        if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
            return site  # another site answers there already; an administrator decides
        site.hostname, site.port = hostname, port
        site.save()
    return site
