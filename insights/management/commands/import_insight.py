"""python manage.py import_insight PATH... : plain text, Markdown or HTML files -> insight pages."""

import json
import sys
from pathlib import PurePath

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify
from tqdm import tqdm
from wagtail.models import Site

from insights.importer.builder import Catalogue
from insights.importer.pages import Report, import_file
from insights.importer.readers import FORMATS
from insights.models import InsightIndexPage


def find_index(path):
    """'/insights/' (a URL path on the default site) or a page id -> the InsightIndexPage."""
    if path.strip().isdigit():
        page = InsightIndexPage.objects.filter(pk=int(path)).first()
    else:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("there is no default site: run `manage.py load_seed` or create one in the admin")
        url_path = site.root_page.url_path + "/".join(part for part in path.split("/") if part)
        url_path = url_path.rstrip("/") + "/"
        page = InsightIndexPage.objects.filter(url_path=url_path).first()
    if page is None:
        raise CommandError(f"--parent {path!r}: no insights index page there")
    return page


class Command(BaseCommand):
    help = (
        "Import articles (plain text as copied from a web page, Markdown or HTML) as insight pages under "
        "--parent. Re-importing a file updates its page; an unchanged file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files to import.")
        parser.add_argument("--format", choices=FORMATS, default="auto", help="Default: by file extension.")
        parser.add_argument("--parent", default="/insights/", help="URL path (or id) of the insights index.")
        parser.add_argument("--publish", action="store_true", help="Publish what is created or updated.")
        parser.add_argument("--dry-run", action="store_true", help="Read, build and validate; save nothing.")
        parser.add_argument("--json", action="store_true", help="Print the reports as JSON.")

    def handle(self, *args, **options):
        index = find_index(options["parent"])
        catalogue = Catalogue.from_database()
        as_json = options["json"]
        reports = []
        made_by = {}  # page key -> the file of this batch that makes it
        for path in self.progress(options["paths"], quiet=as_json):
            report = duplicate_report(path, made_by) or import_file(
                path,
                parent=index,
                fmt=options["format"],
                publish=options["publish"],
                dry_run=options["dry_run"],
                catalogue=catalogue,
            )
            reports.append(report)
            if not as_json:
                self.write_report(report)
        self.summarise(reports, as_json)

    def progress(self, paths, quiet):
        """A progress bar on standard error, for a batch typed at a terminal."""
        disable = quiet or len(paths) < 2 or not sys.stderr.isatty()
        return tqdm(paths, desc="Importing", unit="file", file=sys.stderr, disable=disable)

    def write_report(self, report):
        # Clears the progress bar while the report is written, then redraws it.
        with tqdm.external_write_mode(file=sys.stderr):
            stream = self.stderr if report.failed else self.stdout
            for line in report.lines():
                stream.write(line)

    def summarise(self, reports, as_json):
        """Counts by status; a non-zero exit status when any file failed, naming each file, line and reason."""
        counts = {}
        for report in reports:
            counts[report.status] = counts.get(report.status, 0) + 1
        if as_json:
            self.stdout.write(json.dumps({"reports": [r.as_dict() for r in reports], "summary": counts}, indent=2))
        else:
            summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
            self.stdout.write(f"{len(reports)} file(s): {summary}")
        failed = [report for report in reports if report.failed]
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(reports)} file(s) failed: "
                + "; ".join(f"{report.where()}: {report.error}" for report in failed)
            )


def duplicate_report(path, made_by):
    """Two files with the same name make the same page: the second would overwrite the first, so it fails."""
    key = slugify(PurePath(path).stem)
    if key in made_by:
        error = f"{made_by[key]} in this batch already makes the page {key!r}: rename one file"
        return Report(source=str(path), status="failed", error=error)
    made_by[key] = str(path)
    return None
