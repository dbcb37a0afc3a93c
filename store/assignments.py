"""SQL for the handling rows of an item: `assignments`, `replies` and `evaluations`.

One statement per function, named after what it reads or writes; callers (core) hold
`store.db.write()` and record the event. "Current" and "open" assignments are the views of
migration m005: current = not returned; open = not returned, not ended, not replied.
"""
from __future__ import annotations

import sqlite3


# -- assignments --------------------------------------------------------------------------------

def insert_assignment(conn: sqlite3.Connection, *, item_id: int, unit_id: int, role: str,
                      round_: int, assigned_on: str, due_on: str, provisional: bool,
                      objection_until: str | None, created_at: str) -> int:
    """A new assignment (its first, current and yardstick due dates all `due_on`); its id."""
    return int(conn.execute(
        "INSERT INTO assignments (item_id, unit_id, role, round, assigned_on, due_on, first_due_on,"
        " yardstick_due_on, provisional, objection_until, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (item_id, unit_id, role, round_, assigned_on, due_on, due_on, due_on, int(provisional),
         objection_until, created_at)).lastrowid)


def assignments(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT a.*, u.name AS unit_name FROM assignments a JOIN units u ON u.id = a.unit_id "
        "WHERE a.item_id = ? ORDER BY a.round, a.role, a.id", (item_id,)).fetchall()


def open_assignments(conn: sqlite3.Connection, item_id: int, round_: int | None = None) -> list[sqlite3.Row]:
    """Assignments still running: not returned, not ended, no reply/opinion yet (the view)."""
    rows = conn.execute(
        "SELECT a.*, u.name AS unit_name FROM open_assignments a JOIN units u ON u.id = a.unit_id "
        "WHERE a.item_id = ? ORDER BY a.round, a.role, a.id", (item_id,)).fetchall()
    if round_ is not None:
        rows = [a for a in rows if a["role"] == "support" or a["round"] == round_]
    return rows


def live_assignments(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    """Current (not returned) and not ended (replied ones included)."""
    return conn.execute(
        "SELECT a.*, u.name AS unit_name FROM current_assignments a JOIN units u ON u.id = a.unit_id "
        "WHERE a.item_id = ? AND a.ended_on IS NULL ORDER BY a.round, a.role, a.id", (item_id,)).fetchall()


def open_provisional(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Open assignments whose due date is provisional, with their item's fast flag, number and
    id (iid) and the unit's name (a year's schedule was imported: recompute them)."""
    return conn.execute(
        "SELECT a.*, i.fast, i.number, i.id AS iid, u.name AS unit_name FROM open_assignments a"
        " JOIN items i ON i.id = a.item_id JOIN units u ON u.id = a.unit_id"
        " WHERE a.provisional = 1").fetchall()


def lead_due_on(conn: sqlite3.Connection, item_id: int, round_: int) -> str | None:
    """The due date of an item's (latest) lead assignment of a round."""
    row = conn.execute("SELECT due_on FROM assignments WHERE item_id = ? AND role = 'lead'"
                       " AND round = ? ORDER BY id DESC", (item_id, round_)).fetchone()
    return row[0] if row else None


def set_recomputed_due(conn: sqlite3.Connection, assignment_id: int, due_on: str,
                       provisional: bool) -> None:
    """A recomputed due date replaces the first, current and yardstick due dates."""
    conn.execute("UPDATE assignments SET due_on = ?, first_due_on = ?, yardstick_due_on = ?,"
                 " provisional = ?, version = version + 1 WHERE id = ?",
                 (due_on, due_on, due_on, int(provisional), assignment_id))


def set_extended_due(conn: sqlite3.Connection, assignment_id: int, due_on: str, provisional: bool,
                     yardstick_due_on: str) -> None:
    conn.execute("UPDATE assignments SET due_on = ?, provisional = ?, yardstick_due_on = ?,"
                 " version = version + 1 WHERE id = ?",
                 (due_on, int(provisional), yardstick_due_on, assignment_id))


def set_returned(conn: sqlite3.Connection, assignment_id: int, on: str, reason: str) -> None:
    conn.execute("UPDATE assignments SET returned_on = ?, return_reason = ?, version = version + 1"
                 " WHERE id = ?", (on, reason, assignment_id))


def set_replied(conn: sqlite3.Connection, assignment_id: int, on: str) -> None:
    conn.execute("UPDATE assignments SET replied_on = ?, version = version + 1 WHERE id = ?",
                 (on, assignment_id))


def set_ended(conn: sqlite3.Connection, assignment_id: int, on: str, reason: str) -> None:
    conn.execute("UPDATE assignments SET ended_on = ?, end_reason = ?, version = version + 1"
                 " WHERE id = ?", (on, reason, assignment_id))


def live_of_session(conn: sqlite3.Connection, session_id: int) -> list[sqlite3.Row]:
    """Current assignments not ended (replied ones included) of a session's items, with the
    unit's name and the item's number, title, proposer, kind and state; by number, round, id."""
    return conn.execute(
        "SELECT a.id, a.item_id, a.unit_id, a.role, a.round, a.due_on, a.objection_until, a.notice_id,"
        " u.name AS unit_name, i.number, i.title, i.proposer, i.kind, i.state"
        " FROM current_assignments a JOIN items i ON i.id = a.item_id JOIN units u ON u.id = a.unit_id"
        " WHERE i.session_id = ? AND a.ended_on IS NULL"
        " ORDER BY i.number, a.round, a.id", (session_id,)).fetchall()


def replied_ids_of_session(conn: sqlite3.Connection, session_id: int) -> set[int]:
    """Ids of a session's assignments that got their reply (or opinion)."""
    return {r[0] for r in conn.execute(
        "SELECT id FROM assignments WHERE replied_on IS NOT NULL AND item_id IN"
        " (SELECT id FROM items WHERE session_id = ?)", (session_id,))}


# -- replies ------------------------------------------------------------------------------------

def insert_reply(conn: sqlite3.Connection, *, item_id: int, assignment_id: int, unit_id: int,
                 role: str, round_: int, class_: str | None, replied_on: str, doc_no: str | None,
                 contact: str | None, phone: str | None, summary: str | None,
                 copied_from: int | None, created_at: str, by: str) -> int:
    """A lead reply or a support opinion (copied_from: the master's reply a member's copy
    repeats); its id."""
    return int(conn.execute(
        "INSERT INTO replies (item_id, assignment_id, unit_id, role, round, class, replied_on, doc_no,"
        " contact, phone, summary, copied_from, created_at, by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (item_id, assignment_id, unit_id, role, round_, class_, replied_on, doc_no, contact, phone,
         summary, copied_from, created_at, by)).lastrowid)


