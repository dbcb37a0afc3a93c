"""SQL for `units`: the handling units' directory."""
from __future__ import annotations

import sqlite3


def active(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every active unit, oldest first."""
    return conn.execute("SELECT * FROM units WHERE active = 1 ORDER BY id").fetchall()


def insert(conn: sqlite3.Connection, name: str, short: str | None, contact: str | None,
           phone: str | None, created_at: str) -> int:
    """A new unit; its id."""
    return int(conn.execute(
        "INSERT INTO units (name, short, contact, phone, created_at) VALUES (?, ?, ?, ?, ?)",
        (name, short, contact, phone, created_at)).lastrowid)


def update_contacts(conn: sqlite3.Connection, unit_id: int, short: str | None, contact: str | None,
                    phone: str | None) -> None:
    conn.execute("UPDATE units SET short = ?, contact = ?, phone = ? WHERE id = ?",
                 (short, contact, phone, unit_id))


def count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM units").fetchone()[0]
