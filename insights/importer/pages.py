"""Creates or updates an insight page from a source document, all or nothing."""

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from .builder import Catalogue, build
from .document import ImportFailed
from .readers import read


@dataclass
class Report:
    source: str
    status: str = ""  # created | updated | unchanged | failed | dry-run
    page_id: int | None = None
    url: str = ""
    title: str = ""
    blocks: dict = field(default_factory=dict)
    spotlights: list = field(default_factory=list)
    related_resolved: list = field(default_factory=list)
    related_unresolved: list = field(default_factory=list)
    mentioned_ingredients: list = field(default_factory=list)
    chrome: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    error: str = ""

    def as_dict(self):
        return asdict(self)


def content_hash(source, tags=None):
    """What decides 'unchanged': the source text, and the tags when the caller sets them."""
    material = source if tags is None else source + "\0" + "\0".join(sorted(tags))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def import_article(
    source, *, parent, name="<text>", fmt="auto", publish=False, source_key=None, tags=None, dry_run=False, user=None
):
    """Import one article under `parent`. Raises ImportFailed (nothing written) for input it cannot use.

    `name` is the file name (or "<pasted>"); `tags`, when given, replace the page's tags.
    """
    from ..models import InsightPage

    document = read(source, fmt, name=name)
    built = build(document, Catalogue.from_database())
    report = Report(
        source=name,
        title=built.title,
        blocks=built.blocks_by_type(),
        spotlights=built.spotlights,
        related_resolved=built.related_resolved,
        related_unresolved=built.related_unresolved,
        mentioned_ingredients=[ingredient.slug for ingredient in built.mentioned_ingredients],
        chrome=[{"line": line, "text": text} for line, text in built.chrome],
        warnings=built.warnings,
    )
    # A file's stem names its page ("balanced-gut-healthy-skin.txt" -> /insights/balanced-gut-healthy-skin/):
    # stable when an editor retitles the article. Pasted text has no file name; its title names it.
    stem = PurePath(name).stem if name and not name.startswith("<") else ""
    key = slugify(source_key or stem or built.title)[:255].strip("-")
    if not key:
        raise ImportFailed(f"the title {built.title!r} gives no usable slug")
    digest = content_hash(source, tags)

    with transaction.atomic():
        page = InsightPage.objects.child_of(parent).filter(source_key=key).first()
        if page is not None:
            page = page.specific
            if page.source_hash == digest:
                report.status = "unchanged"
                if publish and not page.live and not dry_run:
                    page.get_latest_revision().publish(user=user)
                    report.status = "published"
                report.page_id, report.url = page.pk, page.url or ""
                return report
            report.status = "updated"
        else:
            page = InsightPage(slug=key, source_key=key, live=False)
            report.status = "created"

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
            raise ImportFailed(f"{name}: the article does not validate: {'; '.join(error.messages)}") from error

        if dry_run:
            report.status = f"{report.status} (dry run, nothing saved)"
            transaction.set_rollback(True)
            return report
        page.refresh_from_db()
        report.page_id, report.url = page.pk, page.url or ""
    return report
