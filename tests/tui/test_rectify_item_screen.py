"""A tester's walk of issue 15 through the TUI: the item screen and the forms of a rectification
item (and the round switch reaching 民生实事 rounds). Each test failed before its fix."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from docket.core import rectify
from docket.store.db import opened
from docket.tui import actions
from docket.tui.screens.help import help_table
from docket.tui.screens.item import ItemScreen
from tests.conftest import ok
from tests.tui.helpers import (
    TODAY,
    appraisal_round,
    drive,
    message,
    messages,
    press,
    settle,
    type_in,
)

ROUND = "2026年部门工作评议整改"
S = ("--session", ROUND)


def _lagging() -> None:
    """Problem 1 planned on 2026-01-05, due 2026-05-19, no progress reported: on 2026-03-20 its
    plan says 55.2 % (74 of 134 days), so it is red by lag while its due date is 60 days away
    (white); the unit was reminded today of the report it owes (rectify.update_every 7 days)."""
    ok("rectify", "new", ROUND, today="2026-01-05")
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局", today="2026-01-05")
    ok("rectify", "add", "--problem", "窗口服务态度差", "--unit", "卫健局", today="2026-01-05")
    ok("rectify", "plan", "1", "--target", "汛前完成清淤", "--measures", "分段清淤", "--person", "李明",
       "--due", "2026-05-19", today="2026-01-05")


async def _open(app, pilot, number: int) -> ItemScreen:
    app.push_screen(ItemScreen(app.rt, number))
    await settle(app, pilot)
    return app.screen


def _in_round(db: Path, script, size=(100, 40)):
    from tests.tui.helpers import make_app, run_app

    app = make_app(db)
    from dataclasses import replace

    app.rt = replace(app.rt, session=ROUND)
    return run_app(app, script, size)


def test_the_assignment_row_has_the_colour_of_the_header_and_the_queue(office_db: Path) -> None:
    """1. red by lag: the 交办与期限 row said 白 under a red header."""
    _lagging()
    with opened(office_db) as conn:
        assert rectify.ledger(conn, as_of=TODAY, round_name=ROUND)[0].color == "red"

    async def script(app, pilot):
        screen = await _open(app, pilot, 1)
        return screen.section_text("assignments"), str(screen.query_one("#item-head").render())
    assignments, head = _in_round(office_db, script)
    assert head.endswith("红")
    row = next(line for line in assignments.splitlines() if "县水利局" in line)
    assert row.split()[-2:] == ["红", "办理中"], row


def test_the_reminders_section_lists_the_late_progress_reminders(office_db: Path) -> None:
    """2. a 未按时报送进度 reminder sent to the unit for this item: 催办督办 said （无）."""
    _lagging()
    assert "未按时报送进度" in ok(*S, "remind")

    async def script(app, pilot):
        screen = await _open(app, pilot, 1)
        return screen.section_text("reminders")
    text = _in_round(office_db, script)
    # the red one (by lag) as before, then the one for the report expected on 01-12 (9th week)
    assert [line.split() for line in text.splitlines()[1:]] == [
        ["县水利局", "主办", "督办", "1", "2026-05-19", "2026-03-20"],
        ["县水利局", "主办", "未按时报送进度", "9", "2026-01-12", "2026-03-20"]], text


def test_no_merge_is_offered_among_appraisal_rectification_items(office_db: Path) -> None:
    """3. problems made from an appraisal share their template text: the panel offered j
    (merge), which means nothing in a round; the panel is left out and j says why."""
    appraisal_round()
    ok("rectify", "new", ROUND, "--from-appraisal", "2026年度部门工作评议", "--bottom", "3")

    async def script(app, pilot):
        screen = await _open(app, pilot, 2)
        shown = screen.query_one("#h-similar").display, screen.query_one("#s-similar").display
        await press(app, pilot, "j")
        return shown, screen.section_text("similar"), messages(app)
    shown, panel, said = _in_round(office_db, script)
    assert shown == (False, False) and "按 j" not in panel
    assert said == ["第2号整改问题不能并案：并案只用于建议、议案、提案"]
    with opened(office_db) as conn:
        assert [r.state for r in rectify.ledger(conn, as_of=TODAY, round_name=ROUND)] == ["registered"] * 3


def _keys(scope: str) -> list[str]:
    """Every single key the F1 help of `scope` names, one entry per mention."""
    table = help_table(scope)
    cells = table.columns[0]._cells
    return [k for cell in cells for k in str(cell).replace("/", " ").split()]


def test_f1_on_the_item_screen_names_each_key_once() -> None:
    """4. k (复查) and j (并入相似件) were listed again under the list's ↑ ↓ / k j."""
    for scope in ("item", "queue"):
        keys = _keys(scope)
        assert sorted({k for k in keys if keys.count(k) > 1}) == [], scope


