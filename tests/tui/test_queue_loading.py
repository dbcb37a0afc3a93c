"""How the queue loads and refreshes on a real database (issue 7 review):

- the first rows of the open view and sort paint first (urgent or not), the status line says the rest is loading, and the whole list
  swaps in keeping the sort, the cursor item and the selection;
- after a write only the touched rows are read again (no second whole listing) and patched in
  place, with the cursor kept at its position; another clerk's edits come along;
- a stale refusal re-reads the queue row behind the form.

Items 1-4 are assigned on different days, so by due date they stand 1 2 3 4, then 5 and 6
(not assigned). Today is 2026-03-20 (tests/conftest.py).
"""
from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from textual.widgets import Select, Static

from docket.core import assigning, return_extend
from docket.store.db import opened
from docket.tui.screens import queue as queue_screen
from docket.tui.screens.forms import ActionForm
from docket.tui.widgets.item_list import ItemList
from tests.conftest import ok
from tests.tui.helpers import choose, make_app, messages, press, run_app, settle

TODAY = date(2026, 3, 20)


class Recorder:
    """Wraps the app's DbSource: counts whole listings, records what was re-read, and can hold
    the whole listing back until the test lets it go."""

    def __init__(self, inner, gate: threading.Event | None = None) -> None:
        self.inner, self.gate = inner, gate
        self.everything_calls = 0
        self.changed_calls: list[list[int]] = []

    def __getattr__(self, name):  # the first screen's read goes straight through
        return getattr(self.inner, name)

    def everything(self):
        if self.gate is not None:
            self.gate.wait(10)
        self.everything_calls += 1
        return self.inner.everything()

    def changed(self, mark, numbers):
        rows, new_mark = self.inner.changed(mark, numbers)
        self.changed_calls.append(sorted(r["number"] for r in rows))
        return rows, new_mark


def six_items() -> None:
    for n, on in enumerate(("2026-01-05", "2026-01-20", "2026-02-10", "2026-03-01"), 1):
        ok("add", "--title", f"关于第{n}件事的建议", "--proposer", "张三", "--received", "2026-01-04")
        ok("assign", str(n), "--lead", "水利局", "--on", on)
    ok("add", "--title", "关于第5件事的建议", "--proposer", "李四")
    ok("add", "--title", "关于第6件事的建议", "--proposer", "王五")


def run(db: Path, script, gate: threading.Event | None = None, size=(100, 30)):
    app = make_app(db)
    app.source = recorder = Recorder(app.source, gate)
    return run_app(app, lambda app, pilot: script(app, pilot, recorder), size, settled=False)


def listed(app) -> list[int]:
    return [r["number"] for r in app.screen.query_one(ItemList).shown_rows()]


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


def cursor(app) -> tuple[int, int]:
    items = app.screen.query_one(ItemList)
    return items.cursor, items.current_row()["number"]


def test_the_first_rows_paint_first_and_the_rest_swaps_in_keeping_place(
        office_db, monkeypatch):
    six_items()
    monkeypatch.setattr(queue_screen, "FIRST_ROWS", 2)
    gate = threading.Event()

    async def script(app, pilot, recorder):
        items = app.screen.query_one(ItemList)
        while items.index is None:
            await pilot.pause(0.01)
        await pilot.pause()
        first = listed(app), status(app)
        await pilot.press("slash", *"第6", "escape")  # not among the first: say more is coming
        empty_note = items.visible_lines()[1].rstrip()
        await pilot.press("slash", "backspace", "backspace", "escape")
        await pilot.press("s", "down", "space")  # by number; select item 2, the cursor on it
        during = listed(app), cursor(app), sorted(k[1] for k in items.selected)
        gate.set()
        await settle(app, pilot)
        return (first, empty_note, during, listed(app), cursor(app),
                sorted(k[1] for k in items.selected), status(app), recorder.everything_calls)

    first, empty_note, during, after, at, selected, line, wholes = run(office_db, script, gate)
    assert first == ([1, 2], "先显示前 2 项，其余载入中…  │  显示 2，已选 0  │  全部  │  按期限")
    assert empty_note == "其余事项正在载入…"
    assert during == ([1, 2], (1, 2), [2])
    assert after == [1, 2, 3, 4, 5, 6]  # still by number, as the clerk chose
    assert (at, selected) == ((1, 2), [2])
    assert line == "共 6 项，显示 6 项，已选 1 项  │  全部  │  按编号"
    assert wholes == 1


