"""SQL for sessions, items and their assignments, replies and evaluations."""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

from docket.core import messages as msg
from docket.core.dates import now_iso
from docket.core.errors import BadInput, Conflict, NotFound
from docket.core.numbers import MAX_ITEM_NUMBER


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
    cols = "".join(f"{k} = ?, " for k in changes)
    vals = [json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple)) else v
            for v in changes.values()]
    cur = conn.execute(
        f"UPDATE items SET {cols}version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
        (*vals, now_iso(today), item["id"], item["version"]))
    if cur.rowcount != 1:
        raise Conflict(msg.STALE.format(number=item["number"], kind="", by="他人"))


def assignments(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT a.*, u.name AS unit_name FROM assignments a JOIN units u ON u.id = a.unit_id "
        "WHERE a.item_id = ? ORDER BY a.round, a.role, a.id", (item_id,)).fetchall()


def open_assignments(conn: sqlite3.Connection, item_id: int, round_: int | None = None) -> list[sqlite3.Row]:
    """Assignments still running: not returned, not ended, no reply/opinion yet."""
    rows = [a for a in assignments(conn, item_id)
            if a["returned_on"] is None and a["ended_on"] is None and a["replied_on"] is None]
    if round_ is not None:
        rows = [a for a in rows if a["role"] == "support" or a["round"] == round_]
    return rows


def live_assignments(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    """Not returned and not ended (replied ones included)."""
    return [a for a in assignments(conn, item_id) if a["returned_on"] is None and a["ended_on"] is None]


def replies(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT r.*, u.name AS unit_name FROM replies r JOIN units u ON u.id = r.unit_id "
        "WHERE r.item_id = ? ORDER BY r.replied_on, r.id", (item_id,)).fetchall()


def evaluations(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM evaluations WHERE item_id = ? ORDER BY round, id",
                        (item_id,)).fetchall()


def members(conn: sqlite3.Connection, master_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM items WHERE merged_into = ? AND state = 'merged' ORDER BY number",
                        (master_id,)).fetchall()
