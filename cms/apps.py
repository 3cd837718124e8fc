from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Site wiring"

    def ready(self):
        from .response_cache import connect_signals

        connect_signals()
