"""The dashboard and the documents screen on a small database built through the CLI (Pilot).

Today is 2026-03-20, a Friday (tests/conftest.py). The office of tests/conftest.py, five items:
  1 县水利局 lead, 县农业农村局 support (due 02-05), assigned 01-05, due 03-10: overdue, red
  2 县水利局, due 04-30, replied 03-02 (A, on time), rated 满意 03-10
  3 县农业农村局, due 03-26: 4 working days left, yellow
  4 县卫生健康局, due 02-27, replied 03-05 (B, late), rated 基本满意 03-12
  5 registered only
So: 4 assigned, 2 replied, 1 overdue; on time 1/3 (item 3 is not yet decided); satisfied 2/2
(基本满意 counts, stats.basic_is_satisfied defaults to true).
"""
from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

from textual.widgets import Input, OptionList, RichLog

from docket.commands.report import _pct
from docket.core.stats import report
from docket.store.db import opened
from docket.tui.screens.dashboard import (
    DashboardScreen,
    Overall,
    UnitTable,
    parts_of,
    rate_text,
    split_cells,
)
from docket.tui.screens.documents import DocumentsScreen
from tests.tui.helpers import drive as drive_app


def drive(db: Path, script, size=(100, 30)):
    return drive_app(db, script, size)


TODAY = date(2026, 3, 20)


async def open_dashboard(app, pilot) -> DashboardScreen:
    await pilot.press("d")
    await pilot.pause()
    await app.screen.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, DashboardScreen)
    return app.screen


def plain(lines) -> list[str]:
    return [c.plain.rstrip() for c in lines]


def split_bar(line: str) -> tuple[str, str]:
    """(the figures, the bar): the bar is the trailing run of block characters."""
    m = re.fullmatch(r"(.*?)\s*([█▚▓░]*)", line)
    return m.group(1), m.group(2)


def test_dashboard_shows_the_report_figures(small_db: Path) -> None:
    async def script(app, pilot):
        screen = await open_dashboard(app, pilot)
        table = screen.query_one(UnitTable)
        width = table.size.width
        rows = [split_bar(line)[0] for line in plain(table.lines(width))]
        head = str(screen.query_one("#units-head").render())
        return plain(screen.query_one(Overall).lines(98)), rows, head.rstrip()

    overall, rows, head = drive(small_db, script)
    # 98 cells: two columns of 48, each bar 22 cells; 1/3 of 22 cells is 7 and 3/8 (▍)
    assert overall[:5] == [
        "交办 4   已答复 2   逾期未答复 1   已评价 2   办结未答复 0",
        "答复率      50.0% 2/4     " + "█" * 11 + "·" * 11 + "  办成率      50.0% 1/2     "
        + "█" * 11 + "·" * 11,
        "按期答复率  33.3% 1/3     " + "█" * 7 + "▍" + "·" * 14 + "  解决率       100% 2/2     "
        + "█" * 22,
        "满意率       100% 2/2     " + "█" * 22 + "  办结率      50.0% 2/4     " + "█" * 11 + "·" * 11,
        "初次满意率   100% 2/2     " + "█" * 22,
    ]
    assert overall[5] == "答复类别  A 1、B 1、C 0、D 0"
    assert head.startswith("承办单位     主办 协办 答复 逾期 按期答复率     满意率  主办件")
    assert rows == [
        "县水利局        2    0    1    1      50.0%       100%",
        "县农业农村局    1    1    0    0          —          —",
        "县卫生健康局    1    0    1    0       0.0%       100%",
    ]
    # and the same as core.stats, formatted as `docket report` formats it
    with opened(small_db) as conn:
        rep = report(conn, as_of=TODAY)
    assert [r.split() for r in rows] == [
        [u.unit, str(u.lead), str(u.support), str(u.replied), str(u.overdue), _pct(u.on_time),
         _pct(u.satisfaction)] for u in rep.units]
    assert [rate_text(r) for _, _, r in rep.rates()] == [_pct(r) for _, _, r in rep.rates()]


