"""Start-up stays light (style.md §1): a command's start-up path imports no heavy library.

Each probe runs in a fresh interpreter, so what it reports is what `docket ...` really loads."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ok

PROBE = """import sys
from docket.cli import cli
try:
    cli.main(sys.argv[1:], standalone_mode=False)
finally:
    heavy = {"textual", "docx", "openpyxl", "matplotlib", "sqlite_utils"}
    print(sorted(heavy & set(sys.modules)), file=sys.stderr)"""


def probe(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)
    assert "Traceback" not in done.stderr, done.stderr
    return done.stderr.splitlines()


@pytest.fixture
def flow_db(office_db: Path) -> Path:
    ok("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局", "--support", "卫健局")
    return office_db


def test_help_loads_nothing_heavy() -> None:
    assert probe("--help")[-1] == "[]"


@pytest.mark.parametrize("args", [
    ["list", "--json"], ["list"], ["list", "--color", "red", "--json"], ["show", "1", "--json"], ["show", "1"],
    ["history", "--json"], ["history", "1"], ["unit", "list", "--json"], ["config", "list", "--json"],
    ["config", "get", "deadline.reply"], ["calendar", "due", "2026-03-20", "3个月"], ["audit", "verify"],
    ["remind", "--dry-run"], ["report", "--format", "json"],
    ["similar", "1", "--json"], ["similar", "1"], ["assign", "--suggest", "1", "--json"], ["list", "--help"],
])
def test_read_paths_stay_light(flow_db: Path, args: list[str]) -> None:
    """Read paths load neither the document, spreadsheet, chart and TUI libraries nor sqlite-utils."""
    assert probe(*args)[-1] == "[]"


@pytest.mark.parametrize("args", [
    ["add", "--title", "关于增设村卫生室的建议", "--proposer", "李四"],
    ["reply", "1", "--unit", "卫健局"],
    ["extend", "1", "--unit", "水利局", "--by", "1个月", "--reason", "等待批复"],
])
def test_single_row_writes_stay_light(flow_db: Path, args: list[str]) -> None:
    assert probe(*args)[-1] == "[]"


MODULES_PROBE = """import sys
from docket.cli import cli
try:
    cli.main(sys.argv[1:], standalone_mode=False)
finally:
    print(sorted(m for m in sys.modules if m.startswith(("docket.commands.", "docket.docgen"))), file=sys.stderr)"""


def test_root_help_imports_no_command_module() -> None:
    """`docket --help` lists every command from cli.SUMMARIES: importing all 21 command modules
    (and docgen's vocabulary through remind) for their one-line help cost ~40 ms of a 6x budget."""
    done = subprocess.run([sys.executable, "-c", MODULES_PROBE, "--help"], capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.splitlines()[-1] == "[]"
