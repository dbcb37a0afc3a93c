"""At 80×24 the columns that matter stay whole (issue 17 item 5): free text wraps, the short
columns (轮, 类别, dates) keep their headers and cells."""
from __future__ import annotations

from docket.tui.screens.item import ItemScreen
from tests.conftest import ok
from tests.tui.helpers import drive, press


def test_the_reply_table_keeps_every_header_and_whole_dates_at_80_columns(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局", "--support", "农业农村局")
    ok("reply", "1", "--unit", "水利局", "--class", "A", "--doc-no", "青水函〔2026〕123号",
       "--contact", "李明", "--phone", "0571-88886666",
       "--summary", "已完成山塘除险加固方案编制，计划汛前完工")

    async def script(app, pilot):
        await press(app, pilot, "enter")
        assert isinstance(app.screen, ItemScreen)
        return app.screen.section_text("replies")

    text = drive(office_db, script, size=(80, 24))
    head, first = text.splitlines()[:2]
    assert head.split()[:5] == ["单位", "角色", "轮", "类别", "日期"]
    assert first.split()[2:5] == ["1", "A", "2026-03-20"]


def header_at_80(app, table_id: str) -> str:
    """The table's header line as drawn (what the clerk sees without scrolling)."""
    from textual.widgets import DataTable

    return app.screen.query_one(f"#{table_id}", DataTable).render_line(0).text


def test_the_scores_screen_shows_total_and_grade_at_80_columns(demo_db):
    async def script(app, pilot):
        await press(app, pilot, "o")
        return header_at_80(app, "scores-table")

    header = drive(demo_db, script, size=(80, 24))
    assert header.split()[:4] == ["名次", "承办单位", "总分", "等次"]


def test_the_appraisal_screen_shows_score_grade_and_vote_level_at_80_columns(office_db):
    from tests.tui.helpers import appraisal_round

    appraisal_round()

    async def script(app, pilot):
        await press(app, pilot, "y")
        return header_at_80(app, "appraisal-table")

    header = drive(office_db, script, size=(80, 24))
    assert header.split()[:6] == ["名次", "被评议部门", "综合得分", "等次", "测评等次", "满意率"]