def test_unit_bars_split_replied_overdue_soon() -> None:
    with_soon = parts_of(_unit(lead=4, replied=1, overdue=1), soon=1)
    assert with_soon == {"replied": 1, "overdue": 1, "soon": 1, "other": 1}
    # one overdue item among many replied still gets a cell of red
    assert split_cells({"replied": 40, "overdue": 1, "soon": 0, "other": 0}, 20) == {
        "replied": 19, "overdue": 1, "soon": 0, "other": 0}
    assert split_cells({"replied": 1, "overdue": 1, "soon": 1, "other": 0}, 10) == {
        "replied": 4, "overdue": 3, "soon": 3, "other": 0}


def _unit(**counts):
    from docket.core.stats import UnitFigures
    return UnitFigures(1, "县水利局", **counts)


def test_dashboard_bar_of_the_yellow_unit_and_order_key(small_db: Path) -> None:
    async def script(app, pilot):
        screen = await open_dashboard(app, pilot)
        table = screen.query_one(UnitTable)
        soon = dict(table.data.soon)
        bars = [split_bar(line)[1] for line in plain(table.lines(100))]
        await pilot.press("s")  # overdue first
        first = plain(table.lines(100))[0].split()[0]
        await pilot.press("s")  # lowest on-time rate first; a dash goes last
        order = [line.split()[0] for line in plain(table.lines(100))]
        await pilot.press("escape")
        await pilot.pause()
        return soon, bars, first, order, app.current_mode

    soon, bars, first, order, mode = drive(small_db, script)
    assert soon == {"县农业农村局": 1}
    # 100 cells: 56 for the figures, 44 for the bar; 水利局 (2 lead) fills it, the others half;
    # 水利局's replied (█) and overdue (▚) halves read apart without colour
    assert bars == ["█" * 22 + "▚" * 22, "▓" * 22, "█" * 22]
    assert first == "县水利局"
    assert order == ["县卫生健康局", "县水利局", "县农业农村局"]
    assert mode == "queue"


def test_dashboard_fits_80_columns(small_db: Path) -> None:
    async def script(app, pilot):
        screen = await open_dashboard(app, pilot)
        table = screen.query_one(UnitTable)
        return table.size.width, plain(table.lines(table.size.width))

    width, lines = drive(small_db, script, size=(80, 24))
    assert width == 80
    assert lines[0] == "县水利局        2    0    1    1      50.0%       100%  " + "█" * 12 + "▚" * 12


def _documents(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT d.kind, d.doc_no, u.name, d.path, d.issued_on, d.by FROM documents d"
                            " LEFT JOIN units u ON u.id = d.unit_id ORDER BY d.id").fetchall()
    finally:
        conn.close()


def generate(db: Path, folder: Path, kind: str):
    async def script(app, pilot):
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DocumentsScreen)
        screen.query_one("#doc-folder", Input).value = str(folder)
        kinds = screen.query_one(OptionList)
        kinds.highlighted = [o.id for o in kinds.options].index(kind)
        kinds.focus()
        await pilot.press("enter")
        await pilot.pause()
        await screen.workers.wait_for_complete()
        await pilot.pause()
        log = [line.text for line in screen.query_one(RichLog).lines]
        return log
    return drive(db, script)


