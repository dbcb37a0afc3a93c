"""`docket list --sort due`: the clerk's running items come first (contract: `color` and
`days_left` are set only while a lead assignment is open)."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import as_json, ok


def test_list_by_due_puts_running_items_before_older_finished_ones(office_db: Path) -> None:
    for n in range(1, 5):
        ok("add", "--title", f"建议{n}", "--proposer", "张三", "--received", "2026-01-02")
    ok("assign", "1", "--lead", "卫健局", "--on", "2026-01-05")  # the oldest date, replied
    ok("reply", "1", "--unit", "卫健局", "--class", "A", "--on", "2026-03-01")
    ok("assign", "3", "--lead", "水利局", "--on", "2026-03-02")
    ok("assign", "2", "--lead", "水利局", "--on", "2026-02-02")
    listed = as_json("list", "--sort", "due")
    assert [r["number"] for r in listed] == [2, 3, 1, 4]
    assert [r["color"] is not None for r in listed] == [True, True, False, False]
    assert [r["days_left"] is not None for r in listed] == [True, True, False, False]
    assert listed[2]["due_on"] < listed[0]["due_on"] < listed[1]["due_on"]
