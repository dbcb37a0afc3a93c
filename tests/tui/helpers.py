"""What every TUI test drives the app with (Pilot), in one place.

- `drive(db, script)`: the real app over a database, `script(app, pilot)` run once it settled;
  `run_app(app, script)` for an app built otherwise (synthetic rows, a one-screen host);
- `settle`, `press`, `type_in`, `paste`, `choose`: keys, then every worker done;
- `app.notices`: every notification as it was sent. Textual drops a toast after its timeout
  (5 s by default), which a loaded machine passes in the middle of a test: tests read this
  record, never `app._notifications`.

Today is 2026-03-20 (tests/conftest.py) unless a test says otherwise.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import events
from textual.app import App
from textual.widgets import Input, Static
from textual.worker import WorkerCancelled

from docket.core.queue import show_item
from docket.core.runtime import Runtime
from docket.store.db import opened
from docket.tui.app import DocketApp

TODAY = date(2026, 3, 20)
Script = Callable[[App, object], Awaitable]


@dataclass(frozen=True)
class Notice:
    message: str
    title: str
    severity: str
    timeout: float


def record_notices(app: App) -> App:
    """Keep every notification in `app.notices` (screens' and widgets' notify go through the
    app's)."""
    app.notices = []
    notify = app.notify

    def recording(message, *, title="", severity="information", timeout=None, **rest):
        app.notices.append(Notice(str(message), title, severity,
                                  app.NOTIFICATION_TIMEOUT if timeout is None else timeout))
        return notify(message, title=title, severity=severity, timeout=timeout, **rest)

    app.notify = recording
    return app


def messages(app: App) -> list[str]:
    return [n.message for n in app.notices]


def make_app(db: Path, today: date = TODAY, rows: list[dict] | None = None) -> DocketApp:
    """The real app over `db` (or over fixed `rows`), recording its notices."""
    rt = Runtime(db_path=db, actor="测试员", today=today)
    return record_notices(DocketApp(rt, rows_provider=(lambda: rows) if rows is not None else None))


def run_app(app: App, script: Script, size=(100, 40), settled: bool = True):
    """Run `script(app, pilot)` on `app` headless; first let it load unless `settled` is False."""
    if not hasattr(app, "notices"):
        record_notices(app)

    async def main():
        async with app.run_test(size=size) as pilot:
            if settled:
                await settle(app, pilot)
            return await script(app, pilot)
    return asyncio.run(main())


def drive(db: Path, script: Script, size=(100, 40), today: date = TODAY):
    """Run `script(app, pilot)` on the real TUI over `db`, once the queue has loaded."""
    return run_app(make_app(db, today), script, size)


async def settle(app: App, pilot) -> None:
    """Let every worker finish and the screen catch up. A worker cancelled meanwhile (its
    screen closed, or a newer exclusive one replaced it) counts as finished: waiting on it
    raised WorkerCancelled, which on a loaded machine failed tests at random."""
    for _ in range(3):  # a worker's result may start another (form load after a conflict)
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            await app.workers.wait_for_complete([w for w in app.workers if not w.is_cancelled])
        await pilot.pause()


async def press(app: App, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app, pilot)


async def type_in(app: App, pilot, field: str, text: str) -> None:
    app.screen.query_one(f"#{field}", Input).focus()
    await press(app, pilot, *text)


async def paste(app: App, pilot, text: str) -> None:
    """Text with punctuation Pilot cannot type as keys (、〔〕) arrives as a terminal paste."""
    app.screen.focused.post_message(events.Paste(text))
    await settle(app, pilot)


async def choose(app: App, pilot, select_id: str, downs: int) -> None:
    """Pick an option of a Select by keys: open it, move down, Enter."""
    app.screen.query_one(f"#{select_id}").focus()
    await press(app, pilot, "enter", *["down"] * downs, "enter")


def message(app: App, field: str) -> str:
    """A form field's message line."""
    return str(app.screen.query_one(f"#{field}-msg", Static).render())


def shown(app: App, id_: str) -> str:
    return str(app.screen.query_one(f"#{id_}", Static).render())


def item(db: Path, number: int) -> dict:
    with opened(db) as conn:
        return show_item(conn, number, as_of=TODAY)


def appraisal_round(name: str = "2026年度部门工作评议") -> None:
    """A computed 评议 over the `office_db` units, made through the CLI: two voter groups, three
    departments with tallies and indicator scores (the 80×24 tests and snapshots)."""
    from tests.conftest import ok

    ok("appraisal", "new", name, "--group", "常委会组成人员", "--group", "代表")
    ok("appraisal", "add-department", name, "水利局", "农业农村局", "卫健局")
    counts = {"水利局": (15, 10, 4), "农业农村局": (20, 6, 3), "卫健局": (12, 12, 5)}
    for unit, (satisfied, basic, dissatisfied) in counts.items():
        for group, members in (("常委会组成人员", 31), ("代表", 62)):
            ok("appraisal", "tally", name, "--department", unit, "--group", group,
               "--members", str(members), "--present", "29", "--satisfied", str(satisfied),
               "--basic", str(basic), "--dissatisfied", str(dissatisfied))
        ok("appraisal", "enter", name, "--department", unit, "lawful=88", "policy=82", "service=85")
    ok("appraisal", "compute", name)
