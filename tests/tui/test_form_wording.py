"""Form leftovers of issue 17: a blank unit in the reply form asks to choose one (the item has
units, item 9); a duration the form cannot read is explained with the Chinese forms first
(item 3); the 协办单位 box splits as the importer does (core.sheets.values.split_units)."""
from __future__ import annotations

from textual.widgets import Input, Select

from docket.tui import strings
from tests.conftest import ok
from tests.tui.helpers import drive, item, message, paste, press, shown, type_in


def test_the_reply_form_opens_on_the_lead_and_a_blank_unit_asks_to_choose(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局", "--support", "卫健局")

    async def script(app, pilot):
        await press(app, pilot, "r")
        first = app.screen.query_one("#unit", Select).value
        app.screen.query_one("#unit", Select).clear()
        await press(app, pilot, "ctrl+s")
        return first, message(app, "unit")

    first, blank = drive(office_db, script)
    assert first == "县水利局"
    assert blank == strings.CHOOSE_UNIT != strings.NO_OPEN_UNIT


def test_a_duration_the_form_cannot_read_shows_the_chinese_forms_first(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局")

    async def script(app, pilot):
        await press(app, pilot, "x")
        await type_in(app, pilot, "by", "3 weeks")
        return message(app, "by")

    said = drive(office_db, script)
    assert "无法识别的期限“3 weeks”，应写作“3个月”“15日”“20个工作日”之类" in said
    assert said.index("3个月") < said.index("3 months")


def test_the_support_box_splits_units_as_the_importer_does(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")

    async def script(app, pilot):
        await press(app, pilot, "a")
        await type_in(app, pilot, "lead", "水利局")
        app.screen.query_one("#support", Input).focus()
        await pilot.pause()
        await paste(app, pilot, "农业农村局/卫健局")
        preview, problem = shown(app, "form-preview"), message(app, "support")
        await press(app, pilot, "ctrl+s")
        return problem, preview

    problem, preview = drive(office_db, script)
    assert problem == ""
    assert "协办 县农业农村局" in preview and "协办 县卫生健康局" in preview
    assert [(a["unit"], a["role"]) for a in item(office_db, 1)["assignments"]] == [
        ("县水利局", "lead"), ("县农业农村局", "support"), ("县卫生健康局", "support")]
