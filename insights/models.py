"""Insight pages: the home page, the insights index at /insights/ and the insight articles."""

import math

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from cms.core.images import alt_text, renditions_prefetch
from cms.core.tags import could_be_a_tag, tagged
from cms.core.visibility import VisiblePageQuerySet

from .blocks import InsightBodyBlock, heading_anchor

WORDS_PER_MINUTE = 200
INSIGHTS_PER_PAGE = 12


class HomePage(Page):
    intro = models.TextField(blank=True, help_text="A sentence or two under the site name.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["insights.InsightIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_insights"] = InsightPage.objects.listing()[:3]
        context["insight_index"] = InsightIndexPage.objects.visible().first()
        return context


class InsightIndexPage(Page):
    intro = models.TextField(blank=True, help_text="Shown above the list of insights.")

    objects = PageManager.from_queryset(VisiblePageQuerySet)()

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["insights.HomePage"]
    subpage_types = ["insights.InsightPage"]

    def insights(self, tag=None):
        insights = InsightPage.objects.listing().descendant_of(self)
        if tag:
            insights = insights.filter(tagged(InsightPageTag, [tag]))
        return insights

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag_slug = request.GET.get("tag", "").strip()
        tag = Tag.objects.filter(slug=tag_slug).first() if could_be_a_tag(tag_slug) else None
        # get_page() turns junk, negative and out-of-range page numbers into a real page.
        insights = Paginator(self.insights(tag=tag_slug), INSIGHTS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(insights=insights, tag_slug=tag_slug, tag_name=tag.name if tag else tag_slug)
        return context


class InsightPageTag(TaggedItemBase):
    content_object = ParentalKey("insights.InsightPage", related_name="tagged_items", on_delete=models.CASCADE)


class InsightPageQuerySet(VisiblePageQuerySet):
    def listing(self):
        """What readers may see, for listings: newest first, body not loaded, tags and hero renditions prefetched."""
        return (
            self.visible()
            .defer_streamfields()
            .select_related("hero_image")
            .prefetch_related("tags", renditions_prefetch("hero_image"))
            .order_by("-published_date", "-first_published_at", "-pk")
        )


class InsightPage(Page):
    intro = models.TextField(
        blank=True, help_text="One or two sentences: opens the article and is its excerpt in listings."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional, shown above the article and on cards.",
    )
    body = StreamField(InsightBodyBlock(), help_text="Sections, paragraphs, lists and product spotlights.")
    tags = ClusterTaggableManager(through=InsightPageTag, blank=True)
    published_date = models.DateField(
        default=timezone.localdate, help_text="The date readers see. Listings are newest first."
    )
    reading_time = models.PositiveSmallIntegerField(
        default=1, editable=False, help_text="Minutes, computed from the text on save."
    )
    mentioned_ingredients = ParentalManyToManyField(
        "products.Ingredient",
        blank=True,
        related_name="+",
        help_text="Ingredients the article talks about (filled in by the importer; editors may adjust).",
    )
    source_key = models.CharField(
        max_length=255,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Set by the importer: which source document this page came from.",
    )
    source_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = PageManager.from_queryset(InsightPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("published_date"), FieldPanel("tags")], heading="Listing"),
        FieldPanel("mentioned_ingredients"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("published_date"),
    ]

    parent_page_types = ["insights.InsightIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "insight"

    def save(self, *args, **kwargs):
        self.reading_time = self.compute_reading_time()
        saved = super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None:
            # Wagtail indexes a page on post_save, before ClusterableModel writes its tags; index it again with
            # them, or a search for a tag finds the page only after its next publish. (A save of some fields, such
            # as save_revision's, leaves the index alone: the object holds draft content.)
            index.insert_or_update_object(self)
        return saved

    def compute_reading_time(self):
        texts = [self.title, self.intro, *self.body.stream_block.get_searchable_content(self.body)]
        words = sum(len(text.split()) for text in texts)
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @cached_property
    def toc(self):
        """[{anchor, text}] of the H2 sections, for the table of contents."""
        return [
            {"anchor": heading_anchor(block.value["text"]), "text": block.value["text"]}
            for block in self.body
            if block.block_type == "heading" and block.value["level"] == "h2"
        ]

    @property
    def hero_alt(self):
        """The hero image's description; else empty (decorative: the title it illustrates is right above it)."""
        return alt_text(self.hero_image)

    @cached_property
    def index_page(self):
        return self.get_parent().specific
