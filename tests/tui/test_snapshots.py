"""Snapshots (pytest-textual-snapshot) of the queue, an item, the dashboard and a form.

The database is the demo county built by `fixtures.demo.build_demo` with a fixed seed and a
fixed today (the `demo_db` fixture of tests/tui/conftest.py), so every run draws the same screen. Keys are pressed in `run_before`, which waits
for the load workers between keys; inputs stop blinking, so the cursor is always drawn.
Accept a deliberate change of look with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the SVGs under __snapshots__/ before committing them.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from textual.widgets import Input

from tests.tui.helpers import make_app as app_on
from tests.tui.helpers import settle as settle_app


def keys(*presses: str):
    """A run_before that presses keys one by one, letting every worker finish after each."""
    async def run(pilot) -> None:
        app = pilot.app
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot)
        for box in app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()
    return run


async def settle(pilot) -> None:
    await settle_app(pilot.app, pilot)


def test_queue(snap_compare, demo_db: Path) -> None:
    assert snap_compare(app_on(demo_db), terminal_size=(80, 24), run_before=keys())


def test_queue_overdue_view_wide(snap_compare, demo_db: Path) -> None:
    assert snap_compare(app_on(demo_db), terminal_size=(160, 50), run_before=keys("3"))


@pytest.mark.skipif(importlib.util.find_spec("docket.tui.screens.item") is None,
                    reason="tui/screens/item.py not there yet")
def test_item(snap_compare, demo_db: Path) -> None:
    # item 33 (by number: the queue's order does not decide which item is drawn)
    assert snap_compare(app_on(demo_db), terminal_size=(100, 40),
                        run_before=keys("slash", "3", "3", "enter", "enter"))


def test_dashboard(snap_compare, demo_db: Path) -> None:
    assert snap_compare(app_on(demo_db), terminal_size=(80, 24), run_before=keys("d"))


def test_dashboard_wide(snap_compare, demo_db: Path) -> None:
    assert snap_compare(app_on(demo_db), terminal_size=(160, 50), run_before=keys("d"))


def test_add_form(snap_compare, demo_db: Path) -> None:
    assert snap_compare(app_on(demo_db), terminal_size=(80, 24), run_before=keys("n"))


def test_documents(snap_compare, demo_db: Path) -> None:
    async def run(pilot) -> None:
        await keys("g")(pilot)
        # the folder defaults to the working directory; show a fixed one
        pilot.app.screen.query_one("#doc-folder", Input).value = "/srv/docket/文书"
        await pilot.pause()

    assert snap_compare(app_on(demo_db), terminal_size=(80, 24), run_before=run)


def test_scores_80x24(snap_compare, demo_db: Path) -> None:
    """At 80 columns the ranking shows 总分 and 等次 next to the unit (issue 17 item 5)."""
    assert snap_compare(app_on(demo_db), terminal_size=(80, 24), run_before=keys("o"))


def test_appraisal_80x24(snap_compare, office_db: Path) -> None:
    """At 80 columns the 评议 result shows 综合得分, 等次, 测评等次 next to the department."""
    from tests.tui.helpers import appraisal_round

    appraisal_round()
    assert snap_compare(app_on(office_db), terminal_size=(80, 24), run_before=keys("y"))


def test_project_vote_form_80x24(snap_compare, office_db: Path) -> None:
    """The 民生实事 ballot form (z, v) filled in at 80 columns: every candidate's row and the
    preview of what the core will decide."""
    from tests.conftest import ok

    ok("project", "new", "2027年民生实事项目", "--places", "3", today="2027-01-20")
    for title in ("城区老旧小区改造", "农村饮水安全巩固提升", "中小学校舍改造", "乡镇卫生院能力提升", "城乡公交一体化"):
        ok("project", "add", title, "--unit", "水利局", today="2027-01-20")
    typed = [*"100", "enter", *"90", "enter", *"88", "enter", "enter"]
    for counts in ("80 5 3", "60 20 8", "46 30 12", "46 30 12", "40 40 8"):
        for count in counts.split():
            typed += [*count, "enter"]
    from datetime import date

    assert snap_compare(app_on(office_db, date(2027, 1, 20)), terminal_size=(80, 24),
                        run_before=keys("z", "v", *typed[:-1]))
