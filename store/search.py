"""SQL for search (issue 16): the FTS5 trigram index `item_search`, the compact
`item_search_short` with its one-character-token index `item_search_chars` (migrations
m009_search and m011_search, kept in sync by triggers), and `initials`, the
pinyin initials store/items.py and store/units.py write with each row (pypinyin is imported
only then).

Which terms go where and how results are ranked is core/search.py's rule; here a term is
already one of "long" (three or more characters: the trigram index) or "short".
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

# bm25 weights of item_search's columns: title, content, people, units, initials
_WEIGHTS = "10.0, 1.0, 6.0, 3.0, 2.0"


@lru_cache(maxsize=65536)
def _name_initials(name: str) -> str:
    from pypinyin import Style, lazy_pinyin  # only when an item or unit is written

    return "".join(p[:1] for p in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")).lower()


def initials(text: str | None) -> str:
    """The pinyin initials of each space-separated Chinese name in `text` (县教育局 → xjyj,
    张三 → zs), space-separated: what a clerk types in Latin letters for a unit or a person
    (`jyj` is found inside xjyj)."""
    out: list[str] = []
    for name in (text or "").split():
        if any("\u4e00" <= ch <= "\u9fff" for ch in name):
            out.append(_name_initials(name))
    return " ".join(out)


def people_initials(proposer: str | None, co_proposers: str | list | None) -> str:
    """The initials of an item's proposer and co-proposers (co_proposers as stored: JSON)."""
    import json

    co = json.loads(co_proposers) if isinstance(co_proposers, str) else (co_proposers or [])
    return initials(" ".join([proposer or "", *co]))


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _chars_phrase(term: str) -> str | None:
    """`term` as a phrase of item_search_chars' one-character tokens (梅山 → "梅 山"), or None
    when it has no letter or digit (only punctuation: unicode61 drops those)."""
    chars = [ch for ch in term if ch.isalnum()]
    return _phrase(" ".join(chars)) if chars else None


def ranked_numbers(conn: sqlite3.Connection, session_id: int, long: list[str],
                   short: list[str]) -> list[int]:
    """Numbers of the session's items holding every term, best first.

    With long terms: the trigram index finds the items holding all of them (ranked by bm25,
    title weighing most); each short term is then looked for in those candidates' compact text
    or content. With only short terms: item_search_chars finds the items holding each one's
    characters in a row, `instr` on their compact text (title, people, units, initials; no
    content) keeps the exact matches, those holding every term in the title first. No query
    reads `items`: item_search_short carries the number (m011_search)."""
    held = "".join(" AND (instr(h.title, ?) > 0 OR instr(h.rest, ?) > 0{})"
                   .format(" OR instr(lower(s.content), ?) > 0" if long else "") for _ in short)
    params = [p for t in short for p in ((t, t, t) if long else (t, t))]
    if long:
        match = " AND ".join(_phrase(t) for t in long)
        sql = (f"SELECT h.number FROM item_search s JOIN item_search_short h ON h.item_id = s.rowid"
               f" WHERE item_search MATCH ? AND h.session_id = ?{held}"
               f" ORDER BY bm25(item_search, {_WEIGHTS}), h.number")
        return [r[0] for r in conn.execute(sql, (match, session_id, *params))]
    if not short:
        return []
    in_title = " + ".join("(instr(h.title, ?) > 0)" for _ in short)
    phrases = [p for p in map(_chars_phrase, short) if p]
    if phrases:
        sql = (f"SELECT h.number FROM item_search_chars c JOIN item_search_short h"
               f" ON h.item_id = c.rowid WHERE item_search_chars MATCH ? AND h.session_id = ?{held}"
               f" ORDER BY {in_title} DESC, h.number")
        return [r[0] for r in conn.execute(sql, (" AND ".join(phrases), session_id, *params,
                                                 *short))]
    sql = (f"SELECT h.number FROM item_search_short h WHERE h.session_id = ?{held}"
           f" ORDER BY {in_title} DESC, h.number")
    return [r[0] for r in conn.execute(sql, (session_id, *params, *short))]


def has_number(conn: sqlite3.Connection, session_id: int, number: int) -> bool:
    return conn.execute("SELECT 1 FROM items WHERE session_id = ? AND number = ?",
                        (session_id, number)).fetchone() is not None


@contextmanager
def rows_built_after(conn: sqlite3.Connection) -> Iterator[list[int]]:
    """A bulk insert of items (an import) with their search rows built at the end, in one pass
    over the whole set, instead of by the insert trigger row by row (three FTS rows per item
    and their 'delete's: most of an import's SQL time).

    Yields a list the caller appends each new item id to. Inside, the trigger
    `item_search_insert` is dropped; on leaving, its own body is run once with `NEW.id` standing
    for every id of the list, and the trigger is made again from its stored text: the same
    statements over the same items, so the rows are those the trigger would have written (an
    assignment's trigger that built some of them meanwhile is undone and redone the same way).
    All of it inside the caller's transaction: a refused import rolls the drop back too. The
    caller holds the write transaction; an unexpected trigger text keeps the row path."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'"
                       " AND name = 'item_search_insert'").fetchone()
    body = _trigger_body(row[0]) if row else None
    ids: list[int] = []
    if body is None or not conn.in_transaction:
        yield ids
        return
    conn.execute('DROP TRIGGER "item_search_insert"')
    try:
        yield ids
        if ids:
            each = json.dumps(ids)
            for stmt in body:
                conn.execute(stmt, (each,) * stmt.count(_IDS))
    finally:  # a rolled-back transaction has it back already
        if conn.in_transaction and not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'item_search_insert'"
                ).fetchone():
            conn.execute(row[0])


_NEW_ID = "(SELECT NEW.id)"
_IDS = "(SELECT value FROM json_each(?))"


def _trigger_body(sql: str) -> list[str] | None:
    """The statements of a `... BEGIN s1; s2; ... END` trigger whose only NEW is `(SELECT NEW.id)`,
    that one made `(SELECT value FROM json_each(?))`; None for any other text."""
    head, sep, rest = sql.partition(" BEGIN ")
    body, sep2, tail = rest.rpartition(" END")
    if not (sep and sep2) or tail.strip():
        return None
    stmts = [s.strip() for s in body.split(";") if s.strip()]
    if not stmts or any(s.replace(_NEW_ID, "").count("NEW.") for s in stmts) \
            or not any(_NEW_ID in s for s in stmts) or any(s.count("'") % 2 for s in stmts):
        return None
    return [s.replace(_NEW_ID, _IDS) for s in stmts]
