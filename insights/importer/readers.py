"""Picks the reader for a source: plain text, Markdown or HTML. Each returns the same `Document`."""

import re

from .document import ImportFailed
from .html_reader import read_html
from .limits import check_structure
from .markdown_reader import read_markdown
from .text import read_text

READERS = {"text": read_text, "markdown": read_markdown, "html": read_html}
FORMATS = ("auto", *READERS)
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
# Possessive: the spaces are read once, never given back character by character.
HTML_START = re.compile(r"^\s*+(?:<!doctype html|<html|<head|<body|<article|<h1)", re.IGNORECASE)
MARKDOWN_TITLE = re.compile(r"^\s*+#\s++\S")


def detect_format(source, name=""):
    """By file extension; for pasted text or an unknown extension, by the first characters."""
    lowered = name.lower()
    for extension, fmt in EXTENSIONS.items():
        if lowered.endswith(extension):
            return fmt
    if HTML_START.match(source):
        return "html"
    if MARKDOWN_TITLE.match(source):
        return "markdown"
    return "text"


def read(source, fmt="auto", name=""):
    """Source text -> Document. Raises ImportFailed for input that makes no article or passes a limit."""
    fmt = detect_format(source, name) if fmt == "auto" else fmt
    if fmt not in READERS:
        raise ImportFailed(f"no reader for format {fmt!r} (known: {', '.join(FORMATS)})")
    document = READERS[fmt](source)
    check_structure(document)
    return document
