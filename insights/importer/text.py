"""Plain text as browsers copy it: one paragraph, heading or bullet a line; blank lines are spacing."""

import re
import unicodedata
from html import escape

from .document import Document, ImportFailed, Item, Node

BULLET = re.compile(r"^\s*(?:[•\-*–·▪●]|\d{1,3}[.)])\s+(?P<text>\S.*)$")
# "Term: explanation", "Term – explanation", "Term — explanation"; the term is short and unpunctuated.
LEAD_TERM = re.compile(r"^(?P<term>[^:.!?]{1,80}?)(?::\s+|\s+[–—]\s+)(?P<rest>\S.*)$")
MAX_TERM_WORDS = 8
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 120
HEADING_FORBIDDEN_ENDINGS = (".", ",", ";", ":", "!", "…")


def starts_with_emoji(text):
    first = text.lstrip()[:1]
    return bool(first) and unicodedata.category(first) == "So"


def split_lead_term(text):
    """'Acne: Inflammation ...' -> ('Acne', 'Inflammation ...'); ('', text) when there is no lead term."""
    match = LEAD_TERM.match(text)
    if match and len(match["term"].split()) <= MAX_TERM_WORDS:
        return match["term"].strip(), match["rest"].strip()
    return "", text


def looks_like_heading(text):
    stripped = text.strip()
    return (
        len(stripped) <= MAX_HEADING_CHARS
        and len(stripped.split()) <= MAX_HEADING_WORDS
        and not stripped.endswith(HEADING_FORBIDDEN_ENDINGS)
        and not re.search(r"[.!?]\s", stripped)
        and not starts_with_emoji(stripped)
        and (stripped[0].isupper() or stripped[0].isdigit())
    )


def is_bullet(line):
    return bool(BULLET.match(line)) and not starts_with_emoji(line)


def inline_html(text):
    return escape(text, quote=False)


def read_text(source):
    lines = [(number, line.strip()) for number, line in enumerate(source.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line]
    if not lines:
        raise ImportFailed("the file has no text")

    title_line, title = lines[0]
    position = 1
    while position < len(lines) and lines[position][1] == title:
        position += 1  # browsers often copy the title twice (page title and H1)

    document = Document(title=title, nodes=[], source_format="text")
    remaining = lines[position:]
    for index, (number, line) in enumerate(remaining):
        if is_bullet(line):
            term, rest = split_lead_term(BULLET.match(line)["text"])
            item = Item(term=term, text=rest, html=inline_html(rest), line=number)
            previous = document.nodes[-1] if document.nodes else None
            if previous is not None and previous.kind == "bullet_list":
                previous.items.append(item)
            else:
                document.nodes.append(Node(kind="bullet_list", items=[item], line=number))
            continue
        following = remaining[index + 1][1] if index + 1 < len(remaining) else None
        opens_section = following is not None and (is_bullet(following) or not looks_like_heading(following))
        kind = "heading" if looks_like_heading(line) and opens_section else "paragraph"
        document.nodes.append(Node(kind=kind, text=line, html=inline_html(line), level=2, line=number))
    return document
