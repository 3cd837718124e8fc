"""Markdown through markdown-it-py (CommonMark): headings, paragraphs, lists, quotes, inline markup.

`# Title` is the title (a repeated one collapses); `##` is a section, `###` and deeper a subsection.
Inline markup (bold, italic, links, raw inline HTML) is rendered by markdown-it and then goes through
Wagtail's rich-text whitelist; raw HTML blocks go through the HTML reader. Images are dropped and reported.
A quote nested in a quote is part of it; a list nested in a list item continues the list (flattened).
"""

from html import escape

from markdown_it import MarkdownIt

from .document import Document, ImportFailed, Item, Node
from .html_reader import HtmlReader, parse_html
from .limits import MAX_MARKDOWN_NESTING, check_lines, check_markdown_markup
from .richtext import MarkupReader, clean_inline, split_inline_term
from .text import MAX_TITLE_CHARS, looks_like_heading

ATTRIBUTION_MARKS = ("— ", "– ", "-- ")
LIST_OPEN = ("bullet_list_open", "ordered_list_open")
LIST_CLOSE = ("bullet_list_close", "ordered_list_close")
# markdown-it counts a list as two levels (the list and its item) and a quote as one, and silently drops
# everything after a block nested deeper than its maxNesting: set it so that `check_nesting` refuses first.
MAX_LEVELS = 2 * MAX_MARKDOWN_NESTING + 2


def parser():
    # Raw HTML is parsed (not shown as text) so that the whitelist, not the reader, decides what stays.
    return MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_LEVELS})


def check_nesting(tokens):
    """At most MAX_MARKDOWN_NESTING lists and quotes inside each other; the error names the line."""
    depth = 0
    for token in tokens:
        if token.type in LIST_OPEN or token.type == "blockquote_open":
            depth += 1
            if depth > MAX_MARKDOWN_NESTING:
                raise ImportFailed(
                    f"lists and quotes are nested more than {MAX_MARKDOWN_NESTING} levels deep here; the importer "
                    f"reads at most {MAX_MARKDOWN_NESTING} levels: flatten the nesting",
                    token.map[0] + 1 if token.map else None,
                )
        elif token.type in LIST_CLOSE or token.type == "blockquote_close":
            depth -= 1


