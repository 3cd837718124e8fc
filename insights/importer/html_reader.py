"""HTML (a saved web page or an exported article) through html5lib: headings, paragraphs, lists, quotes.

The article is the first <article>, else <main>, else <body>. The title is its first <h1> (else the
document's <title>); a repeated title collapses. <nav> and <footer>, share buttons, forms and images are
page chrome: dropped and reported. Scripts, styles, iframes and the like are removed and reported; all
inline markup goes through Wagtail's rich-text whitelist (`richtext.clean_inline`).
"""

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .document import Document, ImportFailed, Item, Node
from .richtext import (
    CONTROL_ELEMENTS,
    IMAGE_ELEMENTS,
    UNSAFE_ELEMENTS,
    MarkupReader,
    clean_inline,
    collapse,
    image_label,
    plain_text,
    split_inline_term,
)

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 3, "h5": 3, "h6": 3}
LISTS = ("ul", "ol", "menu")
INLINE_ELEMENTS = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "br",
    "cite",
    "code",
    "data",
    "del",
    "dfn",
    "em",
    "font",
    "i",
    "ins",
    "kbd",
    "mark",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "time",
    "tt",
    "u",
    "var",
    "wbr",
}
CHROME_ELEMENTS = ("nav", "footer")
MAX_CHROME_TEXT = 80


def title_from_head(soup):
    tag = soup.find("title")
    if tag is None:
        return ""
    # "Article title | Brand": the part before the site name.
    return collapse(tag.get_text()).split(" | ")[0].strip()


class HtmlReader(MarkupReader):
    def __init__(self, line_offset=0):
        self.line_offset = line_offset
        self.nodes = []
        self.chrome = []
        self.warnings = []
        self.title = ""
        self.title_line = 1
        self.pending = []  # inline pieces (tags and strings) waiting to become a paragraph
        self.pending_line = 0

    def line_of(self, tag):
        line = getattr(tag, "sourceline", None) or 1
        return line + self.line_offset

    def inline(self, html, line):
        inline = clean_inline(html)
        self.note_inline(inline, line)
        return inline

    # Blocks

    def flush(self):
        if not self.pending:
            return
        html = "".join(str(piece) for piece in self.pending)
        line = self.pending_line
        self.pending = []
        self.paragraph(html, line)

    def paragraph(self, html, line):
        inline = self.inline(html, line)
        if inline.text:
            self.nodes.append(Node(kind="paragraph", text=inline.text, html=inline.html, line=line))

    def heading(self, tag):
        self.add_heading(plain_text(tag), HEADINGS[tag.name], self.line_of(tag))

    def list_items(self, tag, items):
        for child in tag.children:
            if isinstance(child, Tag) and child.name == "li":
                self.list_item(child, items)
            elif isinstance(child, Tag) and child.name in LISTS:
                self.list_items(child, items)
            elif isinstance(child, Tag) or (isinstance(child, NavigableString) and child.strip()):
                # Text or markup loose inside a list: an item of its own.
                self.add_item(str(child), self.line_of(tag), items)

    def list_item(self, tag, items):
        """An <li>: its own inline content first, then the items of lists nested in it (flattened)."""
        pieces, nested = [], []
        for child in tag.children:
            if isinstance(child, Tag) and child.name in LISTS:
                nested.append(child)
            elif isinstance(child, Tag) and child.name not in INLINE_ELEMENTS:
                pieces.append(" " + "".join(str(grandchild) for grandchild in child.children) + " ")
            else:
                pieces.append(str(child))
        self.add_item("".join(pieces), self.line_of(tag), items)
        for child in nested:
            self.list_items(child, items)

    def add_item(self, html, line, items):
        inline = self.inline(html, line)
        if not inline.text:
            return
        term, rest = split_inline_term(inline)
        if term and not rest.text:
            term, rest = "", inline
        items.append(Item(term=term, text=rest.text, html=rest.html, line=line))

    def bullet_list(self, tag):
        items = []
        self.list_items(tag, items)
        if items:
            self.nodes.append(Node(kind="bullet_list", items=items, line=self.line_of(tag)))

    def definition_list(self, tag):
        """<dl>: each <dt> with its <dd> is a bullet with a lead term."""
        items, term = [], ""
        for child in tag.find_all(("dt", "dd")):
            if child.name == "dt":
                term = plain_text(child)
                continue
            inline = self.inline(child.decode_contents(), self.line_of(child))
            if inline.text:
                items.append(Item(term=term, text=inline.text, html=inline.html, line=self.line_of(child)))
            term = ""
        if items:
            self.nodes.append(Node(kind="bullet_list", items=items, line=self.line_of(tag)))

    def quote(self, tag):
        attribution = ""
        for source in tag.find_all(("cite", "footer")):
            attribution = attribution or plain_text(source).lstrip("—–- ").strip()
            source.extract()
        text = plain_text(tag)
        if text:
            self.nodes.append(Node(kind="quote", text=text, html=text, attribution=attribution, line=self.line_of(tag)))

    def figure(self, tag):
        line = self.line_of(tag)
        for image in tag.find_all(IMAGE_ELEMENTS):
            self.chrome.append((line, f"Image: {image_label(image)}"))
            image.decompose()
        caption = tag.find("figcaption")
        if caption is not None:
            # The caption is the author's words: kept as a paragraph (the image is not).
            self.paragraph(caption.decode_contents(), self.line_of(caption))
            caption.extract()
        self.walk(tag)

    def table(self, tag):
        line = self.line_of(tag)
        self.warnings.append(f"line {line}: a table became one paragraph per row")
        for row in tag.find_all("tr"):
            cells = [cell.decode_contents() for cell in row.find_all(("th", "td"))]
            self.paragraph(" – ".join(cells), self.line_of(row))

    def preformatted(self, tag):
        line = self.line_of(tag)
        self.warnings.append(f"line {line}: preformatted text (code) became a plain paragraph")
        self.paragraph(tag.decode_contents(), line)

    def dropped_as_chrome(self, tag):
        text = plain_text(tag)
        if text:
            self.chrome.append(
                (self.line_of(tag), text[:MAX_CHROME_TEXT] + ("…" if len(text) > MAX_CHROME_TEXT else ""))
            )

    # The walk

    def walk(self, container):
        for child in list(container.children):
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if child.strip() or self.pending:
                    if not self.pending:
                        self.pending_line = self.line_of(container)
                    self.pending.append(child)
                continue
            name = child.name
            if name in INLINE_ELEMENTS or name in IMAGE_ELEMENTS:
                if not self.pending:
                    self.pending_line = self.line_of(child)
                self.pending.append(child)
                continue
            self.flush()
            if name in UNSAFE_ELEMENTS:
                self.warnings.append(f"line {self.line_of(child)}: removed unsafe <{name}> and its content")
            elif name in CONTROL_ELEMENTS or name in CHROME_ELEMENTS or child.get("role") == "navigation":
                self.dropped_as_chrome(child)
            elif name in HEADINGS:
                self.heading(child)
            elif name == "p":
                self.paragraph(child.decode_contents(), self.line_of(child))
            elif name in LISTS:
                self.bullet_list(child)
            elif name == "dl":
                self.definition_list(child)
            elif name == "blockquote":
                self.quote(child)
            elif name == "figure":
                self.figure(child)
            elif name == "table":
                self.table(child)
            elif name == "pre":
                self.preformatted(child)
            elif name in ("hr", "head", "title"):
                continue
            else:
                self.walk(child)  # div, section, article, header, aside ...
        self.flush()


