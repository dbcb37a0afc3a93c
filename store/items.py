"""SQL for sessions and items (an item's assignments, replies and evaluations: store/assignments.py)."""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

from docket.core import messages as msg
from docket.core.dates import now_iso
from docket.core.errors import BadInput, Conflict, NotFound
from docket.core.numbers import MAX_ITEM_NUMBER
from docket.store import search


def holds_data(conn: sqlite3.Connection) -> bool:
    """Whether the database holds any item, unit or session (init refuses such a file)."""
    return bool(conn.execute("SELECT (SELECT COUNT(*) FROM items) + (SELECT COUNT(*) FROM units)"
                             " + (SELECT COUNT(*) FROM sessions)").fetchone()[0])


def insert_session(conn: sqlite3.Connection, name: str, body: str, created_at: str) -> None:
    """A new session, made the current one."""
    conn.execute("INSERT INTO sessions (name, body, is_current, created_at) VALUES (?, ?, 1, ?)",
                 (name, body, created_at))


def current_session(conn: sqlite3.Connection, name: str | None = None) -> sqlite3.Row:
    if name:
        row = conn.execute("SELECT * FROM sessions WHERE name = ?", (name,)).fetchone()
        if not row:
            raise NotFound(msg.SESSION_NOT_FOUND.format(name=name))
        return row
    row = conn.execute("SELECT * FROM sessions ORDER BY is_current DESC, id DESC LIMIT 1").fetchone()
    if not row:
        raise NotFound(msg.NO_SESSION)
    return row


def item_by_number(conn: sqlite3.Connection, session: sqlite3.Row, number: int) -> sqlite3.Row:
    if not 0 < number < 2**63:  # SQLite's integers; a longer number names no item
        raise NotFound(msg.ITEM_NOT_FOUND.format(number=number, session=session["name"]))
    row = conn.execute("SELECT * FROM items WHERE session_id = ? AND number = ?",
                       (session["id"], number)).fetchone()
    if not row:
        raise NotFound(msg.ITEM_NOT_FOUND.format(number=number, session=session["name"]))
    return row


def item_by_id(conn: sqlite3.Connection, item_id: int) -> sqlite3.Row:
    return conn.execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchone()


MAX_NUMBER = MAX_ITEM_NUMBER  # also keeps MAX(number) + 1 inside SQLite's integers


def check_number(number: int) -> int:
    """An item number given on input (add, import): 1 .. MAX_NUMBER, else BadInput."""
    if not 0 < number <= MAX_NUMBER:
        raise BadInput(msg.NUMBER_TOO_LARGE.format(number=number, limit=MAX_NUMBER))
    return number


def items_of_session(conn: sqlite3.Connection, session_id: int) -> list[sqlite3.Row]:
    """Every item of a session, by number."""
    return conn.execute("SELECT * FROM items WHERE session_id = ? ORDER BY number", (session_id,)).fetchall()


def titles_of_session(conn: sqlite3.Connection, session_id: int) -> list[sqlite3.Row]:
    """(number, title, proposer) of every item of a session: what a new item may duplicate."""
    return conn.execute("SELECT number, title, proposer FROM items WHERE session_id = ?",
                        (session_id,)).fetchall()


def insert_item(conn: sqlite3.Connection, **columns: Any) -> int:
    """A new item row (the columns as given, with the initials of its people); its id."""
    if "proposer" in columns and "initials" not in columns:
        columns["initials"] = search.people_initials(columns["proposer"], columns.get("co_proposers"))
    names = ", ".join(columns)
    marks = ", ".join("?" * len(columns))
    return int(conn.execute(f"INSERT INTO items ({names}) VALUES ({marks})",
                            tuple(columns.values())).lastrowid)


def next_number(conn: sqlite3.Connection, session_id: int) -> int:
    row = conn.execute("SELECT MAX(number) FROM items WHERE session_id = ?", (session_id,)).fetchone()
    if (row[0] or 0) >= MAX_NUMBER:  # a number stored before the bound existed
        raise BadInput(msg.NUMBERS_EXHAUSTED.format(limit=MAX_NUMBER))
    return (row[0] or 0) + 1


def update_item(conn: sqlite3.Connection, item: sqlite3.Row, today: date | None = None,
                **changes: Any) -> None:
    """Compare-and-set on `version`: a stale view (someone changed the item first) is refused.

    Called with no changes it still bumps the version, so an extension or an opinion makes
    a form opened before it stale too."""
    if {"proposer", "co_proposers"} & set(changes):  # their initials follow (store/search.py)
        changes["initials"] = search.people_initials(changes.get("proposer", item["proposer"]),
                                                     changes.get("co_proposers", item["co_proposers"]))
    cols = "".join(f"{k} = ?, " for k in changes)
    vals = [json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple)) else v
            for v in changes.values()]
    cur = conn.execute(
        f"UPDATE items SET {cols}version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
        (*vals, now_iso(today), item["id"], item["version"]))
    if cur.rowcount != 1:
        raise Conflict(msg.STALE.format(number=item["number"], kind="", by="他人"))


def last_event_by(conn: sqlite3.Connection, item_id: int) -> str | None:
    """Who made the item's newest event (the clerk a stale form names)."""
    row = conn.execute("SELECT by FROM events WHERE item_id = ? ORDER BY id DESC LIMIT 1",
                       (item_id,)).fetchone()
    return row[0] if row else None


def members(conn: sqlite3.Connection, master_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM items WHERE merged_into = ? AND state = 'merged' ORDER BY number",
                        (master_id,)).fetchall()


def proposers(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(proposer, co_proposers JSON) of every item."""
    return [(r[0], r[1]) for r in conn.execute("SELECT proposer, co_proposers FROM items")]


def contact_texts(conn: sqlite3.Connection) -> list[str | None]:
    """Every distinct contact, phone and rater text of units, replies, items and evaluations:
    the fields that may name a person."""
    return [r[0] for r in conn.execute(
        "SELECT contact FROM units UNION SELECT phone FROM units"
        " UNION SELECT contact FROM replies UNION SELECT phone FROM replies"
        " UNION SELECT phone FROM items UNION SELECT rater FROM evaluations")]
