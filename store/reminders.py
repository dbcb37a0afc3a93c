"""SQL for `reminders` (催办 / 督办 sent) and the open assignments a run reminds.

A reminder's key is UNIQUE(assignment_id, due_on, level, n): `insert` does nothing on a key
already recorded (another run sent it first). Callers hold `store.db.write()` for writes.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator


def open_to_remind(conn: sqlite3.Connection, assigned_by: str,
                   session_id: int | None = None) -> Iterator[sqlite3.Row]:
    """Open assignments (view open_assignments) assigned on or before `assigned_by` of the items
    being handled (assigned, rehandling) of one session, or of every session (None), with the
    unit's name and the item's session_id, number, title, kind and round (item_round); by unit,
    number, role, id."""
    where = " AND i.session_id = ?" if session_id is not None else ""
    return conn.execute(
        "SELECT a.id, a.item_id, a.unit_id, a.role, a.round, a.due_on, u.name AS unit_name,"
        " i.session_id, i.number, i.title, i.kind, i.round AS item_round"
        " FROM open_assignments a JOIN items i ON i.id = a.item_id JOIN units u ON u.id = a.unit_id"
        " WHERE i.state IN ('assigned', 'rehandling') AND a.assigned_on <= ?" + where +
        " ORDER BY a.unit_id, i.number, a.role, a.id",
        (assigned_by,) if session_id is None else (assigned_by, session_id))


def sessions_by_id(conn: sqlite3.Connection) -> dict[int, sqlite3.Row]:
    """id -> (id, name, kind) of every session (the rounds a run's reminders belong to)."""
    return {r["id"]: r for r in conn.execute("SELECT id, name, kind FROM sessions")}


def sent_of_sessions(conn: sqlite3.Connection,
                     session_id: int | None = None) -> dict[tuple[int, str, str], tuple[int, str]]:
    """(assignment, due_on, level) -> (highest n, last sent_on) of what one session's items (or
    every session's: None) were already sent."""
    if session_id is None:
        rows = conn.execute("SELECT assignment_id, due_on, level, MAX(n), MAX(sent_on) FROM reminders"
                            " GROUP BY assignment_id, due_on, level")
    else:
        rows = conn.execute(
            "SELECT r.assignment_id, r.due_on, r.level, MAX(r.n), MAX(r.sent_on) FROM reminders r"
            " JOIN items i ON i.id = r.item_id WHERE i.session_id = ?"
            " GROUP BY r.assignment_id, r.due_on, r.level", (session_id,))
    return {(r[0], r[1], r[2]): (r[3], r[4]) for r in rows}


def insert(conn: sqlite3.Connection, *, assignment_id: int, item_id: int, unit_id: int, role: str,
           level: str, n: int, due_on: str, sent_on: str, created_at: str, by: str) -> bool:
    """Record one reminder; False when its key was already recorded (nothing written)."""
    return conn.execute(
        "INSERT INTO reminders (assignment_id, item_id, unit_id, role, level, n, due_on, sent_on,"
        " created_at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (assignment_id, due_on, level, n) DO NOTHING",
        (assignment_id, item_id, unit_id, role, level, n, due_on, sent_on, created_at, by)).rowcount == 1


def set_document(conn: sqlite3.Connection, document_id: int, *, assignment_id: int, due_on: str,
                 level: str, n: int) -> None:
    """Point a recorded reminder at the 催办通知 / 督办函 that carried it."""
    conn.execute("UPDATE reminders SET document_id = ? WHERE assignment_id = ? AND due_on = ?"
                 " AND level = ? AND n = ?", (document_id, assignment_id, due_on, level, n))


def of_item(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    """The reminders sent about an item, with the unit's name, oldest first."""
    return conn.execute("SELECT r.*, u.name AS unit_name FROM reminders r JOIN units u"
                        " ON u.id = r.unit_id WHERE r.item_id = ? ORDER BY r.id", (item_id,)).fetchall()
