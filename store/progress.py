"""SQL for the progress log and the milestones shared by rectification and livelihood projects."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date

from docket.core.dates import now_iso


def insert_progress(conn: sqlite3.Connection, *, item_id: int, on_date: date, percent: int,
                    note: str | None, by: str, today: date | None = None) -> int:
    cur = conn.execute(
        "INSERT INTO progress (item_id, on_date, percent, note, by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (item_id, on_date.isoformat(), percent, note, by, now_iso(today)))
    return int(cur.lastrowid)


def progress_of_item(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    """The item's progress log, oldest first (by date, then as entered)."""
    return conn.execute("SELECT * FROM progress WHERE item_id = ? ORDER BY on_date, id",
                        (item_id,)).fetchall()


def latest_progress(conn: sqlite3.Connection, item_id: int, since: date | None = None,
                    upto: date | None = None) -> sqlite3.Row | None:
    """The item's latest entry (dated on or after `since`, the start of its current round, and on
    or before `upto`)."""
    return conn.execute("SELECT * FROM progress WHERE item_id = ? AND on_date >= ? AND on_date <= ?"
                        " ORDER BY on_date DESC, id DESC LIMIT 1",
                        (item_id, since.isoformat() if since else "",
                         upto.isoformat() if upto else "9999-12-31")).fetchone()


def next_progress(conn: sqlite3.Connection, item_id: int, after: date) -> sqlite3.Row | None:
    """The item's first entry dated after `after` (a backdated entry lands before it)."""
    return conn.execute("SELECT * FROM progress WHERE item_id = ? AND on_date > ? ORDER BY on_date, id LIMIT 1",
                        (item_id, after.isoformat())).fetchone()


def latest_progress_of_items(conn: sqlite3.Connection, item_ids: Iterable[int],
                             upto: date | None = None) -> dict[int, sqlite3.Row]:
    """item id -> its latest progress row dated on or before `upto` (items without any are left
    out); one query. (A caller that counts only the current round compares the row's on_date
    with the round's start.)"""
    ids = list(item_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT p.* FROM progress p WHERE p.item_id IN ({marks}) AND p.on_date <= ?"
        " ORDER BY p.item_id, p.on_date, p.id", (*ids, upto.isoformat() if upto else "9999-12-31")).fetchall()
    return {r["item_id"]: r for r in rows}   # the last row of each item wins


def insert_milestone(conn: sqlite3.Connection, *, item_id: int, on_date: date, text: str,
                     percent: int | None, by: str, today: date | None = None) -> int:
    cur = conn.execute(
        "INSERT INTO milestones (item_id, on_date, text, percent, by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (item_id, on_date.isoformat(), text, percent, by, now_iso(today)))
    return int(cur.lastrowid)


def milestones_of_item(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM milestones WHERE item_id = ? ORDER BY on_date, id",
                        (item_id,)).fetchall()


def milestones_of_items(conn: sqlite3.Connection, item_ids: Iterable[int]) -> dict[int, list[sqlite3.Row]]:
    ids = list(item_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    out: dict[int, list[sqlite3.Row]] = {}
    for r in conn.execute(f"SELECT * FROM milestones WHERE item_id IN ({marks}) ORDER BY item_id, on_date, id",
                          ids):
        out.setdefault(r["item_id"], []).append(r)
    return out
