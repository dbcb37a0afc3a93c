"""Fixtures of the TUI tests (the helpers that drive the app are in tests/tui/helpers.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ok
from tests.tui.helpers import TODAY


@pytest.fixture(autouse=True)
def _no_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    """The queue's 5 s poll of the event log would re-read rows in the middle of tests that
    count reads; the test of polling turns it on with a short interval."""
    from docket.tui.screens.queue import QueueScreen

    monkeypatch.setattr(QueueScreen, "POLL_SECONDS", None)


@pytest.fixture(scope="session")
def demo_db(demo_county) -> Path:
    """The demo county (tests/conftest.py's demo_county: fixed seed, 120 items, as of TODAY),
    built once per test process. Read-only: a test that writes makes its own database."""
    return demo_county(n_items=120, seed=7, today=TODAY).path


@pytest.fixture
def small_db(office_db: Path) -> Path:
    """Five items, four assigned (two answered and evaluated): the dashboard's office."""
    for title, proposer in [("关于整修城东排水渠的建议", "张伟"), ("关于加固北河堤坝的建议", "李娜"),
                            ("关于扶持蔬菜大棚的建议", "王芳"), ("关于增设乡村卫生室的建议", "赵敏"),
                            ("关于规范集贸市场的建议", "刘洋")]:
        ok("add", "--title", title, "--proposer", proposer, "--received", "2026-01-04")
    on = ("--on", "2026-01-05")
    ok("assign", "1", "--lead", "水利局", "--support", "农业农村局", *on, "--due", "2026-03-10")
    ok("assign", "2", "--lead", "水利局", *on, "--due", "2026-04-30")
    ok("assign", "3", "--lead", "农业农村局", *on, "--due", "2026-03-26")
    ok("assign", "4", "--lead", "卫健局", *on, "--due", "2026-02-27")
    ok("reply", "2", "--unit", "水利局", "--class", "A", "--on", "2026-03-02")
    ok("evaluate", "2", "--result", "满意", "--on", "2026-03-10")
    ok("reply", "4", "--unit", "卫健局", "--class", "B", "--on", "2026-03-05")
    ok("evaluate", "4", "--result", "基本满意", "--on", "2026-03-12")
    return office_db
