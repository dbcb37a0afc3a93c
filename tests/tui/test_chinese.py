"""Every string a clerk sees is Chinese (issue 17 item 3): the footer's keys, Textual's own
Ctrl+C hint and palette line, the item screen's 催办督办 table and history."""
from __future__ import annotations

from textual.command import CommandList
from textual.widgets._footer import FooterKey

from docket.tui.screens.item import ItemScreen
from tests.conftest import ok
from tests.tui.helpers import drive, press


def test_footer_keys_ctrl_c_and_the_palette_speak_chinese(office_db):
    async def script(app, pilot):
        footer = {k.key_display for k in app.screen.query(FooterKey)}
        await press(app, pilot, "ctrl+c")
        hint = app.notices[-1]
        await press(app, pilot, "ctrl+p", *"zzzz")
        await pilot.pause(1.0)  # Textual waits before saying nothing matches
        palette = app.screen.query_one(CommandList)
        lines = [str(palette.get_option_at_index(i).prompt.renderable)
                 for i in range(palette.option_count)]
        return footer, (hint.title, hint.message), lines

    footer, hint, lines = drive(office_db, script)
    assert "空格" in footer and "Ctrl+P" in footer
    assert not footer & {"space", "^p", "esc"}
    assert hint == ("要退出吗？", "按 q 退出 docket")
    assert lines == ["没有匹配的命令"]


def test_item_screen_shows_reminder_levels_and_every_history_action_in_chinese(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三", "--received", "2026-01-04")
    ok("assign", "1", "--lead", "水利局", "--on", "2026-01-05", "--due", "2026-03-10")
    ok("remind")  # overdue: a 督办 (level red)
    ok("reply", "1", "--unit", "水利局", "--class", "A")
    ok("score", "quality", "1=78")

    async def script(app, pilot):
        await press(app, pilot, "enter")
        screen = app.screen
        assert isinstance(screen, ItemScreen)
        return screen.section_text("reminders"), screen.section_text("history")

    reminders, history = drive(office_db, script, size=(160, 50))
    line = next(x for x in reminders.splitlines() if "县水利局" in x)
    assert "督办" in line and "red" not in line
    assert len(line.rstrip()) < 80  # the unit column is as wide as the names, not the screen
    assert "答复质量评分  质量分：— → 78" in history  # as `docket history 1` words it
    assert "score.quality" not in history


def test_scores_screen_keys_come_from_the_registry_with_chinese_key_names():
    """The scores screen's footer said `esc 返回` and `r 刷新`: its keys were bound inline, outside
    the registry that builds the footer, the palette and F1 (issue 17 item 3)."""
    from docket.tui import actions
    from docket.tui.screens.scores import ScoresScreen

    assert [b.key for b in ScoresScreen.BINDINGS] == [a.key for a in actions.for_scope("scores")]
    assert [b.key_display for b in ScoresScreen.BINDINGS] == ["[", "]", "F5", "Esc"]