class MarkdownReader(MarkupReader):
    def __init__(self):
        self.md = parser()
        self.env = {}
        self.title = ""
        self.title_line = 1
        self.nodes = []
        self.chrome = []
        self.warnings = []
        self.list_depth = 0
        self.current_list = None  # the bullet_list node the items of the current (possibly nested) list go to
        self.item_stack = []  # per open list item: [line, [inline pieces]]
        self.quote = None  # [line, [paragraph texts]] while inside a blockquote
        self.open_quotes = []  # per open blockquote: whether it is part of the quote node (not of a list item)

    def inline(self, token, line):
        html = self.md.renderer.renderInline(token.children or [], self.md.options, self.env)
        self.count_tags(html, line)
        inline = clean_inline(html, line=line)
        self.note_inline(inline, line)
        return inline

    def read(self, source):
        check_lines(source)
        check_markdown_markup(source)
        tokens = self.md.parse(source, self.env)
        check_nesting(tokens)
        index = 0
        while index < len(tokens):
            index = self.token(tokens, index)
        self.nodes = [node for node in self.nodes if node.kind != "bullet_list" or node.items]
        return self.document()

    def token(self, tokens, index):
        """Read the block token at `index`; returns the index of the next token to read."""
        token = tokens[index]
        line = token.map[0] + 1 if token.map else 0
        kind = token.type
        if kind == "heading_open":
            self.heading(token, tokens[index + 1], line)
            return index + 3
        if kind == "paragraph_open":
            self.paragraph(tokens[index + 1], line)
            return index + 3
        if kind in LIST_OPEN:
            self.list_opened(line)
        elif kind in LIST_CLOSE:
            self.list_depth -= 1
        elif kind == "list_item_open":
            self.item_opened(line)
        elif kind == "list_item_close":
            self.finish_item(self.item_stack.pop())
        elif kind == "blockquote_open":
            self.quote_opened(line)
        elif kind == "blockquote_close":
            self.quote_closed()
        elif kind in ("fence", "code_block"):
            self.code(token, line)
        elif kind == "html_block":
            self.html_block(token, line)
        return index + 1

    def heading(self, open_token, inline_token, line):
        self.add_heading(self.inline(inline_token, line).text, int(open_token.tag[1]), line)

    def paragraph(self, inline_token, line):
        """A paragraph belongs to the open list item, else to the open quote, else stands on its own."""
        inline = self.inline(inline_token, line)
        if self.item_stack:
            self.item_stack[-1][1].append(inline)
        elif self.quote is not None:
            self.quote[1].append(inline.text)
        elif inline.text:
            self.nodes.append(Node(kind="paragraph", text=inline.text, html=inline.html, line=line))

    def list_opened(self, line):
        if self.list_depth == 0:
            self.current_list = Node(kind="bullet_list", line=line)
            self.nodes.append(self.current_list)
        self.list_depth += 1

    def item_opened(self, line):
        if self.item_stack:
            self.finish_item(self.item_stack[-1])  # the parent's text before its children
        self.item_stack.append([line, []])

    def finish_item(self, entry):
        line, pieces = entry
        pieces = [inline for inline in pieces if inline.text]
        entry[1] = []
        if not pieces or self.current_list is None:
            return
        first = pieces[0]
        if len(pieces) > 1:
            # A loose item with several paragraphs: one item, the paragraphs joined by a space.
            first = clean_inline(" ".join(inline.html for inline in pieces), line=line)
        term, rest = split_inline_term(first)
        if term and not rest.text:
            term, rest = "", first
        self.current_list.items.append(Item(term=term, text=rest.text, html=rest.html, line=line))

    def quote_opened(self, line):
        """A quote opens a quote node; a quote inside it continues it; a quote inside a list item is part of
        the item (its paragraphs go to the item)."""
        part_of_quote = not self.item_stack
        self.open_quotes.append(part_of_quote)
        if part_of_quote and self.quote is None:
            self.quote = [line, []]

    def quote_closed(self):
        self.open_quotes.pop()
        if self.quote is not None and not any(self.open_quotes):
            self.finish_quote(self.quote)
            self.quote = None

    def finish_quote(self, quote):
        line, texts = quote
        texts = [text for text in texts if text]
        attribution = ""
        if texts and texts[-1].startswith(ATTRIBUTION_MARKS):
            attribution = texts.pop()[2:].strip()
        if texts:
            text = "\n\n".join(texts)
            self.nodes.append(Node(kind="quote", text=text, html=text, attribution=attribution, line=line))

    def code(self, token, line):
        self.warnings.append(f"line {line}: a code block became a plain paragraph")
        inline = clean_inline(escape(token.content, quote=False), line=line)
        if inline.text:
            if self.item_stack:
                self.item_stack[-1][1].append(inline)
            else:
                self.nodes.append(Node(kind="paragraph", text=inline.text, html=inline.html, line=line))

    def html_block(self, token, line):
        soup = parse_html(token.content, first_line=line)
        reader = HtmlReader(line_offset=line - 1)
        reader.walk(soup.body or soup)
        self.nodes.extend(reader.nodes)
        self.chrome.extend(reader.chrome)
        self.warnings.extend(reader.warnings)

    def document(self):
        title, nodes = self.title, self.nodes
        if not title and nodes:
            first = nodes[0]
            # No '# Title': a first heading, or a short first line that reads as one, is the title.
            if first.kind == "heading" or (first.kind == "paragraph" and looks_like_heading(first.text)):
                title, self.title_line = first.text, first.line
                nodes = nodes[1:]
        if not title:
            raise ImportFailed("the Markdown has no title: start it with '# The title'", 1)
        if len(title) > MAX_TITLE_CHARS:
            raise ImportFailed(f"the title is {len(title)} characters long; at most {MAX_TITLE_CHARS}", self.title_line)
        return Document(
            title=title,
            nodes=nodes,
            source_format="markdown",
            warnings=self.warnings,
            chrome=self.chrome,
            title_line=self.title_line,
        )


def read_markdown(source):
    return MarkdownReader().read(source)
