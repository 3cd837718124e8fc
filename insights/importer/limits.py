"""What the importer reads at most, and the cheap checks that enforce it before the slow work starts.

No real article comes near these limits (the seed article has 38 lines of text, 22 blocks and 17 list
items; a long article has a few hundred of each). They exist so that a broken or hostile file of up to
IMPORT_MAX_BYTES gets a clear error within a second or two instead of holding a worker for minutes: the
parsers the importer relies on (html5lib with BeautifulSoup, markdown-it-py, Wagtail's rich-text whitelist)
are pure Python, and some of their costs grow with the number of tags, markup characters or nesting levels
rather than with the bytes (bench/importer.py prints the figures).

Each check says the count, the limit, where the limit was passed and what to do.
"""

import re

from .document import ImportFailed

# Non-blank lines of a plain-text or Markdown file (a 10,000-line article would be some 100,000 words).
MAX_LINES = 10_000
# Blocks in the article's body: headings, paragraphs, lists and quotes.
MAX_BLOCKS = 1_000
# Bullets in all of the article's lists together.
MAX_LIST_ITEMS = 2_000
# Markup characters: in HTML `<` and `&` (tags and character references: each a step for html5lib, wherever
# it is); in Markdown the characters that can start markup (MARKDOWN_MARKUP below).
MAX_MARKUP = 20_000
# Tags (links, bold, line breaks ...) in the article's text: its paragraphs, headings and list items together,
# and in any one of them. Each costs a third of a millisecond in BeautifulSoup, Wagtail's whitelist and search
# index; Wagtail's whitelist slows down with the square of the tags side by side in one paragraph.
MAX_TEXT_TAGS = 5_000
MAX_BLOCK_TAGS = 500
# HTML elements inside each other (a saved web page nests 20 to 40 levels deep).
MAX_NESTING = 100
# Markdown lists and quotes inside each other (markdown-it drops what is nested deeper than it reads).
MAX_MARKDOWN_NESTING = 10

# markdown-it-py's own inline terminators: each one makes it try every inline rule (links, emphasis, ...).
MARKDOWN_MARKUP = "!#$%&*+-:<=>@[\\]^_`{}~"
NON_BLANK_LINE = re.compile(r"^[^\S\n]*\S", re.MULTILINE)
HTML_MARKUP = re.compile(r"[<&]")
# Tags, comments and the elements whose content html5lib reads as raw text (no tags inside).
HTML_TAG = re.compile(r"<(?:(?P<comment>!--)|(?P<close>/)?(?P<name>[A-Za-z][^\s/>]*))")
RAW_TEXT_ELEMENTS = {
    *("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"),
}
# Elements that never have content, and elements whose end tag may be left out (html5lib closes them itself):
# neither deepens the nesting estimate.
VOID_ELEMENTS = {
    *("area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen"),
    *("link", "meta", "param", "source", "track", "wbr"),
}
OPTIONAL_END_ELEMENTS = {
    *("html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody"),
    *("tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp"),
}
# An element of one of these kinds closes an open one of the same kind (html5lib does the same).
SAME_KIND = {"a": "a", "button": "button", "nobr": "nobr", "form": "form", **{f"h{n}": "h" for n in range(1, 7)}}


def line_at(text, offset, first_line=1):
    return text.count("\n", 0, offset) + first_line


def nth_match(pattern, text, number):
    """Where the `number`-th match of `pattern` starts (it exists: the caller counted them)."""
    for count, match in enumerate(pattern.finditer(text), start=1):
        if count == number:
            return match.start()
    raise ValueError(number)


def too_many(what, limit, line, advice="split the article"):
    """'the file has 77,668 lines of text; the importer reads at most 10,000 in one article: split the article'"""
    return ImportFailed(f"{what}; the importer reads at most {limit:,} in one article: {advice}", line)


def check_lines(source):
    """Plain text and Markdown: at most MAX_LINES non-blank lines."""
    count = len(NON_BLANK_LINE.findall(source))
    if count > MAX_LINES:
        line = line_at(source, nth_match(NON_BLANK_LINE, source, MAX_LINES + 1))
        raise too_many(f"the file has {count:,} lines of text (blank lines not counted)", MAX_LINES, line)


def check_markdown_markup(source):
    """Markdown: at most MAX_MARKUP markup characters."""
    count = sum(source.count(char) for char in MARKDOWN_MARKUP)
    if count > MAX_MARKUP:
        pattern = re.compile("[" + re.escape(MARKDOWN_MARKUP) + "]")
        line = line_at(source, nth_match(pattern, source, MAX_MARKUP + 1))
        what = f"the Markdown has {count:,} markup characters ({' '.join(MARKDOWN_MARKUP)})"
        raise too_many(what, MAX_MARKUP, line, "split the article, or remove markup it does not need")


