"""`docket list` at 100,000 items (issue 16): filters, sort and limit run in SQL, a colour is a
range of due dates, and a page reads and colours only the rows it shows. The rule stays the
filter's (core/queue_filter.py) and the deadline's (core/deadlines.py): these tests hold the SQL
to it."""
from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from docket.core.deadlines import Deadlines
from docket.core.queue import list_items
from docket.core.queue_filter import QueueFilter
from docket.store.db import opened
from tests.conftest import invoke, ok

TODAY = date(2026, 3, 20)


@pytest.mark.parametrize("yellow", ["10 workdays", "0 workdays", "3 workdays", "7 days", "0 days",
                                    "1 months"])
def test_a_colour_range_holds_exactly_the_due_dates_of_that_colour(office_db: Path, yellow: str) -> None:
    """Every due date from 20 days before to 60 after each as_of, around 春节 2026 (02-15..02-23
    off, 02-14 and 02-28 worked) and 国庆: `color` and `color_range` agree."""
    ok("config", "set", "colors.yellow", yellow)
    with opened(office_db) as conn:
        dl = Deadlines(conn)
        for as_of in [date(2026, 2, 6), date(2026, 2, 13), date(2026, 2, 14), date(2026, 2, 16),
                      date(2026, 2, 27), TODAY, date(2026, 9, 25), date(2026, 10, 1)]:
            ranges = {c: dl.color_range(c, as_of) for c in ("white", "yellow", "red")}
            for k in range(-20, 61):
                due = as_of + timedelta(days=k)
                inside = [c for c, (first, last) in ranges.items()
                          if (first is None or first <= due) and (last is None or due <= last)]
                assert inside == [dl.color(due, as_of)[0].value], (as_of, due)


def _filters() -> list[tuple[QueueFilter, int | None]]:
    out: list[tuple[QueueFilter, int | None]] = []
    for sort in ("number", "due"):
        for limit in (None, 7):
            out += [(QueueFilter(sort=sort), limit),
                    (QueueFilter(state="assigned", sort=sort), limit),
                    (QueueFilter(state="merged", sort=sort), limit),
                    (QueueFilter(color="red", sort=sort), limit),
                    (QueueFilter(color="yellow", sort=sort), limit),
                    (QueueFilter(color="white", sort=sort), limit),
                    (QueueFilter(overdue=True, sort=sort), limit),
                    (QueueFilter(overdue=True, color="yellow", sort=sort), limit),
                    (QueueFilter(key=True, sort=sort), limit),
                    (QueueFilter(fast=True, color="white", sort=sort), limit),
                    (QueueFilter(unit="县教育局", sort=sort), limit),
                    (QueueFilter(unit="县教育局", color="red", state="rehandling", sort=sort), limit),
                    (QueueFilter(view="unassigned", sort=sort), limit),
                    (QueueFilter(view="due_soon", sort=sort), limit),
                    (QueueFilter(view="overdue", unit="县财政局", sort=sort), limit),
                    (QueueFilter(view="to_evaluate", key=True, sort=sort), limit),
                    (QueueFilter(view="rehandle", sort=sort), limit)]
    return out


def test_sql_filters_keep_and_order_the_rows_the_filter_rule_does(demo_county) -> None:
    """Each listing of `list` and the TUI's views, read through SQL, is the full listing kept by
    `QueueFilter.matches` and ordered by its `sort_key` (running first for "due"), cut at the
    limit; on two days, so that colours move; restricted to some numbers too."""
    demo = demo_county()
    with opened(demo.path) as conn:
        for as_of in (TODAY, date(2026, 2, 10)):
            full = list_items(conn, as_of=as_of, with_units=True)
            assert {r["color"] for r in full} >= {"white", "yellow", "red", None}
            assert {r["state"] for r in full} >= {"assigned", "rehandling", "merged", "replied", "closed"}
            for f, limit in _filters():
                kept = sorted((r for r in full if f.matches(r)), key=f.sort_key())[:limit]
                want = [{k: v for k, v in r.items() if k != "units"} for r in kept]
                got = list_items(conn, as_of=as_of, filter=f, limit=limit)
                assert got == want, (as_of, f, limit)
            some = [r["number"] for r in full[::5]]
            f = QueueFilter(color="red", sort="due")
            assert list_items(conn, as_of=as_of, filter=f, numbers=some, with_units=True) == sorted(
                (r for r in full if r["number"] in some and f.matches(r)), key=f.sort_key())


class CountingDeadlines(Deadlines):
    """Deadlines counting the colours it works out (a working-day count each)."""
    calls = 0

    def color(self, due_on, as_of):
        CountingDeadlines.calls += 1
        return super().color(due_on, as_of)


def test_a_page_works_out_colours_only_for_the_rows_it_shows(demo_county) -> None:
    demo = demo_county()
    with opened(demo.path) as conn:
        running = sum(r["color"] is not None for r in list_items(conn, as_of=TODAY))
        assert running > 40
        for options in ({"color": "red"}, {"color": "yellow", "sort": "due"}, {"overdue": True},
                        {"sort": "due"}, {"state": "assigned"}, {"unit": "县教育局"}):
            CountingDeadlines.calls = 0
            rows = list_items(conn, as_of=TODAY, limit=3, dl=CountingDeadlines(conn), **options)
            assert len(rows) == 3 and CountingDeadlines.calls <= 3, options


def test_list_json_is_the_array_json_writes(office_db: Path) -> None:
    """The streamed array: `[]` when empty; one compact row per line; DEL and C1 escaped as
    \\u escapes, other text (· is U+00B7, whose UTF-8 shares C1's lead byte) as it is."""
    assert ok("list", "--json") == "[]\n"
    ok("add", "--title", "关于买买提·艾力反映的建议", "--proposer", "张三")
    ok("add", "--title", "关于清理的建议", "--proposer", "李四")
    conn = sqlite3.connect(office_db)  # as an old database may hold it: input refuses them now
    conn.execute("UPDATE items SET title = '关于\x9b清理\x7f的建议' WHERE number = 2")
    conn.commit()
    conn.close()
    out = invoke("list", "--json").stdout_bytes.decode()
    rows = json.loads(out)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    assert out == "[\n  " + ",\n  ".join(encode(r) for r in rows).replace(
        "\x9b", "\\u009b").replace("\x7f", "\\u007f") + "\n]\n"
    assert [r["title"] for r in rows] == ["关于买买提·艾力反映的建议", "关于\x9b清理\x7f的建议"]
    assert "\x9b" not in out and "\x7f" not in out and "·" in out


def test_a_reader_leaving_early_ends_the_dump_quietly(demo_county, tmp_path: Path) -> None:
    """`list --json | head -2`: the rows written so far are the whole array's first lines, and
    the closed pipe ends the dump without a word (141 as a shell reports SIGPIPE, or 0 when
    everything fitted in the pipe first)."""
    import os
    import subprocess
    import sys

    db = tmp_path / "demo.db"
    shutil.copy(demo_county().path, db)
    env = {**os.environ, "DOCKET_DB": str(db), "PYTHONUNBUFFERED": "1"}
    args = [sys.executable, "-m", "docket", "list", "--json"]
    whole = subprocess.run(args, env=env, capture_output=True, check=True).stdout
    with subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as p:
        assert p.stdout is not None
        head = p.stdout.readline() + p.stdout.readline()
        p.stdout.close()  # the reader goes away, as `head -2` does
        assert p.wait(timeout=60) in (0, 141) and p.stderr.read() == b""
    assert head == whole[:len(head)] and head.startswith(b"[\n  {\"number\": ")
