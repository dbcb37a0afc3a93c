"""SQLite's side of backup and restore: the consistent copy, the checks read from a backup, and
replacing the live database's content with an attached backup's, inside one transaction.
The rules (what is refused, what is kept, what is recorded) are in core/backup.py."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from docket.store.db import uri


def main_file(conn: sqlite3.Connection) -> str:
    """The file the connection's main database lives in ("" for an in-memory one)."""
    return conn.execute("PRAGMA database_list").fetchone()[2]


def item_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]


def copy_to(conn: sqlite3.Connection, path: Path) -> None:
    """A consistent copy as one self-contained file (rollback journal: no -wal/-shm beside it)."""
    dest = sqlite3.connect(path)
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()


def integrity(conn: sqlite3.Connection) -> str:
    """SQLite's integrity_check: "ok", or the first problem it found."""
    return conn.execute("PRAGMA integrity_check").fetchone()[0]


def applied_migrations(conn: sqlite3.Connection) -> set[str]:
    """The names of the migrations a docket database has had (read only: nothing is created)."""
    return {r[0] for r in conn.execute("SELECT name FROM _docket_migrations")}


@contextmanager
def attached(conn: sqlite3.Connection, source: str | Path) -> Iterator[None]:
    """`source` attached read-only as `src`, foreign keys off (tables are dropped and refilled as
    a whole); detached and back on afterwards."""
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("ATTACH DATABASE ? AS src", (uri(source, readonly=True),))
    try:
        yield
    finally:
        conn.execute("DETACH DATABASE src")
        conn.execute("PRAGMA foreign_keys = ON")


def replace_with_attached(conn: sqlite3.Connection) -> None:
    """Inside the write transaction: main's tables, views, indexes and triggers become src's."""
    for (name,) in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'view'").fetchall():
        conn.execute(f'DROP VIEW main."{name}"')
    # a virtual table (the search index, m009_search) first: dropping it drops its shadow tables
    for (name,) in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'"
                                " AND sql LIKE 'CREATE VIRTUAL TABLE%'").fetchall():
        conn.execute(f'DROP TABLE main."{name}"')
    for (name,) in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'"
                                " AND name NOT LIKE 'sqlite_%'").fetchall():
        conn.execute(f'DROP TABLE main."{name}"')
    objects = conn.execute("SELECT type, name, sql FROM src.sqlite_master WHERE sql IS NOT NULL"
                           " AND name NOT LIKE 'sqlite_%'").fetchall()
    for kind, name, sql in objects:
        if kind != "table":
            continue
        if sql.upper().startswith("CREATE VIRTUAL TABLE"):
            conn.execute(sql)  # makes its shadow tables, filled below from src's
            continue
        if conn.execute("SELECT 1 FROM main.sqlite_master WHERE name = ?", (name,)).fetchone():
            conn.execute(f'DELETE FROM main."{name}"')  # a virtual table's shadow table
        else:
            conn.execute(sql)
        conn.execute(f'INSERT INTO main."{name}" SELECT * FROM src."{name}"')
    if conn.execute("SELECT 1 FROM src.sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        conn.execute("DELETE FROM main.sqlite_sequence")
        conn.execute("INSERT INTO main.sqlite_sequence SELECT * FROM src.sqlite_sequence")
    for kind, name, sql in objects:
        if kind != "table":
            conn.execute(sql)
