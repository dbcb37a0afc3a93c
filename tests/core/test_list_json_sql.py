"""`list --json` rows built by SQLite (core.queue.iter_json, store.queue.json_rows) are, byte for
byte, what json.dumps(ensure_ascii=False) writes of the Python-built rows (iter_items): on the
demo county (every colour, supports, merged items, replies, evaluations), with awkward text
(quotes, backslashes, control characters, DEL and C1, co-proposers, no category, a unit
supporting twice), for the filters whose rows SQL keeps and orders, and on a tracked round whose
colours follow the plan."""
from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from docket.core.queue import iter_items, iter_json
from docket.core.queue_filter import QueueFilter
from docket.store.db import opened
from tests.conftest import as_json, invoke, ok

TODAY = date(2026, 3, 20)
ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def both(conn: sqlite3.Connection, as_of: date, f: QueueFilter, limit: int | None = None,
         session: str | None = None) -> tuple[list[bytes], list[bytes]]:
    """(iter_json's rows, iter_items' rows encoded by json); every row of the first from SQL."""
    got = list(iter_json(conn, as_of=as_of, filter=f, limit=limit, session=session))
    assert all(isinstance(r, bytes) for r in got), f
    want = [ENCODE(r).encode() for r in iter_items(conn, as_of=as_of, filter=f, limit=limit,
                                                    session=session)]
    return got, want


@pytest.fixture
def awkward(demo_county, tmp_path: Path) -> Path:
    db = tmp_path / "demo.db"
    shutil.copy(demo_county().path, db)
    conn = sqlite3.connect(db)  # as an old database or an odd import may hold them
    conn.execute("UPDATE items SET title = ?, co_proposers = ?, category = NULL WHERE number = 3",
                 ('关于"引号"\\反斜杠\t\x01\x7f\x9b·的建议', json.dumps(["李四", '王"五\\'], ensure_ascii=False)))
    conn.execute("UPDATE items SET co_proposers = ? WHERE number = 4", ('["赵六","钱七"]',))
    # a unit supporting the same item twice (a later round): shown once, where it came first
    conn.execute("INSERT INTO assignments (item_id, unit_id, role, round, assigned_on, due_on, first_due_on,"
                 " yardstick_due_on, created_at) SELECT item_id, unit_id, role, round + 1, assigned_on,"
                 " due_on, first_due_on, yardstick_due_on, created_at FROM assignments"
                 " WHERE role = 'support' AND returned_on IS NULL ORDER BY id LIMIT 1")
    conn.commit()
    conn.close()
    return db


FILTERS = [(QueueFilter(sort="number"), None), (QueueFilter(sort="number"), 7),
           (QueueFilter(sort="due"), None), (QueueFilter(sort="due"), 9),
           (QueueFilter(color="red", sort="number"), None), (QueueFilter(color="yellow", sort="due"), None),
           (QueueFilter(color="white", sort="number"), 5), (QueueFilter(overdue=True, sort="due"), 50),
           (QueueFilter(state="merged", sort="number"), None), (QueueFilter(state="replied", sort="number"), None),
           (QueueFilter(unit="县教育局", sort="number"), None), (QueueFilter(key=True, sort="due"), None),
           (QueueFilter(view="unassigned", sort="number"), None),
           (QueueFilter(text="路", sort="rank"), None), (QueueFilter(text="建议 县", sort="number"), 4)]


def test_sql_built_rows_are_the_python_rows_as_json_writes_them(awkward: Path) -> None:
    with opened(awkward) as conn:
        for as_of in (TODAY, date(2026, 2, 10)):
            full = [json.loads(r) for r in iter_json(conn, as_of=as_of, filter=QueueFilter(sort="number"))]
            assert {r["color"] for r in full} >= {"white", "yellow", "red", None}
            assert {r["state"] for r in full} >= {"assigned", "rehandling", "merged", "replied", "closed"}
            assert any(r["support_units"] for r in full) and any(r["result"] for r in full)
            for f, limit in FILTERS:
                got, want = both(conn, as_of, f, limit)
                assert got == want, (as_of, f, limit)
    out = invoke("--db", str(awkward), "list", "--json").stdout_bytes
    assert b"\\u007f\\u009b\xc2\xb7" in out  # DEL and C1 escaped on the way out, · as it is
    rows = json.loads(out)
    third = next(r for r in rows if r["number"] == 3)
    assert (third["co_proposers"], third["category"]) == (["李四", '王"五\\'], None)
    twice = [r for r in rows if len(r["support_units"]) != len(set(r["support_units"]))]
    assert twice == []


ROUND = "2026年部门工作评议整改"


def test_a_tracked_round_takes_the_worse_of_plan_and_due_date(office_db: Path) -> None:
    """Problem 1 due 05-19, 10 % reported on 03-26: yellow by lag on 04-01, red on 04-13, its
    due date white throughout (test_remind_tracked.py); problem 2 has no plan."""
    ok("rectify", "new", ROUND)
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局")
    ok("rectify", "add", "--problem", "村道破损", "--unit", "农业农村局")
    ok("rectify", "plan", "1", "--target", "汛前完成主河道清淤", "--measures", "分三段清淤",
       "--person", "李明", "--due", "2026-05-19")
    ok("rectify", "progress", "1", "10", "--note", "完成摸底", today="2026-03-26")
    with opened(office_db) as conn:
        for day, colour in (("2026-03-31", "white"), ("2026-04-01", "yellow"), ("2026-04-13", "red")):
            as_of = date.fromisoformat(day)
            for f, limit in ((QueueFilter(sort="number"), None), (QueueFilter(sort="number"), 1),
                             (QueueFilter(text="河道", sort="rank"), None)):
                got, want = both(conn, as_of, f, limit, session=ROUND)
                assert got == want and got, (day, f)
            assert json.loads(got[0])["color"] == colour
            listed = as_json("--session", ROUND, "list", today=day)
            assert (listed[0]["number"], listed[0]["color"], listed[0]["state_label"]) == (1, colour, "整改中")


def test_an_sqlite_quoting_otherwise_leaves_the_json_to_python(demo_county, monkeypatch) -> None:
    """Were json_quote to escape some character as json.dumps does not (another SQLite), the
    rows are Python's: the same text."""
    from docket.store import queue as listing

    with opened(demo_county().path) as conn:
        f = QueueFilter(sort="number")
        sql_built = list(iter_json(conn, as_of=TODAY, filter=f))
        monkeypatch.setattr(listing, "json_quote_matches", lambda conn, text: '"other"')
        python_built = list(iter_json(conn, as_of=TODAY, filter=f))
    assert all(isinstance(r, dict) for r in python_built)
    assert [ENCODE(r).encode() for r in python_built] == sql_built
