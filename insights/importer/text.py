"""Plain text as browsers copy it: one paragraph, heading or bullet a line; blank lines are spacing.

- The first line is the title; the same line repeated right after it (page title, then H1) collapses.
- A heading is a short line without closing punctuation that opens a section: what follows it is a
  bullet or a line that is not itself heading-like.
- Bullets: `•`, `-`, `*`, `–` (and the other round and square marks browsers copy), or `1.` / `1)`.
  "Term: explanation" (also "Term – explanation", "Term — explanation") gives a lead term.
- A line that starts with an emoji is text, never a bullet or a heading.
- Page chrome ('Back to insights', 'Share', 'Image: ...') is dropped and reported.
"""

import re
import unicodedata

from .chrome import is_chrome
from .document import Document, ImportFailed, Item, Node
from .limits import check_lines
from .richtext import collapse, split_lead_term, text_inline

BULLET_MARKS = "•◦‣▪▫●○■□·–*-"
BULLET = re.compile(r"^(?:[•◦‣▪▫●○■□·–*\-]|\d{1,3}[.)])\s++(?P<text>\S.*)$")
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 120
MAX_TITLE_CHARS = 255
HEADING_FORBIDDEN_ENDINGS = (".", ",", ";", ":", "!", "…")
SENTENCE_BREAK = re.compile(r"[.!?]\s")


def starts_with_emoji(text):
    first = text.lstrip()[:1]
    return bool(first) and first not in BULLET_MARKS and unicodedata.category(first) == "So"


def looks_like_heading(text):
    stripped = text.strip()
    return (
        bool(stripped)
        and len(stripped) <= MAX_HEADING_CHARS
        and len(stripped.split()) <= MAX_HEADING_WORDS
        and not stripped.endswith(HEADING_FORBIDDEN_ENDINGS)
        and not SENTENCE_BREAK.search(stripped)
        and not starts_with_emoji(stripped)
        and (stripped[0].isupper() or stripped[0].isdigit())
        and not is_bullet(stripped)
    )


def is_bullet(line):
    return bool(BULLET.match(line)) and not starts_with_emoji(line)


def read_text(source):
    check_lines(source)
    lines = [(number, collapse(line)) for number, line in enumerate(source.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line]
    if not lines:
        raise ImportFailed("the file has no text")

    chrome = []
    content = []
    for number, line in lines:
        bullet = BULLET.match(line)
        if is_chrome(line) or (bullet and is_chrome(bullet["text"])):
            chrome.append((number, line))
        else:
            content.append((number, line))
    if not content:
        raise ImportFailed("the file has nothing but page chrome (navigation, share buttons, image captions)")

    title_line, title = content[0]
    if is_bullet(title):
        raise ImportFailed("the first line is a bullet: the first line of the text must be the title", title_line)
    if len(title) > MAX_TITLE_CHARS:
        raise ImportFailed(
            f"the first line (the title) is {len(title)} characters long; a title has at most {MAX_TITLE_CHARS}",
            title_line,
        )
    position = 1
    while position < len(content) and content[position][1] == title:
        position += 1  # browsers often copy the title twice (page title and H1)

    document = Document(title=title, nodes=[], source_format="text", chrome=chrome, title_line=title_line)
    remaining = content[position:]
    for index, (number, line) in enumerate(remaining):
        if is_bullet(line):
            term, rest = split_lead_term(BULLET.match(line)["text"])
            inline = text_inline(rest)
            item = Item(term=term, text=inline.text, html=inline.html, line=number)
            previous = document.nodes[-1] if document.nodes else None
            if previous is not None and previous.kind == "bullet_list":
                previous.items.append(item)
            else:
                document.nodes.append(Node(kind="bullet_list", items=[item], line=number))
            continue
        following = remaining[index + 1][1] if index + 1 < len(remaining) else None
        opens_section = following is not None and (is_bullet(following) or not looks_like_heading(following))
        kind = "heading" if looks_like_heading(line) and opens_section else "paragraph"
        inline = text_inline(line)
        document.nodes.append(Node(kind=kind, text=inline.text, html=inline.html, level=2, line=number))
    return document
