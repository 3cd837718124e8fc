"""factory_boy factories for the content model (wagtail-factories for pages)."""

import factory
import wagtail_factories
from django.utils.text import slugify

from insights.models import HomePage, InsightIndexPage, InsightPage
from products.models import Claim, Ingredient, Product, ProductClaim, ProductIngredient


class IngredientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ingredient
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Ingredient {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    inci_name = factory.LazyAttribute(lambda o: f"{o.name} INCI")
    what_it_does = "Does one thing well."


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim
        django_get_or_create = ("slug",)

    text = factory.Sequence(lambda n: f"Claim {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.text))
    category = Claim.Category.FREE_FROM
    substantiation = "Test report."


class ProductFactory(factory.django.DjangoModelFactory):
    """A published product (with a revision), unless live=False is passed."""

    class Meta:
        model = Product
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    product_type = "Serum"
    tagline = "A tagline."
    blurb = "A short blurb for shop cards."
    live = True

    @factory.post_generation
    def ingredients(self, create, extracted, **kwargs):
        for ingredient in extracted or []:
            ProductIngredient.objects.create(product=self, ingredient=ingredient)

    @factory.post_generation
    def claims(self, create, extracted, **kwargs):
        for claim in extracted or []:
            ProductClaim.objects.create(product=self, claim=claim)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"


class InsightIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InsightIndexPage

    title = "Insights"
    slug = "insights"


class InsightPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InsightPage

    title = factory.Sequence(lambda n: f"Insight {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    intro = "An opening sentence for the excerpt."
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>A paragraph of the body.</p>"}])
