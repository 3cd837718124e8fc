"""Creates or updates an insight page from a source document, all or nothing.

Idempotent: a page remembers which source it came from (`source_key`: the file's stem, or the title's slug
for pasted text) and a hash of what it was built from (`source_hash`, in every revision: the importer
version, the format and the text, not the options). Importing the same source again changes nothing; a
changed source, or tags other than the page's, give the same page a new revision (published only when
asked). Everything one import writes happens in one transaction, which first locks the parent page: a
failure leaves nothing behind, and two imports of one file at once make one page. A page the admin's
import creates belongs to the editor who imported it.
"""

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from .builder import Catalogue, build
from .document import ImportFailed
from .readers import read
from .sources import read_path

# Part of every content hash: bump it when the builder makes something else of the same input,
# so that re-importing unchanged files brings their pages up to date.
IMPORTER_VERSION = "2"


@dataclass
class Report:
    source: str
    status: str = ""  # created | updated | unchanged | published | failed, "(dry run)" appended on a dry run
    page_id: int | None = None
    url: str = ""
    title: str = ""
    source_key: str = ""
    format: str = ""
    blocks: dict = field(default_factory=dict)
    spotlights: list = field(default_factory=list)
    related_resolved: list = field(default_factory=list)
    related_unresolved: list = field(default_factory=list)
    mentioned_ingredients: list = field(default_factory=list)
    chrome: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    error: str = ""
    line: int | None = None

    def as_dict(self):
        return asdict(self)

    @property
    def failed(self):
        return self.status == "failed"

    @property
    def links_made(self):
        return len(self.spotlights) + len(self.related_resolved) + len(self.mentioned_ingredients)

    def where(self):
        return f"{self.source}:{self.line}" if self.line else self.source

    def lines(self):
        """The report in words, one line each: for the command line and the admin's messages."""
        if self.failed:
            return [f"{self.where()}: failed: {self.error}"]
        blocks = ", ".join(f"{count} {kind}" for kind, count in sorted(self.blocks.items())) or "no blocks"
        lines = [f"{self.source}: {self.status} {self.title!r} ({self.url or 'not published'}): {blocks}"]
        links = [f"product spotlight: {entry['product']} (line {entry['line']})" for entry in self.spotlights]
        links += [f"related insight: {entry['insight']} (line {entry['line']})" for entry in self.related_resolved]
        links += [f"ingredient mentioned: {slug}" for slug in self.mentioned_ingredients]
        lines += [f"  link made: {link}" for link in links]
        lines += [
            f"  unresolved link, line {entry['line']}: {entry['label']!r} (no insight titled {entry['topic']!r};"
            " choose the page in the editor)"
            for entry in self.related_unresolved
        ]
        lines += [f"  dropped as page chrome, line {entry['line']}: {entry['text']!r}" for entry in self.chrome]
        lines += [f"  warning: {warning}" for warning in self.warnings]
        return lines


def content_hash(source, fmt):
    """What decides 'unchanged': the importer version, the resolved format and the source text, whatever the
    options (tags are compared on their own: see `is_unchanged`)."""
    material = "\0".join([IMPORTER_VERSION, fmt, source])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def source_key_for(name, title, source_key=None):
    """A file's stem names its page ('balanced-gut-healthy-skin.txt' -> balanced-gut-healthy-skin): stable
    when an editor retitles the article. Pasted text has no file name; its title names it."""
    stem = PurePath(name).stem if name and not name.startswith("<") else ""
    key = slugify(source_key or stem or title)[:255].strip("-")
    if not key:
        raise ImportFailed(f"the title {title!r} gives no usable page slug: use letters or digits")
    return key


