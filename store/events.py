"""The append-only, hash-chained event log: who did what, when, before and after."""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from docket.core.dates import now_iso

GENESIS = "0" * 64


def _digest(prev_hash: str, at: str, by: str, action: str, entity: str,
            entity_id: int | None, item_id: int | None, detail: str) -> str:
    payload = json.dumps([prev_hash, at, by, action, entity, entity_id, item_id, detail],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(conn: sqlite3.Connection, *, by: str, action: str, entity: str,
           entity_id: int | None = None, item_id: int | None = None,
           detail: dict[str, Any] | None = None, today: date | None = None) -> int:
    """Append one event; the caller holds the write transaction. Returns its id."""
    return append_all(conn, [pending(by=by, action=action, entity=entity, entity_id=entity_id,
                                     item_id=item_id, detail=detail, today=today)])


_INSERT = ("INSERT INTO events (at, by, action, entity, entity_id, item_id, detail, prev_hash, hash)"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_HEAD = ("INSERT INTO event_head (id, last_id, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE"
         " SET last_id = excluded.last_id, hash = excluded.hash")


def _detail_text(detail: dict[str, Any] | None) -> str:
    return json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str)


def pending(*, by: str, action: str, entity: str, entity_id: int | None = None,
            item_id: int | None = None, detail: dict[str, Any] | None = None,
            today: date | None = None) -> tuple:
    """An event made now (append's arguments, its time taken now) for `append_all` later."""
    return (now_iso(today), by, action, entity, entity_id, item_id, _detail_text(detail))


def append_all(conn: sqlite3.Connection, events: list[tuple]) -> int | None:
    """The `pending` events in order (one chain, each its own time), in one executemany and one
    write of the head; the caller holds the write transaction and empties the list. Returns the
    last event's id (None: no events). The one place the chain is written."""
    if not events:
        return None
    row = conn.execute("SELECT hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS
    rows = []
    for at, by, action, entity, entity_id, item_id, text in events:
        h = _digest(prev, at, by, action, entity, entity_id, item_id, text)
        rows.append((at, by, action, entity, entity_id, item_id, text, prev, h))
        prev = h
    conn.executemany(_INSERT, rows)
    last = conn.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
    conn.execute(_HEAD, (last[0], last[1]))
    return int(last[0])


# -- the anchor: the chain's head kept outside the database ----------------------------------
# Anyone who can edit the file can rewrite the chain and recompute every hash, or empty it; the
# head written beside the database after every commit ("docket.db.head": last id and hash) and
# printed by every backup is what such a rewrite cannot match. The chain must CONTAIN the anchored
# event (same id, same hash): a writer that commits first may write its older head last, and an
# older head is still a correct (weaker) anchor; truncation, truncation + new events, a rewrite
# and a wipe all lose the anchored event.

_anchor_lock = threading.Lock()


def anchor_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".head")


def write_anchor(db_path: Path, last_id: int, h: str) -> None:
    """Best effort, after the commit (so a crash never leaves an anchor ahead of the database)."""
    target = anchor_path(db_path)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    try:
        with _anchor_lock:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(f"{last_id} {h}\n")
            os.replace(tmp, target)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def parse_anchor(text: str) -> tuple[int, str] | None:
    """"12 ab34..." (or "12:ab34...") -> (12, "ab34..."); None when it is not one."""
    parts = text.strip().replace(":", " ").split()
    if len(parts) != 2 or not parts[0].isdigit() or len(parts[1]) < 8 \
            or any(c not in "0123456789abcdef" for c in parts[1].lower()):
        return None
    return int(parts[0]), parts[1].lower()


def read_anchor(db_path: Path) -> tuple[int, str] | None | str:
    """The anchored head; None when there is no head file; "bad" when it is unreadable."""
    try:
        text = anchor_path(db_path).read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return None
    except OSError:
        return "bad"
    return parse_anchor(text) or "bad"


def head(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """The chain's last (id, hash), to print in a backup's output."""
    row = conn.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else None


def verify(conn: sqlite3.Connection, anchors: list[tuple[int, str]] = (), *,
           need_head: bool = True) -> tuple[int, dict[str, Any] | None]:
    """Walk the chain; return (events checked, first bad event or None).

    Each of `anchors` (id, hash: the head file, a head printed by a backup) must be in the chain.
    Whether the business rows agree with the events is core.audit's question (audit.check)."""
    from docket.store.db import table_names

    tables = table_names(conn)
    missing = sorted({"events", "event_head"} - tables if need_head else {"events"} - tables)
    if missing:
        return 0, {"id": None, "problem": "no_table", "table": missing[0]}
    wanted = {a[0] for a in anchors}
    seen: dict[int, str] = {}
    prev = GENESIS
    expected_id = None
    n = 0
    for r in conn.execute("SELECT * FROM events ORDER BY id"):
        n += 1
        if r["id"] in wanted:
            seen[r["id"]] = r["hash"]
        problem = None
        if expected_id is not None and r["id"] != expected_id:
            problem = "deleted"
        elif r["prev_hash"] != prev:
            problem = "deleted" if n > 1 else "changed"
        elif _digest(prev, r["at"], r["by"], r["action"], r["entity"], r["entity_id"],
                     r["item_id"], r["detail"]) != r["hash"]:
            problem = "changed"
        if problem:
            return n, {"id": r["id"], "problem": problem, "at": r["at"], "by": r["by"],
                       "action": r["action"]}
        prev = r["hash"]
        expected_id = r["id"] + 1
    head = conn.execute("SELECT last_id, hash FROM event_head WHERE id = 1").fetchone() \
        if "event_head" in tables else None
    last = (expected_id or 1) - 1
    if (head and (head[0] != last or head[1] != prev)) or (head is None and n and need_head):
        # the newest events were deleted (or the head itself was edited)
        return n, {"id": head[0] if head else None, "problem": "truncated", "last": last}
    for aid, ahash in anchors:
        if aid > last:
            return n, {"id": aid, "problem": "anchor_truncated", "last": last}
        if seen.get(aid) != ahash:
            return n, {"id": aid, "problem": "rewritten", "last": last}
    return n, None


def for_item(conn: sqlite3.Connection, item_ids: list[int]) -> Iterator[sqlite3.Row]:
    """An item's history (with the items merged into it), oldest first."""
    marks = ",".join("?" * len(item_ids))
    return conn.execute(f"SELECT * FROM events WHERE item_id IN ({marks}) ORDER BY id", item_ids)


def count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]


def file_has_action(path: Path, action: str) -> bool:
    """Whether the database file at `path` (opened read-only) records an event of `action`;
    False for a file that is no SQLite database."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT 1 FROM events WHERE action = ? LIMIT 1", (action,)).fetchone() is not None
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
