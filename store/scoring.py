"""SQL for scoring: the facts a unit's score is counted from, entered scores (答复质量, per-unit
indicators), published results (score_results) and the stored versions of scoring models."""
from __future__ import annotations

import sqlite3

# -- the facts of a year (core/unit_facts.py counts them) -----------------------------------------

def standing_assignments_until(conn: sqlite3.Connection, day: str) -> list[sqlite3.Row]:
    """Current (not returned) assignments made by `day` on items still in play (not converted to
    a letter, not withdrawn), with the unit's name; by item, round, id."""
    return conn.execute(
        "SELECT a.item_id, a.role, a.round, a.assigned_on, a.yardstick_due_on, a.replied_on,"
        " a.ended_on, a.end_reason, u.name AS unit_name FROM current_assignments a"
        " JOIN items i ON i.id = a.item_id JOIN units u ON u.id = a.unit_id WHERE a.assigned_on <= ?"
        " AND i.state NOT IN ('converted', 'withdrawn') ORDER BY a.item_id, a.round, a.id", (day,)).fetchall()


def lead_replies_until(conn: sqlite3.Connection, day: str) -> list[sqlite3.Row]:
    """Lead replies dated by `day`: item, round, class, date, quality; oldest first per item."""
    return conn.execute("SELECT item_id, round, class, replied_on, quality FROM replies WHERE role = 'lead'"
                        " AND replied_on <= ? ORDER BY item_id, round, replied_on, id", (day,)).fetchall()


def decisive_evaluations_until(conn: sqlite3.Connection, day: str) -> list[sqlite3.Row]:
    """Decisive evaluations dated by `day`: item, round, result, contacted; in order per item."""
    return conn.execute("SELECT item_id, round, result, contacted FROM evaluations WHERE decisive = 1"
                        " AND evaluated_on <= ? ORDER BY item_id, round, id", (day,)).fetchall()


def merged_items(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every merged item's id and the master it was merged into."""
    return conn.execute("SELECT id, merged_into FROM items WHERE state = 'merged'").fetchall()


def unit_ids_by_name(conn: sqlite3.Connection) -> dict[str, int]:
    """Every unit (inactive ones too) by name: the order units are listed in."""
    return {r[0]: r[1] for r in conn.execute("SELECT name, id FROM units")}


# -- entered scores -------------------------------------------------------------------------------

def set_reply_quality(conn: sqlite3.Connection, reply_id: int, value: float) -> None:
    conn.execute("UPDATE replies SET quality = ? WHERE id = ?", (value, reply_id))


def unit_entries(conn: sqlite3.Connection, year: int) -> list[sqlite3.Row]:
    """The year's entered per-unit indicator scores: indicator, value and the unit's name."""
    return conn.execute("SELECT e.indicator, e.value, u.name FROM score_entries e JOIN units u"
                        " ON u.id = e.unit_id WHERE e.year = ?", (year,)).fetchall()


def upsert_unit_entry(conn: sqlite3.Connection, *, year: int, unit_id: int, indicator: str, value: float,
                      at: str, by: str) -> None:
    conn.execute("INSERT INTO score_entries (year, unit_id, indicator, value, updated_at, by)"
                 " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(year, unit_id, indicator) DO UPDATE SET"
                 " value = excluded.value, updated_at = excluded.updated_at, by = excluded.by",
                 (year, unit_id, indicator, value, at, by))


# -- stored results -------------------------------------------------------------------------------

def insert_result(conn: sqlite3.Connection, *, kind: str, year: int, round_id: int | None, model_name: str,
                  model_version: int, as_of: str, data: str, created_at: str, by: str) -> int:
    """One stored result (a published unit score or a computed appraisal); returns its id."""
    return int(conn.execute(
        "INSERT INTO score_results (kind, year, round_id, model_name, model_version, as_of, data,"
        " created_at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (kind, year, round_id, model_name, model_version, as_of, data, created_at, by)).lastrowid)


def unit_results(conn: sqlite3.Connection, result_id: int | None = None) -> list[sqlite3.Row]:
    """Published unit results (one when result_id is given), newest first."""
    return conn.execute("SELECT * FROM score_results WHERE kind = 'unit' AND (? IS NULL OR id = ?)"
                        " ORDER BY id DESC", (result_id, result_id)).fetchall()


def latest_round_result(conn: sqlite3.Connection, round_id: int) -> sqlite3.Row | None:
    """An appraisal round's newest computed result, or None."""
    return conn.execute("SELECT * FROM score_results WHERE kind = 'appraisal' AND round_id = ?"
                        " ORDER BY id DESC LIMIT 1", (round_id,)).fetchone()


# -- scoring models -------------------------------------------------------------------------------

def model_names(conn: sqlite3.Connection) -> list[str]:
    """The stored models' names, oldest first."""
    return [r[0] for r in conn.execute("SELECT name FROM score_models ORDER BY id")]


def model_definition(conn: sqlite3.Connection, name: str, version: int | None = None) -> sqlite3.Row | None:
    """(definition JSON, version) of a model's newest (or given) stored version, or None."""
    return conn.execute(
        "SELECT v.definition, v.version FROM score_model_versions v JOIN score_models m ON m.id = v.model_id"
        " WHERE m.name = ? AND (? IS NULL OR v.version = ?) ORDER BY v.version DESC LIMIT 1",
        (name, version, version)).fetchone()


def model_id(conn: sqlite3.Connection, name: str) -> int | None:
    row = conn.execute("SELECT id FROM score_models WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def insert_model(conn: sqlite3.Connection, *, name: str, kind: str, created_at: str) -> int:
    return int(conn.execute("INSERT INTO score_models (name, kind, created_at) VALUES (?, ?, ?)",
                            (name, kind, created_at)).lastrowid)


def last_model_version(conn: sqlite3.Connection, model_id: int) -> int:
    """The highest stored version of a model (0 when none)."""
    return conn.execute("SELECT MAX(version) FROM score_model_versions WHERE model_id = ?",
                        (model_id,)).fetchone()[0] or 0


def insert_model_version(conn: sqlite3.Connection, *, model_id: int, version: int, definition: str,
                         note: str, created_at: str, by: str) -> None:
    conn.execute("INSERT INTO score_model_versions (model_id, version, definition, note, created_at, by)"
                 " VALUES (?, ?, ?, ?, ?, ?)", (model_id, version, definition, note, created_at, by))
