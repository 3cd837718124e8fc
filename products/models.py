"""Products, their ingredients and their marketing claims: Wagtail snippets that articles link to."""

import re

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index

from cms.core.images import alt_text
from cms.core.visibility import VisibleQuerySet

BLURB_MAX_LENGTH = 280


def split_aliases(text):
    """'GLOW serum, Glow' -> ['GLOW serum', 'Glow']."""
    return [alias.strip() for alias in re.split(r"[,\n]", text or "") if alias.strip()]


class NamedWithAliases:
    """A catalogue entry known by its `name` and by the comma-separated `aliases` articles use for it."""

    def __str__(self):
        return self.name

    @property
    def alias_list(self):
        return split_aliases(self.aliases)


class IngredientTag(TaggedItemBase):
    content_object = ParentalKey("products.Ingredient", related_name="tagged_items", on_delete=models.CASCADE)


class Ingredient(NamedWithAliases, index.Indexed, ClusterableModel):
    name = models.CharField(max_length=120, unique=True, help_text="As readers know it, e.g. 'Hyaluronic Acid'.")
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in URLs and API filters.")
    inci_name = models.CharField(
        "INCI name",
        max_length=255,
        blank=True,
        help_text="The name on the label under the International Nomenclature of Cosmetic Ingredients.",
    )
    what_it_does = models.CharField(
        max_length=160, blank=True, help_text="One line for product cards, e.g. 'Holds water in the skin'."
    )
    description = RichTextField(blank=True, features=["bold", "italic", "link"], help_text="Longer explanation.")
    aliases = models.CharField(
        max_length=255,
        blank=True,
        help_text="Other names articles use for it, comma separated (e.g. 'peptides'). "
        "The importer records a mention when an article uses the name or an alias.",
    )
    tags = ClusterTaggableManager(through=IngredientTag, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("inci_name"),
        FieldPanel("what_it_does"),
        FieldPanel("description"),
        FieldPanel("aliases"),
        FieldPanel("tags"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("inci_name"),
        index.SearchField("aliases"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["name"]


class ClaimQuerySet(models.QuerySet):
    def supported(self):
        """Claims with substantiation: the only ones a reader or a shop may see."""
        return self.filter(substantiation__regex=r"\S")


class Claim(index.Indexed, models.Model):
    """A marketing claim. Regulated: a claim without substantiation never reaches a reader or a shop."""

    class Category(models.TextChoices):
        INGREDIENT = "ingredient", "Ingredient"
        FREE_FROM = "free-from", "Free from"
        ETHICAL = "ethical", "Ethical"
        SUITABILITY = "suitability", "Suitability"
        SENSORY = "sensory", "Sensory"
        EFFICACY = "efficacy", "Efficacy"

    text = models.CharField(max_length=160, unique=True, help_text="As shown to readers, e.g. 'Free from parabens'.")
    slug = models.SlugField(max_length=160, unique=True, help_text="Used in API filters.")
    category = models.CharField(max_length=20, choices=Category.choices)
    substantiation = models.TextField(
        blank=True,
        help_text="The evidence that supports this claim (test report, certificate, formula record). "
        "A claim without substantiation is never shown on the site or in the API.",
    )

    objects = ClaimQuerySet.as_manager()

    panels = [FieldPanel("text"), FieldPanel("slug"), FieldPanel("category"), FieldPanel("substantiation")]

    search_fields = [index.SearchField("text"), index.AutocompleteField("text"), index.FilterField("category")]

    class Meta:
        ordering = ["category", "text"]

    def __str__(self):
        return self.text

    @property
    def is_supported(self):
        return bool(self.substantiation.strip())

    is_supported.fget.short_description = "Substantiated"
    is_supported.fget.boolean = True


class ProductTag(TaggedItemBase):
    content_object = ParentalKey("products.Product", related_name="tagged_items", on_delete=models.CASCADE)


class ProductQuerySet(VisibleQuerySet):
    def with_cards(self):
        """Everything a product card shows (packshot and its renditions too), in a fixed number of queries
        whatever the number of products."""
        return self.select_related("image").prefetch_related(
            "image__renditions",
            models.Prefetch("product_ingredients", ProductIngredient.objects.select_related("ingredient")),
            models.Prefetch("product_claims", ProductClaim.objects.select_related("claim")),
            "tags",
        )


class Product(NamedWithAliases, DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    name = models.CharField(max_length=120, unique=True, help_text="The product's name, e.g. 'GLOW'.")
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in URLs and API paths.")
    product_type = models.CharField(max_length=120, help_text="e.g. 'Multi-peptide serum'.")
    tagline = models.CharField(max_length=160, blank=True, help_text="A short line under the name.")
    blurb = models.TextField(
        max_length=BLURB_MAX_LENGTH,
        validators=[MaxLengthValidator(BLURB_MAX_LENGTH)],
        help_text=f"Plain text for shop cards, at most {BLURB_MAX_LENGTH} characters.",
    )
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul"], help_text="The full story.")
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional packshot.",
    )
    shop_url = models.URLField(blank=True, help_text="Where readers buy it.")
    aliases = models.CharField(
        max_length=255,
        blank=True,
        help_text="Other names articles use for it, comma separated. "
        "The importer turns a paragraph that names the product into a product spotlight.",
    )
    tags = ClusterTaggableManager(through=ProductTag, blank=True)

    objects = ProductQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("product_type"), FieldPanel("tagline")],
            heading="Product",
        ),
        FieldPanel("blurb"),
        FieldPanel("description"),
        FieldPanel("image"),
        FieldPanel("shop_url"),
        InlinePanel("product_ingredients", label="Ingredients", heading="Ingredients"),
        InlinePanel("product_claims", label="Claims", heading="Claims"),
        FieldPanel("aliases"),
        FieldPanel("tags"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("product_type"),
        index.SearchField("tagline"),
        index.SearchField("blurb"),
        index.FilterField("live"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["name"]

    @cached_property
    def ingredient_list(self):
        """[(ingredient, note)] in the editor's order."""
        return [(row.ingredient, row.note) for row in self.product_ingredients.all()]

    @cached_property
    def supported_claims(self):
        """The claims that may be shown: those with substantiation, in the editor's order."""
        return [row.claim for row in self.product_claims.all() if row.claim.is_supported]

    @property
    def image_alt(self):
        """The packshot's alt text: the image's description, else the product's name (never the file name)."""
        return alt_text(self.image, fallback=self.name)

    def get_preview_template(self, request, mode_name):
        return "products/product_preview.html"


class ProductIngredient(Orderable):
    product = ParentalKey(Product, related_name="product_ingredients", on_delete=models.CASCADE)
    ingredient = models.ForeignKey(Ingredient, related_name="product_rows", on_delete=models.PROTECT)
    note = models.CharField(
        max_length=255, blank=True, help_text="Optional, for this product only, e.g. '2% concentration'."
    )

    panels = [FieldPanel("ingredient"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["product", "ingredient"], name="unique_ingredient_per_product")]


class ProductClaim(Orderable):
    product = ParentalKey(Product, related_name="product_claims", on_delete=models.CASCADE)
    claim = models.ForeignKey(Claim, related_name="product_rows", on_delete=models.PROTECT)

    panels = [FieldPanel("claim")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["product", "claim"], name="unique_claim_per_product")]