def test_k_in_the_queue_opens_the_recheck_form(office_db: Path) -> None:
    """4. k was both 复查 and the list's cursor-up; the list took it (the cursor moved up)."""
    _lagging()
    ok("rectify", "progress", "1", "100")   # 已整改: to be re-checked

    async def script(app, pilot):
        await press(app, pilot, "w", "end")
        while app.screen.items.current_row()["number"] != 1:
            await press(app, pilot, "up")
        await press(app, pilot, "k")
        return app.screen.query_one("#form").border_title, str(app.screen.query_one("#form-item").render())
    title, what = drive(office_db, script)
    assert title == "复查" and what.startswith("第1号整改问题  河道清淤进展缓慢  〔已整改〕")


def test_the_plan_form_takes_the_unit_by_pinyin_and_checks_the_due_date(office_db: Path) -> None:
    """5. 责任单位 and 整改时限 on the plan form, as `rectify plan --unit --due`."""
    _lagging()

    async def script(app, pilot):
        screen = await _open(app, pilot, 2)
        await press(app, pilot, "l")
        form = app.screen
        labels = [str(w.render()) for w in form.query(".form-label") if w.parent.display]
        assert form.query_one("#unit").value == "县卫生健康局"
        for field, text in (("target", "x"), ("measures", "y"), ("person", "z")):
            await type_in(app, pilot, field, text)
        form.query_one("#unit").value = ""
        await type_in(app, pilot, "unit", "slj")
        await type_in(app, pilot, "due", "2026-03-01")
        await press(app, pilot, "ctrl+s")
        refused = message(app, "due"), app.screen is form
        form.query_one("#due").value = ""
        await type_in(app, pilot, "due", "2026-06-30")
        await press(app, pilot, "ctrl+s")
        return labels, refused, app.screen is screen
    labels, refused, back = _in_round(office_db, script)
    assert labels == ["整改目标", "整改措施", "责任人", "责任单位", "整改时限"]
    assert refused == ("整改时限：2026-03-01 早于方案日期 2026-03-20", True) and back
    with opened(office_db) as conn:
        row = rectify.ledger(conn, as_of=TODAY, round_name=ROUND, number=2)[0]
    assert (row.unit, row.due_on.isoformat(), row.person) == ("县水利局", "2026-06-30", "z")


def test_a_planned_item_shows_its_unit_and_due_date_on_the_plan_form(office_db: Path) -> None:
    """5. a revised plan keeps unit and due date (changed by 交办/延期): shown, not editable."""
    _lagging()

    async def script(app, pilot):
        await _open(app, pilot, 1)
        await press(app, pilot, "l")
        form = app.screen
        return ({f: (form.query_one(f"#{f}").value, form.query_one(f"#{f}").disabled) for f in ("unit", "due")},
                form.query_one("#target").value)
    assert _in_round(office_db, script) == (
        {"unit": ("县水利局", True), "due": ("2026-05-19", True)}, "汛前完成清淤")


def test_an_empty_progress_says_the_field_cannot_be_empty(office_db: Path) -> None:
    """6. the wording of every empty required field: 进度：不能为空."""
    _lagging()

    async def script(app, pilot):
        await _open(app, pilot, 1)
        await press(app, pilot, "u", "ctrl+s")
        return message(app, "percent")
    assert _in_round(office_db, script) == "进度：不能为空"


def test_w_reaches_the_project_rounds_too(office_db: Path) -> None:
    """7. w went from the proposals to the rectification rounds and back, never to 民生实事."""
    ok("add", "--title", "关于加强河道治理的建议", "--proposer", "张三")
    _lagging()
    ok("project", "new", "2026年民生实事项目", "--places", "2")
    ok("project", "add", "城区老旧小区改造", "--unit", "水利局")

    async def script(app, pilot):
        seen = []
        for _ in range(3):
            await press(app, pilot, "w")
            seen.append((app.screen.title, [r["title"] for r in app.screen.items.index.rows][:1]))
        return seen
    assert drive(office_db, script) == [
        (f"整改：{ROUND}", ["河道清淤进展缓慢"]),
        ("民生实事：2026年民生实事项目", ["城区老旧小区改造"]),
        ("办理队列", ["关于加强河道治理的建议"])]
    assert "民生实事" in actions.get("switch_round").help


