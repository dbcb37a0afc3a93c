"""The 民生实事 screen (z): a round's candidates, votes, progress against plan and tests, the
highlighted project's detail, and `[`/`]` between rounds; over a database made through the CLI."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from textual.widgets import DataTable

from docket.tui import actions
from docket.tui.screens.projects import ProjectsScreen
from tests.conftest import ok
from tests.tui.helpers import drive, press

ROUND = "2027年民生实事项目"


def _text(screen) -> str:
    """The detail panel (a rich Table) as the terminal shows it."""
    from rich.console import Console

    console = Console(width=120, record=True, file=io.StringIO())
    console.print(screen.query_one("#projects-detail").content)
    return console.export_text()


def _round(today: str = "2027-01-20") -> None:
    ok("unit", "add", "县住建局", "--short", "住建局")
    ok("project", "new", ROUND, "--places", "1", today=today)
    ok("project", "add", "城区老旧小区改造", "--unit", "住建局", "--budget", "1200", today=today)
    ok("project", "add", "城乡公交一体化", "--unit", "住建局", today=today)
    ok("project", "vote", "--members", "100", "--present", "90", "--valid", "88", "1=80/5/3", "2=40/40/8",
       today=today)
    ok("config", "set", "deadline.max", "12 months")
    ok("--session", ROUND, "assign", "1", "--lead", "住建局", "--due", "2027-12-31", today=today)
    ok("project", "progress", "1", "5", today="2027-03-01")
    ok("project", "test", "--stage", "mid", "1", "--members", "31", "--present", "29", "--satisfied", "15",
       "--basic", "10", "--dissatisfied", "4", today="2027-06-01")
    ok("project", "new", "2028年民生实事项目", "--places", "2", today=today)


def test_the_projects_screen_opens_on_the_newest_round_and_switches(office_db: Path) -> None:
    _round()

    async def script(app, pilot):
        await press(app, pilot, "z")
        screen = app.screen
        grid = screen.query_one("#projects-table", DataTable)
        newest = (screen.result["round"], grid.row_count, _text(screen).strip())
        await press(app, pilot, "left_square_bracket")
        before = (screen.result["round"], grid.row_count, [str(c) for c in grid.get_row_at(0)][:3])
        await press(app, pilot, "escape")
        return isinstance(screen, ProjectsScreen), newest, before, app.screen is screen

    is_screen, newest, before, still = drive(office_db, script, (120, 40), date(2027, 6, 1))
    assert is_screen and not still
    assert newest == ("2028年民生实事项目", 0, "还没有候选项目（docket project add）。")
    assert before == (ROUND, 2, ["1", "城区老旧小区改造", "实施中"])


def test_a_round_with_progress_and_tests(office_db: Path) -> None:
    _round()

    async def script(app, pilot):
        app.push_screen(ProjectsScreen(ROUND))
        await press(app, pilot)
        screen = app.screen
        grid = screen.query_one("#projects-table", DataTable)
        return ([str(c) for c in grid.get_row_at(0)], [str(c) for c in grid.get_row_at(1)],
                str(screen.query_one("#projects-title").render()),
                _text(screen))

    first, second, head, detail = drive(office_db, script, (120, 40), date(2027, 6, 1))
    # the project, its result and how far it is come first (at 80 columns they show)
    assert first[:8] == ["1", "城区老旧小区改造", "实施中", "80", "1", "5", "38.3", "红"]
    assert second[:8] == ["2", "城乡公交一体化", "未入选", "40", "—", "—", "—", "—"]
    assert head.splitlines() == [f"{ROUND}　名额1个，入选1个　[ ] 切换票决",
                                 "年中测评：1个项目，总体满意率 86.2%（满意和基本满意 25 票 ÷ 有效票 29），最低 86.2%"]
    assert "赞成80　反对5　弃权3　名次1" in detail
    assert "县住建局　2027-01-20 至 2027-12-31　进度5%　计划38.3%　最近报送2027-03-01" in detail
    assert "满意15　基本满意10　不满意4　弃权0　有效29　满意率86.2%　基本满意" in detail


def test_the_keys_are_in_the_registry() -> None:
    assert actions.get("projects").key == "z"
    assert [a.id for a in actions.for_scope("projects")] == [
        "project_vote", "project_progress", "project_milestone", "project_test", "projects_prev", "projects_next",
        "projects_reload", "projects_back"]


def test_the_item_history_words_the_ballot_as_the_project_list_does(office_db: Path) -> None:
    """Opened under the round (docket --session ROUND tui): 票决 候选 → 已入选, 交办 已入选 → 实施中."""
    from docket.core.runtime import Runtime
    from docket.tui.app import DocketApp
    from tests.tui.helpers import record_notices, run_app

    _round()

    async def script(app, pilot):
        rows = app.screen.items.index.rows
        if app.screen.items.current_row()["number"] != 1:
            await press(app, pilot, "down")
        await press(app, pilot, "enter")
        return [r["number"] for r in rows], app.screen.section_text("history")

    app = record_notices(DocketApp(Runtime(office_db, "测试员", date(2027, 6, 1), session=ROUND)))
    numbers, history = run_app(app, script, (120, 40))
    assert sorted(numbers) == [1, 2]
    assert "候选 → 已入选" in history and "已入选 → 实施中" in history
    assert "已登记" not in history and "已立案" not in history