def import_article(
    source,
    *,
    parent,
    name="<text>",
    fmt="auto",
    publish=False,
    source_key=None,
    tags=None,
    dry_run=False,
    user=None,
    catalogue=None,
    warnings=(),
):
    """Import one article under `parent`. Raises ImportFailed (nothing written) for input it cannot use.

    `name` is the file name (or "<pasted>"); `tags`, when given, replace the page's tags (None leaves them
    alone); `user`, when given, owns the page an import creates and must be allowed to edit the page an
    import updates; `catalogue` is shared across a batch; `warnings` come from reading the file (e.g. its
    encoding) and go into the report.
    """
    document = read(source, fmt, name=name)
    catalogue = catalogue if catalogue is not None else Catalogue.from_database()
    key = source_key_for(name, document.title, source_key)
    built = build(document, catalogue, exclude_key=key)
    report = new_report(name, key, document, built, warnings)
    digest = content_hash(source, document.source_format)

    with transaction.atomic():
        # One import at a time under a parent, and the page looked up only then: a second import of the same
        # new file waits here for the first to commit, then finds its page (instead of failing on the slug).
        parent = locked(parent)
        existing = existing_page(parent, key, user)
        if existing is not None and is_unchanged(existing, digest, tags):
            return unchanged(report, existing, publish=publish, dry_run=dry_run, user=user)
        if existing is not None:
            # The latest draft, not the live row: an editor's unpublished changes to other fields stay.
            page, report.status = existing.get_latest_revision_as_object(), "updated"
        else:
            page, report.status = new_page(key, user), "created"
        save(page, built, parent, digest=digest, tags=tags, user=user, publish=publish)
        if dry_run:
            report.status += " (dry run)"
            transaction.set_rollback(True)
            return report
        page.refresh_from_db()
        catalogue.add_insight(page)
        report.page_id, report.url = page.pk, page.url or ""
    return report


def new_report(name, key, document, built, warnings):
    return Report(
        source=name,
        title=built.title,
        source_key=key,
        format=document.source_format,
        blocks=built.blocks_by_type(),
        spotlights=built.spotlights,
        related_resolved=built.related_resolved,
        related_unresolved=built.related_unresolved,
        mentioned_ingredients=[ingredient.slug for ingredient in built.mentioned_ingredients],
        chrome=[{"line": line, "text": text} for line, text in built.chrome],
        warnings=[*warnings, *built.warnings],
    )


def locked(parent):
    """The parent page again, its row locked until the transaction ends (PostgreSQL; SQLite takes the whole
    database's write lock when the transaction starts). Fresh from the database: adding a child needs the
    current number of children."""
    return type(parent).objects.select_for_update().get(pk=parent.pk)


def existing_page(parent, key, user):
    """The page a source made before under `parent`, if any; ImportFailed if `user` may not update it."""
    from ..models import InsightPage

    existing = InsightPage.objects.child_of(parent).filter(source_key=key).first()
    if existing is None:
        return None
    if user is not None and not existing.permissions_for_user(user).can_edit():
        raise ImportFailed(f"you may not edit the page {existing.url_path!r} this source updates")
    if existing.locked:
        raise ImportFailed(f"the page {existing.title!r} is locked: unlock it in the admin first")
    return existing


def is_unchanged(existing, digest, tags):
    """The same source as the latest revision was built from, and (when tags are given) the same tags."""
    latest = existing.latest_revision
    latest_hash = latest.content.get("source_hash") if latest is not None else existing.source_hash
    if latest_hash != digest:
        return False
    if tags is None:
        return True
    draft = existing.get_latest_revision_as_object()
    return {tag.name for tag in draft.tags.all()} == set(tags)


def unchanged(report, existing, *, publish, dry_run, user):
    report.status = "unchanged"
    if publish and not existing.live and not dry_run:
        existing.latest_revision.publish(user=user)
        report.status = "published"
    report.page_id, report.url = existing.pk, existing.url or ""
    if dry_run:
        report.status += " (dry run)"
    return report


def new_page(key, user):
    """A new draft page, owned by the importing user (an editor who may only add pages edits their own)."""
    from ..models import InsightPage

    return InsightPage(slug=key, source_key=key, live=False, owner=user)


def save(page, built, parent, *, digest, tags, user, publish):
    """Write what was built into `page` (added under `parent` when new) as a new revision."""
    page.title = built.title
    page.draft_title = built.title
    page.intro = built.intro
    page.body = built.body
    page.source_hash = digest
    page.mentioned_ingredients = built.mentioned_ingredients
    if tags is not None:
        page.tags.set(tags, clear=True)
    try:
        if page.pk is None:
            parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
    except ValidationError as error:
        raise ImportFailed(f"the article does not validate: {'; '.join(error.messages)}") from error


def import_file(path, **options):
    """Import one file; a file the importer cannot use gives a failed report (file, line, reason), not an error."""
    try:
        source = read_path(path)
        report = import_article(source.text, name=source.name, warnings=source.warnings, **options)
    except ImportFailed as error:
        return Report(source=str(path), status="failed", error=error.reason, line=error.line)
    report.source = str(path)
    return report
