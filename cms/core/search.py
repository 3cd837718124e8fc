"""Reader search text -> what Wagtail's search backend is given.

Readers type anything: quotes, `*`, `AND`/`OR`/`NEAR`, brackets, an em space. SQLite's FTS5 reads these as
syntax (an unmatched `"` is a 500), so the text is reduced to its words and each word is searched as itself,
the same on SQLite and PostgreSQL. Text with no words in it is no search at all.
"""

import re

WORD = re.compile(r"\w+")
MAX_WORDS = 20


def search_words(text):
    """'"skin" AND (gut*)' -> 'skin AND gut'; '' when there is nothing to search for."""
    return " ".join(WORD.findall(text or "")[:MAX_WORDS])


def search(queryset, text, **kwargs):
    """`queryset.search(...)` over the words of `text`, or `queryset` unchanged when it has none."""
    words = search_words(text)
    return queryset.search(words, **kwargs) if words else queryset
