"""The CLI's edge (issue 11): every command in the table loads in any install, a value that starts
with "-" reaches docket's own validation, and a missing database after `docket demo` names the
command that opens the demo."""
from __future__ import annotations

import importlib
import json
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

import click
import pytest

import docket
from docket.cli import COMMANDS, cli
from tests.conftest import invoke, ok


def test_every_command_in_the_table_is_listed_and_imports() -> None:
    ctx = click.Context(cli)
    assert cli.list_commands(ctx) == list(COMMANDS)
    for name, target in COMMANDS.items():
        module, attr = target.split(":")
        assert isinstance(getattr(importlib.import_module(module), attr), click.Command), target
        assert cli.get_command(ctx, name) is getattr(importlib.import_module(module), attr)
    assert cli.get_command(ctx, "no-such-command") is None


def test_starts_without_the_editable_finder(tmp_path: Path) -> None:
    """A wheel install has no editable finder, which imported importlib.util by chance: run the
    sources from a plain folder named docket with site processing off (-S), as a wheel runs."""
    (tmp_path / "docket").symlink_to(Path(docket.__file__).parent, target_is_directory=True)
    code = ("import sys; sys.path[:0] = sys.argv[1:3]; from docket.cli import main; "
            "sys.argv = ['docket', '--help']; main()")
    done = subprocess.run([sys.executable, "-S", "-c", code, str(tmp_path), sysconfig.get_paths()["purelib"]],
                          capture_output=True, text=True, encoding="utf-8", timeout=60,
                          stdin=subprocess.DEVNULL)
    assert (done.returncode, done.stderr) == (0, "")
    listed = [line.split()[0] for line in done.stdout.split("Commands:\n")[1].splitlines() if line.strip()]
    assert listed == list(COMMANDS)


@pytest.mark.parametrize("key, value, message", [
    ("score.min_items", "-1", "错误：设置 score.min_items 取值：-1 超出范围"),
    ("deadline.reply", "-3个月", "错误：设置 deadline.reply 取值：无法识别的期限“-3个月”"),
])
def test_a_setting_starting_with_a_dash_reaches_validation(office_db: Path, key: str, value: str,
                                                           message: str) -> None:
    before = ok("config", "get", key)
    result = invoke("config", "set", key, value)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert "No such option" not in result.stderr
    assert ok("config", "get", key) == before


def test_config_set_still_rejects_extra_words_and_keeps_help(office_db: Path) -> None:
    assert invoke("config", "set", "score.min_items", "3", "--nonsense").exit_code == 2
    assert "修改一个设置" in invoke("config", "set", "--help").stdout
    assert ok("config", "set", "score.min_items", "3") == ""
    assert ok("config", "get", "score.min_items") == "3\n"


def test_calendar_due_with_a_dash_is_a_data_error(office_db: Path) -> None:
    result = invoke("calendar", "due", "2026-03-20", "-3个月")
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：期限：无法识别的期限“-3个月”")


def test_options_take_values_starting_with_a_dash(office_db: Path) -> None:
    assert ok("add", "--title", "-关于加固河堤的建议", "--proposer", "-张三") == "1\n"
    shown = json.loads(ok("show", "1", "--json"))
    assert (shown["title"], shown["proposer"]) == ("-关于加固河堤的建议", "-张三")


def test_after_demo_a_command_without_db_names_the_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`docket demo` writes demo.db; `docket brief` then finds no docket.db and must print a
    command that opens the demo, not advise building it again."""
    monkeypatch.delenv("DOCKET_DB")
    ok("demo", "--no-tui", "--items", "300")
    demo = tmp_path / "xdg" / "docket" / "demo.db"
    assert demo.exists()
    out = tmp_path / "简报 1.docx"
    result = invoke("brief", "--out", str(out))
    assert result.exit_code == 1
    default = tmp_path / "xdg" / "docket" / "docket.db"
    assert result.stderr.startswith(f"错误：数据库 {default} 不存在。演示库在 {demo}，这样打开它：")
    assert "生成演示库" not in result.stderr
    command = result.stderr.split("这样打开它：")[1].split("（")[0]
    assert command == f"docket --db {demo} brief --out {shlex.quote(str(out))}"
    words = shlex.split(command)
    assert ok(*words[1:]).strip() == str(out)
    assert out.exists()


def test_a_missing_named_database_keeps_the_usual_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOCKET_DB")
    ok("demo", "--no-tui", "--items", "300")
    missing = tmp_path / "other.db"
    result = invoke("--db", str(missing), "list")
    assert (result.exit_code, result.stderr) == (
        1, f"错误：数据库 {missing} 不存在。请先运行 docket init 创建（或用 docket demo 生成演示库）\n")


def test_extend_by_a_negative_duration_is_a_data_error(office_db: Path) -> None:
    ok("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局")
    result = invoke("extend", "1", "--unit", "水利局", "--by", "-1个月", "--reason", "-等待批复")
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：") and "-1个月" in result.stderr
