"""System checks (`manage.py check`, and at every runserver start)."""

from django.conf import settings
from django.core import checks

from .response_cache import cache_is_shared


@checks.register(checks.Tags.caches)
def response_cache_needs_a_shared_cache(app_configs, **kwargs):
    if settings.API_RESPONSE_CACHE_SECONDS and not cache_is_shared():
        return [
            checks.Warning(
                "API_RESPONSE_CACHE_SECONDS is set, but the default cache is not shared between workers, "
                "so the API response cache stays off.",
                hint="Set REDIS_URL, or set API_RESPONSE_CACHE_SECONDS=0 to silence this.",
                id="core.W001",
            )
        ]
    return []
