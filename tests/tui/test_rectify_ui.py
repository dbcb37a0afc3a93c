"""A rectification round in the TUI (domain.md §12): w switches the queue to the round, the item
screen shows the plan and the progress log, and the plan, progress and re-check forms write
through core.rectify."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import ok
from tests.tui.helpers import choose, drive, messages, press, type_in

ROUND = "2026年部门工作评议整改"


def _round() -> None:
    ok("rectify", "new", ROUND)
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局")
    ok("rectify", "add", "--problem", "窗口服务态度差", "--unit", "卫健局")
    ok("rectify", "plan", "1", "--target", "汛前完成清淤", "--measures", "分段清淤", "--person", "李明",
       "--due", "2026-05-19")
    ok("rectify", "progress", "1", "10", "--note", "完成摸底")


def test_w_switches_to_the_round_and_back(office_db: Path) -> None:
    ok("add", "--title", "关于加强河道治理的建议", "--proposer", "张三")
    _round()

    async def script(app, pilot):
        assert [r["number"] for r in app.screen.items.index.rows] == [1]
        await press(app, pilot, "w")
        rows = sorted(app.screen.items.index.rows, key=lambda r: r["number"])
        assert [(r["title"], r["state_label"]) for r in rows] == [
            ("河道清淤进展缓慢", "整改中"), ("窗口服务态度差", "未启动")]
        assert app.screen.title == f"整改：{ROUND}"
        await press(app, pilot, "w")
        assert [r["title"] for r in app.screen.items.index.rows] == ["关于加强河道治理的建议"]
    drive(office_db, script)


def test_the_item_screen_shows_the_plan_and_the_forms_write(office_db: Path) -> None:
    _round()

    async def script(app, pilot):
        from docket.core import rectify
        from docket.store.db import opened

        await press(app, pilot, "w")
        row = app.screen.items.current_row()
        if row["number"] != 1:
            await press(app, pilot, "down")
        await press(app, pilot, "enter")
        plan = app.screen.section_text("plan")
        assert "汛前完成清淤" in plan and "李明" in plan and "完成摸底" in plan
        assert "走势：进度 ▁  计划 ▁" in plan
        await press(app, pilot, "u")
        await type_in(app, pilot, "percent", "5")
        await press(app, pilot, "ctrl+s")   # refused: going backwards needs a note
        said = str(app.screen.query_one("#note-msg").render())
        assert "低于上次报送的 10%" in said and "“说明”" in said and "--" not in said  # the form's field
        await type_in(app, pilot, "note", "x")
        await press(app, pilot, "ctrl+s")
        with opened(office_db) as conn:
            assert rectify.ledger(conn, as_of=app.rt.today, round_name=ROUND)[0].progress == 5
        await press(app, pilot, "u")
        await type_in(app, pilot, "percent", "100")
        await press(app, pilot, "ctrl+s")
        await press(app, pilot, "k")
        await choose(app, pilot, "result", 2)   # 未通过 (under the prompt and 通过)
        await press(app, pilot, "ctrl+s")
        with opened(office_db) as conn:
            assert rectify.ledger(conn, as_of=app.rt.today, round_name=ROUND)[0].state == "rehandling"
        assert any("复查未通过" in m for m in messages(app))
    drive(office_db, script)


def test_the_dashboard_shows_the_round_figures(office_db: Path) -> None:
    async def script(app, pilot):
        await press(app, pilot, "d")
        rect = app.screen.query_one("#dash-rectify")
        return rect.display, str(rect.render())
    assert drive(office_db, script)[0] is False     # no round: no line
    _round()
    ok("rectify", "progress", "1", "100")
    shown, text = drive(office_db, script)
    assert shown and text.startswith(f"整改（{ROUND}）：已整改 1/2  整改完成率 50.0%")


def test_a_returned_rectification_item_is_said_to_be_not_started(office_db: Path) -> None:
    """The form's report words the state as the round does (未启动), not 已登记."""
    _round()

    async def script(app, pilot):
        await press(app, pilot, "w")
        if app.screen.items.current_row()["number"] != 1:
            await press(app, pilot, "down")
        await press(app, pilot, "t")
        await type_in(app, pilot, "reason", "x")
        await press(app, pilot, "ctrl+s")
        return messages(app)[-1]

    assert drive(office_db, script) == "第1号：县水利局已退回，现为“未启动”。"
