"""Import throughput, and the worst inputs of the largest size the importer accepts.

1. 200 generated articles through `import_insight`, then the same files again (unchanged).
2. Inputs of up to IMPORT_MAX_BYTES (2 MiB) built to be slow (100,000 bullets, 2 MiB of paragraphs, deep
   nesting, runs of markup), each decoded and imported as the admin's upload is (`decode`, `import_article`),
   and articles right at the importer's limits (insights/importer/limits.py), which are imported. Each runs in
   a child process that is stopped after --timeout seconds.

Runs against its own throwaway SQLite database in a temporary directory (migrated and seeded here), so it
never touches db.sqlite3. Prints figures; asserts nothing.

    .venv/bin/python bench/importer.py [--articles 200] [--timeout 120] [--only WORD]
"""

import argparse
import io
import multiprocessing
import os
import random
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WORDS = [
    "skin",
    "barrier",
    "water",
    "oats",
    "leeks",
    "calm",
    "gentle",
    "daily",
    "serum",
    "ritual",
    "balance",
    "fiber",
    "sleep",
    "stress",
    "gut",
    "flora",
    "diet",
    "immune",
    "signal",
    "repair",
    "renew",
    "morning",
    "evening",
    "texture",
    "tone",
    "care",
    "routine",
    "layer",
    "cream",
    "peptides",
]


def sentence(rng):
    words = rng.choices(WORDS, k=rng.randint(6, 16))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def article(number, rng):
    """A plain-text article like the seed: title twice, intro, sections with paragraphs and bullets."""
    title = f"Article {number}: " + " ".join(rng.choices(WORDS, k=4)).title()
    lines = [title, title, "", " ".join(sentence(rng) for _ in range(3)), ""]
    for section in range(rng.randint(3, 6)):
        lines += [f"Section {section + 1} {rng.choice(WORDS).title()}", ""]
        lines += [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))), ""]
        if rng.random() < 0.7:
            for _ in range(rng.randint(3, 5)):
                term = rng.choice(WORDS).title()
                lines.append(f"  • {term}: {sentence(rng)}" if rng.random() < 0.6 else f"  • {sentence(rng)}")
            lines.append("")
    lines += ["GLOW, our multi-peptide serum, with hyaluronic acid. " + sentence(rng), ""]
    lines += ["Want to know more? Read our guide to " + " ".join(rng.choices(WORDS, k=3)), "", "Back to insights"]
    return "\n".join(lines) + "\n"


MIB = 2 * 1024 * 1024
PROSE = (
    "The gut-skin axis links what happens in your digestive tract to how calm, hydrated and resilient your skin "
    "is, through immune signals, hormones and the metabolites of gut bacteria. "
)


