"""Admin viewsets for the product catalogue: products, ingredients and claims as snippets."""

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Claim, Ingredient, Product


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "pick"
    list_display = ["name", "product_type", "live", "latest_revision_created_at"]
    list_filter = ["live", "tags"]
    search_fields = ["name", "product_type", "tagline", "blurb"]


class IngredientViewSet(SnippetViewSet):
    model = Ingredient
    icon = "folder-inverse"
    list_display = ["name", "inci_name", "what_it_does"]
    list_filter = ["tags"]
    search_fields = ["name", "inci_name", "aliases"]


class ClaimViewSet(SnippetViewSet):
    model = Claim
    icon = "tick-inverse"
    list_display = ["text", "category"]
    list_filter = ["category"]
    search_fields = ["text"]


class CatalogueViewSetGroup(SnippetViewSetGroup):
    items = (ProductViewSet, IngredientViewSet, ClaimViewSet)
    menu_icon = "pick"
    menu_label = "Catalogue"
    menu_name = "catalogue"