def test_with_nothing_urgent_the_first_screen_still_shows_the_first_rows_at_once(office_db):
    """50,000 items just imported: no deadline runs, yet the first rows of the open view and
    sort paint before the whole list is read (it was an empty screen until then)."""
    for n in range(1, 6):
        ok("add", "--title", f"关于第{n}件事的建议", "--proposer", "张三")
    gate = threading.Event()

    async def script(app, pilot, recorder):
        items = app.screen.query_one(ItemList)
        while items.index is None:
            await pilot.pause(0.01)
        await pilot.pause()
        first = listed(app), items.visible_lines()[1].split()[:2], status(app)
        gate.set()
        await settle(app, pilot)
        return first, listed(app), recorder.everything_calls

    first, after, wholes = run(office_db, script, gate)
    assert first == ([1, 2, 3, 4, 5], ["1", "关于第1件事的建议"],
                     "先显示前 5 项，其余载入中…  │  显示 5，已选 0  │  全部  │  按期限")
    assert (after, wholes) == ([1, 2, 3, 4, 5], 1)


def test_a_reply_rereads_only_its_row_and_the_cursor_stays_in_place(office_db):
    six_items()

    async def script(app, pilot, recorder):
        await settle(app, pilot)
        app.screen.query_one("#state", Select).value = "assigned"  # 办理中: a reply leaves it
        await settle(app, pilot)
        before = listed(app), cursor(app)
        # meanwhile another clerk assigns item 6: it comes along with our own refresh
        with opened(office_db) as conn:
            assigning.assign(conn, [6], lead="农业农村局", on=TODAY, actor="另一位", today=TODAY)
        await press(app, pilot, "r")
        await choose(app, pilot, "class", 1)
        await press(app, pilot, "ctrl+s")
        rows = {r["number"]: r for r in app.screen.query_one(ItemList).index.rows}
        return (before, listed(app), cursor(app), rows[1]["state_label"], rows[6]["lead_unit"],
                recorder.everything_calls, recorder.changed_calls)

    before, after, at, state, lead6, wholes, reread = run(office_db, script)
    assert before == ([1, 2, 3, 4], (0, 1))
    # 1 is replied: it leaves 办理中; 6 is now assigned, due 06-22
    assert after == [2, 3, 4, 6]
    assert at == (0, 2)  # the cursor stayed on the first line: the next item moved under it
    assert (state, lead6) == ("已答复", "县农业农村局")
    assert (wholes, reread) == (1, [[1, 6]])


def test_a_bulk_action_keeps_the_cursor_position_and_clears_the_selection(office_db):
    """The selection was used up by the action: kept, it counted items the view no longer
    showed and the next bulk action failed on them (issue 17)."""
    six_items()

    async def script(app, pilot, recorder):
        await settle(app, pilot)
        await press(app, pilot, "end", "up", "space", "space")  # select 5 and 6, cursor on 6
        await press(app, pilot, "a")
        await press(app, pilot, *"农业农村局", "ctrl+s")
        await press(app, pilot, "escape")  # the per-item report
        items = app.screen.query_one(ItemList)
        return listed(app), cursor(app), sorted(k[1] for k in items.selected), \
            recorder.everything_calls, status(app)

    after, at, selected, wholes, line = run(office_db, script)
    assert after == [1, 2, 3, 4, 5, 6]  # 5 and 6 now due 06-22, still after the others
    assert (at, selected, wholes) == ((5, 6), [], 1)
    assert line == "共 6 项，显示 6 项，已选 0 项  │  全部  │  按期限"


