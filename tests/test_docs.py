"""Every command's help is Chinese and ends in a `\\b`-fenced example (style.md §3), as
sqlite-utils' tests/test_docs.py checks its own."""
from __future__ import annotations

import inspect
import re

import click
import pytest
from click.testing import CliRunner

from docket.cli import COMMANDS, cli

CJK = re.compile(r"[\u4e00-\u9fff]")
CLICK_OWN = {"--help", "-h", "--version"}


def _walk(cmd: click.Command, path: list[str]):
    yield path, cmd
    if isinstance(cmd, click.Group):
        ctx = click.Context(cmd)
        for name in cmd.list_commands(ctx):
            yield from _walk(cmd.get_command(ctx, name), [*path, name])


def all_commands() -> list[tuple[list[str], click.Command]]:
    ctx = click.Context(cli)
    out = [([], cli)]
    for name in cli.list_commands(ctx):
        out += list(_walk(cli.get_command(ctx, name), [name]))
    return out


COMMAND_PARAMS = [pytest.param(path, cmd, id=" ".join(path) or "docket") for path, cmd in all_commands()]


def test_every_registered_command_loads() -> None:
    ctx = click.Context(cli)
    listed = cli.list_commands(ctx)
    assert {"init", "unit", "add", "import", "review", "list", "show", "history", "assign", "return", "extend",
            "reply", "evaluate", "close", "calendar", "config", "audit"} <= set(listed)
    for name in listed:
        assert isinstance(cli.get_command(ctx, name), click.Command), COMMANDS[name]


@pytest.mark.parametrize("path, cmd", COMMAND_PARAMS)
def test_help_is_chinese_and_ends_in_an_example(path: list[str], cmd: click.Command) -> None:
    text = inspect.cleandoc(cmd.help or "")
    assert CJK.search(text.splitlines()[0]), f"first line of help is not Chinese: {text!r}"
    last = text.split("\n\n")[-1]
    assert last.startswith("\b\n示例：docket "), f"help does not end in a \\b example block: {last!r}"
    example = last.splitlines()[1]
    assert all(word in example for word in path), f"the example does not run `docket {' '.join(path)}`"


@pytest.mark.parametrize("path, cmd", COMMAND_PARAMS)
def test_rendered_help_keeps_the_example_lines(path: list[str], cmd: click.Command) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    block = inspect.cleandoc(cmd.help).split("\n\n")[-1].splitlines()[1:]
    shown = [line.strip() for line in result.stdout.splitlines()]
    for line in block:  # \b: each example line printed as written, never re-wrapped
        assert line.strip() in shown


@pytest.mark.parametrize("path, cmd", COMMAND_PARAMS)
def test_every_option_has_chinese_help(path: list[str], cmd: click.Command) -> None:
    missing = [p.opts[0] for p in cmd.params if isinstance(p, click.Option)
               and not set(p.opts) & CLICK_OWN and not CJK.search(p.help or "")]
    assert missing == []
