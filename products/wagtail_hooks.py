from wagtail.snippets.models import register_snippet

from .views import CatalogueViewSetGroup

register_snippet(CatalogueViewSetGroup)
