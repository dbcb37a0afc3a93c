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
