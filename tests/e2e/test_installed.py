"""Real subprocess runs of the installed `docket` and of `python -m docket`: streams, pipes,
exit codes. CliRunner covers breadth; these check what a shell and a cron line see."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import DOCKET, env

RUNNERS = [pytest.param([DOCKET], id="docket"), pytest.param([sys.executable, "-m", "docket"], id="python-m")]


def run(runner: list[str], db: Path, *args: str, today: str = "2026-03-20") -> subprocess.CompletedProcess:
    return subprocess.run([*runner, *args], capture_output=True, text=True, encoding="utf-8",
                          env=env(db, today), timeout=60, stdin=subprocess.DEVNULL)


@pytest.fixture(autouse=True)
def _installed() -> None:
    if DOCKET is None:
        pytest.fail("the console script `docket` is not installed (pip install -e .)")


@pytest.mark.parametrize("runner", RUNNERS)
def test_init_add_assign_list_show(runner: list[str], tmp_path: Path) -> None:
    db = tmp_path / "青禾.db"
    done = run(runner, db, "init", "--org", "青禾县人大常委会办公室")
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr.startswith(f"已创建数据库 {db}（届次：县第十八届人民代表大会第五次会议）。\n")
    assert run(runner, db, "unit", "add", "县水利局", "--short", "水利局").stdout == "县水利局\n"
    assert run(runner, db, "unit", "add", "县卫生健康局", "--short", "卫健局").stdout == "县卫生健康局\n"
    done = run(runner, db, "add", "--title", "关于加固城东河堤的建议", "--proposer", "张三")
    assert (done.returncode, done.stdout, done.stderr) == (0, "1\n", "")
    assert run(runner, db, "add", "--title", "关于增设村卫生室的建议", "--proposer", "欧阳明远").stdout == "2\n"
    done = run(runner, db, "assign", "1", "--lead", "水利局")
    assert (done.returncode, done.stdout, done.stderr) == (0, "第1号  主办 县水利局  期限 2026-06-22\n", "")

    listing = run(runner, db, "list")  # stdout is a pipe: plain text, CJK-aligned, no colour
    assert (listing.returncode, listing.stderr) == (0, "")
    assert "\x1b" not in listing.stdout
    assert listing.stdout.splitlines() == [
        "编号  标题                    领衔人    主办单位  状态    期限        剩余  颜色",
        "1     关于加固城东河堤的建议  张三      县水利局  办理中  2026-06-22  62    白",
        "2     关于增设村卫生室的建议  欧阳明远  —         已登记  —           —     —"]

    data = json.loads(run(runner, db, "list", "--json").stdout)
    assert [(r["number"], r["state"], r["lead_unit"], r["due_on"], r["color"], r["days_left"]) for r in data] == [
        (1, "assigned", "县水利局", "2026-06-22", "white", 62), (2, "registered", None, None, None, None)]
    shown = json.loads(run(runner, db, "show", "1", "--json", today="2026-06-23").stdout)
    assert (shown["color"], shown["days_left"]) == ("red", -1)
    assert run(runner, db, "audit", "verify").returncode == 0


@pytest.mark.parametrize("runner", RUNNERS)
def test_errors_go_to_stderr_with_exit_codes(runner: list[str], tmp_path: Path) -> None:
    db = tmp_path / "docket.db"
    missing = run(runner, db, "list")
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr == f"错误：数据库 {db} 不存在。请先运行 docket init 创建（或用 docket demo 生成演示库）\n"
    assert not db.exists()
    run(runner, db, "init")
    unknown = run(runner, db, "show", "7")
    assert (unknown.returncode, unknown.stdout) == (1, "")
    assert unknown.stderr == "错误：第7号不存在（县第十八届人民代表大会第五次会议）。用 docket list 查看已有编号\n"
    usage = run(runner, db, "list", "--colour", "red")
    assert (usage.returncode, usage.stdout) == (2, "")
    assert usage.stderr.startswith("Usage: docket list [OPTIONS]\n")
    assert "Traceback" not in unknown.stderr + usage.stderr + missing.stderr
    empty = run(runner, db, "list", "--json")
    assert (empty.returncode, empty.stdout, empty.stderr) == (0, "[]\n", "")
    empty = run(runner, db, "list")
    assert (empty.returncode, empty.stdout, empty.stderr) == (0, "", "")


def test_help_and_version() -> None:
    done = subprocess.run([DOCKET, "--help"], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert (done.returncode, done.stderr) == (0, "")
    # Click 8.5 writes [COMMAND] for a group that runs without a command; 8.4 writes COMMAND
    assert done.stdout.splitlines()[0] in ("Usage: docket [OPTIONS] COMMAND [ARGS]...",
                                           "Usage: docket [OPTIONS] [COMMAND] [ARGS]...")
    assert "docket：人大代表建议、政协提案的登记、交办、督办、答复、评价与统计。" in done.stdout
    done = subprocess.run([DOCKET, "--version"], capture_output=True, text=True, timeout=60)
    from importlib.metadata import version
    assert (done.returncode, done.stdout) == (0, f"docket {version('docket')}\n")
