"""The TUI's search box reads through one kept read-only connection (issue 16: a keystroke at
100,000 items costs no connect): it still sees every write made since, and a database file
replaced under it."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from docket.core.runtime import Runtime
from docket.tui.source import DbSource

from tests.conftest import ok


def _add(title: str, proposer: str) -> None:
    ok("add", "--title", title, "--proposer", proposer, "--received", "2026-01-02")


def test_the_kept_connection_sees_later_writes_and_a_replaced_file(office_db: Path,
                                                                   tmp_path: Path) -> None:
    _add("关于治理青禾河污染的建议", "王五")
    source = DbSource(Runtime(db_path=office_db, actor="测试", today=date(2026, 1, 5)))
    try:
        assert source.search("河") == [1]
        kept = source._reader()
        copy = tmp_path / "copy.db"
        ok("backup", str(copy))
        _add("关于河道清淤的建议", "周八")
        assert source.search("河") == [1, 2] and source.search("周八") == [2]
        assert source._reader() is kept  # one connection for every keystroke
        moved = tmp_path / "moved.db"
        shutil.copy(copy, moved)
        for suffix in ("-wal", "-shm"):
            Path(f"{office_db}{suffix}").unlink(missing_ok=True)
        moved.replace(office_db)  # another file in its place (a copy put back by hand)
        assert source.search("河") == [1] and source.search("周八") == []
    finally:
        source.close()


def test_the_kept_search_connection_is_closed_when_the_app_ends(office_db: Path) -> None:
    import asyncio

    from docket.tui.app import DocketApp

    source = DbSource(Runtime(db_path=office_db, actor="测试", today=date(2026, 1, 5)))
    source.search("路")
    assert source._read is not None

    async def run() -> None:
        app = DocketApp(source.rt, source=source)
        async with app.run_test() as pilot:
            await pilot.pause()

    asyncio.run(run())
    assert source._read is None
