"""The review view (issue 18): replies waiting for review and extension requests, decided by key,
over a real database made through the CLI and a sheet filled as a unit fills it."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from textual.app import App
from textual.widgets import DataTable

from docket.core.runtime import Runtime
from docket.tui.screens.waiting import WaitingScreen
from tests.conftest import ok
from tests.tui.helpers import run_app, settle

LATER = "2026-04-15"


class Host(App[None]):
    def __init__(self, rt: Runtime, screen) -> None:
        super().__init__()
        self.rt, self.first = rt, screen

    def on_mount(self) -> None:
        self.push_screen(self.first)


def test_the_view_lists_what_waits_and_a_accepts_it(office_db: Path, tmp_path: Path) -> None:
    ok("add", "--title", "关于加固河堤的建议", "--proposer", "张三")
    ok("add", "--title", "关于疏浚水渠的建议", "--proposer", "李四")
    ok("assign", "1", "2", "--lead", "水利局")
    sheet = Path(ok("packet", "--out", str(tmp_path)).strip())
    wb = load_workbook(sheet)
    ws = wb["办理情况反馈表"]
    col = {c.value: c.column for c in ws[4]}
    ws.cell(5, col["答复日期"], "2026.4.10")
    ws.cell(5, col["类别"], "A")
    ws.cell(6, col["申请延期至"], "2026-07-31")
    ws.cell(6, col["延期理由"], "等待批复")
    wb.save(tmp_path / "back.xlsx")
    ok("import", "--replies", str(tmp_path / "back.xlsx"), today=LATER)

    async def script(app, pilot):
        grid = app.screen.query_one("#waiting-table", DataTable)
        before = [[str(c) for c in grid.get_row_at(r)][:4] for r in range(grid.row_count)]
        await pilot.press("a")
        await settle(app, pilot)
        after = grid.row_count
        await pilot.press("a")
        await settle(app, pilot)
        return before, after, str(app.screen.query_one("#waiting-title").render())

    app = Host(Runtime(db_path=office_db, actor="测试员", today=date.fromisoformat(LATER)), WaitingScreen())
    before, after, title = run_app(app, script, (110, 40))
    assert before == [["答复待审核", "1", "县水利局", "A"], ["延期待批", "2", "县水利局", "2026-07-31"]]
    assert after == 1
    assert title == "没有待审核的答复，也没有待批的延期申请。"
    shown = json.loads(ok("show", "1", "--json", today=LATER))
    assert [r["review"] for r in shown["replies"]] == ["accepted"] and shown["state"] == "replied"
    assert json.loads(ok("show", "2", "--json", today=LATER))["assignments"][0]["due_on"] == "2026-07-31"
