"""Opening the SQLite store: pragmas, the one write transaction, migrations on open.

Stdlib only on the read path; sqlite-utils is imported only when a migration runs.
"""
from __future__ import annotations

import errno
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from docket.core import messages as msg
from docket.core.dates import now_iso
from docket.core.errors import BadInput, Conflict, DocketError, NotFound
from docket.store.migrations import pending

# SQLite's WAL needs shared memory and POSIX locks that network file systems do not give
# (sqlite.org/wal.html, "WAL does not work over a network filesystem").
NETWORK_FS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "ceph", "glusterfs",
                        "fuse.glusterfs", "fuse.sshfs", "sshfs", "fuse.rclone", "davfs", "fuse.davfs2"})
MOUNTINFO = "/proc/self/mountinfo"
DB_MODE = 0o600  # the database holds personal data: owner only (SQLite gives -wal/-shm the same)


def uri(path: str | Path, *, readonly: bool = False) -> str:
    """A file: URI for `path` (any character quoted); `readonly` opens without ever writing."""
    return Path(os.path.abspath(path)).as_uri() + ("?mode=ro" if readonly else "")


LOW_ROOM = 1 << 20  # under 1 MiB free, SQLite's "disk I/O error" is taken as a full disk


def file_problem(e: sqlite3.Error, path: str | Path) -> int | None:
    """What an SQLite error on the file `path` means for the user, as an errno: ENOSPC (the disk
    is full), EROFS (the file, its folder or the disk cannot be written), or None (something
    else). SQLite's texts: 'database or disk is full', 'disk I/O error' (ENOSPC met while the
    -wal/-shm grow), 'attempt to write a readonly database', 'unable to open database file'."""
    text = str(e).lower()
    p = Path(path)
    folder = p.parent if str(p.parent) else Path(".")
    if "database or disk is full" in text:
        return errno.ENOSPC
    if "disk i/o error" in text:
        try:
            st = os.statvfs(folder)
        except OSError:
            return None
        return errno.ENOSPC if st.f_bavail * st.f_frsize < LOW_ROOM else None
    if "readonly database" in text:
        return errno.EROFS
    if "unable to open database file" in text:
        writable = os.access(folder, os.W_OK) and (not p.exists() or os.access(p, os.W_OK))
        return None if writable else errno.EROFS
    return None


def storage_error(e: sqlite3.Error, path: str | Path) -> DocketError | None:
    """The Chinese error for a full disk or a read-only database (file_problem), or None."""
    problem = file_problem(e, path)
    if problem == errno.ENOSPC:
        return DocketError(msg.DB_DISK_FULL.format(path=path))
    if problem == errno.EROFS:
        return DocketError(msg.DB_READ_ONLY.format(path=path))
    return None


def _db_path(conn: sqlite3.Connection) -> str:
    try:
        return conn.execute("PRAGMA database_list").fetchone()[2] or ""
    except sqlite3.Error:
        return ""


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(uri(path, readonly=readonly), uri=True, isolation_level=None,
                           check_same_thread=False, timeout=10)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        if readonly:
            return conn
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.OperationalError as e:
        conn.close()
        mapped = storage_error(e, path)
        if mapped is None:
            raise
        raise mapped from e
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
    except sqlite3.OperationalError as e:  # still locked after busy_timeout (or a file problem)
        raise (storage_error(e, _db_path(conn)) or Conflict(msg.DATABASE_BUSY)) from e
    try:
        yield conn
        if dry_run:
            conn.rollback()
            return
        conn.commit()
    except sqlite3.OperationalError as e:  # a full disk or read-only file: nothing is kept
        if conn.in_transaction:
            conn.rollback()
        mapped = storage_error(e, _db_path(conn))
        if mapped is None:
            raise
        raise mapped from e
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    _anchor(conn)


