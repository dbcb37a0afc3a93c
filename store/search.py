"""SQL for search (issue 16): the FTS5 trigram index `item_search` and the compact
`item_search_short` (migration m009_search, kept in sync by triggers), and `initials`, the
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
# the full text of an item_search row, for a short term among the candidates of long ones
_FULL = "lower(s.title || ' ' || s.content || ' ' || s.people || ' ' || s.units || ' ' || s.initials)"


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


def ranked_numbers(conn: sqlite3.Connection, session_id: int, long: list[str],
               short: list[str]) -> list[int]:
    """Numbers of the session's items holding every term, best first.

    With long terms: the trigram index finds the items holding all of them (ranked by bm25,
    title weighing most), and each short term is looked for in those candidates' full text.
    With only short terms: the compact text (title, people, units, initials; no content) of the
    session's items, those holding every term in the title first."""
    if long:
        match = " AND ".join(_phrase(t) for t in long)
        where = "".join(f" AND instr({_FULL}, ?) > 0" for _ in short)
        sql = (f"SELECT i.number FROM item_search s JOIN items i ON i.id = s.rowid"
               f" WHERE item_search MATCH ? AND i.session_id = ?{where}"
               f" ORDER BY bm25(item_search, {_WEIGHTS}), i.number")
        return [r[0] for r in conn.execute(sql, (match, session_id, *short))]
    if not short:
        return []
    where = "".join(" AND (instr(s.title, ?) > 0 OR instr(s.rest, ?) > 0)" for _ in short)
    in_title = " + ".join("(instr(s.title, ?) > 0)" for _ in short)
    params = [p for t in short for p in (t, t)]
    sql = (f"SELECT i.number FROM item_search_short s JOIN items i ON i.id = s.item_id"
           f" WHERE s.session_id = ?{where} ORDER BY {in_title} DESC, i.number")
    return [r[0] for r in conn.execute(sql, (session_id, *params, *short))]


def has_number(conn: sqlite3.Connection, session_id: int, number: int) -> bool:
    return conn.execute("SELECT 1 FROM items WHERE session_id = ? AND number = ?",
                        (session_id, number)).fetchone() is not None
