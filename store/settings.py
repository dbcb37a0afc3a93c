"""SQL for `settings`: one text value per key (core/settings.py parses and validates them;
a key never stored reads as its default there)."""
from __future__ import annotations

import sqlite3


def value(conn: sqlite3.Connection, key: str) -> str | None:
    """The stored text of `key`, or None when it was never set."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def all_stored(conn: sqlite3.Connection) -> dict[str, str]:
    """Every stored key and its text."""
    return {r[0]: r[1] for r in conn.execute("SELECT key, value FROM settings")}


def insert(conn: sqlite3.Connection, key: str, text: str) -> None:
    """A key's first value (a new database's letterhead)."""
    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, text))


def put(conn: sqlite3.Connection, key: str, text: str) -> None:
    """Store `key`'s text, replacing any earlier one."""
    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, text))
