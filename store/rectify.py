"""SQL for rectification rounds (domain.md §12): the rounds (sessions of kind rectification),
each item's plan, re-check, look-back and 问责 (`rectifications`), the ledger's rows, a failed
re-check's new round, and the 未按时报送进度 reminders (`progress_reminders`)."""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from docket.core.dates import now_iso

KIND = "rectification"


# -- rounds ------------------------------------------------------------------------------------

def insert_round(conn: sqlite3.Connection, *, name: str, body: str, today: date | None = None) -> int:
    """A rectification round: a session that never becomes the current one."""
    cur = conn.execute("INSERT INTO sessions (name, body, kind, is_current, created_at) VALUES (?, ?, ?, 0, ?)",
                       (name, body, KIND, now_iso(today)))
    return int(cur.lastrowid)


def session_by_name(conn: sqlite3.Connection, name: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM sessions WHERE name = ?", (name,)).fetchone()


def round_by_name(conn: sqlite3.Connection, name: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM sessions WHERE name = ? AND kind = ?", (name, KIND)).fetchone()


def newest_round(conn: sqlite3.Connection) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM sessions WHERE kind = ? ORDER BY id DESC LIMIT 1", (KIND,)).fetchone()


def rounds(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM sessions WHERE kind = ? ORDER BY id", (KIND,)).fetchall()


def body_of_current_session(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT body FROM sessions WHERE kind = 'proposal'"
                       " ORDER BY is_current DESC, id DESC LIMIT 1").fetchone()
    return row[0] if row else "npc"


def appraisal_round_id(conn: sqlite3.Connection, name: str) -> int | None:
    """The id of the appraisal round a rectification round was made from (its source)."""
    row = conn.execute("SELECT id FROM appraisal_rounds WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


# -- an item's rectification fields ------------------------------------------------------------

def insert_rectification(conn: sqlite3.Connection, *, item_id: int, source: str | None,
                         appraisal_round_id: int | None, grade: str | None, by: str,
                         today: date | None = None) -> None:
    conn.execute("INSERT INTO rectifications (item_id, source, appraisal_round_id, grade, updated_at, by)"
                 " VALUES (?, ?, ?, ?, ?, ?)", (item_id, source, appraisal_round_id, grade, now_iso(today), by))


def rectification_of_item(conn: sqlite3.Connection, item_id: int) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM rectifications WHERE item_id = ?", (item_id,)).fetchone()


FIELDS = ("person", "target", "measures", "planned_on", "rechecked_on", "recheck_result", "recheck_note",
          "lookback_on", "lookback_result", "lookback_note", "accountability_on", "accountability_reason")


def update_rectification(conn: sqlite3.Connection, item_id: int, *, by: str, today: date | None = None,
                         **changes: Any) -> None:
    """Set some of FIELDS (named by the caller, never by the user)."""
    bad = set(changes) - set(FIELDS)
    if bad:
        raise ValueError(f"not a rectification field: {sorted(bad)}")
    cols = "".join(f"{k} = ?, " for k in changes)
    conn.execute(f"UPDATE rectifications SET {cols}updated_at = ?, by = ? WHERE item_id = ?",
                 (*changes.values(), now_iso(today), by, item_id))


# -- the ledger ----------------------------------------------------------------------------------

_LEDGER = """
SELECT i.id, i.number, i.kind, i.title, i.category, i.state, i.round, i.proposed_lead, i.closed_on,
       i.received_on, i.version,
       r.source, r.grade, r.person, r.target, r.measures, r.planned_on, r.rechecked_on, r.recheck_result,
       r.recheck_note, r.lookback_on, r.lookback_result, r.lookback_note, r.accountability_on,
       r.accountability_reason,
       a.id AS assignment_id, a.unit_id, a.assigned_on, a.due_on, a.replied_on, u.name AS unit_name,
       f.assigned_on AS first_assigned_on, f.due_on AS first_due_on, f.replied_on AS first_replied_on
FROM items i
LEFT JOIN rectifications r ON r.item_id = i.id
LEFT JOIN current_assignments a ON a.id = (
    SELECT c.id FROM current_assignments c WHERE c.item_id = i.id AND c.role = 'lead'
    ORDER BY c.round DESC, c.id DESC LIMIT 1)
LEFT JOIN current_assignments f ON f.id = (
    SELECT c.id FROM current_assignments c WHERE c.item_id = i.id AND c.role = 'lead' AND c.round = 1
    ORDER BY c.id DESC LIMIT 1)
LEFT JOIN units u ON u.id = a.unit_id
WHERE i.session_id = ?{numbers}
ORDER BY i.number
"""


def ledger_rows(conn: sqlite3.Connection, session_id: int, number: int | None = None) -> list[sqlite3.Row]:
    """One row per item of the round (or the one item): its fields, its current lead assignment
    (the newest round's) and its first-round lead assignment."""
    if number is None:
        return conn.execute(_LEDGER.format(numbers=""), (session_id,)).fetchall()
    return conn.execute(_LEDGER.format(numbers=" AND i.number = ?"), (session_id, number)).fetchall()


def open_items_of_rounds(conn: sqlite3.Connection, kinds: tuple[str, ...] = (KIND,)) -> list[sqlite3.Row]:
    """Every item still being worked on (assigned, rehandling) in any round of these session
    kinds (rectification, project), with its current lead assignment and the round's kind: what
    the 未按时报送进度 check reads."""
    marks = ",".join("?" * len(kinds))
    return conn.execute(
        "SELECT i.id, i.number, i.title, i.kind, i.round, i.round_start, s.name AS round_name,"
        " s.kind AS round_kind, a.unit_id, a.assigned_on, a.due_on, u.name AS unit_name"
        " FROM items i JOIN sessions s ON s.id = i.session_id"
        " JOIN open_assignments a ON a.item_id = i.id AND a.role = 'lead' AND a.round = i.round"
        " JOIN units u ON u.id = a.unit_id"
        f" WHERE s.kind IN ({marks}) AND i.state IN ('assigned', 'rehandling')"
        " ORDER BY u.id, s.id, i.number", kinds).fetchall()


def last_progress_on(conn: sqlite3.Connection, item_ids: list[int], upto: date) -> dict[int, str]:
    """item id -> the date of its latest progress report on or before `upto`."""
    if not item_ids:
        return {}
    marks = ",".join("?" * len(item_ids))
    return {r[0]: r[1] for r in conn.execute(
        f"SELECT item_id, MAX(on_date) FROM progress WHERE item_id IN ({marks}) AND on_date <= ?"
        " GROUP BY item_id", (*item_ids, upto.isoformat()))}


# -- 未按时报送进度 reminders --------------------------------------------------------------------

def insert_progress_reminder(conn: sqlite3.Connection, *, item_id: int, unit_id: int, expected_on: date,
                             n: int, sent_on: date, by: str) -> bool:
    """Record one reminder; False when this key was recorded already (a second run the same day)."""
    cur = conn.execute(
        "INSERT INTO progress_reminders (item_id, unit_id, expected_on, n, sent_on, created_at, by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id, expected_on, n) DO NOTHING",
        (item_id, unit_id, expected_on.isoformat(), n, sent_on.isoformat(), now_iso(sent_on), by))
    return cur.rowcount == 1


def progress_reminders_of_item(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    """The 未按时报送进度 reminders recorded for one item, as sent, with the unit's name."""
    return conn.execute("SELECT u.name AS unit_name, p.expected_on, p.n, p.sent_on FROM progress_reminders p"
                        " JOIN units u ON u.id = p.unit_id WHERE p.item_id = ? ORDER BY p.sent_on, p.id",
                        (item_id,)).fetchall()


def progress_reminders_sent(conn: sqlite3.Connection, item_ids: list[int]) -> set[tuple[int, str, int]]:
    """(item id, expected_on, n) of every 未按时报送进度 reminder already recorded for these items."""
    if not item_ids:
        return set()
    marks = ",".join("?" * len(item_ids))
    return {(r[0], r[1], r[2]) for r in conn.execute(
        f"SELECT item_id, expected_on, n FROM progress_reminders WHERE item_id IN ({marks})", item_ids)}
