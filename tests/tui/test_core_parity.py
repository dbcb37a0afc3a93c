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
    from docket.tui.screens.item import assignment_rows, heading, load_item
    from docket.tui.strings import days_left_text as _days

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


def test_appraisal_rates_are_printed_as_the_documents_print_them(office_db: Path) -> None:
    """The 评议 screen's 满意率 (the ranking and a department's groups) and `appraisal show` use
    core.numbers.percent on the exact rate, as the 通报 does: 1 of 16 is 6.3% (it showed 6.2%),
    9999 of 10000 is 99.9% (it showed 100.0%)."""
    from fractions import Fraction

    from docket.core.numbers import percent
    from docket.tui.screens.appraisal import AppraisalScreen
    from tests.tui.helpers import drive, press

    name = "2026年度部门工作评议"
    ok("appraisal", "new", name, "--group", "常委会组成人员", "--group", "代表")
    ok("appraisal", "add-department", name, "水利局", "卫健局")

    def tally(unit: str, group: str, members: int, satisfied: int, dissatisfied: int) -> None:
        ok("appraisal", "tally", name, "--department", unit, "--group", group,
           "--members", str(members), "--present", str(members), "--satisfied", str(satisfied),
           "--basic", "0", "--dissatisfied", str(dissatisfied))

    tally("水利局", "常委会组成人员", 16, 1, 15)
    tally("水利局", "代表", 10000, 9999, 1)
    tally("卫健局", "常委会组成人员", 16, 1, 15)
    assert (percent(Fraction(1, 16)), percent(Fraction(9999, 10000))) == ("6.3%", "99.9%")

    async def script(app, pilot):
        import io

        from rich.console import Console

        await press(app, pilot, "y")
        screen = app.screen
        assert isinstance(screen, AppraisalScreen)
        grid = screen.grid
        ranking = {str(grid.get_row_at(i)[grid.get_column_index("department")]):
                   str(grid.get_row_at(i)[grid.get_column_index("rate")])
                   for i in range(grid.row_count)}
        out = io.StringIO()
        Console(file=out, width=200, color_system=None).print(screen.detail.content)
        return ranking, out.getvalue()

    ranking, detail = drive(office_db, script)
    assert ranking["县卫生健康局"] == "6.3%"
    assert ranking["县水利局"] == percent(Fraction(10000, 10016))
    assert "6.3%" in detail and "99.9%" in detail and "6.2%" not in detail
    assert "100.0%" not in detail
    shown = ok("appraisal", "show", name)
    assert "6.3%" in shown and "6.2%" not in shown


def test_names_in_one_box_split_as_the_importer_splits_a_cell(office_db: Path) -> None:
    """附议人 typed in one box: the TUI's 登记 form and `add --co` split as the importer splits a
    cell (core.sheets.values.split_values: 、，,；; and line breaks, never spaces), and a space
    inside a Chinese name is the name's (欧阳 娜娜 is one person; the TUI made 欧阳 and 娜娜)."""
    from textual.widgets import Input

    from tests.tui.helpers import drive, item, press

    typed = "欧阳 娜娜、李四；王五"
    ok("add", "--title", "关于整修城东排水渠的建议", "--proposer", "张伟", "--co", typed)

    async def script(app, pilot):
        await press(app, pilot, "n")
        for field, text in (("title", "关于加固北河堤坝的建议"), ("proposer", "李娜"), ("co", typed)):
            app.screen.query_one(f"#{field}", Input).value = text
        await press(app, pilot, "ctrl+s")

    drive(office_db, script)
    wanted = ["欧阳娜娜", "李四", "王五"]
    assert item(office_db, 1)["co_proposers"] == wanted
    assert item(office_db, 2)["co_proposers"] == wanted


def test_the_running_tally_prints_its_rate_as_the_documents_do() -> None:
    """The tally form's running line: 1 of 16 satisfied is 6.3% (core.numbers.percent), as the
    评议 通报 prints it (it said 6.2%)."""
    from docket.tui.screens.forms.appraisal import running

    counts = {"members": 16, "present": 16, "satisfied": 1, "basic": 0, "dissatisfied": 15,
              "abstain": 0, "unknown": 0}
    line = running(counts, {"points": {"满意": 100, "基本满意": 80, "不满意": 0}, "base": "valid"})
    assert "满意率 6.3%" in line.plain


def test_the_extension_preview_is_the_cores_dry_run(office_db: Path) -> None:
    """延期: the new date and every refusal come from core.return_extend.extend(dry_run=True)
    before confirming, as assign's preview does: past the longest period (deadline.max) and a
    supporting unit's date after the lead's are marked under the field, not only after 确定
    (the form worked out the date itself and checked only that it was later)."""
    from textual.widgets import Input

    from docket.core import messages as msg
    from tests.tui.helpers import choose, drive, item, message, press, shown, type_in

    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局", "--support", "卫健局")
    before = item(office_db, 1)["assignments"]

    async def script(app, pilot):
        await press(app, pilot, "x")
        await type_in(app, pilot, "by", "12个月")
        await type_in(app, pilot, "reason", "需等待省厅批复")
        capped = message(app, "by"), shown(app, "form-preview")
        app.screen.query_one("#by", Input).value = ""
        await type_in(app, pilot, "by", "1个月")
        fine = message(app, "by"), shown(app, "form-preview")
        await choose(app, pilot, "unit", 1)  # the supporting unit: not after the lead's date
        app.screen.query_one("#by", Input).value = ""
        await type_in(app, pilot, "by", "3个月")
        late_support = message(app, "by")
        await press(app, pilot, "ctrl+s")
        return capped, fine, late_support

    capped, fine, late_support = drive(office_db, script)
    assert capped == (msg.DUE_AFTER_CAP.format(due="2027-06-22", cap="2026-09-20"), "")
    assert fine == ("", "县水利局：期限 2026-06-22 → 2026-07-22")
    assert late_support == msg.EXTEND_SUPPORT_AFTER_LEAD.format(new="2026-07-20",
                                                                lead="2026-06-22")
    assert item(office_db, 1)["assignments"] == before  # nothing was written
