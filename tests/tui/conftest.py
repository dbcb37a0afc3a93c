"""Fixtures of the TUI tests (the helpers that drive the app are in tests/tui/helpers.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.helpers import TODAY


@pytest.fixture(autouse=True)
def _no_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    """The queue's 5 s poll of the event log would re-read rows in the middle of tests that
    count reads; the test of polling turns it on with a short interval."""
    from docket.tui.screens.queue import QueueScreen

    monkeypatch.setattr(QueueScreen, "POLL_SECONDS", None)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo county (fixtures.demo, fixed seed, 120 items, as of TODAY), built once per test
    process (each xdist worker builds its own in its own temp folder). Read-only: a test that
    writes makes its own database."""
    from docket.fixtures.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, n_items=120, seed=7, today=TODAY, actor="测试员")
    return path
