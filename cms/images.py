"""One JSON shape for an image wherever the API shows one: absolute rendition URLs with sizes."""

from django.conf import settings
from django.db.models import Prefetch
from wagtail.images import get_image_model

RENDITIONS = {
    "thumbnail": "fill-480x320",
    "medium": "max-960x960",
    "large": "max-1920x1920",
}


def renditions_prefetch(image_field=""):
    """Prefetch the API's renditions of an image (or of the image at `image_field`, e.g. "hero_image").

    `image.get_renditions()` then reads them from memory: one query for a whole listing, not one per image.
    """
    lookup = f"{image_field}__renditions" if image_field else "renditions"
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(lookup, queryset=rendition_model.objects.filter(filter_spec__in=list(RENDITIONS.values())))


def absolute_url(url, request=None):
    if url.startswith(("http://", "https://")):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def image_representation(image, request=None):
    """{alt, width, height, renditions: {name: {url, width, height}}} or None."""
    if image is None:
        return None
    renditions = image.get_renditions(*RENDITIONS.values())
    return {
        "alt": image.default_alt_text,
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
