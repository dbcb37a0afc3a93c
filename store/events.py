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

    Each of `anchors` (id, hash: the head file, a head printed by a backup) must be in the chain;
    the business tables must agree with the events that made them (records())."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
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
    return n, records(conn)


CREATING = ("add", "import")
# the events that make or change business rows, read in one pass by records()
_RECORDING = ("add", "import", "reply", "reply.member", "reply.copy", "reply.fix_class", "opinion",
              "assign", "assign.support", "rehandle", "extend", "due.recompute", "evaluate")


def records(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The first business row that disagrees with the events it came from, or None.

    Every item has its creating event and every creating event its item; an item's state is the
    `after.state` of its last event that changed one; a reply's class and date are those its
    events recorded (reply, reply.member, reply.copy, then reply.fix_class by reply id); an
    item's assignments (unit, role, due date) are those made by assign, assign.support and
    rehandle, moved by extend and due.recompute; its evaluations (round, result, date) those of
    its evaluate events. One pass over the events, one over each table (no per-row query)."""
    created: dict[int, tuple[int, Any]] = {}                 # item id -> (event id, number)
    states: dict[int, str] = {}
    said: dict[int, set[tuple[str, str | None]]] = {}        # by item: a unit may be renamed since
    fixed: dict[int, str] = {}
    given: dict[int, list[list]] = {}                        # item -> [unit, role, due] expected
    rated: dict[int, list[tuple]] = {}                       # item -> [(round, result, on)]
    for r in conn.execute(
            "SELECT id, item_id, entity, entity_id, action, json_extract(detail, '$.after.state'),"
            " CASE WHEN action IN (" + ",".join("?" * len(_RECORDING)) + ") THEN detail END"
            " FROM events WHERE item_id IS NOT NULL OR action IN ('add', 'import') ORDER BY id",
            _RECORDING):
        eid, item_id, entity, entity_id, action, state, text = r
        if state is not None and item_id is not None:
            states[item_id] = state
        if text is None:
            continue
        d = json.loads(text)
        if action in CREATING:
            if entity == "item":
                created.setdefault(entity_id, (eid, d.get("number")))
        elif action == "reply.fix_class":
            fixed[d.get("reply_id")] = (d.get("after") or {}).get("class")
        elif action.startswith("reply") or action == "opinion":
            said.setdefault(item_id, set()).add((d.get("class"), d.get("on")))
        elif action == "assign":
            rows = given.setdefault(item_id, [])
            rows.append([d.get("lead"), "lead", d.get("due_on")])
            rows += [[x.get("unit"), "support", x.get("due_on")] for x in d.get("support") or ()]
        elif action == "assign.support":
            given.setdefault(item_id, []).extend(
                [x.get("unit"), "support", x.get("due_on")] for x in d.get("support") or ())
        elif action == "rehandle":
            given.setdefault(item_id, []).append([d.get("unit"), "lead", d.get("due_on")])
        elif action in ("extend", "due.recompute"):
            before, after = (d.get("before") or {}).get("due_on"), (d.get("after") or {}).get("due_on")
            for row in given.get(item_id, ()):
                if row[0] == d.get("unit") and row[2] == before and d.get("role", row[1]) == row[1]:
                    row[2] = after
                    break
        elif action == "evaluate":
            rated.setdefault(item_id, []).append((d.get("round"), d.get("result"), d.get("on")))
    numbers: dict[int, Any] = {}
    for item_id, number, state in conn.execute("SELECT id, number, state FROM items ORDER BY id"):
        numbers[item_id] = number
        if item_id not in created:
            return {"id": None, "problem": "item_without_event", "number": number}
    for item_id, (eid, number) in sorted(created.items(), key=lambda kv: kv[1][0]):
        if item_id not in numbers:
            return {"id": eid, "problem": "item_deleted", "number": number}
    for item_id, number, state in conn.execute("SELECT id, number, state FROM items ORDER BY id"):
        if item_id in states and states[item_id] != state:
            return {"id": None, "problem": "item_state", "number": number, "state": state,
                    "expected": states[item_id]}
    for r in conn.execute("SELECT r.id, r.item_id, r.class, r.replied_on, u.name, i.number FROM replies r"
                          " JOIN units u ON u.id = r.unit_id JOIN items i ON i.id = r.item_id ORDER BY r.id"):
        rid, item_id, cls, on, unit, number = r
        options = said.get(item_id, set())
        class_ok = fixed[rid] == cls if rid in fixed else any(c == cls for c, _ in options)
        date_ok = any(d is None or d == on for _, d in options)
        if not (class_ok and date_ok):
            return {"id": None, "problem": "reply", "number": number, "unit": unit}
    have: dict[int, list[tuple]] = {}
    for item_id, unit, role, due in conn.execute(
            "SELECT a.item_id, u.name, a.role, a.due_on FROM assignments a"
            " JOIN units u ON u.id = a.unit_id ORDER BY a.id"):
        have.setdefault(item_id, []).append((unit, role, due))
    for item_id in sorted(set(have) | set(given), key=lambda i: numbers.get(i, 0) or 0):
        made = sorted(have.get(item_id, []), key=repr)
        wanted = sorted((tuple(row) for row in given.get(item_id, [])), key=repr)
        if made != wanted:
            odd = next((a for a in made if made.count(a) > wanted.count(a)), None) \
                or next(a for a in wanted if wanted.count(a) > made.count(a))
            return {"id": None, "problem": "assignment", "number": numbers.get(item_id),
                    "unit": odd[0], "role": odd[1], "due_on": odd[2]}
    got: dict[int, list[tuple]] = {}
    for item_id, round_, result, on in conn.execute(
            "SELECT item_id, round, result, evaluated_on FROM evaluations ORDER BY id"):
        got.setdefault(item_id, []).append((round_, result, on))
    for item_id in sorted(set(got) | set(rated), key=lambda i: numbers.get(i, 0) or 0):
        if sorted(got.get(item_id, []), key=repr) != sorted(rated.get(item_id, []), key=repr):
            return {"id": None, "problem": "evaluation", "number": numbers.get(item_id)}
    return None


def for_item(conn: sqlite3.Connection, item_ids: list[int]) -> Iterator[sqlite3.Row]:
    marks = ",".join("?" * len(item_ids))
    return conn.execute(f"SELECT * FROM events WHERE item_id IN ({marks}) ORDER BY id", item_ids)
