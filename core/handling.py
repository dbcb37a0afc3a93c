"""Handling (domain.md §5): what every action shares, the item re-read under the write lock, the
outcome, the event, ending assignments. The actions: assigning.py (assign, due-date recompute),
return_extend.py, replies.py (reply, fix_class), evaluation.py (evaluate, close).

Each call is one BEGIN IMMEDIATE transaction that checks the transition table, writes, and
appends its events; a failure anywhere leaves the database as it was.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

from docket.core import messages as msg
from docket.core.errors import BadInput, Conflict, NotFound
from docket.core.records import kind_label
from docket.core.units import Unit
from docket.store import assignments as store_assignments
from docket.store import events
from docket.store import items as store


@dataclass
class Outcome:
    """What one action did to one item, for the CLI's output and the TUI's per-item report."""
    number: int
    state: str
    detail: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    kind: str | None = None   # the item's kind, when the state is to be worded (state_label)


def item_for_write(conn: sqlite3.Connection, number: int, session: str | None,
          expect_version: int | None = None) -> sqlite3.Row:
    """The item, re-read under the write lock. With `expect_version` (the version the clerk's
    screen showed), a change made by someone else since is refused as a Conflict."""
    item = store.item_by_number(conn, store.current_session(conn, session), number)
    if expect_version is not None and item["version"] != expect_version:
        last = store.last_event_by(conn, item["id"])
        raise Conflict(msg.STALE.format(number=number, kind=kind_label(item["kind"]),
                                        by=last if last is not None else "他人"))
    return item


def item_event(conn, actor, today, item, action, **detail) -> None:
    events.append(conn, by=actor, action=action, entity="item", entity_id=item["id"],
                  item_id=item["id"], detail={"number": item["number"], **detail}, today=today)


def not_future(day: date, today: date, field: str) -> None:
    if day > today:
        raise BadInput(msg.ON_FUTURE.format(field=field, day=day.isoformat(), today=today.isoformat()))


def end_assignments(conn: sqlite3.Connection, item: sqlite3.Row, on: date, reason: str) -> list[int]:
    rows = store_assignments.open_assignments(conn, item["id"])
    for a in rows:
        store_assignments.set_ended(conn, a["id"], on.isoformat(), reason)
    return [a["id"] for a in rows]


def unit_assignment(conn, item, unit: Unit, *, open_only: bool = True) -> sqlite3.Row:
    rows = store_assignments.open_assignments(conn, item["id"]) if open_only else store_assignments.live_assignments(conn, item["id"])
    for a in rows:
        if a["unit_id"] == unit.id and (a["role"] == "support" or a["round"] == item["round"]):
            return a
    raise NotFound(msg.NOT_ASSIGNED_UNIT.format(number=item["number"], unit=unit.name))
