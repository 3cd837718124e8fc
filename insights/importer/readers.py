"""Picks the reader for a source: plain text, Markdown or HTML."""

from .document import ImportFailed
from .text import read_text

READERS = {"text": read_text}


def detect_format(source, name=""):
    lowered = name.lower()
    if lowered.endswith((".md", ".markdown")):
        return "markdown"
    if lowered.endswith((".html", ".htm")):
        return "html"
    return "text"


def read(source, fmt="auto", name=""):
    fmt = detect_format(source, name) if fmt == "auto" else fmt
    if fmt not in READERS:
        raise ImportFailed(f"{name}: no reader for format {fmt!r} (known: {', '.join(sorted(READERS))})")
    return READERS[fmt](source)
