"""Shared fixtures: every test gets its own database file, made by our own `docket init`."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from click.testing import CliRunner

from docket.cli import cli

TODAY = "2026-03-20"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user data directory or depends on the clock."""
    monkeypatch.setenv("DOCKET_DB", str(tmp_path / "docket.db"))
    monkeypatch.setenv("DOCKET_TODAY", TODAY)
    monkeypatch.setenv("DOCKET_USER", "测试员")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def invoke(*args: str, today: str | None = None, input: str | None = None):
    """Run one docket command in-process; returns Click's Result (stdout and stderr apart)."""
    env = {"DOCKET_TODAY": today} if today else None
    return CliRunner().invoke(cli, list(args), env=env, input=input, catch_exceptions=False)


def ok(*args: str, today: str | None = None) -> str:
    result = invoke(*args, today=today)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def as_json(*args: str, today: str | None = None):
    return json.loads(ok(*args, "--json", today=today))


def rows(db: Path, table: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
    finally:
        conn.close()


class Demo(NamedTuple):
    path: Path
    summary: Any  # what build_demo returned


@pytest.fixture(scope="session")
def demo_county(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Demo]:
    """`demo_county(today=..., n_items=..., seed=...)`: the demo county (fixtures.demo), built
    once per test process for each set of options (each xdist worker in its own temp folder).
    Read-only: a test that writes copies it first."""
    from docket.fixtures.demo import build_demo

    built: dict[tuple, Demo] = {}

    def demo(*, today: date | None = None, **options: Any) -> Demo:
        today = today or date.fromisoformat(TODAY)
        key = (today, *sorted(options.items()))
        if key not in built:
            path = tmp_path_factory.mktemp("demo") / "demo.db"
            built[key] = Demo(path, build_demo(path, today=today, actor="测试员", **options))
        return built[key]
    return demo


@pytest.fixture
def office_db(tmp_path: Path) -> Path:
    """An initialised county NPC office with three units (the domain.md §8 cast)."""
    db = tmp_path / "docket.db"
    ok("init", "--org", "青禾县人大常委会办公室", "--short", "青禾人大办")
    ok("unit", "add", "县水利局", "--short", "水利局")
    ok("unit", "add", "县农业农村局", "--short", "农业农村局")
    ok("unit", "add", "县卫生健康局", "--short", "卫健局")
    return db
