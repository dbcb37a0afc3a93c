"""SQL for livelihood projects (民生实事票决, domain.md §13): rounds (sessions of kind 'project'),
candidates, ballots with their per-candidate counts, and satisfaction tests. Counts only."""
from __future__ import annotations

import sqlite3
from datetime import date
from typing import Iterable

from docket.core.dates import now_iso


# -- rounds ---------------------------------------------------------------------------------------

def insert_round(conn: sqlite3.Connection, *, name: str, body: str, places: int, by: str,
                 today: date) -> int:
    """A session of kind 'project' (not made current: the proposals' session stays the default)
    and its places."""
    sid = conn.execute("INSERT INTO sessions (name, body, kind, is_current, created_at)"
                       " VALUES (?, ?, 'project', 0, ?)", (name, body, now_iso(today))).lastrowid
    conn.execute("INSERT INTO project_rounds (session_id, places, created_on, by) VALUES (?, ?, ?, ?)",
                 (sid, places, today.isoformat(), by))
    return int(sid)


def session_named(conn: sqlite3.Connection, name: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM sessions WHERE name = ?", (name,)).fetchone()


def round_named(conn: sqlite3.Connection, name: str) -> sqlite3.Row | None:
    """A project round (session columns and places) by its name."""
    return conn.execute("SELECT s.*, r.places, r.created_on FROM sessions s"
                        " JOIN project_rounds r ON r.session_id = s.id WHERE s.name = ?", (name,)).fetchone()


def newest_round(conn: sqlite3.Connection) -> sqlite3.Row | None:
    return conn.execute("SELECT s.*, r.places, r.created_on FROM sessions s"
                        " JOIN project_rounds r ON r.session_id = s.id ORDER BY s.id DESC LIMIT 1").fetchone()


def round_names(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT s.name FROM sessions s JOIN project_rounds r"
                                       " ON r.session_id = s.id ORDER BY s.id")]


# -- candidates -----------------------------------------------------------------------------------

def insert_candidate(conn: sqlite3.Connection, *, item_id: int, unit_id: int, budget: float | None,
                     by: str, today: date) -> None:
    conn.execute("INSERT INTO project_candidates (item_id, unit_id, budget, by, created_at)"
                 " VALUES (?, ?, ?, ?, ?)", (item_id, unit_id, budget, by, now_iso(today)))


def candidates(conn: sqlite3.Connection, session_id: int) -> list[sqlite3.Row]:
    """The round's candidates in list order (number), with their unit's name and budget."""
    return conn.execute(
        "SELECT i.*, c.budget, c.unit_id, u.name AS unit_name FROM items i"
        " JOIN project_candidates c ON c.item_id = i.id JOIN units u ON u.id = c.unit_id"
        " WHERE i.session_id = ? ORDER BY i.number", (session_id,)).fetchall()


def set_item_state(conn: sqlite3.Connection, item_id: int, state: str, today: date) -> None:
    conn.execute("UPDATE items SET state = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                 (state, now_iso(today), item_id))


# -- ballots --------------------------------------------------------------------------------------

def next_ballot_round(conn: sqlite3.Connection, session_id: int) -> int:
    return conn.execute("SELECT COALESCE(MAX(round), 0) + 1 FROM project_ballots WHERE session_id = ?",
                        (session_id,)).fetchone()[0]


def insert_ballot(conn: sqlite3.Connection, *, session_id: int, round_: int, members: int, present: int,
                  valid: int, places: int, base: str, threshold: str, tie: str, voted_on: date, by: str,
                  today: date) -> int:
    return int(conn.execute(
        "INSERT INTO project_ballots (session_id, round, members, present, valid, places, base, threshold,"
        " tie, voted_on, by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (session_id, round_, members, present, valid, places, base, threshold, tie, voted_on.isoformat(),
         by, now_iso(today))).lastrowid)


def insert_vote(conn: sqlite3.Connection, *, ballot_id: int, item_id: int, yes: int, no: int, abstain: int,
                passed: bool, rank: int | None, result: str) -> None:
    conn.execute("INSERT INTO project_votes (ballot_id, item_id, yes, no, abstain, passed, rank, result)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (ballot_id, item_id, yes, no, abstain, int(passed), rank,
                                                     result))


def ballots(conn: sqlite3.Connection, session_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM project_ballots WHERE session_id = ? ORDER BY round",
                        (session_id,)).fetchall()


def latest_votes(conn: sqlite3.Connection, session_id: int) -> dict[int, sqlite3.Row]:
    """item id -> its counts in the last ballot it stood in (with that ballot's round)."""
    rows = conn.execute(
        "SELECT v.*, b.round FROM project_votes v JOIN project_ballots b ON b.id = v.ballot_id"
        " WHERE b.session_id = ? ORDER BY b.round", (session_id,)).fetchall()
    return {r["item_id"]: r for r in rows}  # the later ballot wins


def votes_of_ballot(conn: sqlite3.Connection, ballot_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT v.*, i.number, i.title FROM project_votes v JOIN items i ON i.id = v.item_id"
                        " WHERE v.ballot_id = ? ORDER BY i.number", (ballot_id,)).fetchall()


# -- lead assignments (the tracked projects) -------------------------------------------------------

def lead_assignments(conn: sqlite3.Connection, item_ids: Iterable[int]) -> dict[int, sqlite3.Row]:
    """item id -> its standing lead assignment (with the unit's name); one query."""
    ids = list(item_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT a.*, u.name AS unit_name FROM current_assignments a JOIN units u ON u.id = a.unit_id"
        f" WHERE a.role = 'lead' AND a.item_id IN ({marks}) ORDER BY a.item_id, a.round, a.id", ids).fetchall()
    return {r["item_id"]: r for r in rows}  # the latest round wins


# -- satisfaction tests ---------------------------------------------------------------------------

TEST_COUNTS = ("members", "present", "satisfied", "basic", "dissatisfied", "abstain")


def test_row(conn: sqlite3.Connection, item_id: int, stage: str, group: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM project_tests WHERE item_id = ? AND stage = ? AND group_name = ?",
                        (item_id, stage, group)).fetchone()


def upsert_test(conn: sqlite3.Connection, *, item_id: int, stage: str, group: str, counts: dict[str, int],
                tested_on: date, by: str, today: date) -> None:
    values = tuple(counts[k] for k in TEST_COUNTS)
    conn.execute(
        "INSERT INTO project_tests (item_id, stage, group_name, members, present, satisfied, basic,"
        " dissatisfied, abstain, tested_on, updated_at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(item_id, stage, group_name) DO UPDATE SET members = excluded.members,"
        " present = excluded.present, satisfied = excluded.satisfied, basic = excluded.basic,"
        " dissatisfied = excluded.dissatisfied, abstain = excluded.abstain, tested_on = excluded.tested_on,"
        " updated_at = excluded.updated_at, by = excluded.by",
        (item_id, stage, group, *values, tested_on.isoformat(), now_iso(today), by))


def tests_of_round(conn: sqlite3.Connection, session_id: int) -> list[sqlite3.Row]:
    """Every test row of the round's projects, by project number, stage and group."""
    return conn.execute(
        "SELECT t.*, i.number FROM project_tests t JOIN items i ON i.id = t.item_id"
        " WHERE i.session_id = ? ORDER BY i.number, t.stage, t.id", (session_id,)).fetchall()
