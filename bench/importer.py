"""Import throughput: 200 generated articles through `import_insight`, then the same files again (unchanged).

Runs against its own throwaway SQLite database in a temporary directory (migrated and seeded here), so it
never touches db.sqlite3. Prints figures; asserts nothing.

    .venv/bin/python bench/importer.py [--articles 200]
"""

import argparse
import io
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
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


if __name__ == "__main__":
    main()
