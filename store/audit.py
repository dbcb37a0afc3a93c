"""SQL for audit verify: the events about items, and the business rows they vouch for. What the
events mean (which action made which row) is core/audit.py's; this only reads."""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence


def item_events(conn: sqlite3.Connection, *, detailed: Sequence[str], creating: Sequence[str]) -> list[tuple]:
    """Every event about an item, or of a `creating` action, oldest first: (id, item_id, entity,
    entity_id, action, its after.state, its detail JSON when the action is one of `detailed`)."""
    return conn.execute(
        "SELECT id, item_id, entity, entity_id, action, json_extract(detail, '$.after.state'),"
        " CASE WHEN action IN (" + ",".join("?" * len(detailed)) + ") THEN detail END"
        " FROM events WHERE item_id IS NOT NULL OR action IN (" + ",".join("?" * len(creating)) + ")"
        " ORDER BY id", (*detailed, *creating)).fetchall()


def item_states(conn: sqlite3.Connection) -> list[tuple]:
    """(id, number, state) of every item, by id."""
    return conn.execute("SELECT id, number, state FROM items ORDER BY id").fetchall()


def reply_facts(conn: sqlite3.Connection) -> list[tuple]:
    """(id, item_id, class, replied_on, unit name, item number) of every reply, by id."""
    return conn.execute("SELECT r.id, r.item_id, r.class, r.replied_on, u.name, i.number FROM replies r"
                        " JOIN units u ON u.id = r.unit_id JOIN items i ON i.id = r.item_id ORDER BY r.id").fetchall()


def assignment_facts(conn: sqlite3.Connection) -> list[tuple]:
    """(item_id, unit name, role, due_on) of every assignment ever made (returned ones too), by id."""
    return conn.execute("SELECT a.item_id, u.name, a.role, a.due_on FROM assignments a"
                        " JOIN units u ON u.id = a.unit_id ORDER BY a.id").fetchall()


def evaluation_facts(conn: sqlite3.Connection) -> list[tuple]:
    """(item_id, round, result, evaluated_on) of every evaluation, by id."""
    return conn.execute("SELECT item_id, round, result, evaluated_on FROM evaluations ORDER BY id").fetchall()
