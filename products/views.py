"""Admin viewsets for the product catalogue: products, ingredients and claims as snippets."""

from django import forms
from wagtail.admin.filters import PopularTagsFilter, WagtailFilterSet
from wagtail.admin.models import popular_tags_for_model
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Claim, Ingredient, Product


class PopularTagsFilterSet(WagtailFilterSet):
    """Adds Wagtail's "popular tags" filter, as the image and document listings have."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, is_searching=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        popular_tags = popular_tags_for_model(self._meta.model)
        if popular_tags:
            self.filters["tag"] = PopularTagsFilter(
                label="Tag",
                field_name="tags__name",
                choices=[(tag.name, tag.name) for tag in popular_tags],
                widget=forms.CheckboxSelectMultiple,
                use_subquery=is_searching,
                help_text="Filter by up to ten most popular tags.",
            )


class ProductFilterSet(PopularTagsFilterSet):
    class Meta:
        model = Product
        fields = ["live"]


class IngredientFilterSet(PopularTagsFilterSet):
    class Meta:
        model = Ingredient
        fields = []


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "pick"
    list_display = ["name", "product_type", LiveStatusTagColumn(), UpdatedAtColumn()]
    filterset_class = ProductFilterSet


class IngredientViewSet(SnippetViewSet):
    model = Ingredient
    icon = "folder-inverse"
    list_display = ["name", "inci_name", "what_it_does"]
    filterset_class = IngredientFilterSet


class ClaimViewSet(SnippetViewSet):
    model = Claim
    icon = "tick-inverse"
    list_display = ["text", "category", "is_supported"]
    list_filter = ["category"]


class CatalogueViewSetGroup(SnippetViewSetGroup):
    items = (ProductViewSet, IngredientViewSet, ClaimViewSet)
    menu_icon = "pick"
    menu_label = "Catalogue"
    menu_name = "catalogue"
