"""SQL for the status report (core/stats.py): what a session's items, assignments, replies,
evaluations and events held on a day. Read-only; each function one statement.

`as_of` is an ISO date: a fact dated after it is left out, so a past day's report is made from
what was on record then.
"""
from __future__ import annotations

import sqlite3


def count_items(conn: sqlite3.Connection, session_id: int) -> int:
    return conn.execute("SELECT COUNT(*) FROM items WHERE session_id = ?", (session_id,)).fetchone()[0]


def items(conn: sqlite3.Connection, session_id: int) -> list[sqlite3.Row]:
    """A session's items (id, number, title, state, merged_into, closed_on, close_reason) by number."""
    return conn.execute("SELECT id, number, title, state, merged_into, closed_on, close_reason"
                        " FROM items WHERE session_id = ? ORDER BY number", (session_id,)).fetchall()


def left_on(conn: sqlite3.Connection, session_id: int) -> dict[int, str]:
    """item id -> the day (ISO) a session's item was first withdrawn or converted."""
    return {r[0]: r[1][:10] for r in conn.execute(
        "SELECT e.item_id, MIN(e.at) FROM events e JOIN items i ON i.id = e.item_id WHERE i.session_id = ?"
        " AND e.action IN ('review.withdraw', 'review.convert') GROUP BY e.item_id", (session_id,))}


def assignments_as_of(conn: sqlite3.Connection, session_id: int, as_of: str) -> list[sqlite3.Row]:
    """A session's assignments made by as_of and not returned by then, with the unit's name;
    by round, id."""
    return conn.execute(
        "SELECT a.id, a.item_id, a.unit_id, a.role, a.round, a.due_on, a.first_due_on,"
        " a.yardstick_due_on, a.replied_on, a.ended_on, a.end_reason, u.name AS unit_name"
        " FROM assignments a JOIN items i ON i.id = a.item_id"
        " JOIN units u ON u.id = a.unit_id WHERE i.session_id = ? AND a.assigned_on <= ?"
        " AND (a.returned_on IS NULL OR a.returned_on > ?) ORDER BY a.round, a.id",
        (session_id, as_of, as_of)).fetchall()


def lead_replies_as_of(conn: sqlite3.Connection, session_id: int, as_of: str) -> list[sqlite3.Row]:
    """A session's lead replies (item_id, class, replied_on) dated by as_of, oldest first."""
    return conn.execute(
        "SELECT r.item_id, r.class, r.replied_on FROM replies r JOIN items i ON i.id = r.item_id"
        " WHERE i.session_id = ? AND r.role = 'lead' AND r.replied_on <= ? ORDER BY r.replied_on, r.id",
        (session_id, as_of)).fetchall()


def decisive_evaluations_as_of(conn: sqlite3.Connection, session_id: int, as_of: str) -> list[sqlite3.Row]:
    """A session's decisive ratings (item_id, round, result) dated by as_of, by round, id."""
    return conn.execute(
        "SELECT e.item_id, e.round, e.result FROM evaluations e JOIN items i ON i.id = e.item_id"
        " WHERE i.session_id = ? AND e.decisive = 1 AND e.evaluated_on <= ? ORDER BY e.round, e.id",
        (session_id, as_of)).fetchall()


def extensions(conn: sqlite3.Connection, session_id: int) -> list[sqlite3.Row]:
    """The `extend` events (item_id, at, detail JSON) of a session's items, in order."""
    return conn.execute("SELECT e.item_id, e.at, e.detail FROM events e JOIN items i"
                        " ON i.id = e.item_id WHERE e.action = 'extend' AND i.session_id = ?"
                        " ORDER BY e.id", (session_id,)).fetchall()
