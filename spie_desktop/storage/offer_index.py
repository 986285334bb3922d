"""The offers' full-text index: an FTS5 table of folded French text, one row per service.

Its rowid is the service's ``key``; its one column holds the service's name, description and
structure name folded by ``domain.offer_text`` (accents, case and plurals gone), and queries
are folded the same way, so the tokenizer only splits words.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from ..domain.offer_text import fold, fold_words

SEARCH_INDEX = "offer_search_index"


def create_search_index(connection: Connection) -> None:
    """The empty index, as migration 0009 made it (a new store is made at the head at once)."""
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE {SEARCH_INDEX} USING fts5("
        "body, tokenize = 'unicode61 remove_diacritics 2')"
    )


def index_body(name: str, description: str, structure: str) -> str:
    return fold(f"{name} {structure} {description}")


def match_expression(query: str) -> str | None:
    """An FTS5 query for every folded word of ``query`` (each as a prefix); None if none."""
    words = fold_words(query)
    if not words:
        return None
    return " AND ".join(f'"{w}"*' for w in words)


def remove_entries(session: Session, keys: Iterable[int]) -> None:
    rows = [{"k": k} for k in keys]
    if rows:
        session.execute(text(f"DELETE FROM {SEARCH_INDEX} WHERE rowid = :k"), rows)


def write_entries(session: Session, bodies: dict[int, str]) -> None:
    """(Re)write the entries of these services."""
    remove_entries(session, bodies)
    rows = [{"k": k, "b": b} for k, b in bodies.items()]
    if rows:
        session.execute(text(f"INSERT INTO {SEARCH_INDEX} (rowid, body) VALUES (:k, :b)"), rows)


def matching_keys_sql() -> str:
    """A sub-select of the keys whose entry matches ``:match``."""
    return f"SELECT rowid FROM {SEARCH_INDEX} WHERE {SEARCH_INDEX} MATCH :match"
