"""The one layout for ranked results (unit scores, department appraisal): a title line, the
ranked table, and the highlighted row's detail panel below it; loaded in a worker thread, reloaded
by a key. Subclasses say what is loaded (`fetch`), how it is shown (`show`) and what the
highlighted row's panel holds (`show_detail`). Keys come from the action registry
(tui/actions.py) under the screen's SCOPE; style from app.tcss (by the screen's class name).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import Worker

from docket.tui import strings


class RankedScreen(Screen[None]):
    SCOPE: ClassVar[str]  # the action registry's scope, also the prefix of the widgets' ids
    DETAIL: ClassVar[str]  # the detail panel's id after the prefix ("breakdown", "groups")
    HEADING: ClassVar[str]  # the header's title (strings.*_TITLE)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id=f"{self.SCOPE}-title")
        yield DataTable(id=f"{self.SCOPE}-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id=f"{self.SCOPE}-{self.DETAIL}")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.HEADING
        self.start()

    # -- the parts ----------------------------------------------------------------------------
    @property
    def headline(self) -> Static:
        return self.query_one(f"#{self.SCOPE}-title", Static)

    @property
    def grid(self) -> DataTable:
        return self.query_one(f"#{self.SCOPE}-table", DataTable)

    @property
    def detail(self) -> Static:
        return self.query_one(f"#{self.SCOPE}-{self.DETAIL}", Static)

    def dim(self, text: str) -> None:
        """A title that says why there is nothing (yet) to rank."""
        self.headline.update(Text(text, style="dim"))

    def fill(self, rows: list[dict], columns: Sequence[tuple[str, str]], first: Sequence[str],
             key: str) -> None:
        """The ranked table: the important columns first (at 80 columns they show), — for none."""
        from docket.tui.columns import important_first

        grid = self.grid
        columns = important_first(columns, first)
        for k, head in columns:
            grid.add_column(head, key=k)
        for r in rows:
            grid.add_row(*("—" if r.get(k) is None else str(r[k]) for k, _ in columns), key=r[key])

    # -- loading ------------------------------------------------------------------------------
    def start(self) -> None:
        """On mount: the first load."""
        raise NotImplementedError

    def fetch(self, which: Any) -> tuple:
        """In the worker thread (its own connection): the arguments of `show`."""
        raise NotImplementedError

    def show(self, *loaded: Any) -> None:
        raise NotImplementedError

    def show_detail(self, index: int) -> None:
        raise NotImplementedError

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        report = getattr(self.app, "worker_failed", None)  # DocketApp's one error reporter
        if report:
            report(event)  # a refused compute or a failed load reaches the clerk

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, which: Any) -> None:
        loaded = self.fetch(which)
        self.app.call_from_thread(self.show, *loaded)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == f"{self.SCOPE}-table":
            self.show_detail(event.cursor_row)

    def chosen(self, entries: list[dict] | None, key: str) -> str | None:
        """The highlighted row's name (unit, department), None when there is none."""
        if not entries:
            return None
        return entries[self.grid.cursor_row][key]


class RoundsScreen(RankedScreen):
    """A ranked screen over named rounds (评议, 民生实事票决): it opens on `round_name` (None: the
    newest), reloads it, and steps through the rounds with `round` (the [ and ] keys)."""

    def __init__(self, round_name: str | None = None) -> None:
        super().__init__()
        self.round_name = round_name
        self.names: list[str] = []
        self.result: dict | None = None

    def start(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self.load(self.round_name)

    def action_round(self, step: int) -> None:
        if self.names and self.result:
            i = (self.names.index(self.result["round"]) + step) % len(self.names)
            self.load(self.names[i])

    def done(self, lines: list) -> None:
        """A form's report: what was stored, then the round as it now is."""
        for line in lines:
            self.notify(line.text, timeout=strings.DONE_SECONDS * 2)
        if lines:
            self.load(self.round_name)
