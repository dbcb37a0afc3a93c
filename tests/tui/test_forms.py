"""Forms do not lose or waste the clerk's typing (issue 17 item 9): Esc on a filled-in form
asks first; a form that can do nothing for the item's state says so before it opens; the
"fix the marked fields" line goes once they are fixed."""
from __future__ import annotations

from docket.tui.screens.forms import ActionForm
from docket.tui.screens.item import ItemScreen
from docket.tui.screens.queue import QueueScreen
from tests.conftest import ok
from tests.tui.helpers import drive, item, messages, press, shown, type_in


def test_esc_on_a_filled_in_form_asks_before_throwing_it_away(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局")

    async def script(app, pilot):
        await press(app, pilot, "x", "escape")  # untouched: closes at once
        untouched = isinstance(app.screen, ActionForm)
        await press(app, pilot, "x")
        await type_in(app, pilot, "reason", "汛期施工")
        await press(app, pilot, "escape")
        asked = isinstance(app.screen, ActionForm), shown(app, "form-error")
        await press(app, pilot, *"，需等待")  # typing on keeps the form and drops the question
        kept = isinstance(app.screen, ActionForm), shown(app, "form-error")
        await press(app, pilot, "escape", "escape")
        return untouched, asked, kept, isinstance(app.screen, QueueScreen)

    untouched, asked, kept, closed = drive(office_db, script)
    assert not untouched
    assert asked == (True, "已填写的内容尚未提交。再按一次 Esc 放弃并关闭，或继续填写、按 Ctrl+S 提交。")
    assert kept == (True, "")
    assert closed
    assert item(office_db, 1)["assignments"][0]["due_on"] == "2026-06-22"  # nothing written


def test_reply_or_evaluate_on_a_registered_item_says_why_before_a_form_opens(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")

    async def script(app, pilot):
        await press(app, pilot, "r")
        from_queue = type(app.screen).__name__
        await press(app, pilot, "enter", "e")
        from_item = isinstance(app.screen, ItemScreen)
        return from_queue, from_item, messages(app)

    from_queue, from_item, said = drive(office_db, script)
    assert (from_queue, from_item) == ("QueueScreen", True)
    assert said == ["第1号建议已登记，不能答复", "第1号建议已登记，不能评价"]


def test_the_fix_the_marked_fields_line_goes_once_they_are_fixed(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")

    async def script(app, pilot):
        await press(app, pilot, "a", "ctrl+s")
        refused = shown(app, "form-error")
        await type_in(app, pilot, "lead", "水利局")
        return refused, shown(app, "form-error")

    assert drive(office_db, script) == ("请先改正上面标出的内容。", "")


def test_a_bulk_report_gives_the_provisional_calendar_note_once(office_db):
    from datetime import date

    from textual.widgets import Static

    for n in range(3):
        ok("add", "--title", f"关于第{n + 1}件事的建议", "--proposer", "张三")

    async def script(app, pilot):
        await press(app, pilot, "s", "home", "space", "space", "space", "a")
        await press(app, pilot, *"水利局", "ctrl+s")
        return [str(s.render()) for s in app.screen.query(Static)]

    lines = drive(office_db, script, today=date(2026, 10, 20))
    note = "2027年放假安排尚未载入，期限按周一至周五扣除法定节日推算，为暂定日期。"
    assert lines[0] == "完成 3 件，未办 0 件"
    assert lines[1] == "✓ 第1号  主办 县水利局  期限 2027-01-20（暂定）"
    assert sum(note in x for x in lines) == 1 and lines[-2] == note


def test_the_extension_date_example_is_never_in_the_past(office_db):
    from datetime import date

    from textual.widgets import Input

    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局", "--on", "2026-10-20", today="2026-10-20")

    async def script(app, pilot):
        await press(app, pilot, "x")
        return app.screen.query_one("#until", Input).placeholder

    # due 2027-01-20: the example is a month after it
    assert drive(office_db, script, today=date(2026, 11, 2)) == "如 2027-02-19（与时长二选一）"
