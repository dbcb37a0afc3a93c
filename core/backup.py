"""Online backup and checked restore, with SQLite's backup API.

A restore holds the live database's write lock from before the kept copy is taken until the
restored content is committed, and writes that content INTO the live database through SQLite
(one transaction), so a write acknowledged before the restore is in the kept copy, one after it
is in the restored database, and no -wal/-shm file is ever deleted under another connection.
"""
from __future__ import annotations

import os
import re
import sqlite3
from datetime import date
from pathlib import Path

from docket.core import messages as msg
from docket.core.errors import BadInput, DocketError
from docket.core.files import WRITE_FAILED, os_reason, process_alive, replacing

PRIVATE = 0o600  # backups and kept copies hold the same personal data as the database
# what a docket database (store.db.refuse_foreign) must hold to be restored from
BACKUP_TABLES = {"sessions", "units", "items", "events"}


def backup(conn: sqlite3.Connection, target: str | Path) -> tuple[int, tuple[int, str] | None]:
    """Copy the database to `target`; return (items, the chain's head: print it, keep it)."""
    from docket.store import backup as store
    from docket.store import events

    target = Path(target)
    live = store.main_file(conn)
    if live and target.exists() and target.resolve() == Path(live).resolve():
        raise BadInput(msg.BACKUP_ONTO_LIVE.format(path=target))
    if not target.parent.exists():
        raise BadInput(f"目录 {target.parent} 不存在")
    _write_copy(conn, target)
    return store.item_count(conn), events.head(conn)


def _write_copy(conn: sqlite3.Connection, target: Path) -> None:
    """_copy to `target` through a temp file: a full disk or a read-only folder leaves no file
    and says so in Chinese, like every other output (core/files.replacing)."""
    from docket.store.backup import copy_to
    from docket.store.db import file_problem

    _sweep(target)
    try:
        with replacing(target, mode=PRIVATE) as tmp:
            copy_to(conn, tmp)
    except sqlite3.Error as e:
        problem = file_problem(e, target)
        if problem is None:
            raise
        raise BadInput(WRITE_FAILED.format(path=target, reason=os_reason(OSError(problem, "")))) from e


def _sweep(target: Path) -> None:
    """Remove what a killed copy to `target` left: .{name}.tmp-{pid} (and its -journal) of a
    process that no longer runs (core/files.temp_name)."""
    pattern = re.compile(re.escape(f".{target.name}.tmp-") + r"(\d+)(-journal)?$")
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for e in entries:
        m = pattern.match(e.name)
        if m and not process_alive(int(m.group(1))):  # dead: its copy will never be finished
            try:
                Path(e.path).unlink(missing_ok=True)
            except OSError:
                pass


def _free_name(db_path: Path, today: date) -> Path:
    """db.replaced-2026-11-28, then -2, -3 ...: a kept copy is never overwritten."""
    base = f"{db_path.name}.replaced-{today.isoformat()}"
    candidate, n = db_path.with_name(base), 1
    while candidate.exists():
        n += 1
        candidate = db_path.with_name(f"{base}-{n}")
    return candidate


def check_source(source: str | Path) -> int:
    """Every check a restore needs, on the backup opened read-only (it is never changed):
    integrity, a docket schema not newer than this program's, an intact event chain whose
    business rows agree with it. Returns the number of events; raises BadInput otherwise."""
    from docket.core import audit
    from docket.store import backup as store
    from docket.store.db import connect, refuse_foreign, table_names
    from docket.store.migrations import MIGRATIONS

    not_docket = BadInput(f"{source} 不是 docket 数据库备份，未恢复")
    try:
        refuse_foreign(Path(source))  # empty, not SQLite, another application's: refused alike
        src = connect(source, readonly=True)
    except (OSError, sqlite3.Error, DocketError):
        raise not_docket from None
    try:
        ok = store.integrity(src)
        if ok != "ok":
            raise BadInput(f"{source} 已损坏（integrity_check：{ok}），未恢复")
        if not BACKUP_TABLES <= table_names(src):
            raise not_docket
        applied = store.applied_migrations(src)
        newer = sorted(applied - {fn.__name__ for fn in MIGRATIONS})
        if newer:
            raise BadInput(f"{source} 由更新版本的 docket 创建（结构版本 {newer[-1]}，本程序只认识到"
                           f" {MIGRATIONS[-1].__name__}），未恢复；请升级 docket 后再恢复")
        n, bad = audit.check(src, need_head="m003_event_head" in applied)
    except sqlite3.DatabaseError:
        raise not_docket from None
    finally:
        src.close()
    if bad:
        raise BadInput(msg.RESTORE_BAD_LOG.format(source=source, problem=audit.describe(bad)))
    return n


def restore(db_path: Path, source: str | Path, *, actor: str, today: date) -> Path | None:
    """Check the backup, keep the live database (a consistent copy, .replaced-DATE), put the
    backup's content in its place and migrate it: all under one write lock, or nothing changes.
    An older-schema backup is migrated to this version in the same transaction."""
    from docket.store import backup as store
    from docket.store import events
    from docket.store.db import connect, migrate, opened, write

    db_path = Path(db_path)
    if db_path.exists() and Path(source).resolve() == db_path.resolve():
        raise BadInput(f"{source} 就是当前数据库，无需恢复")
    n = check_source(source)
    existed = db_path.exists()
    kept = _free_name(db_path, today) if existed else None
    with opened(db_path, create=not existed) as conn:
        with store.attached(conn, source), write(conn):
            if kept:  # the lock is held, nothing written yet: this is every acknowledged write
                reader = connect(db_path, readonly=True)
                try:
                    _write_copy(reader, kept)
                finally:
                    reader.close()
            try:
                store.replace_with_attached(conn)
                migrate(conn)
                events.append(conn, by=actor, action="restore", entity="database",
                              detail={"source": str(source), "kept": str(kept) if kept else None,
                                      "events": n}, today=today)
            except BaseException:
                if kept:
                    kept.unlink(missing_ok=True)  # nothing was replaced: nothing to keep
                raise
        head = events.head(conn)
    if head:  # a new chain: the old anchor is evidence of nothing now
        events.write_anchor(db_path, *head)
    return kept