def test_reminders_from_the_tui_write_and_record(small_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "催办"
    log = generate(small_db, out, "remind")
    files = ["督办函-县农业农村局-2026-03-20.docx", "督办函-县水利局-2026-03-20.docx"]
    assert sorted(p.name for p in out.iterdir()) == files
    assert log[-1] == "已记录催办并生成2份文书：3件次（督办2件次）。"
    assert _documents(small_db) == [
        ("supervision", "青禾人大办函〔2026〕1号", "县水利局", str(out / files[1]), "2026-03-20", "测试员"),
        ("supervision", "青禾人大办函〔2026〕2号", "县农业农村局", str(out / files[0]), "2026-03-20",
         "测试员"),
    ]
    conn = sqlite3.connect(small_db)
    sent = conn.execute("SELECT i.number, r.role, r.level, r.n FROM reminders r JOIN items i"
                        " ON i.id = r.item_id ORDER BY i.number, r.role").fetchall()
    conn.close()
    assert sent == [(1, "lead", "red", 1), (1, "support", "red", 1), (3, "lead", "yellow", 1)]


def test_circular_from_the_tui_writes_and_records(small_db: Path, tmp_path: Path) -> None:
    log = generate(small_db, tmp_path, "circular")
    path = tmp_path / "办理情况通报-2026-03-20.docx"
    assert path.is_file()
    assert log[-1] == "已生成办理情况通报 青禾人大办〔2026〕1号。"
    assert [row[:3] + row[4:] for row in _documents(small_db)] == [
        ("circular", "青禾人大办〔2026〕1号", None, "2026-03-20", "测试员")]
    assert _documents(small_db)[0][3] == str(path.resolve())


def test_notices_from_the_tui_cover_the_new_assignments(small_db: Path, tmp_path: Path) -> None:
    log = generate(small_db, tmp_path / "通知", "notice")
    # items 2 and 4 were replied before any notice, so only units with open assignments get one
    files = ["交办通知-县农业农村局-2026-03-20.docx", "交办通知-县水利局-2026-03-20.docx"]
    assert sorted(p.name for p in (tmp_path / "通知").iterdir()) == files
    assert log[-1] == "已生成交办通知2份（青禾人大办〔2026〕1号）。"
    assert [row[:3] for row in _documents(small_db)] == [
        ("notice", "青禾人大办〔2026〕1号", "县水利局"), ("notice", "青禾人大办〔2026〕1号", "县农业农村局")]
    # a second run finds nothing new and writes nothing
    again = generate(small_db, tmp_path / "再次", "notice")
    assert again[-1] == "没有需要发交办通知的承办件（新的交办都已发过通知），未生成文件。"
    assert not (tmp_path / "再次").exists()  # one folder policy: created only to hold a file


def test_notice_for_the_queue_selection(small_db: Path, tmp_path: Path) -> None:
    async def script(app, pilot):
        await pilot.press("s", "home")  # by number: 1, 2, 3 ...
        await pilot.press("down", "down", "space")  # select item 3
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#doc-folder", Input).value = str(tmp_path / "选中")
        labels = [str(o.prompt) for o in screen.query_one(OptionList).options]
        screen.query_one(OptionList).focus()
        await pilot.press("enter")  # the first option, 交办通知
        await pilot.pause()
        await screen.workers.wait_for_complete()
        await pilot.pause()
        return screen.numbers, labels[0]

    numbers, label = drive(small_db, script)
    assert numbers == (3,)
    assert label == "交办通知（尚未发通知的交办，每个单位一份）  第 3 号"
    assert [p.name for p in (tmp_path / "选中").iterdir()] == ["交办通知-县农业农村局-2026-03-20.docx"]


def test_brief_from_the_tui_takes_the_next_issue(small_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "简报"
    log = generate(small_db, out, "brief")
    assert [p.name for p in out.iterdir()] == ["工作简报-第1期-2026-03-20.docx"]
    assert log[-1] == "已生成代表建议办理工作简报第1期。"
    assert [row[:2] + row[4:] for row in _documents(small_db)] == [
        ("brief", "第1期", "2026-03-20", "测试员")]


def test_form_needs_selected_items(small_db: Path, tmp_path: Path) -> None:
    log = generate(small_db, tmp_path, "form")
    assert log[-1] == "征询意见表按事项生成：请先在队列中用空格选中事项，再按 f（或 g）。"
