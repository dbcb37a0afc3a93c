"""`docket history` without a number (core.queue.history): the newest events with each one's item
kind (its states' words), read in one query however many items they touch (issue 16: 200 events
took one item read per item)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from docket.core.queue import history
from docket.store.db import opened
from tests.conftest import ok


def test_history_reads_the_events_and_their_kinds_in_one_query(office_db: Path) -> None:
    for k in range(1, 6):
        ok("add", "--title", f"关于第{k}条河道治理的建议", "--proposer", "张三")
    ok("rectify", "new", "2026年部门工作评议整改")
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局")
    with opened(office_db) as conn:
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        events = history(conn, limit=200)
        conn.set_trace_callback(None)
    assert len(statements) == 1, statements
    assert [(e["action"], e["kind"], e["detail"].get("number")) for e in events[-7:]] == [
        ("add", "suggestion", 1), ("add", "suggestion", 2), ("add", "suggestion", 3), ("add", "suggestion", 4),
        ("add", "suggestion", 5), ("rectify.new", None, None), ("add", "rectification", 1)]


def test_history_of_one_item_names_its_kind(office_db: Path) -> None:
    ok("rectify", "new", "2026年部门工作评议整改")
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局")
    with opened(office_db) as conn:
        events = history(conn, 1, session="2026年部门工作评议整改")
    assert [(e["action"], e["kind"]) for e in events] == [("add", "rectification")]
    assert date.fromisoformat(events[0]["at"][:10]) == date(2026, 3, 20)
