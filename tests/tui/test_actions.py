"""Every action form driven by keys (Pilot) on a real database made through the CLI; after the
keystrokes the store holds what the action promises, and a refused action changes nothing.

Today is 2026-03-20 (tests/conftest.py). Due dates by the default rules: 3 months from
2026-03-20 is 06-20, a Saturday after the 端午 holiday (06-19), so 06-22; 1 month is 04-20.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Input, Static

from docket.core import replies
from docket.store.db import opened
from docket.tui import strings
from docket.tui.screens.forms import ActionForm, ReportScreen
from docket.tui.screens.item import ItemScreen
from docket.tui.widgets.item_list import ItemList
from tests.conftest import ok
from tests.tui.helpers import (TODAY, choose, drive, item, message, messages, paste, press,
                               settle, shown, type_in)


def assignments(db: Path, number: int) -> list[tuple]:
    return [(a["unit"], a["role"], a["due_on"], a["returned"], a["replied_on"])
            for a in item(db, number)["assignments"]]


def event_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    finally:
        conn.close()


def add_items(*titles: str) -> None:
    for n, title in enumerate(titles):
        ok("add", "--title", title, "--proposer", ["张三", "李四", "王五"][n % 3])


def test_assign_completes_unit_names_and_shows_the_due_dates_before_confirming(office_db):
    add_items("关于加固山塘的建议")

    async def script(app, pilot):
        await press(app, pilot, "a")
        form = app.screen
        await press(app, pilot, *"水利")
        await press(app, pilot, "enter")  # takes the completion 水利局 (the short name)
        lead = form.query_one("#lead", Input).value
        await press(app, pilot, "enter")  # on to the supporting units
        await press(app, pilot, *"卫健")
        await press(app, pilot, "enter")
        preview = shown(app, "form-preview")
        await press(app, pilot, "ctrl+s")
        return lead, preview, isinstance(app.screen, ActionForm), messages(app)
    lead, preview, still_open, notes = drive(office_db, script)
    assert lead == "水利局"
    assert preview == "将计算的期限：主办 县水利局 2026-06-22；协办 县卫生健康局 2026-04-20"
    assert not still_open
    assert notes == [
        "第1号  主办 县水利局  期限 2026-06-22；协办 县卫生健康局 2026-04-20"]
    assert item(office_db, 1)["state"] == "assigned"
    assert assignments(office_db, 1) == [("县水利局", "lead", "2026-06-22", False, None),
                                         ("县卫生健康局", "support", "2026-04-20", False, None)]


def test_unknown_unit_and_impossible_date_are_shown_as_typed_and_nothing_is_written(office_db):
    add_items("关于加固山塘的建议")
    before = event_count(office_db)

    async def script(app, pilot):
        await press(app, pilot, "a")
        await press(app, pilot, *"教育局")
        unknown = message(app, "lead")
        await type_in(app, pilot, "on", "")
        app.screen.query_one("#on", Input).value = ""
        await press(app, pilot, *"2026-02-30")
        bad_day = message(app, "on")
        await press(app, pilot, "ctrl+s")
        return unknown, bad_day, shown(app, "form-error"), isinstance(app.screen, ActionForm), \
            app.screen.query_one("#lead", Input).value
    unknown, bad_day, error, still_open, typed = drive(office_db, script)
    assert unknown == "单位“教育局”不存在。请核对名称；单位名录中没有的单位须先由管理员添加"  # no CLI talk
    assert bad_day == "交办日期：2026-02-30 不是有效日期（该月没有这一天）"
    assert error == "请先改正上面标出的内容。"
    assert (still_open, typed) == (True, "教育局")
    assert event_count(office_db) == before and item(office_db, 1)["state"] == "registered"


def test_bulk_assign_reports_each_item_keeps_the_filter_and_clears_the_selection(office_db):
    add_items("关于加固山塘的建议", "关于修缮山塘的建议", "关于清淤山塘的建议", "关于路灯的建议")
    ok("review", "2", "--withdraw", "--reason", "代表撤回")

    async def script(app, pilot):
        await press(app, pilot, "slash", *"山塘", "enter")
        await press(app, pilot, "s", "home", "space", "space", "space")  # by number: 1 2 3
        await press(app, pilot, "a")
        await press(app, pilot, *"农业农村局", "ctrl+s")
        report = app.screen
        lines = [str(s.render()) for s in report.query(Static)]
        await press(app, pilot, "escape")
        items = app.screen.query_one(ItemList)
        return (isinstance(report, ReportScreen), lines,
                app.screen.query_one("#search", Input).value,
                [r["number"] for r in items.shown_rows()],
                sorted(k[1] for k in items.selected))
    is_report, lines, search, numbers, selected = drive(office_db, script)
    assert is_report
    assert lines == [
        "完成 2 件，未办 1 件",
        "✓ 第1号  主办 县农业农村局  期限 2026-06-22",
        "✗ 第2号未办：第2号建议已撤案，不能交办",
        "✓ 第3号  主办 县农业农村局  期限 2026-06-22",
        "按 回车 或 Esc 关闭",
    ]
    assert (search, numbers, selected) == ("山塘", [1, 2, 3], [])  # the selection is used up
    assert [item(office_db, n)["state"] for n in (1, 2, 3, 4)] == [
        "assigned", "withdrawn", "assigned", "registered"]


def test_review_accept_merge_convert_withdraw(office_db):
    add_items("关于加固山塘的建议", "关于修缮山塘的建议", "关于信访件的建议", "关于路灯的建议")

    async def review(app, pilot, number, choice, **typed):
        await press(app, pilot, "s", "home", *["down"] * (number - 1), "v")
        form = app.screen
        form.query_one("#choice").value = choice
        await settle(app, pilot)
        for field, text in typed.items():
            await type_in(app, pilot, field, text)
        before = {f: message(app, f) for f in ("merge_into", "reason") if message(app, f)}
        await press(app, pilot, "ctrl+s")
        missing = {}
        if isinstance(app.screen, ActionForm):  # refused: now every field says what is wrong
            missing = {f: message(app, f) for f in ("merge_into", "reason") if message(app, f)}
            await press(app, pilot, "escape")
        assert before == {}  # nothing is complained about before the clerk types or submits
        await press(app, pilot, "s")  # back to the due order for the next round
        return missing

    async def script(app, pilot):
        return [await review(app, pilot, 1, "accept"),
                await review(app, pilot, 2, "merge", merge_into="1"),
                await review(app, pilot, 3, "convert"),  # no reason: refused in the form
                await review(app, pilot, 3, "convert", reason="属于信访事项"),
                await review(app, pilot, 4, "withdraw", reason="代表撤回")]
    seen = drive(office_db, script)
    assert seen[2] == {"reason": "转来信需要写明理由"}  # no CLI flag in a form
    assert [item(office_db, n)["state"] for n in (1, 2, 3, 4)] == [
        "accepted", "merged", "converted", "withdrawn"]
    assert item(office_db, 2)["merged_into"] == 1
    assert item(office_db, 3)["close_reason"] == "属于信访事项"


def open_item(app, pilot):
    return press(app, pilot, "enter")


def test_return_from_the_item_screen_sends_the_item_back_for_assignment(office_db):
    add_items("关于加固山塘的建议")
    ok("assign", "1", "--lead", "水利局")

    async def script(app, pilot):
        await open_item(app, pilot)
        screen = app.screen
        await press(app, pilot, "t")
        await press(app, pilot, *"职责不符", "ctrl+s")
        return isinstance(screen, ItemScreen), screen.section_text("assignments")
    is_item, table = drive(office_db, script)
    assert is_item
    assert item(office_db, 1)["state"] == "accepted"
    assert assignments(office_db, 1) == [("县水利局", "lead", "2026-06-22", True, None)]
    assert "已退回 2026-03-20：职责不符" in table  # the item screen reloaded


def test_extend_by_a_duration_with_the_new_date_previewed(office_db):
    add_items("关于加固山塘的建议")
    ok("assign", "1", "--lead", "水利局")

    async def script(app, pilot):
        await press(app, pilot, "x")
        await press(app, pilot, *"2026-06-31")
        bad = message(app, "until")
        app.screen.query_one("#until", Input).value = ""
        await type_in(app, pilot, "by", "1个月")
        await type_in(app, pilot, "reason", "需等待省厅批复")
        preview = shown(app, "form-preview")
        await press(app, pilot, "ctrl+s")
        return bad, preview
    bad, preview = drive(office_db, script)
    assert bad == "新期限：2026-06-31 不是有效日期（该月没有这一天）"
    assert preview == "县水利局：期限 2026-06-22 → 2026-07-22"
    assert assignments(office_db, 1) == [("县水利局", "lead", "2026-07-22", False, None)]


def test_reply_needs_a_class_for_the_lead_and_none_for_a_supporting_unit(office_db):
    add_items("关于加固山塘的建议")
    ok("assign", "1", "--lead", "水利局", "--support", "卫健局")

    async def script(app, pilot):
        await press(app, pilot, "r")
        untouched = message(app, "class")
        await press(app, pilot, "ctrl+s")
        missing = message(app, "class")
        refused = isinstance(app.screen, ActionForm)
        await choose(app, pilot, "unit", 1)  # the supporting unit: no class asked
        support_class_shown = app.screen.query_one("#class").parent.display
        await press(app, pilot, "ctrl+s")
        await press(app, pilot, "r")
        await choose(app, pilot, "class", 1)  # A (the list starts on the prompt)
        app.screen.query_one("#doc_no", Input).focus()
        await paste(app, pilot, "青水函〔2026〕3号")
        await press(app, pilot, "ctrl+s")
        return untouched, missing, refused, support_class_shown
    untouched, missing, refused, support_class_shown = drive(office_db, script)
    assert (untouched, missing) == ("", "主办单位答复须写明类别（A、B、C、D）")
    assert (refused, support_class_shown) == (True, False)
    shown_item = item(office_db, 1)
    assert shown_item["state"] == "replied"
    assert [(r["unit"], r["role"], r["class"], r["on"], r["doc_no"])
            for r in shown_item["replies"]] == [
        ("县卫生健康局", "support", None, "2026-03-20", None),
        ("县水利局", "lead", "A", "2026-03-20", "青水函〔2026〕3号")]


def test_evaluate_satisfied_closes_and_dissatisfied_sends_back(office_db, monkeypatch):
    # a loaded machine takes longer than a toast lives: the notices are read from the record
    monkeypatch.setattr(strings, "DONE_SECONDS", 0.01)
    add_items("关于加固山塘的建议", "关于路灯的建议")
    for n in ("1", "2"):
        ok("assign", n, "--lead", "水利局")
        ok("reply", n, "--unit", "水利局", "--class", "A")

    async def evaluate(app, pilot, number, downs, note=""):
        await press(app, pilot, "s", "home", *["down"] * (number - 1), "e")
        await choose(app, pilot, "result", downs)
        if note:
            await type_in(app, pilot, "note", note)
        await press(app, pilot, "ctrl+s")

    async def script(app, pilot):
        await evaluate(app, pilot, 1, 1)
        await evaluate(app, pilot, 2, 3, note="未解决实际问题")
        return messages(app)
    notes = drive(office_db, script)
    assert notes == ["第1号：评价“满意”，现为“已办结”。", "第2号：评价“不满意”，现为“重新办理”。"]
    assert [(e["result"], e["rater"], e["note"]) for e in item(office_db, 2)["evaluations"]] == [
        ("dissatisfied", "李四", "未解决实际问题")]
    assert item(office_db, 2)["assignments"][-1]["due_on"] == "2026-04-20"  # 1 month to redo


def test_close_needs_a_reason(office_db):
    add_items("关于加固山塘的建议")
    ok("assign", "1", "--lead", "水利局")

    async def script(app, pilot):
        await press(app, pilot, "c")
        await press(app, pilot, "ctrl+s")
        missing = message(app, "reason")
        await press(app, pilot, *"已通过其他途径解决", "ctrl+s")
        return missing
    assert drive(office_db, script) == "办结需要写明理由"  # the field is marked: no --reason
    shown_item = item(office_db, 1)
    assert (shown_item["state"], shown_item["close_reason"]) == ("closed", "已通过其他途径解决")


def test_add_registers_an_item_and_the_queue_shows_it(office_db):
    async def script(app, pilot):
        await press(app, pilot, "n")
        await press(app, pilot, "ctrl+s")
        empty = message(app, "title"), message(app, "proposer")
        await press(app, pilot, *"关于增设公交线路的建议", "enter", *"张三", "enter")
        await paste(app, pilot, "李四、王五")
        await press(app, pilot, "ctrl+s")
        return empty, [r["number"] for r in app.screen.query_one(ItemList).shown_rows()]
    empty, numbers = drive(office_db, script)
    assert empty == ("标题：不能为空", "领衔人：不能为空")
    assert numbers == [1]
    new = item(office_db, 1)
    assert (new["title"], new["proposer"], new["co_proposers"], new["state"]) == (
        "关于增设公交线路的建议", "张三", ["李四", "王五"], "registered")


def test_a_stale_view_is_refused_reloads_and_keeps_what_was_typed(office_db):
    add_items("关于加固山塘的建议")
    ok("assign", "1", "--lead", "水利局")

    async def script(app, pilot):
        await open_item(app, pilot)
        screen = app.screen
        await press(app, pilot, "x")
        await press(app, pilot, *"2026-07-01")
        await type_in(app, pilot, "reason", "汛期施工")
        # meanwhile another clerk records the unit's reply from the same queue
        with opened(office_db) as conn:
            replies.reply(conn, 1, unit="水利局", class_="A", on=TODAY, actor="另一位",
                           today=TODAY)
        await press(app, pilot, "ctrl+s")
        form = app.screen
        stale = (isinstance(form, ActionForm), shown(app, "form-error"), form.text("until"),
                 form.text("reason"), form.ctx.item["state"], screen.item["state"])
        await press(app, pilot, "ctrl+s")  # checked against the reloaded item now
        return stale, isinstance(app.screen, ActionForm), shown(app, "form-error"), \
            message(app, "unit")
    stale, still_open, second, unit = drive(office_db, script)
    assert stale == (True, "第1号建议已被 另一位 修改，已重新载入，请核对后再提交", "2026-07-01",
                     "汛期施工", "replied", "replied")  # the form and the item screen reloaded
    # the reloaded item has no running assignment left to extend
    assert (still_open, second, unit) == (True, "请先改正上面标出的内容。", "本件没有正在办理的单位")
    assert assignments(office_db, 1) == [("县水利局", "lead", "2026-06-22", False, "2026-03-20")]


def test_item_screen_shows_every_part_at_80x24(office_db):
    add_items("关于加固山塘的建议")
    ok("assign", "1", "--lead", "水利局", "--support", "卫健局")
    ok("reply", "1", "--unit", "卫健局")

    async def script(app, pilot):
        await open_item(app, pilot)
        screen = app.screen
        return (shown(app, "item-head"), screen.section_text("assignments"),
                screen.section_text("replies"), screen.section_text("history"))
    head, table, replies, history = drive(office_db, script, size=(80, 24))
    # 62 working days after 03-20 up to 06-22 (清明, 劳动节 and 端午 off, make-up days counted)
    assert head == "第1号建议  关于加固山塘的建议  〔办理中〕  主办期限 2026-06-22 剩余 62 白"
    assert [line.split() for line in table.splitlines()] == [
        ["单位", "角色", "轮", "交办", "期限", "剩余", "色", "办理情况"],
        ["县水利局", "主办", "1", "2026-03-20", "2026-06-22", "62", "白", "办理中"],
        ["县卫生健康局", "协办", "1", "2026-03-20", "2026-04-20", "已答复", "2026-03-20"],
    ]
    assert replies.splitlines()[1].split() == ["县卫生健康局", "协办", "1", "2026-03-20"]
    # the content column wraps at 80 columns; each event starts a line with its date
    assert [line.split()[2:] for line in history.splitlines() if line.startswith("2026")] == [
        ["登记"],  # worded as `docket history` words it (core/event_labels.describe_event)
        ["交办", "状态：已登记", "→"],
        ["协办意见", "单位：县卫生健康局"],
    ]