def replies(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT r.*, u.name AS unit_name FROM replies r JOIN units u ON u.id = r.unit_id "
        "WHERE r.item_id = ? ORDER BY r.replied_on, r.id", (item_id,)).fetchall()


def replies_of_session(conn: sqlite3.Connection, session_id: int) -> list[sqlite3.Row]:
    """Every reply and opinion of a session's items, with the unit's name, by date, id."""
    return conn.execute("SELECT r.*, u.name AS unit_name FROM replies r JOIN items i ON i.id = r.item_id"
                        " JOIN units u ON u.id = r.unit_id WHERE i.session_id = ?"
                        " ORDER BY r.replied_on, r.id", (session_id,)).fetchall()


def reply_classes_in_use(conn: sqlite3.Connection) -> set[str]:
    """The reply classes some reply carries."""
    return {r[0] for r in conn.execute("SELECT DISTINCT class FROM replies WHERE class IS NOT NULL")}


def set_reply_class(conn: sqlite3.Connection, reply_id: int, class_: str) -> None:
    conn.execute("UPDATE replies SET class = ? WHERE id = ?", (class_, reply_id))


# -- evaluations --------------------------------------------------------------------------------

def insert_evaluation(conn: sqlite3.Connection, *, item_id: int, round_: int, result: str,
                      attitude: str | None, evaluated_on: str, rater: str, decisive: bool,
                      contacted: bool | None, note: str | None, created_at: str, by: str) -> int:
    """One rating of a reply; its id."""
    return int(conn.execute(
        "INSERT INTO evaluations (item_id, round, result, attitude, evaluated_on, rater, decisive,"
        " contacted, note, created_at, by) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (item_id, round_, result, attitude, evaluated_on, rater, int(decisive),
         None if contacted is None else int(contacted), note, created_at, by)).lastrowid)


def evaluations(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM evaluations WHERE item_id = ? ORDER BY round, id",
                        (item_id,)).fetchall()


def decisive_evaluations_of_session(conn: sqlite3.Connection, session_id: int) -> list[sqlite3.Row]:
    """The decisive evaluations of a session's items, by round, id."""
    return conn.execute("SELECT e.* FROM evaluations e JOIN items i ON i.id = e.item_id"
                        " WHERE i.session_id = ? AND e.decisive = 1 ORDER BY e.round, e.id",
                        (session_id,)).fetchall()
