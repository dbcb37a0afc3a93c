"""The documents dialog while a job runs (issue 17 item 1): a progress bar fed by the issuing
path, 生成期间可继续查看 kept (h closes the dialog, the queue and its search take keys, a
notification says when the job is done, g opens the dialog on it again), and Esc cancels
cleanly: no number used, no file left (the documents table and the folder as they were).

The job is held after its first document by a gate in docgen's file writer, so the test acts
while it is really running; everything else is the real issuing path on a real database.
"""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, ProgressBar, RichLog

from docket.docgen import save
from docket.tui.screens.documents import DocumentsScreen
from docket.tui.screens.queue import QueueScreen
from tests.conftest import ok
from tests.tui.helpers import drive, messages, press, settle


@pytest.fixture
def assigned_db(office_db: Path) -> Path:
    """Three items assigned to three units: a notice run writes three documents."""
    for n, unit in enumerate(["水利局", "农业农村局", "卫健局"], 1):
        ok("add", "--title", f"关于第{n}件事的建议", "--proposer", "张三")
        ok("assign", str(n), "--lead", unit)
    return office_db


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The first document is written (and its progress shown), then the job waits before the
    second until the test opens the gate."""
    opened = threading.Event()
    held = threading.Event()
    write = save.write_file
    calls = []

    def write_file(doc, path):
        calls.append(path)
        if len(calls) == 2:
            held.set()
            opened.wait(30)
        write(doc, path)

    monkeypatch.setattr(save, "write_file", write_file)
    opened.held = held
    return opened


def documents(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT * FROM documents ORDER BY id").fetchall()
    finally:
        conn.close()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


async def start_notices(app, pilot, folder: Path, gate: threading.Event) -> DocumentsScreen:
    await press(app, pilot, "g")
    screen = app.screen
    assert isinstance(screen, DocumentsScreen)
    screen.query_one("#doc-folder", Input).value = str(folder)
    kinds = screen.query_one(OptionList)
    kinds.highlighted = 0  # 交办通知
    kinds.focus()
    await pilot.press("enter")
    while not gate.held.is_set():  # the first document is written; the job waits
        await pilot.pause(0.02)
    await pilot.pause(0.1)
    return screen


def test_the_dialog_closes_while_notices_are_written_and_says_when_they_are_done(
        assigned_db: Path, tmp_path: Path, gate: threading.Event) -> None:
    out = tmp_path / "通知"

    async def script(app, pilot):
        screen = await start_notices(app, pilot, out, gate)
        bar = screen.query_one(ProgressBar)
        seen = (bar.display, bar.total, bar.progress)
        await pilot.press("h")  # 后台继续
        away = type(app.screen)
        await pilot.press("slash", *"第2")  # the queue and its search take keys meanwhile
        typed = app.screen.query_one("#search", Input).value
        await pilot.press("escape")
        await pilot.press("g")  # opened again on the running job
        again = app.screen
        again_bar = again.query_one(ProgressBar)
        state = (again is not screen, again_bar.display, again_bar.progress,
                 str(again.query_one("#doc-status").render()))
        await pilot.press("h")
        gate.set()
        await settle(app, pilot)
        return seen, away, typed, state, messages(app)

    seen, away, typed, state, notes = drive(assigned_db, script)
    assert seen == (True, 3, 1)
    assert away is QueueScreen
    assert typed == "第2"
    assert state == (True, True, 1, "已生成 1/3 份")
    assert notes[-1] == "后台生成完成：已生成交办通知3份（青禾人大办〔2026〕1号）。"
    assert len(listing(out)) == 3
    assert len(documents(assigned_db)) == 3


def test_esc_cancels_a_running_job_with_no_number_used_and_no_file_left(
        assigned_db: Path, tmp_path: Path, gate: threading.Event) -> None:
    out = tmp_path / "通知"
    out.mkdir()
    (out / "已有文件.txt").write_text("留着", encoding="utf-8")
    before = (documents(assigned_db), listing(out))

    async def script(app, pilot):
        screen = await start_notices(app, pilot, out, gate)
        await pilot.press("escape")  # cancel, the dialog stays open to say how it ended
        gate.set()
        await settle(app, pilot)
        log = [line.text for line in screen.query_one(RichLog).lines]
        still_open = app.screen is screen
        await pilot.press("escape")  # nothing running: Esc closes
        return log, still_open, type(app.screen), messages(app)

    log, still_open, after_screen, notes = drive(assigned_db, script)
    assert (documents(assigned_db), listing(out)) == before
    assert log[-2:] == ["正在取消……已写的临时文件将删除，不占用文号。",
                        "已取消：未生成文件，未占用文号，未记录。"]
    assert still_open and after_screen is QueueScreen
    assert notes[-1] == "已取消：未生成文件，未占用文号，未记录。"
    # the number was not used: the next run takes 〔2026〕1号
    ok("notice", "--out", str(tmp_path / "再次"))
    assert {row[0] for row in _doc_nos(assigned_db)} == {"青禾人大办〔2026〕1号"}


def _doc_nos(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT doc_no FROM documents").fetchall()
    finally:
        conn.close()


def test_reminders_on_a_non_working_day_say_what_to_tick_and_the_tick_sends_them(
        office_db: Path, tmp_path: Path) -> None:
    """The dialog told the clerk to run `docket remind --force` on the command line (issue 17
    item 4); it names its own checkbox instead, and ticking it sends, as --force does."""
    from datetime import date

    from docket.core.runtime import build
    from docket.tui import strings
    from docket.tui.screens.documents import remind_job

    ok("add", "--title", "关于修缮山塘的建议", "--proposer", "张三", "--received", "2025-11-01")
    ok("assign", "1", "--lead", "水利局", "--on", "2025-11-20")  # long overdue: red
    sunday = build(str(office_db), "测试员", None).with_today(date(2026, 3, 22))
    refused = remind_job(sunday, tmp_path / "out", lambda *a: None)
    assert refused.paths == []
    assert refused.message == ("2026-03-22不是工作日，未发送也未记录催办；确需今天发送，"
                               f"请勾选“{strings.DOC_FORCE}”后再生成。")
    assert "--" not in refused.message
    sent = remind_job(sunday, tmp_path / "out", lambda *a: None, force=True)
    assert [p.name for p in sent.paths] == ["督办函-县水利局-2026-03-22.docx"]
