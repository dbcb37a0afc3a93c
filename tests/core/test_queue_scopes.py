"""The queue's partial listings: the first screen of a view and sort, and the rows an action
touched."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from docket.core.queue import first_numbers, first_rows, list_items
from docket.store.db import opened
from tests.conftest import ok


def test_first_rows_and_numbers_give_the_same_rows_as_the_full_listing(office_db: Path) -> None:
    for n, (unit, on) in enumerate([("水利局", "2026-01-05"), ("卫健局", "2026-02-02"),
                                    ("水利局", "2026-03-02"), (None, None)], start=1):
        ok("add", "--title", f"建议{n}", "--proposer", "张三", "--received", "2026-01-02")
        if unit:
            ok("assign", str(n), "--lead", unit, "--on", on)
    with opened(office_db) as conn:
        full = list_items(conn, as_of=date(2026, 4, 20), sort="due")
        first = first_rows(conn, 2, as_of=date(2026, 4, 20), sort="due")
        some = list_items(conn, as_of=date(2026, 4, 20), numbers=[4, 2])
    # due 04-07 (01-05 + 3 months, 04-05 in 清明 -> 04-07), 05-06 (02-02 + 3 months, 05-02 in 劳动节)
    assert [(r["number"], r["due_on"], r["color"]) for r in first] == [
        (1, "2026-04-07", "red"), (2, "2026-05-06", "yellow")]
    assert first == full[:2]
    assert some == [r for r in full if r["number"] in (2, 4)]


def test_first_numbers_follow_the_queue_order_whatever_the_data_shape(office_db: Path) -> None:
    """`docket list --sort due`'s order (QueueFilter.sort_key): running items first, then the
    other items with a due date, each earliest on top, then those with none, by number; the
    same with nothing urgent at all; a view's states."""
    with opened(office_db) as conn:
        assert first_numbers(conn, 3) == []
    for n in range(1, 7):
        ok("add", "--title", f"建议{n}", "--proposer", "张三", "--received", "2026-01-02")
    with opened(office_db) as conn:  # all registered: by number, whichever sort
        assert first_numbers(conn, 3) == first_numbers(conn, 3, sort="number") == [1, 2, 3]
    ok("assign", "5", "--lead", "水利局", "--on", "2026-03-02")
    ok("assign", "6", "--lead", "水利局", "--on", "2026-01-05")
    ok("assign", "2", "--lead", "卫健局", "--on", "2026-01-05")
    ok("reply", "2", "--unit", "卫健局", "--class", "A", "--on", "2026-03-01")
    with opened(office_db) as conn:
        # 2 replied keeps its date (the same as 6's) but comes after the running 6 and 5
        assert first_numbers(conn, 6) == [6, 5, 2, 1, 3, 4] == [
            r["number"] for r in list_items(conn, as_of=date(2026, 3, 20), sort="due")]
        assert first_numbers(conn, 2) == [6, 5]
        assert first_numbers(conn, 3) == [6, 5, 2]
        assert first_numbers(conn, 9, sort="number") == [1, 2, 3, 4, 5, 6]
        assert first_numbers(conn, 9, states={"registered"}) == [1, 3, 4]
        assert first_numbers(conn, 2, sort="number", states={"assigned", "replied"}) == [2, 5]
