"""The 评议 screen makes a whole appraisal from the UI (issue 17 item 4): a new round, its
departments and groups, the tallies, the result; a wrong count is marked under its own box
(item 9); F1 lists every key of the screen (item 9); and no message names a CLI flag (item 4)."""
from __future__ import annotations

import sqlite3

import pytest
from textual.widgets import Checkbox, Input

from docket.core import messages as msg
from docket.core.errors import BadInput
from docket.tui import actions, strings
from docket.tui.screens.appraisal import AppraisalScreen
from docket.tui.screens.forms.appraisal import ComputeForm, RoundForm, TallyForm
from tests.conftest import ok
from tests.tui.helpers import TODAY, drive, message, messages, paste, press, shown

ROUND = "2026年度部门工作评议"


def rows(db, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


async def fill(app, pilot, **values: str) -> None:
    for field, text in values.items():
        box = app.screen.query_one(f"#{field}", Input)
        box.value = ""
        box.focus()
        await pilot.pause()
        await paste(app, pilot, text)


def test_a_round_is_created_tallied_and_computed_from_the_ui(office_db):
    async def script(app, pilot):
        await press(app, pilot, "y", "n")
        assert isinstance(app.screen, RoundForm)
        assert app.screen.text("name") == ROUND  # this year's, ready to take
        await fill(app, pilot, groups="常委会组成人员、代表=2", departments="水利局、卫健局")
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, AppraisalScreen)
        await press(app, pilot, "t")
        assert isinstance(app.screen, TallyForm)
        await fill(app, pilot, members="31", present="29", satisfied="15", basic="10",
                   dissatisfied="4")
        await press(app, pilot, "ctrl+s")
        await press(app, pilot, "c")
        assert isinstance(app.screen, ComputeForm)
        await press(app, pilot, "ctrl+s")  # tallies are missing: refused, and said where
        refused = message(app, "allow_missing")
        app.screen.query_one("#allow_missing", Checkbox).value = True
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, AppraisalScreen)
        return refused, messages(app)

    refused, said = drive(office_db, script)
    assert refused == strings.COMPUTE_MISSING
    assert said[0] == ("已新建评议“2026年度部门工作评议”（测评组：常委会组成人员、代表；"
                       "被评议部门：县水利局、县卫生健康局）")
    assert said[1] == "已录入县水利局（常委会组成人员）的测评票数"
    assert said[2].startswith("已计算并保存2026年度部门工作评议的结果（")
    assert rows(office_db, "SELECT name, year FROM appraisal_rounds") == [(ROUND, 2026)]
    assert rows(office_db, "SELECT name, weight FROM appraisal_groups ORDER BY position") == [
        ("常委会组成人员", 1.0), ("代表", 2.0)]
    assert rows(office_db, "SELECT members, present, satisfied, basic, dissatisfied"
                           " FROM appraisal_tallies") == [(31, 29, 15, 10, 4)]
    assert rows(office_db, "SELECT kind FROM score_results") == [("appraisal",)]


def test_departments_and_groups_are_added_to_a_round(office_db):
    ok("appraisal", "new", ROUND, "--group", "代表")

    async def script(app, pilot):
        await press(app, pilot, "y", "t")  # no department yet: says to press a
        await press(app, pilot, "a")
        await fill(app, pilot, departments="水利局 农业农村局", groups="群众=0.5")
        await press(app, pilot, "ctrl+s")
        return messages(app)

    said = drive(office_db, script)
    assert said[0] == f"评议“{ROUND}”还没有被评议部门或测评组：请先按 a 添加。"
    assert said[1] == f"评议“{ROUND}”：已添加部门 县水利局、县农业农村局；测评组 群众 权重 0.5"
    assert rows(office_db, "SELECT name, weight FROM appraisal_groups ORDER BY position") == [
        ("代表", 1.0), ("群众", 0.5)]


def test_a_new_round_with_an_unknown_department_is_marked_and_nothing_is_stored(office_db):
    async def script(app, pilot):
        await press(app, pilot, "y", "n")
        await fill(app, pilot, departments="水利局、宣传部", year="20266")
        await press(app, pilot, "ctrl+s")
        return message(app, "departments"), message(app, "year"), shown(app, "form-error")

    departments, year, error = drive(office_db, script)
    assert departments.startswith("单位“宣传部”不存在")
    assert "docket" not in departments
    assert year.startswith("年度")
    assert error == strings.FORM_FIX
    assert rows(office_db, "SELECT COUNT(*) FROM appraisal_rounds") == [(0,)]


def test_the_tally_form_marks_the_wrong_count_under_its_box(office_db):
    ok("appraisal", "new", ROUND, "--group", "代表")
    ok("appraisal", "add-department", ROUND, "水利局")

    async def script(app, pilot):
        await press(app, pilot, "y", "t")
        await fill(app, pilot, members="31", present="33", satisfied="15", basic="10",
                   dissatisfied="")
        await press(app, pilot, "ctrl+s")
        return {f: message(app, f) for f in ("members", "present", "dissatisfied", "votes")}

    marks = drive(office_db, script)
    assert marks == {"members": "", "present": "", "dissatisfied": "不满意：请填写整数（没有的填0）",
                     "votes": ""}

    async def over(app, pilot):
        await press(app, pilot, "y", "t")
        await fill(app, pilot, members="31", present="33", satisfied="15", basic="10",
                   dissatisfied="4")
        await press(app, pilot, "ctrl+s")
        return message(app, "present"), message(app, "members")

    assert drive(office_db, over) == ("实到人数33超过应到人数31", "")
    assert rows(office_db, "SELECT COUNT(*) FROM appraisal_tallies") == [(0,)]


def test_f1_on_the_appraisal_screen_lists_every_key_it_answers(office_db):
    from docket.tui.screens.help import HelpScreen

    async def script(app, pilot):
        await press(app, pilot, "y")
        keys = {k for b in app.screen.BINDINGS for k in b.key.split(",")}
        await press(app, pilot, "f1")
        return keys, isinstance(app.screen, HelpScreen)

    keys, helped = drive(office_db, script)
    assert helped
    registered = {k for a in actions.for_scope("app", "appraisal") for k in a.key.split(",")}
    assert keys <= registered  # every key of the screen is in the registry F1 is built from
    listed = [key for key, *_ in actions.help_rows(("app", "appraisal"))]
    assert {"t", "c", "[", "]", "n", "a"} <= set(listed)


def test_a_return_after_the_objection_window_names_the_checkbox_not_a_flag(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局")

    async def script(app, pilot):
        await press(app, pilot, "t")
        await fill(app, pilot, reason="职责不符")
        await press(app, pilot, "ctrl+s")
        return shown(app, "form-error")

    error = drive(office_db, script, today=TODAY.replace(day=30))
    assert error == f"第1号县水利局的异议期已于2026-03-27届满；确需退回请勾选“{strings.FORCE_LABEL}”"


@pytest.mark.parametrize("hint", [v for k, v in vars(msg).items() if k.startswith("HINT_")])
def test_every_hint_is_worded_by_both_front_ends_and_the_tui_names_no_flag(hint):
    from docket.commands.messages import HINTS as CLI

    assert hint in CLI and hint in strings.HINTS
    tui = BadInput("理由不能为空", hint=hint, hint_args={"number": 1, "unit": "县水利局"})
    text = strings.error_text(tui)
    assert "--" not in text and "docket" not in text