def fill(unit, size=MIB - 200, head=""):
    """`head`, then `unit` repeated to just under `size` bytes."""
    return head + unit * ((size - len(head.encode())) // len(unit.encode()))


def at_the_limits(fmt):
    """An article right at the limits: 1,000 blocks (headings and long paragraphs), one list of 2,000 bullets,
    in formats with markup 20,000 markup characters, about 2 MiB in all."""
    sections, paragraph = 499, PROSE * 20  # 499 headings + 499 paragraphs + intro + the list = 1,000 blocks
    bullets = [f"Step {number}: keep the routine gentle and consistent." for number in range(2_000)]
    if fmt == "text":
        body = [f"Section {number} Of The Routine\n\n{paragraph}" for number in range(sections)]
        return "\n\n".join(["Skin At The Limits", "An introduction.", *body, "\n".join(f"• {b}" for b in bullets)])
    if fmt == "markdown":
        # Markup characters: 2 a bullet ("-", ":"), 26 a section ("##", "**" twice, "gut-skin" 20 times): 17,000.
        body = [f"## Section {number}\n\n**{paragraph}**" for number in range(sections)]
        items = "\n".join(f"- {b}" for b in bullets)
        return "\n\n".join(["# Skin At The Limits", "An introduction.", *body, items]) + "\n"
    body = [f"<h2>Section {number}</h2>\n<p><b>{paragraph}</b></p>" for number in range(sections)]
    items = "\n".join(f"<li>{b}</li>" for b in bullets)
    wrappers = "<div>" * 30
    return (
        f"<html><body>{wrappers}<h1>Skin At The Limits</h1><p>An introduction.</p>"
        + "\n".join([*body, f"<ul>{items}</ul>"])
        + "</body></html>"
    )


def paragraphs(inside, count):
    return f"<p>{inside}</p>" * count


def nested(name, levels):
    return f"<{name}>" * levels + "Calm skin." + f"</{name}>" * levels


def worst_cases():
    """(label, file name, content): 2 MiB of what is slow to read, and articles at the limits."""
    return [
        ("Markdown: 100,000 bullets", "bullets.md", fill("- Hydrate: water.\n", head="# Bullets\n\nIntro.\n\n")),
        ("Plain text: 2 MiB of paragraphs", "paragraphs-text.txt", fill(PROSE + "\n\n", head="Paragraphs\n\n")),
        ("Markdown: 2 MiB of paragraphs", "paragraphs-markdown.md", fill(PROSE + "\n\n", head="# Paragraphs\n\n")),
        ("HTML: 2 MiB of paragraphs", "paragraphs-html.html", fill(f"<p>{PROSE}</p>\n", head="<h1>Paragraphs</h1>\n")),
        ("HTML: 2 MiB of list items", "items.html", fill("<li>Calm skin</li>\n", head="<h1>Items</h1><ul>\n")),
        ("HTML: 2 MiB of &amp; in one paragraph", "amp.html", fill("Tom &amp; Jerry ", head="<h1>Amp</h1><p>")),
        ("HTML: <div> nested 400,000 deep", "deep.html", fill("<div>", head="<h1>Deep</h1>\n<p>Intro.</p>\n")),
        ("HTML: <b> nested 10,000 deep", "deep-b.html", "<h1>Deep</h1>\n<p>Intro.</p>\n<p>" + "<b>" * 10_000),
        ("Markdown: 2 MiB of [", "brackets.md", fill("[", head="# Brackets\n\nSee ")),
        ("Markdown: line breaks in one paragraph", "breaks.md", fill("x  \n", head="# Breaks\n\n")),
        (
            "Text: 'See also: ' repeated, then '?'",
            "see-also.txt",
            fill("See also: ", head="See Also\n\nIntro.\n\n") + "?",
        ),
        # Just under one limit or another: read, then imported or refused at the next.
        ("Markdown: 9,998 bullets", "items.md", "# Items\n\nIntro.\n\n" + "- Calm.\n" * 9_998),
        ("Markdown: 9,995 '![' in a paragraph", "images.md", "# Images\n\nSee " + "![" * 9_995 + "\n"),
        ("HTML: 20,000 <br> in 40 paragraphs", "breaks.html", "<h1>Breaks</h1>" + paragraphs("Calm<br>" * 497, 40)),
        ("HTML: 4,970 <br> in 10 paragraphs", "breaks-10.html", "<h1>Breaks</h1>" + paragraphs("Calm<br>" * 497, 10)),
        ("HTML: 27 paragraphs of <span> 90 deep", "spans.html", "<h1>Spans</h1>" + paragraphs(nested("span", 90), 27)),
        ("HTML: 9,900 <div>, 95 deep", "divs.html", "<div>" * 95 + "<h1>Divs</h1>" + "<div>a</div>" * 9_900),
        ("Text at the limits", "limits-text.txt", at_the_limits("text")),
        ("Markdown at the limits", "limits-markdown.md", at_the_limits("markdown")),
        ("HTML at the limits", "limits-html.html", at_the_limits("html")),
    ]


def import_case(name, content, results):
    """In the child: decode and import as the admin's upload is; sends (seconds, outcome)."""
    from insights.importer.document import ImportFailed
    from insights.importer.pages import import_article
    from insights.importer.sources import decode
    from insights.models import InsightIndexPage

    parent = InsightIndexPage.objects.get(slug="insights")
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        text, warnings = decode(content.encode("utf-8"))
        report = import_article(text, parent=parent, name=name, warnings=warnings)
        outcome = f"{report.status}: " + ", ".join(f"{count} {kind}" for kind, count in sorted(report.blocks.items()))
    except ImportFailed as error:
        outcome = f"refused: {error}"
    except RecursionError:
        outcome = "RecursionError (a 500 in the admin)"
    results.send((time.perf_counter() - started, time.process_time() - cpu_started, outcome))


def run_worst_cases(timeout, only):
    from django.db import connections

    context = multiprocessing.get_context("fork")
    print(
        f"\nWorst inputs up to 2 MiB, decoded and imported as an admin upload (stopped after {timeout} s; "
        "wall-clock and CPU seconds, which other load on the machine does not inflate):"
    )
    for label, name, content in worst_cases():
        if only and only.lower() not in label.lower():
            continue
        connections.close_all()  # the child opens its own connection
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=import_case, args=(name, content, send))
        child.start()
        if receive.poll(timeout):
            seconds, cpu_seconds, outcome = receive.recv()
            figure = f"{seconds:6.2f} s ({cpu_seconds:5.2f} s CPU)"
        else:
            figure, outcome = f"> {timeout} s".ljust(22), "stopped"
        child.kill()
        child.join()
        size = f"{len(content.encode()) / 1024 / 1024:.2f} MiB"
        print(f"  {label:42} {size:>9} {figure}  {outcome[:150]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--timeout", type=int, default=120, help="Seconds before a worst case is stopped.")
    parser.add_argument("--only", default="", help="Run only the worst cases whose label contains this.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-importer-") as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
        sys.path.insert(0, str(BASE_DIR))
        import django

        django.setup()
        from django.core.management import call_command
        from wagtail.models import Revision

        call_command("migrate", verbosity=0)
        call_command("load_seed", stdout=io.StringIO())

        rng = random.Random(8)
        files = []
        for number in range(1, args.articles + 1):
            path = Path(tmp) / f"article-{number:03d}.txt"
            path.write_text(article(number, rng), encoding="utf-8")
            files.append(str(path))
        size = sum(Path(path).stat().st_size for path in files)
        print(f"{len(files)} generated plain-text articles, {size / 1024:.0f} KiB in all")

        for label in ("first import (create + publish)", "re-import, unchanged"):
            revisions = Revision.objects.count()
            started = time.perf_counter()
            call_command("import_insight", *files, "--publish", "--json", stdout=io.StringIO())
            elapsed = time.perf_counter() - started
            print(
                f"{label:34} {elapsed:6.2f} s  {len(files) / elapsed:7.1f} articles/s  "
                f"{Revision.objects.count() - revisions} new revisions"
            )

        run_worst_cases(args.timeout, args.only)


if __name__ == "__main__":
    main()