def check_structure(document):
    """Any format, once read: at most MAX_BLOCKS blocks and MAX_LIST_ITEMS list items."""
    nodes = document.nodes
    if len(nodes) > MAX_BLOCKS:
        what = f"the article has {len(nodes):,} blocks (headings, paragraphs, lists and quotes)"
        raise too_many(what, MAX_BLOCKS, nodes[MAX_BLOCKS].line or None)
    items = [item for node in nodes for item in node.items]
    if len(items) > MAX_LIST_ITEMS:
        what = f"the article has {len(items):,} list items"
        raise too_many(what, MAX_LIST_ITEMS, items[MAX_LIST_ITEMS].line or None)


def check_block_tags(html, line):
    """One paragraph, heading or list item: at most MAX_BLOCK_TAGS tags (its text is escaped: `<` is a tag)."""
    count = html.count("<")
    if count > MAX_BLOCK_TAGS:
        raise ImportFailed(
            f"a paragraph or list item with {count:,} tags (links, bold, line breaks ...); the importer reads at "
            f"most {MAX_BLOCK_TAGS:,} in one: split it, or remove markup it does not need",
            line or None,
        )


def check_text_tags(count, line):
    """The article's text so far (`count` tags up to `line`): at most MAX_TEXT_TAGS tags."""
    if count > MAX_TEXT_TAGS:
        what = (
            f"the article's paragraphs, headings and list items have more than {MAX_TEXT_TAGS:,} tags "
            "(links, bold, line breaks ...)"
        )
        raise too_many(what, MAX_TEXT_TAGS, line or None, "split the article, or remove markup it does not need")


def too_deep(depth, line):
    return ImportFailed(
        f"elements are nested {depth:,} levels deep; the importer reads at most {MAX_NESTING} levels: "
        "remove the wrappers around the article (or save only the article itself)",
        line or None,
    )


def check_html_markup(source):
    """HTML: at most MAX_MARKUP tags and character references (`<` and `&`), each a step for html5lib."""
    count = source.count("<") + source.count("&")
    if count > MAX_MARKUP:
        line = line_at(source, nth_match(HTML_MARKUP, source, MAX_MARKUP + 1))
        what = f"the HTML has {count:,} tags and character references (< and &)"
        raise too_many(what, MAX_MARKUP, line, "save or paste only the article, or split it")


def html_tags(source):
    """The tags html5lib reads as tags, in order: not those in comments or in scripts, styles and the like.

    Linear: every step moves forward.
    """
    position = 0
    while (match := HTML_TAG.search(source, position)) is not None:
        if match["comment"]:
            end = source.find("-->", match.end())
            position = len(source) if end == -1 else end + 3
            continue
        yield match
        position = match.end()
        name = match["name"].lower()
        if not match["close"] and name in RAW_TEXT_ELEMENTS:
            closing = re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE).search(source, position)
            position = len(source) if closing is None else closing.start()


def nesting_estimate(source):
    """How deep html5lib will nest the elements of `source`, estimated from its tags in one pass.

    Counts the elements html5lib keeps open (not void elements, not those whose end tag it supplies itself);
    an end tag closes the latest open element of its name, as html5lib does. Returns the deepest nesting and
    the offset of the tag that first went past MAX_NESTING (None when none did).
    """
    open_kinds, open_counts = [], {}
    deepest, passed = 0, None
    for match in html_tags(source):
        name = match["name"].lower()
        if name in VOID_ELEMENTS or name in OPTIONAL_END_ELEMENTS:
            continue
        kind = SAME_KIND.get(name, name)
        closes_one = match["close"] or name in SAME_KIND
        if closes_one and open_counts.get(kind):
            while (closed := open_kinds.pop()) != kind:
                open_counts[closed] -= 1
            open_counts[kind] -= 1
        if match["close"]:
            continue
        open_kinds.append(kind)
        open_counts[kind] = open_counts.get(kind, 0) + 1
        if len(open_kinds) > deepest:
            deepest = len(open_kinds)
            if deepest > MAX_NESTING and passed is None:
                passed = match.start()
    return deepest, passed


def check_html_nesting(source, first_line=1):
    """HTML, before html5lib reads it (its cost grows with the square of the nesting): at most MAX_NESTING."""
    deepest, passed = nesting_estimate(source)
    if passed is not None:
        raise too_deep(deepest, line_at(source, passed, first_line))


def check_tree_nesting(root, line_of):
    """A parsed tree, before anything walks it recursively: at most MAX_NESTING levels below `root`.

    Iterative (a dictionary of depths, not a recursion), so a tree of any depth is measured safely.
    """
    depths = {id(root): 0}
    deepest, first = 0, None
    for element in root.descendants:
        if not hasattr(element, "contents"):
            continue
        depth = depths.get(id(element.parent), 0) + 1
        depths[id(element)] = depth
        if depth > deepest:
            deepest = depth
            if depth > MAX_NESTING and first is None:
                first = element
    if first is not None:
        raise too_deep(deepest, line_of(first))
