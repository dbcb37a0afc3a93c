"""The queue's column titles say what the columns hold in a rectification round (问题来源,
责任单位), as `docket list` does: both from core.records (tui/columns.queue_header)."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import ok
from tests.tui.helpers import drive, press

ROUND = "2026年部门工作评议整改"


def test_the_rounds_queue_names_the_source_and_the_responsible_unit(office_db: Path) -> None:
    ok("add", "--title", "关于加强河道治理的建议", "--proposer", "张三")
    ok("rectify", "new", ROUND)
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局", "--source", "2026年度部门工作评议")

    async def script(app, pilot):
        before = app.screen.items.visible_lines()[0].split()
        await press(app, pilot, "w")
        return before, app.screen.items.visible_lines()[0].split()

    before, after = drive(office_db, script)
    assert ("领衔人" in before and "主办单位" in before and "问题来源" not in before)
    assert ("问题来源" in after and "责任单位" in after and "领衔人" not in after and "主办单位" not in after)
