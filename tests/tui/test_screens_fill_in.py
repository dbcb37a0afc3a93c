"""Slow screens at 50,000 items open with content at once and fill in the rest (issue 17
item 8): the dashboard shows its heading and the items being counted while the report is
made, then the figures while the yellow parts of the bars are still counted; the scores screen
says which year it is computing.

The slow step is held by a gate around the real core function (nothing is faked: the gate
only waits), so the test sees the screen in the middle of loading as a clerk at 50,000 would.
"""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from docket.core import queue, stats, unit_scores
from docket.tui.screens.dashboard import DashboardScreen, Overall, UnitTable
from docket.tui.screens.scores import ScoresScreen
from tests.tui.helpers import drive, settle


class Gate:
    """Wraps module.name: a call matching `when` waits until `release()`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module, name: str, when=None) -> None:
        self.entered, self.opened = threading.Event(), threading.Event()
        real = getattr(module, name)

        def held(*args, **kwargs):
            if when is None or when(*args, **kwargs):
                self.entered.set()
                self.opened.wait(30)
            return real(*args, **kwargs)
        monkeypatch.setattr(module, name, held)

    async def reached(self, pilot) -> None:
        while not self.entered.is_set():
            await pilot.pause(0.02)
        await pilot.pause(0.1)


def plain(lines) -> list[str]:
    return [c.plain.rstrip() for c in lines]


def test_dashboard_shows_its_heading_while_the_report_is_made(
        small_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = Gate(monkeypatch, stats, "report")

    async def script(app, pilot):
        try:
            await pilot.press("d")
            await gate.reached(pilot)
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            return (str(screen.query_one("#dash-title").render()),
                    plain(screen.query_one(Overall).lines(98)))
        finally:
            gate.opened.set()
            await settle(app, pilot)

    title, overall = drive(small_db, script)
    assert title.endswith("  办理情况（截至 2026-03-20，同 docket report）")  # the session first
    assert overall == ["正在统计 5 件（已统计 0 件）……"]


def test_dashboard_shows_the_figures_before_the_bars_yellow_parts(
        small_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = Gate(monkeypatch, queue, "list_items", when=lambda *a, **k: k.get("color") == "yellow")

    async def script(app, pilot):
        try:
            await pilot.press("d")
            await gate.reached(pilot)
            screen = app.screen
            table = screen.query_one(UnitTable)
            early = (plain(screen.query_one(Overall).lines(98)),
                     plain(table.lines(table.size.width)))
        finally:
            gate.opened.set()
        await settle(app, pilot)
        return early, plain(screen.query_one(Overall).lines(98)), plain(table.lines(table.size.width))

    (overall, rows), overall_after, rows_after = drive(small_db, script)
    assert overall[0] == "交办 4   已答复 2   逾期未答复 1   已评价 2   办结未答复 0"
    assert overall[-1] == "（临近期限的件数统计中）"
    assert [r.split()[:5] for r in rows] == [r.split()[:5] for r in rows_after]
    assert len(rows) == 3
    # the yellow part (县农业农村局's item 3, due 03-26) comes with the second step
    assert not any("▓" in r for r in rows) and any("▓" in r for r in rows_after)
    assert overall_after[-1] != "（临近期限的件数统计中）"


def test_scores_screen_says_which_year_it_is_computing(
        small_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = Gate(monkeypatch, unit_scores, "score_units")

    async def script(app, pilot):
        try:
            await pilot.press("o")
            await gate.reached(pilot)
            assert isinstance(app.screen, ScoresScreen)
            return str(app.screen.query_one("#scores-title").render())
        finally:
            gate.opened.set()
            await settle(app, pilot)

    assert drive(small_db, script) == "2026年度承办单位考评：正在计分……"
