"""The scores and appraisal screens driven by Pilot over a real database made through the CLI."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from textual.app import App
from textual.widgets import DataTable, Input

from docket.cli import cli
from docket.core.runtime import Runtime
from docket.tui.screens.appraisal import AppraisalScreen
from docket.tui.screens.scores import ScoresScreen
from tests.helpers import build_dataset
from tests.tui.helpers import run_app, settle

ROUND = "2026年度部门工作评议"


class Host(App[None]):
    """Just enough app for one screen: the screens read `app.rt`, as under DocketApp."""

    def __init__(self, rt: Runtime, screen) -> None:
        super().__init__()
        self.rt, self.first = rt, screen

    def on_mount(self) -> None:
        self.push_screen(self.first)


def drive(db: Path, screen, script):
    app = Host(Runtime(db_path=db, actor="测试员", today=date(2026, 7, 31)), screen)
    return run_app(app, script, (110, 40))


def test_scores_screen_ranks_and_drills_into_a_unit(office_db: Path) -> None:
    build_dataset()

    async def script(app, pilot):
        grid = app.screen.query_one("#scores-table", DataTable)
        first = [str(c) for c in grid.get_row_at(0)]
        await pilot.press("down")
        await settle(app, pilot)
        return first, app.screen.selected_unit(), app.screen.query_one("#scores-breakdown").render()

    first, unit, _ = drive(office_db, ScoresScreen(), script)
    # name, total and grade first (issue 17 item 5: at 80 columns they show without scrolling)
    assert first == ["1", "县卫生健康局", "85.67", "良好", "3", "1", "33.33", "100.00", "95.00", "100.00", "100.00"]
    assert unit == "县水利局"


def test_tally_form_shows_running_totals_and_stores(office_db: Path) -> None:
    for args in (["appraisal", "new", ROUND, "--group", "常委会组成人员"],
                 ["appraisal", "add-department", ROUND, "水利局"]):
        assert CliRunner().invoke(cli, args).exit_code == 0

    async def script(app, pilot):
        await pilot.press("t")
        await settle(app, pilot)
        form = app.screen
        for key, text in (("members", "31"), ("present", "29"), ("satisfied", "20"), ("basic", "10"),
                          ("dissatisfied", "4")):
            form.query_one(f"#{key}", Input).value = text
        await settle(app, pilot)
        too_many = str(form.query_one("#tally-running").render())
        await pilot.press("ctrl+s")  # refused: the form stays open
        await settle(app, pilot)
        still_open = app.screen is form
        form.query_one("#satisfied", Input).value = "15"
        await settle(app, pilot)
        good = str(form.query_one("#tally-running").render())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        return too_many, still_open, good

    too_many, still_open, good = drive(office_db, AppraisalScreen(), script)
    assert too_many == "已计34票 / 实到29人，有效票34　满意20、基本满意10、不满意4、弃权0、不了解0合计34票，超过实到人数29"
    assert still_open
    assert good == "已计29票 / 实到29人，有效票29　得分 72.41　满意率 86.2%　等次 基本满意"
    with sqlite3.connect(office_db) as conn:
        assert conn.execute("SELECT members, present, satisfied, basic, dissatisfied, abstain, unknown"
                            " FROM appraisal_tallies").fetchall() == [(31, 29, 15, 10, 4, 0, 0)]
