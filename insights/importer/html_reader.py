"""HTML (a saved web page or an exported article) through html5lib: headings, paragraphs, lists, quotes.

The article is the first <article>, else <main>, else <body>. The title is its first <h1> (else the
document's <title>); a repeated title collapses. <nav> and <footer>, share buttons, forms and images are
page chrome: dropped and reported. Scripts, styles, iframes and the like are removed and reported; all
inline markup goes through Wagtail's rich-text whitelist (`richtext.clean_inline`).
"""

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import PreformattedString

from .document import Document, ImportFailed, Item, Node
from .limits import check_html_markup, check_html_nesting, check_tree_nesting
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
IGNORED_ELEMENTS = ("hr", "head", "title")
MAX_CHROME_TEXT = 80


class TextPiece(NavigableString):
    """A piece of text as html5lib hands it over (text up to a character reference, a stray '<' ...).

    BeautifulSoup's html5lib tree builder joins each piece of text to the one before it by building a new
    string: the square of the text's length for a paragraph of many character references. It joins plain
    NavigableStrings only, so pieces of this subclass stay side by side; `children` joins them in one go.
    """


def parse_html(source, first_line=1):
    """HTML -> BeautifulSoup tree (html5lib), refused first when nested deeper than the importer reads."""
    check_html_nesting(source, first_line)
    soup = BeautifulSoup(source, "html5lib", element_classes={NavigableString: TextPiece})
    check_tree_nesting(soup, lambda tag: (getattr(tag, "sourceline", None) or 1) + first_line - 1)
    return soup


def is_text(element):
    return isinstance(element, NavigableString) and not isinstance(element, PreformattedString)


def children(tag):
    """A tag's children, each run of text pieces joined into one string (comments and tags as they are)."""
    run = []
    for child in tag.children:
        if is_text(child):
            run.append(child)
            continue
        if run:
            yield NavigableString("".join(run))
            run = []
        yield child
    if run:
        yield NavigableString("".join(run))


def markup(element):
    """An element as HTML: a tag serialised, text escaped (as text, never as markup), a comment as a comment."""
    return element.decode() if isinstance(element, Tag) else element.output_ready()


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
        self.count_tags(html, line)
        inline = clean_inline(html, line=line)
        self.note_inline(inline, line)
        return inline

    # Blocks

    def flush(self):
        if not self.pending:
            return
        html = "".join(markup(piece) for piece in self.pending)
        line = self.pending_line
        self.pending = []
        self.paragraph(html, line)

    def paragraph(self, html, line):
        inline = self.inline(html, line)
        if inline.text:
            self.nodes.append(Node(kind="paragraph", text=inline.text, html=inline.html, line=line))

    def paragraph_element(self, tag):
        self.paragraph(tag.decode_contents(), self.line_of(tag))

    def heading(self, tag):
        self.add_heading(plain_text(tag), HEADINGS[tag.name], self.line_of(tag))

    def list_items(self, tag, items):
        for child in children(tag):
            if isinstance(child, Tag) and child.name == "li":
                self.list_item(child, items)
            elif isinstance(child, Tag) and child.name in LISTS:
                self.list_items(child, items)
            elif isinstance(child, Tag) or (is_text(child) and child.strip()):
                # Text or markup loose inside a list: an item of its own.
                self.add_item(markup(child), self.line_of(tag), items)

    def list_item(self, tag, items):
        """An <li>: its own inline content first, then the items of lists nested in it (flattened)."""
        pieces, nested = [], []
        for child in children(tag):
            if isinstance(child, Tag) and child.name in LISTS:
                nested.append(child)
            elif isinstance(child, Tag) and child.name not in INLINE_ELEMENTS:
                pieces.append(" " + "".join(markup(grandchild) for grandchild in children(child)) + " ")
            else:
                pieces.append(markup(child))
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
        """Read a container's children in order: inline content gathers into paragraphs, blocks are read."""
        for child in list(children(container)):
            if isinstance(child, PreformattedString):
                continue  # comments (and a doctype, a processing instruction ...)
            if is_text(child) or child.name in INLINE_ELEMENTS or child.name in IMAGE_ELEMENTS:
                self.gather(child, container)
                continue
            self.flush()
            self.block(child)
        self.flush()

    def gather(self, child, container):
        """Inline content (text, <b>, <a>, an image ...) waits to become part of a paragraph."""
        if is_text(child):
            if not child.strip() and not self.pending:
                return
            line = self.line_of(container)
        else:
            line = self.line_of(child)
        if not self.pending:
            self.pending_line = line
        self.pending.append(child)

    def block(self, tag):
        name = tag.name
        if name in UNSAFE_ELEMENTS:
            self.warnings.append(f"line {self.line_of(tag)}: removed unsafe <{name}> and its content")
        elif name in CONTROL_ELEMENTS or name in CHROME_ELEMENTS or tag.get("role") == "navigation":
            self.dropped_as_chrome(tag)
        elif name not in IGNORED_ELEMENTS:
            self.block_reader(name)(tag)

    def block_reader(self, name):
        """The method that reads a block element; a container (div, section, article, aside ...) is walked."""
        if name in HEADINGS:
            return self.heading
        if name in LISTS:
            return self.bullet_list
        readers = {
            "p": self.paragraph_element,
            "dl": self.definition_list,
            "blockquote": self.quote,
            "figure": self.figure,
            "table": self.table,
            "pre": self.preformatted,
        }
        return readers.get(name, self.walk)


def outside(root, soup, reader):
    """What surrounds the article (site header, navigation, footer) is page chrome: dropped and reported."""
    body = soup.body
    node = root
    while body is not None and node is not body and node.parent is not None:
        for sibling in children(node.parent):
            if sibling is node or isinstance(sibling, Comment):
                continue
            if isinstance(sibling, Tag) and sibling.name not in UNSAFE_ELEMENTS:
                reader.dropped_as_chrome(sibling)
            elif is_text(sibling) and sibling.strip():
                reader.chrome.append((reader.line_of(node.parent), collapse(sibling)[:MAX_CHROME_TEXT]))
        node = node.parent


def read_html(source):
    check_html_markup(source)
    soup = parse_html(source)
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
