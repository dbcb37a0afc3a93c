"""SQL for search (issue 16): the FTS5 trigram index `item_search`, the compact
`item_search_short` with its one-character-token index `item_search_chars` (migrations
m009_search and m011_search, kept in sync by triggers), and `initials`, the
pinyin initials store/items.py and store/units.py write with each row (pypinyin is imported
only then).

Which terms go where and how results are ranked is core/search.py's rule; here a term is
already one of "long" (three or more characters: the trigram index) or "short".
"""
from __future__ import annotations

import sqlite3
from functools import lru_cache

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
