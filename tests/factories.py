"""factory_boy factories that make content like a real brand's: packshots, full product cards, article bodies with
every block type, built from wagtail-factories' StreamFieldFactory / StructBlockFactory (as dis-wagtail does).

- `ImageFactory`: an upload as Wagtail stores it, titled after its file name ("glow-dropper"), no description.
- `ProductFactory`: a published product (with a revision) with a packshot, two ingredients, a substantiated claim
  and a tag, unless told otherwise (`image=None`, `ingredients=[]`, `claims=[]`, `live=False`).
- `InsightPageFactory`: a published insight with a one-paragraph body; `ArticleFactory`: one whose body has a
  heading, paragraphs, a "Term: explanation" list, a product spotlight, a figure and a quote.
"""

import factory
import wagtail_factories
from django.utils.text import slugify
from wagtail.models import Collection
from wagtail.rich_text import RichText

from insights import blocks
from insights.models import HomePage, InsightIndexPage, InsightPage
from products.models import Claim, Ingredient, Product, ProductClaim, ProductIngredient

# Catalogue


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"photo-{n:04d}")  # Wagtail titles an upload after its file name
    description = ""
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=1200, height=900, color="#d8c3b0")


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
    """A published product with a full card, unless told otherwise."""

    class Meta:
        model = Product
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    product_type = "Serum"
    tagline = "A tagline."
    blurb = "A short blurb for shop cards."
    description = "<p>The full story of the product.</p>"
    image = factory.SubFactory(ImageFactory, title=factory.LazyAttribute(lambda o: f"{o.factory_parent.slug}-dropper"))
    shop_url = factory.LazyAttribute(lambda o: f"https://shop.example.com/{o.slug}/")
    live = True

    @factory.post_generation
    def ingredients(self, create, extracted, **kwargs):
        if extracted is None:
            extracted = [IngredientFactory(name=f"{self.name} active"), IngredientFactory(name="Water")]
        for order, ingredient in enumerate(extracted):
            ProductIngredient.objects.create(product=self, ingredient=ingredient, sort_order=order)

    @factory.post_generation
    def claims(self, create, extracted, **kwargs):
        if extracted is None:
            extracted = [ClaimFactory(text="Vegan", category=Claim.Category.ETHICAL)]
        for order, claim in enumerate(extracted):
            ProductClaim.objects.create(product=self, claim=claim, sort_order=order)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        self.tags.add(*(["serum"] if extracted is None else extracted))
        self.save()

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        """Published through a revision, as the admin does (unless live=False)."""
        if self.live:
            self.save_revision().publish()


# Body blocks


class RichTextFactory(wagtail_factories.blocks.BlockFactory):
    value = "<p>A paragraph of the body.</p>"

    class Meta:
        model = blocks.ParagraphBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return RichText(kwargs["value"])


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    text = factory.Sequence(lambda n: f"Why section {n} matters")
    level = "h2"

    class Meta:
        model = blocks.HeadingBlock


class BulletItemFactory(wagtail_factories.StructBlockFactory):
    term = factory.Sequence(lambda n: f"Term {n}")
    text = factory.SubFactory(RichTextFactory, value="<p>What the term means for skin.</p>")

    class Meta:
        model = blocks.BulletItemBlock


class BulletListBlockFactory(wagtail_factories.StructBlockFactory):
    items = wagtail_factories.ListBlockFactory(
        BulletItemFactory, **{"0__term": "Acne", "1__term": "Eczema", "2__term": ""}
    )

    class Meta:
        model = blocks.BulletListBlock


class ProductChooserFactory(wagtail_factories.blocks.ChooserBlockFactory):
    product = factory.SubFactory(ProductFactory)

    class Meta:
        model = blocks.ProductChooserBlock

    @classmethod
    def _build(cls, model_class, product):
        return product

    @classmethod
    def _create(cls, model_class, product):
        return product


class ProductSpotlightBlockFactory(wagtail_factories.StructBlockFactory):
    product = factory.SubFactory(ProductChooserFactory)
    pitch = factory.SubFactory(RichTextFactory, value="<p>This is where it helps: <b>every morning</b>.</p>")

    class Meta:
        model = blocks.ProductSpotlightBlock


class RelatedInsightBlockFactory(wagtail_factories.StructBlockFactory):
    lead = "Want to know more?"
    label = "Read our guide to smart ingredient pairing"
    page = None

    class Meta:
        model = blocks.RelatedInsightBlock


class QuoteBlockFactory(wagtail_factories.StructBlockFactory):
    text = "Healthy skin starts with a healthy barrier."
    attribution = "A dermatologist"

    class Meta:
        model = blocks.QuoteBlock


class ImageChooserFactory(wagtail_factories.ImageChooserBlockFactory):
    image = factory.SubFactory(ImageFactory)


class ImageBlockFactory(wagtail_factories.ImageBlockFactory):
    image = factory.SubFactory(ImageChooserFactory)
    decorative = False
    alt_text = "A drop of serum on the back of a hand"


class FigureBlockFactory(wagtail_factories.StructBlockFactory):
    image = factory.SubFactory(ImageBlockFactory)
    caption = "Two drops are enough for the whole face."

    class Meta:
        model = blocks.FigureBlock


class InsightBodyBlockFactory(wagtail_factories.StreamBlockFactory):
    heading = factory.SubFactory(HeadingBlockFactory)
    paragraph = factory.SubFactory(RichTextFactory)
    bullet_list = factory.SubFactory(BulletListBlockFactory)
    product_spotlight = factory.SubFactory(ProductSpotlightBlockFactory)
    related_insight = factory.SubFactory(RelatedInsightBlockFactory)
    quote = factory.SubFactory(QuoteBlockFactory)
    image = factory.SubFactory(FigureBlockFactory)

    class Meta:
        model = blocks.InsightBodyBlock


# Pages


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
    """A published insight whose body is one paragraph (pass `body=[...]` or `body__0__heading__text=...`)."""

    class Meta:
        model = InsightPage

    title = factory.Sequence(lambda n: f"Insight {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    intro = "An opening sentence for the excerpt."
    body = wagtail_factories.StreamFieldFactory(InsightBodyBlockFactory, **{"0": "paragraph"})


class ArticleFactory(InsightPageFactory):
    """An insight as editors write them: a hero image, and a body with every kind of block, a full product card
    in the spotlight and a figure with its own alt text."""

    hero_image = factory.SubFactory(ImageFactory, title="hero-morning-light")
    body = wagtail_factories.StreamFieldFactory(
        InsightBodyBlockFactory,
        **{
            "0": "paragraph",
            "1": "heading",
            "2": "paragraph",
            "3": "bullet_list",
            "4": "product_spotlight",
            "5": "image",
            "6": "quote",
            "7": "related_insight",
        },
    )
