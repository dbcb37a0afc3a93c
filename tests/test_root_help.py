"""`docket --help` lists the commands from cli.SUMMARIES (no command module imported, see
test_import_hygiene.py): the list must be what Click would print from the commands themselves."""
from __future__ import annotations

import click
import pytest

from docket.cli import COMMANDS, SUMMARIES, cli


def test_every_command_has_its_summary_and_it_is_the_commands_own() -> None:
    ctx = click.Context(cli, info_name="docket")
    assert list(SUMMARIES) == list(COMMANDS)
    for name in COMMANDS:
        own = cli.get_command(ctx, name).get_short_help_str(10_000)
        assert click.Command(name, help=SUMMARIES[name]).get_short_help_str(10_000) == own, name


@pytest.mark.parametrize("width", [40, 80, 200])
def test_root_help_lists_the_commands_as_click_would(width: int) -> None:
    ctx = click.Context(cli, info_name="docket", terminal_width=width)
    ours, clicks = ctx.make_formatter(), ctx.make_formatter()
    cli.format_commands(ctx, ours)
    click.Group.format_commands(cli, ctx, clicks)
    assert ours.getvalue() == clicks.getvalue()
    assert "\n  tui        打开交互界面（键盘操作的办理队列）。\n" in ours.getvalue()
