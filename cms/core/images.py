"""Images: one JSON shape wherever the API shows one (absolute rendition URLs with sizes), and alt text.

Renditions are prefetched whole or not at all. Wagtail takes a prefetched set of renditions as the complete
list of what exists: prefetch only some sizes, and it creates the others again (a unique-constraint error, 500,
on the second view of a page whose templates ask for other sizes).
"""

from django.conf import settings

RENDITIONS = {
    "thumbnail": "fill-480x320",
    "medium": "max-960x960",
    "large": "max-1920x1920",
}


def renditions_prefetch(image_field=""):
    """The lookup that prefetches every rendition of an image (or of the image at `image_field`, e.g. "hero_image"):
    a whole listing's renditions in one query, and `get_rendition` never misses one that exists."""
    return f"{image_field}__renditions" if image_field else "renditions"


def absolute_url(url, request=None):
    if url.startswith(("http://", "https://")):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def alt_text(image, fallback=""):
    """The image's description (Wagtail's alt text field), else `fallback`: never its title, which Wagtail fills
    with the uploaded file's name ("glow-dropper")."""
    if image is None:
        return ""
    return (getattr(image, "description", "") or "").strip() or fallback


def image_representation(image, request=None, alt=None):
    """{alt, width, height, renditions: {name: {url, width, height}}} or None. `alt` defaults to `alt_text(image)`."""
    if image is None:
        return None
    renditions = image.get_renditions(*RENDITIONS.values())
    return {
        "alt": alt_text(image) if alt is None else alt,
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": absolute_url(renditions[spec].url, request),
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in RENDITIONS.items()
        },
    }
