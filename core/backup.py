"""Online backup and checked restore, with SQLite's backup API."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from docket.core.errors import BadInput
from docket.core.files import replacing


def backup(conn: sqlite3.Connection, target: str | Path) -> int:
    target = Path(target)
    if not target.parent.exists():
        raise BadInput(f"目录 {target.parent} 不存在")
    with replacing(target) as tmp:
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
        finally:
            dest.close()
    return conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]


def _free_name(db_path: Path, today: date) -> Path:
    """db.replaced-2026-11-28, then -2, -3 ...: a kept copy is never overwritten."""
    base = f"{db_path.name}.replaced-{today.isoformat()}"
    candidate, n = db_path.with_name(base), 1
    while candidate.exists():
        n += 1
        candidate = db_path.with_name(f"{base}-{n}")
    return candidate


def restore(db_path: Path, source: str | Path, *, actor: str, today: date) -> Path:
    from docket.store import events
    from docket.store.db import connect, opened, write

    try:
        src = connect(source)
        ok = src.execute("PRAGMA integrity_check").fetchone()[0]
        has = src.execute("SELECT COUNT(*) FROM _docket_migrations").fetchone()[0]
        n, bad = events.verify(src)
    except sqlite3.DatabaseError:
        raise BadInput(f"{source} 不是 docket 数据库备份") from None
    if ok != "ok" or not has:
        raise BadInput(f"{source} 已损坏（integrity_check：{ok}），未恢复")
    if bad:
        raise BadInput(f"{source} 的操作记录第 {bad['id']} 条有误，未恢复")
    if db_path.exists() and Path(source).resolve() == db_path.resolve():
        raise BadInput(f"{source} 就是当前数据库，无需恢复")
    kept = _free_name(db_path, today)
    if db_path.exists():
        with opened(db_path) as cur:
            dest = sqlite3.connect(kept)
            cur.backup(dest)
            dest.close()
    with replacing(db_path) as tmp:
        dest = sqlite3.connect(tmp)
        src.backup(dest)
        dest.close()
        src.close()
        for suffix in ("-wal", "-shm"):  # the old database's log must not be replayed on the new one
            Path(str(db_path) + suffix).unlink(missing_ok=True)
    with opened(db_path) as conn, write(conn):
        events.append(conn, by=actor, action="restore", entity="database",
                      detail={"source": str(source), "kept": str(kept), "events": n}, today=today)
    return kept