def outside(root, soup, reader):
    """What surrounds the article (site header, navigation, footer) is page chrome: dropped and reported."""
    body = soup.body
    node = root
    while body is not None and node is not body and node.parent is not None:
        for sibling in node.parent.children:
            if sibling is node or isinstance(sibling, Comment):
                continue
            if isinstance(sibling, Tag) and sibling.name not in UNSAFE_ELEMENTS:
                reader.dropped_as_chrome(sibling)
            elif isinstance(sibling, NavigableString) and sibling.strip():
                reader.chrome.append((reader.line_of(node.parent), collapse(sibling)[:MAX_CHROME_TEXT]))
        node = node.parent


def read_html(source):
    soup = BeautifulSoup(source, "html5lib")
    root = soup.find("article") or soup.find("main") or soup.body or soup
    reader = HtmlReader()
    outside(root, soup, reader)
    reader.walk(root)
    title = reader.title
    if not title:
        title = title_from_head(soup)
        if title:
            # The title then comes from <head>: a body heading that repeats it is not a section.
            reader.nodes = [node for node in reader.nodes if not (node.kind == "heading" and node.text == title)]
    if not title and reader.nodes and reader.nodes[0].kind == "heading":
        first = reader.nodes.pop(0)
        title, reader.title_line = first.text, first.line
    if not title:
        raise ImportFailed("the page has no title: give it an <h1> (or a <title>)")
    return Document(
        title=title,
        nodes=reader.nodes,
        source_format="html",
        warnings=reader.warnings,
        chrome=reader.chrome,
        title_line=reader.title_line,
    )
