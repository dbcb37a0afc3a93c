"""The assign form's preview is the core's dry run: the dates `docket assign --dry-run` gives,
per 小微急 flag, and nothing is written."""
from __future__ import annotations

from pathlib import Path

from docket.tui.screens.forms.assign import outcome_dues
from tests.conftest import as_json, ok, rows
from tests.tui.helpers import drive, press, shown


def test_the_preview_shows_the_dates_of_assign_dry_run_for_each_kind_of_item(office_db: Path):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")
    ok("add", "--title", "关于修复桥梁的建议", "--proposer", "李四", "--fast")
    ok("add", "--title", "关于疏浚河道的建议", "--proposer", "王五")
    ok("assign", "3", "--lead", "水利局")
    events = len(rows(office_db, "events"))

    async def script(app, pilot):
        await press(app, pilot, "space", "space", "space", "a")  # all three, then 交办
        await press(app, pilot, *"县水利局")
        await press(app, pilot, "enter", *"卫健局")
        return shown(app, "form-preview")

    preview = drive(office_db, script)
    normal, fast = as_json("assign", "1", "2", "--lead", "水利局", "--support", "卫健局",
                           "--dry-run")
    assert preview == ("将计算的期限：" + outcome_dues(normal) + "\n小微急件：" + outcome_dues(fast)
                       + "\n已交办的件：主办单位须相同，只增加协办单位")
    assert outcome_dues(fast) == "主办 县水利局 2026-04-20；协办 县卫生健康局 2026-04-03"
    assert len(rows(office_db, "events")) == events  # the previews wrote nothing