def test_the_progress_sparkline_fits_80_columns(office_db: Path) -> None:
    """8. the 走势 line (progress against planned, one block per report) at 80×24."""
    _lagging()
    ok("rectify", "progress", "1", "10", "--note", "完成摸底", today="2026-02-02")
    ok("rectify", "progress", "1", "30", today="2026-03-02")

    async def script(app, pilot):
        screen = await _open(app, pilot, 1)
        return screen.section_text("plan")
    lines = _in_round(office_db, script, size=(80, 24)).splitlines()
    # 30 % reported against 55.2 % planned: yellow; the late report on a line of its own
    assert lines[7:10] == ["进度 30%  计划 55.2%  滞后 25.2 个百分点  黄", "未按时报送进度（应于 2026-03-09 报送）",
                           "走势：进度 ▁▃  计划 ▂▄"], lines


def test_a_project_item_shows_its_ballot_plan_and_progress_at_80_columns(office_db: Path) -> None:
    """8. a 民生实事 project (w) on the same item screen: ballot, plan and progress against plan."""
    from tests.tui.test_project_forms import _voted_and_assigned

    _voted_and_assigned()

    async def script(app, pilot):
        await press(app, pilot, "w")
        screen = await _open(app, pilot, 1)
        return str(screen.query_one("#h-plan").render()), screen.query_one("#s-plan").display, screen.section_text("plan")
    heading, shown, text = drive(office_db, script, size=(80, 24), today=date(2027, 3, 20))
    assert (heading, shown) == ("票决与实施进度", True)
    lines = text.splitlines()
    assert lines[:6] == ["票决      赞成80　反对5　弃权3　名次1　入选", "牵头单位  县住建局", "交办日期  2027-01-20",
                         "办理期限  2027-12-31", "最近报送  2027-03-01",
                         "进度 20%  计划 17.1%  滞后 -2.9 个百分点  白"], lines


def render_text(renderable, width: int) -> str:
    import io

    from rich.console import Console

    console = Console(width=width, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in captured.get().splitlines())


def test_the_project_section_draws_its_progress_log_as_a_sparkline() -> None:
    """8. the progress log against plan of a project, as show_item gives it (rectview's core)."""
    project = {"number": 1, "yes": 80, "no": 5, "abstain": 3, "rank": 1, "result": "adopted", "unit": "县住建局",
               "budget": None, "lead_unit": "县住建局", "assigned_on": "2027-01-20", "due_on": "2027-12-31",
               "last_report": "2027-06-01", "progress": 60, "planned": 37.6, "lag": -22.4, "color": "white",
               "milestones": [{"on": "2027-06-30", "text": "主体完工", "percent": 60}], "tests": {},
               "progress_log": [{"on": "2027-03-01", "percent": 20, "planned": 11.7, "note": None, "by": "甲"},
                                {"on": "2027-06-01", "percent": 60, "planned": 37.6, "note": "提前", "by": "甲"}]}
    from docket.tui.screens.item import project_section

    lines = render_text(project_section(project), 80).splitlines()
    assert "节点      2027-06-30  主体完工（60%）" in lines and "走势：进度 ▂▅  计划 ▁▄" in lines, lines


def test_an_empty_project_progress_says_the_field_cannot_be_empty(office_db: Path) -> None:
    """6. the 民生实事 progress form (z, u) had the same wording."""
    from tests.tui.test_project_forms import _voted_and_assigned

    _voted_and_assigned()

    async def script(app, pilot):
        await press(app, pilot, "z", "u", "ctrl+s")
        return message(app, "percent")
    assert drive(office_db, script, today=date(2027, 3, 20)) == "进度：不能为空"


def test_u_on_a_project_of_the_round_opens_its_progress_form(office_db: Path) -> None:
    """7. in a 民生实事 round (w), u reports the project's progress (as z, u); l says what is not
    for a project, instead of "不是整改问题（按 w 切换到整改）"."""
    from tests.tui.test_project_forms import ROUND as PROJECTS
    from tests.tui.test_project_forms import _standing, _voted_and_assigned

    _voted_and_assigned()
    day = date(2027, 3, 20)

    async def script(app, pilot):
        await press(app, pilot, "w")
        assert app.screen.title == f"民生实事：{PROJECTS}"
        if app.screen.items.current_row()["number"] != 1:
            await press(app, pilot, "home")
        await press(app, pilot, "l")
        await press(app, pilot, "u")
        await type_in(app, pilot, "percent", "35")
        await press(app, pilot, "ctrl+s")
        await press(app, pilot, "enter")      # the item screen: u there too
        await press(app, pilot, "u")
        await type_in(app, pilot, "percent", "40")
        await press(app, pilot, "ctrl+s")
        return messages(app)
    said = drive(office_db, script, today=day)
    assert said[1:] == ["第1号是民生实事项目：整改方案和复查只用于整改；项目的节点和满意度测评请按 z 在民生实事屏幕录入",
                        "第1号：已报送 2027-03-20 进度 35%", "第1号：已报送 2027-03-20 进度 40%"], said
    assert _standing(office_db, day)["projects"][0]["progress"] == 40
