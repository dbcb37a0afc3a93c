"""The item screen's 相似件 panel and its one-key merge (issue 16)."""
from __future__ import annotations

import json

from docket.tui.screens.item import ItemScreen
from tests.commands.test_similar import BASE, NEAR, OTHER
from tests.conftest import ok
from tests.tui.helpers import drive, messages, press, settle


def _add(title: str, content: str) -> None:
    ok("add", "--title", title, "--proposer", "张三", "--content", content)


def test_the_panel_lists_look_alikes_and_j_merges_into_the_best(office_db):
    _add(*BASE)
    _add(*OTHER)
    _add(*NEAR)

    async def script(app, pilot):
        app.push_screen(ItemScreen(app.rt, 3))
        await settle(app, pilot)
        screen = app.screen
        panel = screen.section_text("similar")
        await press(app, pilot, "j")
        return isinstance(screen, ItemScreen), panel, messages(app)
    is_item, panel, said = drive(office_db, script)
    assert is_item
    assert "饮水安全" in panel and "本届" in panel and "按 j 把本件并入第1号" in panel
    assert "卫生院" not in panel
    assert "第3号已并入第1号" in said
    shown = json.loads(ok("show", "3", "--json"))
    assert shown["state"] == "merged" and shown["merged_into"] == 1


def test_j_without_a_look_alike_says_so_and_changes_nothing(office_db):
    _add(*BASE)

    async def script(app, pilot):
        app.push_screen(ItemScreen(app.rt, 1))
        await settle(app, pilot)
        await press(app, pilot, "j")
        return messages(app)
    assert "本届没有可并入的相似件" in drive(office_db, script)
    assert json.loads(ok("show", "1", "--json"))["state"] == "registered"


def test_the_assign_form_names_the_likely_lead_with_the_reason(office_db):
    from tests.commands.test_similar import ELSEWHERE

    _add(*BASE)
    ok("assign", "1", "--lead", "县水利局", "--on", "2026-03-20")
    _add(*ELSEWHERE)

    async def script(app, pilot):
        app.push_screen(ItemScreen(app.rt, 2))
        await settle(app, pilot)
        await press(app, pilot, "a")
        return str(app.screen.query_one("#form-item").render())
    head = drive(office_db, script)
    assert "建议主办：县水利局（相似件第1号" in head
