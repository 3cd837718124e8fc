from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """What every other app shares: visibility, references, images, problems, pagination, caches, error pages."""

    name = "cms.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .response_cache import connect_signals
        from .sites import sync_default_site

        connect_signals()
        # The default Site's host and port follow WAGTAILADMIN_BASE_URL after every `migrate`.
        post_migrate.connect(sync_default_site, sender=apps.get_app_config("wagtailcore"), dispatch_uid="core-site")
