"""The TUI shows what the core says, as the commands do (issue 13 item 4): days left, rates."""
from __future__ import annotations

import json
from pathlib import Path

from docket.core.runtime import Runtime
from tests.conftest import ok
from tests.tui.helpers import TODAY


def _show_json(db: Path, number: int) -> dict:
    return json.loads(ok("--db", str(db), "show", str(number), "--json"))


def test_item_screen_days_left_are_show_json_days_left(demo_db: Path) -> None:
    """Every running assignment's 剩余 on the item screen is `docket show --json`'s days_left
    (the TUI used to count them itself with a second copy of the deadline rules)."""
    from docket.tui.screens.item import _days, assignment_rows, heading, load_item

    rt = Runtime(db_path=demo_db, actor="测试员", today=TODAY)
    listed = json.loads(ok("--db", str(demo_db), "list", "--json"))
    running = [r["number"] for r in listed if r["days_left"] is not None]
    late = [r["number"] for r in listed if (r["days_left"] or 0) < 0]
    assert running and late  # the demo county has items due and items overdue
    compared = 0
    for number in running[:15] + late[:5]:
        cli = _show_json(demo_db, number)
        tui = load_item(rt, number)
        assert [a["days_left"] for a in tui["assignments"]] == [
            a["days_left"] for a in cli["assignments"]]
        cells = [str(row[5]) for row in assignment_rows(tui)]
        assert cells == [_days(a["days_left"]) for a in cli["assignments"]]
        assert f"剩余 {_days(cli['days_left'])} " in heading(tui).plain
        compared += sum(a["days_left"] is not None for a in cli["assignments"])
    assert compared >= 20
