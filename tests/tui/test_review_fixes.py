"""What the reviewer of issue 7 saw and the fixes promise, each as the clerk meets it:
provisional marks in the assign preview follow the core, reply classes carry their labels,
untouched fields do not complain, the palette speaks Chinese, every screen has its own title,
F1 lists each key once, and the appraisal keys say what to do when there is no round.
"""
from __future__ import annotations

from datetime import date

import pytest
from textual.command import CommandInput
from textual.widgets import Input, Select

from docket.tui import actions, strings
from tests.conftest import ok
from tests.tui.helpers import drive, item, message, messages, press, shown


WARNING = "（2027年放假安排尚未载入，期限按周一至周五扣除法定节日推算，为暂定日期。）"


@pytest.mark.parametrize("today, preview, note, flags", [
    # the lead's 3 months run into 2027 (holidays not loaded): provisional; the supporting
    # unit's month ends 2026-11-20, in a loaded year: not provisional
    (date(2026, 10, 20),
     "将计算的期限：主办 县水利局 2027-01-20（暂定）；协办 县卫生健康局 2026-11-20",
     "第1号  主办 县水利局  期限 2027-01-20（暂定）；协办 县卫生健康局 2026-11-20" + WARNING,
     [True, False]),
    # from 12-25 on the core marks a date provisional too: 2027's schedule may move the last
    # days of 2026 (bridge and make-up days); the preview says what the core will store
    (date(2026, 11, 25),
     "将计算的期限：主办 县水利局 2027-02-25（暂定）；协办 县卫生健康局 2026-12-25（暂定）",
     "第1号  主办 县水利局  期限 2027-02-25（暂定）；协办 县卫生健康局 2026-12-25（暂定）" + WARNING,
     [True, True]),
])
def test_assign_preview_marks_provisional_dates_as_the_core_stores_them(
        office_db, today, preview, note, flags):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")

    async def script(app, pilot):
        await press(app, pilot, "a")
        await press(app, pilot, *"水利局", "enter", *"卫健局")
        seen = shown(app, "form-preview")
        await press(app, pilot, "ctrl+s")
        toast = app.notices[-1]
        return seen, toast.message, toast.timeout, toast.title
    seen, said, timeout, title = drive(office_db, script, today=today)
    assert seen == preview
    assert (said, timeout, title) == (note, strings.DONE_SECONDS, "")  # one line, 3 s
    assert [a["provisional"] for a in item(office_db, 1)["assignments"]] == flags


def test_reply_classes_show_their_labels(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局")

    async def script(app, pilot):
        await press(app, pilot, "r")
        return [str(label) for label, _ in app.screen.query_one("#class", Select)._options][1:]
    assert drive(office_db, script) == [
        "A 所提问题已经解决或者基本解决", "B 正在解决或者列入规划逐步解决",
        "C 因目前条件限制或者其他原因需待以后解决", "D 留作参考"]


def test_a_field_complains_only_once_edited_or_on_submit(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")

    async def script(app, pilot):
        await press(app, pilot, "a")
        untouched = message(app, "lead"), message(app, "on")
        await press(app, pilot, *"水利", "backspace", "backspace")  # typed, then wiped
        wiped = message(app, "lead")
        app.screen.query_one("#on", Input).focus()
        await press(app, pilot, "end", "x")  # 2026-03-20x
        bad_day = message(app, "on")
        return untouched, wiped, bad_day
    untouched, wiped, bad_day = drive(office_db, script)
    assert untouched == ("", "")
    assert wiped == "主办单位：不能为空"
    assert bad_day == "交办日期：无法识别的日期“2026-03-20x”，请写作 2026-03-05 或 2026年3月5日"


def test_an_untouched_form_complains_on_submit(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")

    async def script(app, pilot):
        await press(app, pilot, "a", "ctrl+s")
        return message(app, "lead"), shown(app, "form-error")
    assert drive(office_db, script) == ("主办单位：不能为空", "请先改正上面标出的内容。")


def test_the_palette_speaks_chinese(office_db):
    async def script(app, pilot):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        await press(app, pilot, "ctrl+p")
        return titles, app.screen.query_one(CommandInput).placeholder
    titles, placeholder = drive(office_db, script)
    textual_own = titles[:titles.index("截图") + 1]
    assert textual_own[:3] == ["配色主题", "退出", "按键面板"]
    assert all(not t.isascii() for t in titles), titles
    assert placeholder == strings.PALETTE_PLACEHOLDER


@pytest.mark.parametrize("key, title", [("o", "承办单位考评"), ("y", "部门工作评议"),
                                        ("d", "办理情况统计")])
def test_every_screen_has_its_own_title(office_db, key, title):
    async def script(app, pilot):
        await press(app, pilot, key)
        return app.screen.title
    assert drive(office_db, script) == title


def test_appraisal_keys_say_what_to_do_without_a_round(office_db):
    async def script(app, pilot):
        await press(app, pilot, "y", "t", "c")
        return messages(app)
    assert drive(office_db, script) == [
        "还没有评议，无法录入票数。请先按 n 新建评议", "还没有评议，无法计算结果。请先按 n 新建评议"]


@pytest.mark.parametrize("scope", ["queue", "item", "dashboard", "form"])
def test_f1_help_lists_each_key_once(scope):
    keys = [k for k, *_ in actions.help_rows(("app", scope))] + [
        k for k, _ in strings.HELP_LIST_KEYS]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []
