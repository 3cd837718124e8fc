"""python manage.py export_insight SLUG --format markdown|text : an insight page back out as a document."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from insights.importer.export import FORMATS, export_page
from insights.models import InsightPage


class Command(BaseCommand):
    help = "Write an insight page as Markdown or plain text; importing the result gives the same structure."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The page's slug, e.g. balanced-gut-healthy-skin.")
        parser.add_argument("--format", choices=FORMATS, default="markdown")
        parser.add_argument("--output", "-o", help="Write to this file instead of standard output.")
        parser.add_argument("--live", action="store_true", help="Export the published version, not the latest draft.")

    def handle(self, *args, slug, format, output, live, **options):
        pages = InsightPage.objects.filter(slug=slug)
        if not pages:
            raise CommandError(f"no insight page with the slug {slug!r}")
        if len(pages) > 1:
            paths = ", ".join(page.url_path for page in pages)
            raise CommandError(f"several insight pages have the slug {slug!r} ({paths}); move or rename one")
        page = pages[0]
        if not live:
            page = page.get_latest_revision_as_object()
        text, warnings = export_page(page, format)
        for warning in warnings:
            self.stderr.write(f"warning: {warning}")
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(text, ending="")
