"""Opening the SQLite store: pragmas, the one write transaction, migrations on open.

Stdlib only on the read path; sqlite-utils is imported only when a migration runs.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from docket.core import messages as msg
from docket.core.errors import BadInput, Conflict, NotFound


def connect(path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.OperationalError:
        conn.close()
        raise
    except sqlite3.DatabaseError as e:  # "file is not a database": a user error, not a crash
        conn.close()
        raise BadInput(msg.NOT_A_DB.format(path=path)) from e
    return conn


@contextmanager
def write(conn: sqlite3.Connection, *, dry_run: bool = False) -> Iterator[sqlite3.Connection]:
    """One transaction that holds the write lock from its first statement (BEGIN IMMEDIATE)."""
    if conn.in_transaction:          # nested call: the outer transaction decides
        yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:  # still locked after busy_timeout
        raise Conflict(msg.DATABASE_BUSY) from e
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    if dry_run:
        conn.rollback()
    else:
        conn.commit()


@contextmanager
def opened(path: str | Path, *, create: bool = False) -> Iterator[sqlite3.Connection]:
    """Connect to an existing database (or a new one when `create`), migrated to this version."""
    from docket.store.migrations import migrate

    p = Path(path)
    if not create and not p.exists():
        raise NotFound(msg.DB_MISSING.format(path=p))
    if create:
        p.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(p)
    try:
        migrate(conn)
        yield conn
    finally:
        conn.close()
