"""Creates the site, the GLOW catalogue and the seed article. Idempotent: a second run changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from cms.core.sites import public_host_and_port, sync_default_site
from insights.importer.pages import import_article
from insights.models import HomePage, InsightIndexPage
from insights.seed import ARTICLE, ARTICLE_TAGS, CLAIMS, INGREDIENTS, PRODUCT, SUBSTANTIATION
from products.models import Claim, Ingredient, Product, ProductClaim, ProductIngredient


class Command(BaseCommand):
    help = "Create the home page, /insights/, the GLOW catalogue and the seed article (safe to re-run)."

    @transaction.atomic
    def handle(self, *args, **options):
        home = self.home_page()
        index = self.index_page(home)
        self.catalogue()
        report = import_article(
            ARTICLE.read_text(encoding="utf-8"), parent=index, name=ARTICLE.name, tags=ARTICLE_TAGS, publish=True
        )
        self.stdout.write(f"Seed article {report.status}: {report.url}")

    def home_page(self):
        site = sync_default_site()  # its address follows WAGTAILADMIN_BASE_URL
        if site and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        root = Page.get_first_root_node() or self.tree_root()
        # Wagtail's install leaves a "Welcome to Wagtail" page with slug 'home'; the home page replaces it.
        for page in root.get_children().filter(slug="home"):
            if not isinstance(page.specific, HomePage) and not page.get_children().exists():
                page.delete()
        home = root.get_children().type(HomePage).first()
        if home is None:
            home = root.add_child(
                instance=HomePage(title="Insights", slug="home", intro="Skin science, ingredient by ingredient.")
            )
            self.stdout.write("Created the home page.")
        home = home.specific
        hostname, port = public_host_and_port()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": hostname, "port": port, "root_page": home, "site_name": "Insights"},
        )
        return home

    def tree_root(self):
        """A database emptied by `flush` has lost the page tree's root (and the locale) that migrations made."""
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        if not Collection.objects.exists():
            Collection.add_root(name="Root")
        return Page.add_root(instance=Page(title="Root", slug="root"))

    def index_page(self, home):
        index = home.get_children().type(InsightIndexPage).first()
        if index is None:
            index = home.add_child(
                instance=InsightIndexPage(
                    title="Insights", slug="insights", intro="What science says about skin, and what to do about it."
                )
            )
            self.stdout.write("Created /insights/.")
        return index.specific

    def catalogue(self):
        for data in INGREDIENTS:
            data = dict(data)
            tags = data.pop("tags")
            ingredient, created = Ingredient.objects.get_or_create(slug=data["slug"], defaults=data)
            if created:
                ingredient.tags.add(*tags)
                ingredient.save()
        for data in CLAIMS:
            Claim.objects.get_or_create(slug=data["slug"], defaults={**data, "substantiation": SUBSTANTIATION})
        if Product.objects.filter(slug=PRODUCT["slug"]).exists():
            return
        data = dict(PRODUCT)
        tags = data.pop("tags")
        product = Product(**data, live=False)
        product.tags.add(*tags)
        product.product_ingredients = [
            ProductIngredient(ingredient=Ingredient.objects.get(slug=item["slug"]), sort_order=order)
            for order, item in enumerate(INGREDIENTS)
        ]
        product.product_claims = [
            ProductClaim(claim=Claim.objects.get(slug=item["slug"]), sort_order=order)
            for order, item in enumerate(CLAIMS)
        ]
        product.save()
        product.save_revision().publish()
        self.stdout.write("Created the GLOW product.")
