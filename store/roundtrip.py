"""SQL for the round trip with units (issue 18): packets sent out, replies sent back waiting for
review (reply_reviews), extension requests, and the replies chosen for disclosure."""
from __future__ import annotations

import json
import sqlite3
from typing import Any

_ASSIGNMENT = ("SELECT a.*, i.number, i.title, i.kind, i.state AS item_state, i.round AS item_round,"
               " i.round_start, i.session_id, u.name AS unit_name FROM {src} a"
               " JOIN items i ON i.id = a.item_id JOIN units u ON u.id = a.unit_id")


# -- packets --------------------------------------------------------------------------------------

def open_assignments_of_unit(conn: sqlite3.Connection, session_id: int, unit_id: int) -> list[sqlite3.Row]:
    """The unit's assignments still owing a reply (view open_assignments), by item number."""
    return conn.execute(_ASSIGNMENT.format(src="open_assignments")
                        + " WHERE i.session_id = ? AND a.unit_id = ? ORDER BY i.number, a.role, a.id",
                        (session_id, unit_id)).fetchall()


def units_with_open_assignments(conn: sqlite3.Connection, session_id: int) -> list[int]:
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT a.unit_id FROM open_assignments a JOIN items i ON i.id = a.item_id"
        " JOIN units u ON u.id = a.unit_id WHERE i.session_id = ? ORDER BY u.id", (session_id,))]


def next_packet_serial(conn: sqlite3.Connection) -> int:
    """The serial the next packet gets (its row id)."""
    return int(conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM packets").fetchone()[0])


def insert_packet(conn: sqlite3.Connection, *, serial: int, unit_id: int, session_id: int, token: str,
                  issued_on: str, file_name: str, assignment_ids: list[int], created_at: str,
                  by: str) -> int:
    cur = conn.execute(
        "INSERT INTO packets (id, unit_id, session_id, token, issued_on, file_name, assignment_ids,"
        " created_at, by) VALUES (?,?,?,?,?,?,?,?,?)",
        (serial, unit_id, session_id, token, issued_on, file_name, json.dumps(assignment_ids), created_at, by))
    return int(cur.lastrowid)


def packet_by_id(conn: sqlite3.Connection, packet_id: int) -> sqlite3.Row | None:
    return conn.execute("SELECT p.*, u.name AS unit_name FROM packets p JOIN units u ON u.id = p.unit_id"
                        " WHERE p.id = ?", (packet_id,)).fetchone()


def latest_packet_of_unit(conn: sqlite3.Connection, unit_id: int) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM packets WHERE unit_id = ? ORDER BY id DESC LIMIT 1",
                        (unit_id,)).fetchone()


def assignments_by_ids(conn: sqlite3.Connection, ids: list[int]) -> list[sqlite3.Row]:
    return conn.execute(_ASSIGNMENT.format(src="assignments")
                        + " WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY i.number",
                        (json.dumps(ids),)).fetchall()


# -- replies waiting for review -------------------------------------------------------------------

def insert_review(conn: sqlite3.Connection, **fields: Any) -> int:
    cols = ", ".join(fields)
    cur = conn.execute(f"INSERT INTO reply_reviews ({cols}) VALUES ({','.join('?' * len(fields))})",
                       tuple(fields.values()))
    return int(cur.lastrowid)


def reviews_of_item(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT r.*, u.name AS unit_name FROM reply_reviews r JOIN units u"
                        " ON u.id = r.unit_id WHERE r.item_id = ? ORDER BY r.id", (item_id,)).fetchall()


def reviews_of_assignment(conn: sqlite3.Connection, assignment_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM reply_reviews WHERE assignment_id = ? ORDER BY id",
                        (assignment_id,)).fetchall()


def pending_reviews(conn: sqlite3.Connection, session_id: int) -> list[sqlite3.Row]:
    """Every reply waiting for review in the session, oldest first."""
    return conn.execute(
        "SELECT r.*, u.name AS unit_name, i.number, i.title FROM reply_reviews r"
        " JOIN units u ON u.id = r.unit_id JOIN items i ON i.id = r.item_id"
        " WHERE r.state = 'pending' AND i.session_id = ? ORDER BY r.id", (session_id,)).fetchall()


def set_review(conn: sqlite3.Connection, review_id: int, *, state: str, reviewer: str,
               reviewed_on: str, reason: str | None = None, class_: str | None = None,
               disclosure: str | None = None, reply_id: int | None = None) -> None:
    conn.execute("UPDATE reply_reviews SET state = ?, reviewer = ?, reviewed_on = ?, reason = ?,"
                 " class = COALESCE(?, class), disclosure = ?, reply_id = ? WHERE id = ?",
                 (state, reviewer, reviewed_on, reason, class_, disclosure, reply_id, review_id))


def last_reply_of_assignment(conn: sqlite3.Connection, assignment_id: int) -> int | None:
    row = conn.execute("SELECT id FROM replies WHERE assignment_id = ? AND copied_from IS NULL"
                       " ORDER BY id DESC LIMIT 1", (assignment_id,)).fetchone()
    return row[0] if row else None


# -- extension requests ---------------------------------------------------------------------------

def insert_extension_request(conn: sqlite3.Connection, **fields: Any) -> int:
    cols = ", ".join(fields)
    cur = conn.execute(f"INSERT INTO extension_requests ({cols}) VALUES ({','.join('?' * len(fields))})",
                       tuple(fields.values()))
    return int(cur.lastrowid)


def extension_requests_of_item(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT e.*, u.name AS unit_name FROM extension_requests e JOIN units u"
                        " ON u.id = e.unit_id WHERE e.item_id = ? ORDER BY e.id", (item_id,)).fetchall()


def extension_requests_of_assignment(conn: sqlite3.Connection, assignment_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM extension_requests WHERE assignment_id = ? ORDER BY id",
                        (assignment_id,)).fetchall()


def pending_extension_requests(conn: sqlite3.Connection, session_id: int) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT e.*, u.name AS unit_name, i.number, i.title, a.due_on FROM extension_requests e"
        " JOIN units u ON u.id = e.unit_id JOIN items i ON i.id = e.item_id"
        " JOIN assignments a ON a.id = e.assignment_id"
        " WHERE e.state = 'pending' AND i.session_id = ? ORDER BY e.id", (session_id,)).fetchall()


def decide_extension_request(conn: sqlite3.Connection, request_id: int, *, state: str,
                             reason: str | None, by: str, on: str) -> None:
    conn.execute("UPDATE extension_requests SET state = ?, decision_reason = ?, decided_by = ?,"
                 " decided_on = ? WHERE id = ?", (state, reason, by, on, request_id))


# -- disclosure -----------------------------------------------------------------------------------

def lead_replies_with_review(conn: sqlite3.Connection, session_id: int) -> list[sqlite3.Row]:
    """The session's own lead replies (not copies to merged items), with the disclosure their
    review chose (NULL when none did), by item number and date."""
    return conn.execute(
        "SELECT r.*, i.number, i.title, u.name AS unit_name, v.disclosure, v.contacted_on, v.channel"
        " FROM replies r JOIN items i ON i.id = r.item_id JOIN units u ON u.id = r.unit_id"
        " LEFT JOIN reply_reviews v ON v.reply_id = r.id"
        " WHERE i.session_id = ? AND r.role = 'lead' AND r.copied_from IS NULL"
        " ORDER BY i.number, r.replied_on, r.id", (session_id,)).fetchall()


def session_name(conn: sqlite3.Connection, session_id: int) -> str:
    return conn.execute("SELECT name FROM sessions WHERE id = ?", (session_id,)).fetchone()[0]
