"""Search that finds what clerks remember (issue 16): one implementation for `docket list
--search` and the TUI's search box.

The text is split on spaces into terms, all of which must hold (AND), looked for in the title,
content (正文), proposer and co-proposers, the names of the item's current units, and the pinyin
initials of those people and units (`jyj` finds 县教育局's items). Terms of three or more
characters go to the FTS5 trigram index; terms of one or two characters are looked for among
the items the long terms found (the most selective term drives), or, when every term is short,
in the compact text of title, people, units and initials (not the content), through an index
whose tokens are single characters (m011_search): ~10 ms at 100,000 items, not a scan. A text that
is a number also finds the item of that number, first. Results are ranked: bm25 with the title
weighing most (short terms only: a match in the title first), then by number.
"""
from __future__ import annotations

import sqlite3

from docket.store import search as store
from docket.store.items import current_session

LONG = 3  # a term of this many characters or more is looked up in the trigram index


def terms(text: str) -> list[str]:
    """The search terms of `text`: split on (ASCII or full-width) spaces, case-folded, once each."""
    return list(dict.fromkeys(t for t in text.replace("\u3000", " ").lower().split() if t))


def ranked_numbers(conn: sqlite3.Connection, session_id: int, text: str) -> list[int]:
    """The numbers of the session's items matching `text`, best first (nothing for no terms)."""
    found = terms(text)
    if not found:
        return []
    long = [t for t in found if len(t) >= LONG]
    short = [t for t in found if len(t) < LONG]
    numbers = store.ranked_numbers(conn, session_id, long, short)
    if len(found) == 1 and found[0].isdigit():  # the item of that number, first
        n = int(found[0])
        if store.has_number(conn, session_id, n):
            numbers = [n, *(x for x in numbers if x != n)]
    return numbers


def find(conn: sqlite3.Connection, text: str, *, session: str | None = None) -> list[int]:
    """`ranked_numbers` in the current session (or `session`): the TUI's search box."""
    return ranked_numbers(conn, current_session(conn, session)["id"], text)
