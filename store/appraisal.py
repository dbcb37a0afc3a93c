"""SQL for department appraisal (部门工作评议): rounds, voter groups, departments, tallies and
entered indicator scores. No rater is stored anywhere (背靠背); results are in store/scoring.py."""
from __future__ import annotations

import sqlite3

# -- rounds ---------------------------------------------------------------------------------------

def round_by_name(conn: sqlite3.Connection, name: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM appraisal_rounds WHERE name = ?", (name,)).fetchone()


def round_by_id(conn: sqlite3.Connection, round_id: int) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM appraisal_rounds WHERE id = ?", (round_id,)).fetchone()


def round_names(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM appraisal_rounds ORDER BY id")]


def rounds_with_department_counts(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every round, oldest first, with its number of departments as `n`."""
    return conn.execute(
        "SELECT r.*, (SELECT COUNT(*) FROM appraisal_departments d WHERE d.round_id = r.id) AS n"
        " FROM appraisal_rounds r ORDER BY r.id").fetchall()


def insert_round(conn: sqlite3.Connection, *, name: str, year: int, model_name: str, created_on: str,
                 created_at: str, by: str) -> int:
    return int(conn.execute("INSERT INTO appraisal_rounds (name, year, model_name, created_on, created_at, by)"
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            (name, year, model_name, created_on, created_at, by)).lastrowid)


# -- voter groups ---------------------------------------------------------------------------------

def groups(conn: sqlite3.Connection, round_id: int) -> list[sqlite3.Row]:
    """A round's voter groups in their order."""
    return conn.execute("SELECT * FROM appraisal_groups WHERE round_id = ? ORDER BY position",
                        (round_id,)).fetchall()


def group_by_name(conn: sqlite3.Connection, round_id: int, name: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM appraisal_groups WHERE round_id = ? AND name = ?",
                        (round_id, name)).fetchone()


def next_group_position(conn: sqlite3.Connection, round_id: int) -> int:
    return conn.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM appraisal_groups WHERE round_id = ?",
                        (round_id,)).fetchone()[0]


def insert_group(conn: sqlite3.Connection, round_id: int, name: str, weight: float, position: int) -> None:
    conn.execute("INSERT INTO appraisal_groups (round_id, name, weight, position) VALUES (?, ?, ?, ?)",
                 (round_id, name, weight, position))


def set_group_weight(conn: sqlite3.Connection, group_id: int, weight: float) -> None:
    conn.execute("UPDATE appraisal_groups SET weight = ? WHERE id = ?", (weight, group_id))


# -- departments ----------------------------------------------------------------------------------

def department_unit_ids(conn: sqlite3.Connection, round_id: int) -> set[int]:
    return {r[0] for r in conn.execute("SELECT unit_id FROM appraisal_departments WHERE round_id = ?",
                                       (round_id,))}


def insert_department(conn: sqlite3.Connection, round_id: int, unit_id: int, position: int) -> None:
    conn.execute("INSERT INTO appraisal_departments (round_id, unit_id, position) VALUES (?, ?, ?)",
                 (round_id, unit_id, position))


def department(conn: sqlite3.Connection, round_id: int, unit_id: int) -> sqlite3.Row | None:
    """A unit as a department of the round, with `unit_name`; None when it is not one."""
    return conn.execute("SELECT d.*, u.name AS unit_name FROM appraisal_departments d JOIN units u"
                        " ON u.id = d.unit_id WHERE d.round_id = ? AND d.unit_id = ?",
                        (round_id, unit_id)).fetchone()


def departments(conn: sqlite3.Connection, round_id: int) -> list[sqlite3.Row]:
    """A round's departments in their order, with `unit_name`."""
    return conn.execute("SELECT d.*, u.name AS unit_name FROM appraisal_departments d JOIN units u"
                        " ON u.id = d.unit_id WHERE d.round_id = ? ORDER BY d.position", (round_id,)).fetchall()


# -- tallies and entered scores -------------------------------------------------------------------

def tally(conn: sqlite3.Connection, department_id: int, group_id: int) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM appraisal_tallies WHERE department_id = ? AND group_id = ?",
                        (department_id, group_id)).fetchone()


def tallies(conn: sqlite3.Connection, department_id: int) -> list[sqlite3.Row]:
    """A department's tallies, one per voter group that has one."""
    return conn.execute("SELECT * FROM appraisal_tallies WHERE department_id = ?", (department_id,)).fetchall()


def upsert_tally(conn: sqlite3.Connection, department_id: int, group_id: int, counts: tuple[int, ...], *,
                 at: str, by: str) -> None:
    """Store (or replace) one department's counts for one group: members, present, satisfied,
    basic, dissatisfied, abstain, unknown."""
    conn.execute(
        "INSERT INTO appraisal_tallies (department_id, group_id, members, present, satisfied, basic,"
        " dissatisfied, abstain, unknown, updated_at, by) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT(department_id, group_id) DO UPDATE SET members = excluded.members,"
        " present = excluded.present, satisfied = excluded.satisfied, basic = excluded.basic,"
        " dissatisfied = excluded.dissatisfied, abstain = excluded.abstain, unknown = excluded.unknown,"
        " updated_at = excluded.updated_at, by = excluded.by",
        (department_id, group_id, *counts, at, by))


def scores(conn: sqlite3.Connection, department_id: int) -> list[sqlite3.Row]:
    """A department's entered indicator scores: indicator, value."""
    return conn.execute("SELECT indicator, value FROM appraisal_scores WHERE department_id = ?",
                        (department_id,)).fetchall()


def upsert_score(conn: sqlite3.Connection, department_id: int, indicator: str, value: float, *,
                 at: str, by: str) -> None:
    conn.execute("INSERT INTO appraisal_scores (department_id, indicator, value, updated_at, by)"
                 " VALUES (?, ?, ?, ?, ?) ON CONFLICT(department_id, indicator) DO UPDATE SET"
                 " value = excluded.value, updated_at = excluded.updated_at, by = excluded.by",
                 (department_id, indicator, value, at, by))
