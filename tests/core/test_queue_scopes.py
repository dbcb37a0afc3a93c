"""The queue's partial listings: the most urgent first screen, and the rows an action touched."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from docket.core.queue import list_items
from docket.store.db import opened
from tests.conftest import ok


def test_urgent_and_numbers_give_the_same_rows_as_the_full_listing(office_db: Path) -> None:
    for n, (unit, on) in enumerate([("水利局", "2026-01-05"), ("卫健局", "2026-02-02"),
                                    ("水利局", "2026-03-02"), (None, None)], start=1):
        ok("add", "--title", f"建议{n}", "--proposer", "张三", "--received", "2026-01-02")
        if unit:
            ok("assign", str(n), "--lead", unit, "--on", on)
    with opened(office_db) as conn:
        full = list_items(conn, as_of=date(2026, 4, 20), sort="due")
        urgent = list_items(conn, as_of=date(2026, 4, 20), sort="due", urgent=2)
        some = list_items(conn, as_of=date(2026, 4, 20), numbers=[4, 2])
    # due 04-07 (01-05 + 3 months, 04-05 in 清明 -> 04-07), 05-06 (02-02 + 3 months, 05-02 in 劳动节)
    assert [(r["number"], r["due_on"], r["color"]) for r in urgent] == [
        (1, "2026-04-07", "red"), (2, "2026-05-06", "yellow")]
    assert urgent == full[:2]
    assert some == [r for r in full if r["number"] in (2, 4)]
