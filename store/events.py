"""The append-only, hash-chained event log: who did what, when, before and after."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date
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
    """Append one event; the caller holds the write transaction."""
    row = conn.execute("SELECT hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS
    at = now_iso(today)
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str)
    h = _digest(prev, at, by, action, entity, entity_id, item_id, text)
    cur = conn.execute(
        "INSERT INTO events (at, by, action, entity, entity_id, item_id, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (at, by, action, entity, entity_id, item_id, text, prev, h))
    eid = int(cur.lastrowid)
    conn.execute("INSERT INTO event_head (id, last_id, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE"
                 " SET last_id = excluded.last_id, hash = excluded.hash", (eid, h))
    return eid


def verify(conn: sqlite3.Connection) -> tuple[int, dict[str, Any] | None]:
    """Walk the chain; return (events checked, first bad event or None)."""
    prev = GENESIS
    expected_id = None
    n = 0
    for r in conn.execute("SELECT * FROM events ORDER BY id"):
        n += 1
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
    head = conn.execute("SELECT last_id, hash FROM event_head WHERE id = 1").fetchone()
    last = (expected_id or 1) - 1
    if (head and (head[0] != last or head[1] != prev)) or (head is None and n):
        # the newest events were deleted (or the head itself was edited)
        return n, {"id": head[0] if head else None, "problem": "truncated", "last": last}
    return n, None


def for_item(conn: sqlite3.Connection, item_ids: list[int]) -> Iterator[sqlite3.Row]:
    marks = ",".join("?" * len(item_ids))
    return conn.execute(f"SELECT * FROM events WHERE item_id IN ({marks}) ORDER BY id", item_ids)
