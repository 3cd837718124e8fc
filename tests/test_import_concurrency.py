"""Two imports of the same new file at once: one creates the page, the other finds it unchanged.

Real threads with their own database connections, committing for real (transactional_db). The import takes
a lock on the parent page (PostgreSQL: SELECT ... FOR UPDATE) or on the database (SQLite: every transaction
takes the write lock when it begins, settings' transaction_mode IMMEDIATE) and only then looks for the page
its file made before. On SQLite the threads share a database file, as the processes of a site do: the test
database lives in memory, where SQLite locks tables without waiting, which no site runs on.
"""

import io
import sqlite3
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections

from insights.importer.document import ImportFailed
from insights.importer.pages import import_article
from insights.models import InsightIndexPage, InsightPage

ARTICLE = """Evening Skincare Rituals

A calm evening routine helps the skin barrier recover overnight.

Why Evenings Matter

Skin renewal peaks while we sleep, so what you apply at night counts.

  • Cleanse: remove sunscreen and the day's pollution gently.
  • Hydrate: a serum with hyaluronic acid holds water in the skin.
"""


def in_threads(count, function, *args):
    """function(*args) in `count` threads at once, each with its own database connection: their results."""
    results = [None] * count

    def run(number):
        try:
            results[number] = function(*args)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    return results


@pytest.fixture
def shared_database(index, tmp_path):
    """The test database as other threads reach it: PostgreSQL's as it is; SQLite's copied into a file (with
    the site's settings: WAL, IMMEDIATE transactions, a 20 s busy timeout), for the duration of the test."""
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    # New connections (those of new threads) open the file; this thread keeps its in-memory database.
    settings = connection.settings_dict
    in_memory, settings["NAME"] = settings["NAME"], str(path)
    try:
        yield
    finally:
        settings["NAME"] = in_memory


@pytest.fixture
def index(transactional_db):
    """/insights/ as load_seed makes it (load_seed also restores the page tree's root and the locale, which
    the flush after an earlier transactional test removed)."""
    call_command("load_seed", stdout=io.StringIO())
    return InsightIndexPage.objects.get(slug="insights")


def import_when_both_are_ready(index_pk, barrier):
    parent = InsightIndexPage.objects.get(pk=index_pk)
    barrier.wait(timeout=10)
    try:
        return import_article(ARTICLE, parent=parent, name="evening-rituals.txt").status
    except ImportFailed as error:
        return f"failed: {error}"


def test_two_imports_of_the_same_new_file_at_once(index, shared_database):
    barrier = threading.Barrier(2)
    outcomes = in_threads(2, import_when_both_are_ready, index.pk, barrier)
    assert sorted(outcomes) == ["created", "unchanged"]
    (pages,) = in_threads(
        1, lambda: list(InsightPage.objects.filter(source_key="evening-rituals").values_list("title"))
    )
    assert pages == [("Evening Skincare Rituals",)]