def _anchor(conn: sqlite3.Connection) -> None:
    """After a commit: write the chain's head to the file beside the database (events.anchor),
    unless the chain no longer holds the anchored event: that evidence is kept for audit verify."""
    from docket.store import events

    try:
        head = conn.execute("SELECT last_id, hash FROM event_head WHERE id = 1").fetchone()
        path = conn.execute("PRAGMA database_list").fetchone()[2]
        if not (head and path):
            return
        old = events.read_anchor(Path(path))
        if old == "bad" or (old and conn.execute("SELECT 1 FROM events WHERE id = ? AND hash = ?",
                                                 old).fetchone() is None):
            return
    except sqlite3.Error:
        return
    events.write_anchor(Path(path), head[0], head[1])


def _unescape(field: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def network_fs(folder: str | Path, mounts: str | None = None) -> str | None:
    """The type of the network file system `folder` lies on (nfs4, cifs ...), or None.

    `mounts` is the text of /proc/self/mountinfo (or /proc/mounts); read when not given."""
    if mounts is None:
        try:
            mounts = Path(MOUNTINFO).read_text(encoding="utf-8", errors="replace")
        except OSError:  # not Linux: nothing to tell
            return None
    target = os.path.realpath(folder)
    best, kind = "", None
    for line in mounts.splitlines():
        if " - " in line:  # mountinfo: id parent dev root MOUNT opts ... - TYPE source opts
            left, right = line.split(" - ", 1)
            fields, tail = left.split(), right.split()
            if len(fields) < 5 or not tail:
                continue
            point, fstype = _unescape(fields[4]), tail[0]
        else:              # /proc/mounts: source MOUNT TYPE opts 0 0
            fields = line.split()
            if len(fields) < 3:
                continue
            point, fstype = _unescape(fields[1]), fields[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fstype
    if kind and (kind in NETWORK_FS or kind.startswith("nfs")):
        return kind
    return None


def table_names(conn: sqlite3.Connection) -> set[str]:
    """The names of the database's tables."""
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def refuse_foreign(path: Path, *, create: bool = False) -> None:
    """Look at an existing file read-only, before any pragma that writes: a 0-byte file (unless
    creating) or another application's file is refused and left byte for byte as it was."""
    if path.stat().st_size == 0:
        if create:
            return
        raise BadInput(msg.DB_EMPTY_FILE.format(path=path))
    try:
        ro = connect(path, readonly=True)
        try:
            tables = table_names(ro)
        finally:
            ro.close()
    except sqlite3.DatabaseError as e:  # a WAL file in a read-only folder cannot even be read
        raise (storage_error(e, path) or BadInput(msg.NOT_A_DB.format(path=path))) from e
    if "_docket_migrations" not in tables and (tables or not create):
        raise BadInput(msg.NOT_A_DB.format(path=path))


def check_place(path: Path) -> None:
    """Refuse a database on a network file system (see NETWORK_FS)."""
    fs = network_fs(path.parent)
    if fs:
        raise BadInput(msg.DB_ON_NETWORK.format(path=path, fs=fs))


@contextmanager
def opened(path: str | Path, *, create: bool = False) -> Iterator[sqlite3.Connection]:
    """Connect to an existing database (or a new one when `create`), migrated to this version."""
    p = Path(path)
    if p.exists():
        refuse_foreign(p, create=create)
    elif not create:
        raise NotFound(msg.DB_MISSING.format(path=p))
    check_place(p)
    if create and not p.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.close(os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, DB_MODE))
            os.chmod(p, DB_MODE)  # whatever the umask
        except FileExistsError:
            pass
    conn = connect(p)
    try:
        migrate(conn)
        yield conn
    except sqlite3.OperationalError as e:  # a write outside write(), or a migration
        mapped = storage_error(e, p)
        if mapped is None:
            raise
        raise mapped from e
    finally:
        conn.close()


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the pending migrations of store/migrations.py, all in one write transaction."""
    try:
        if not pending(conn):
            return
    except Exception as e:
        if isinstance(e, BadInput):
            raise
        raise BadInput(msg.NOT_A_DB.format(path=conn.execute("PRAGMA database_list").fetchone()[2])) from e
    with write(conn):
        for fn in pending(conn):  # re-read under the lock
            fn(conn)
            conn.execute("INSERT INTO _docket_migrations (name, applied_at) VALUES (?, ?)", (fn.__name__, now_iso()))