def test_selected_items_the_view_hides_are_left_out_of_a_bulk_action_and_the_clerk_is_told(
        office_db):
    six_items()

    async def script(app, pilot, recorder):
        await settle(app, pilot)
        await press(app, pilot, "end", "up", "space", "space")  # select 5 and 6 (unassigned)
        await press(app, pilot, "home", "space")  # and 1 (assigned)
        await press(app, pilot, "1")  # the 待交办 view: 1 is hidden
        line = status(app)
        await press(app, pilot, "a")
        return line, app.screen.numbers, messages(app)

    line, numbers, said = run(office_db, script)
    assert line == "共 6 项，显示 2 项，已选 2 项（另 1 项未显示）  │  待交办  │  按期限"
    assert numbers == [5, 6]
    assert said == ["已选事项中有 1 项不在当前视图，本次不包括；按 0 显示全部可看到它们。"]


def test_a_stale_refusal_rereads_the_queue_row_behind_the_form(office_db):
    six_items()

    async def script(app, pilot, recorder):
        await settle(app, pilot)
        queue = app.screen
        await press(app, pilot, "r")
        await choose(app, pilot, "class", 1)
        with opened(office_db) as conn:  # another clerk extends item 1 meanwhile
            return_extend.extend(conn, 1, unit="水利局", reason="汛期", until=date(2026, 7, 1),
                            actor="另一位", today=TODAY)
        await press(app, pilot, "ctrl+s")
        refused = isinstance(app.screen, ActionForm), str(
            app.screen.query_one("#form-error", Static).render())
        row = next(r for r in queue.items.shown_rows() if r["number"] == 1)
        return refused, row["due_on"], recorder.everything_calls

    refused, due, wholes = run(office_db, script)
    assert refused == (True, "第1号建议已被 另一位 修改，已重新载入，请核对后再提交")
    assert (due, wholes) == ("2026-07-01", 1)


def test_prefetched_first_screen_is_the_first_listing(office_db):
    """`docket tui` starts reading the first screen before Textual is imported."""
    from datetime import date

    from docket.core.runtime import Runtime
    from docket.tui.source import FIRST_ROWS, DbSource

    from tests.conftest import ok as run_ok

    run_ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")
    run_ok("assign", "1", "--lead", "水利局")
    rt = Runtime(db_path=office_db, actor="测试员", today=date(2026, 3, 20))
    source = DbSource(rt).prefetch()
    first = source.first(FIRST_ROWS)
    assert [(r["number"], r["due_on"]) for r in first] == [(1, "2026-06-22")]
    assert source.prefetched is None and source.first(FIRST_ROWS) == first  # used once, then read again


def test_writes_made_elsewhere_appear_without_f5(office_db, monkeypatch):
    """A shell `docket assign` (or another clerk) while the queue is open: the queue checks
    the event log every few seconds and re-reads just the rows that changed (issue 17 item 7)."""
    from docket.tui.screens.queue import QueueScreen

    six_items()
    monkeypatch.setattr(QueueScreen, "POLL_SECONDS", 0.2)

    async def script(app, pilot, recorder):
        await settle(app, pilot)
        before = next(r for r in app.screen.items.shown_rows() if r["number"] == 6)["lead_unit"]
        ok("assign", "6", "--lead", "农业农村局")  # from the command line, no key pressed here
        for _ in range(50):
            await pilot.pause(0.1)
            row = next(r for r in app.screen.items.shown_rows() if r["number"] == 6)
            if row["lead_unit"]:
                break
        return before, row["lead_unit"], recorder.everything_calls, recorder.changed_calls

    before, after, wholes, reread = run(office_db, script)
    assert (before, after) == (None, "县农业农村局")
    assert (wholes, reread) == (1, [[6]])  # one cheap re-read of the changed row
