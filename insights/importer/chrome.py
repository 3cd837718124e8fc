"""Page chrome: the bits of a web page that copy along with an article but are not part of it.

Every reader and the builder drop these lines and report them; nothing is dropped silently.
"""

import re

CHROME = re.compile(
    r"^(?:"
    r"(?:(?:go )?back to (?:the )?(?:insights|top|all insights|all articles|articles|blog|home|overview))"
    r"|(?:(?:back to |scroll to |go to )?(?:the )?top(?: of (?:the )?page)?)"
    r"|skip to (?:main )?content"
    r"|share(?: this)?(?: article| post| page| story)?(?: on \w+| via \w+)?"
    r"|(?:facebook|twitter|x|linkedin|pinterest|whatsapp|email|e-mail|copy link|link copied|tweet|pin it)"
    r"|print(?: this)?(?: article| page)?"
    r"|(?:image|photo|picture|img|illustration)(?: alt(?:-| )?text| credit)?\s*[:\-–—].*"
    r"|alt(?:-| )?text\s*[:\-–—].*"
    r"|(?:previous|next) (?:article|post|insight)"
    r"|advertisement"
    r")[.!:]?$",
    re.IGNORECASE,
)


def is_chrome(text):
    """True for a line that is page furniture ('Back to insights', 'Share on Facebook', 'Image: ...')."""
    return bool(CHROME.match(" ".join(text.split())))
