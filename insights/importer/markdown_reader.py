"""Markdown through markdown-it-py (CommonMark): headings, paragraphs, lists, quotes, inline markup.

`# Title` is the title (a repeated one collapses); `##` is a section, `###` and deeper a subsection.
Inline markup (bold, italic, links, raw inline HTML) is rendered by markdown-it and then goes through
Wagtail's rich-text whitelist; raw HTML blocks go through the HTML reader. Images are dropped and reported.
"""

from html import escape

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from .document import Document, ImportFailed, Item, Node
from .html_reader import HtmlReader
from .richtext import MarkupReader, clean_inline, split_inline_term
from .text import MAX_TITLE_CHARS, looks_like_heading

ATTRIBUTION_MARKS = ("— ", "– ", "-- ")


def parser():
    # Raw HTML is parsed (not shown as text) so that the whitelist, not the reader, decides what stays.
    return MarkdownIt("commonmark", {"html": True})


class MarkdownReader(MarkupReader):
    def __init__(self):
        self.md = parser()
        self.env = {}
        self.title = ""
        self.title_line = 1
        self.nodes = []
        self.chrome = []
        self.warnings = []

    def inline(self, token, line):
        html = self.md.renderer.renderInline(token.children or [], self.md.options, self.env)
        inline = clean_inline(html)
        self.note_inline(inline, line)
        return inline

    def read(self, source):
        tokens = self.md.parse(source, self.env)
        list_depth = 0
        current_list = None  # the bullet_list node the items of the current (possibly nested) list go to
        item_stack = []  # per open list item: [line, [inline pieces]]
        quote = None  # [line, [paragraph texts]] while inside a blockquote
        index = 0
        while index < len(tokens):
            token = tokens[index]
            line = token.map[0] + 1 if token.map else 0
            kind = token.type
            if kind == "heading_open":
                self.heading(token, tokens[index + 1], line)
                index += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                if list_depth == 0:
                    current_list = Node(kind="bullet_list", line=line)
                    self.nodes.append(current_list)
                list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                list_depth -= 1
            elif kind == "list_item_open":
                if item_stack:
                    self.finish_item(item_stack[-1], current_list)  # the parent's text before its children
                item_stack.append([line, []])
            elif kind == "list_item_close":
                self.finish_item(item_stack.pop(), current_list)
            elif kind == "blockquote_open" and not item_stack:
                quote = [line, []]
            elif kind == "blockquote_close" and quote is not None:
                self.finish_quote(quote)
                quote = None
            elif kind == "paragraph_open":
                inline = self.inline(tokens[index + 1], line)
                if item_stack:
                    item_stack[-1][1].append(inline)
                elif quote is not None:
                    quote[1].append(inline.text)
                elif inline.text:
                    self.nodes.append(Node(kind="paragraph", text=inline.text, html=inline.html, line=line))
                index += 3
                continue
            elif kind in ("fence", "code_block"):
                self.code(token, line, item_stack)
            elif kind == "html_block":
                self.html_block(token, line)
            index += 1
        if current_list is not None and not current_list.items:
            self.nodes.remove(current_list)
        self.nodes = [node for node in self.nodes if node.kind != "bullet_list" or node.items]
        return self.document()

    def heading(self, open_token, inline_token, line):
        self.add_heading(self.inline(inline_token, line).text, int(open_token.tag[1]), line)

    def finish_item(self, entry, current_list):
        line, pieces = entry
        pieces = [inline for inline in pieces if inline.text]
        entry[1] = []
        if not pieces or current_list is None:
            return
        first = pieces[0]
        if len(pieces) > 1:
            # A loose item with several paragraphs: one item, the paragraphs joined by a space.
            first = clean_inline(" ".join(inline.html for inline in pieces))
        term, rest = split_inline_term(first)
        if term and not rest.text:
            term, rest = "", first
        current_list.items.append(Item(term=term, text=rest.text, html=rest.html, line=line))

    def finish_quote(self, quote):
        line, texts = quote
        texts = [text for text in texts if text]
        attribution = ""
        if texts and texts[-1].startswith(ATTRIBUTION_MARKS):
            attribution = texts.pop()[2:].strip()
        if texts:
            text = "\n\n".join(texts)
            self.nodes.append(Node(kind="quote", text=text, html=text, attribution=attribution, line=line))

    def code(self, token, line, item_stack):
        self.warnings.append(f"line {line}: a code block became a plain paragraph")
        inline = clean_inline(escape(token.content, quote=False))
        if inline.text:
            if item_stack:
                item_stack[-1][1].append(inline)
            else:
                self.nodes.append(Node(kind="paragraph", text=inline.text, html=inline.html, line=line))

    def html_block(self, token, line):
        reader = HtmlReader(line_offset=line - 1)
        reader.walk(fragment(token.content))
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


def fragment(html):
    soup = BeautifulSoup(html, "html5lib")
    return soup.body or soup


def read_markdown(source):
    return MarkdownReader().read(source)
