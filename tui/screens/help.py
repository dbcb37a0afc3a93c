"""F1 help: the keys and actions of the screen underneath, built from the action registry."""
from __future__ import annotations

from docket.tui import actions, strings
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def help_table(scope: str) -> Table:
    """The registry's actions for `scope` (and the app's), then the list's own keys."""
    table = Table(box=None, padding=(0, 1), expand=True, header_style="bold")
    key, label, help, command = strings.HELP_HEADERS
    table.add_column(key, no_wrap=True)
    table.add_column(label, no_wrap=True)
    table.add_column(help, ratio=1, min_width=16, overflow="fold")  # wraps when narrow
    table.add_column(command, no_wrap=True)
    for key, label, help, command in actions.help_rows(("app", scope)):
        table.add_row(key, label, help, command)
    # the keys of the widget the screen is made of: each key once over the whole table
    for key, what in strings.HELP_SCROLL_KEYS if scope == "item" else strings.HELP_LIST_KEYS:
        table.add_row(key, "", what, "")
    if scope == "queue":
        table.add_row(f"{strings.FLAG_KEY} {strings.FLAG_FAST}", "", strings.HELP_FLAGS, "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", strings.HELP_CLOSE)]

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_table(self.scope))
            yield Static(strings.HELP_CLOSE, id="help-close")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = strings.HELP_TITLE
