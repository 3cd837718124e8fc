"""The intermediate document every reader produces and the builder consumes.

Each node and bullet item carries `text` (plain, for matching and checks) and `html` (inline rich text,
already safe: escaped text, or the output of `richtext.clean_inline`). The builder wraps `html` in <p>.
"""

from dataclasses import dataclass, field


@dataclass
class Item:
    """One bullet: an optional lead term and its text (`html` is inline rich text, already safe)."""

    text: str
    html: str
    term: str = ""
    line: int = 0


@dataclass
class Node:
    """A heading, paragraph, bullet list or quote, in document order."""

    kind: str  # "heading" | "paragraph" | "bullet_list" | "quote"
    text: str = ""
    html: str = ""
    level: int = 2
    items: list[Item] = field(default_factory=list)
    line: int = 0
    attribution: str = ""  # quotes only


@dataclass
class Document:
    title: str
    nodes: list[Node]
    source_format: str
    warnings: list[str] = field(default_factory=list)
    chrome: list[tuple[int, str]] = field(default_factory=list)  # (line, text) of what was dropped
    title_line: int = 1


class ImportFailed(ValueError):
    """Input the importer cannot turn into an article; the message says what and where."""

    def __init__(self, message, line=None):
        self.reason = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)
