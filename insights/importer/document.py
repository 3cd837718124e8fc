"""The intermediate document every reader produces and the builder consumes."""

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
    """A heading, paragraph or bullet list, in document order."""

    kind: str  # "heading" | "paragraph" | "bullet_list"
    text: str = ""
    html: str = ""
    level: int = 2
    items: list[Item] = field(default_factory=list)
    line: int = 0


@dataclass
class Document:
    title: str
    nodes: list[Node]
    source_format: str
    warnings: list[str] = field(default_factory=list)
    chrome: list[tuple[int, str]] = field(default_factory=list)


class ImportFailed(ValueError):
    """Input the importer cannot turn into an article; the message says what and where."""

    def __init__(self, message, line=None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)
