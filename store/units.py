"""SQL for `units`: the handling units' directory."""
from __future__ import annotations

import sqlite3

from docket.store import search


def active(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every active unit, oldest first."""
    return conn.execute("SELECT * FROM units WHERE active = 1 ORDER BY id").fetchall()


def insert(conn: sqlite3.Connection, name: str, short: str | None, contact: str | None,
           phone: str | None, created_at: str) -> int:
    """A new unit; its id."""
    return int(conn.execute(
        "INSERT INTO units (name, short, contact, phone, created_at, initials) VALUES (?, ?, ?, ?, ?, ?)",
        (name, short, contact, phone, created_at, search.initials(f"{name} {short or ''}"))).lastrowid)


def update_contacts(conn: sqlite3.Connection, unit_id: int, short: str | None, contact: str | None,
                    phone: str | None) -> None:
    name = conn.execute("SELECT name FROM units WHERE id = ?", (unit_id,)).fetchone()[0]
    conn.execute("UPDATE units SET short = ?, contact = ?, phone = ?, initials = ? WHERE id = ?",
                 (short, contact, phone, search.initials(f"{name} {short or ''}"), unit_id))


def count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM units").fetchone()[0]
