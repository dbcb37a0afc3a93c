"""Unit scores (as `docket score`): the ranking, and the highlighted unit's breakdown below it.

Moving the cursor drills into a unit: each indicator's weight, value, n, points and how it was
made. `[` and `]` change the year, `r` reloads (after `docket score model set` elsewhere).
Units and counts only: no proposer, rater or note is ever shown (背靠背).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import Worker

from docket.tui import actions

if TYPE_CHECKING:
    from docket.core.runtime import Runtime

TITLE = "{year}年度承办单位考评（{model} 第{version}版）　主办不足{least}件的单位不参与排名"
EMPTY = "{year}年没有已交办的件，无可计分的单位。"
COMPUTING = "{year}年度承办单位考评：正在计分……"
BREAKDOWN_HEADS = ("指标", "权重", "得分", "件数", "计入总分", "依据")
UNRANKED = "不排名"


def load_scores(rt: Runtime, year: int) -> dict:
    """`score_units` in a worker thread (its own connection)."""
    from docket.core.unit_scores import score_units
    from docket.store.db import opened

    with opened(rt.db_path) as conn:
        return score_units(conn, year=year, as_of=rt.today)


def breakdown_table(unit: dict, least: int) -> Table:
    from docket.core.unit_scores import breakdown

    rank = f"第{unit['rank']}名" if unit["ranked"] else f"主办不足{least}件，不参与排名"
    score = "—" if unit["score"] is None else f"{unit['score']:.2f}"
    table = Table(title=f"{unit['unit']}　总分 {score}　{unit['grade'] or '—'}　{rank}", box=None,
                  padding=(0, 1), expand=True, header_style="bold", title_justify="left")
    for n, head in enumerate(BREAKDOWN_HEADS):
        table.add_column(head, overflow="fold", ratio=1 if n == 5 else None, no_wrap=n != 5,
                         justify="right" if 0 < n < 5 else "left")
    for b in breakdown(unit["indicators"]):
        table.add_row(b["indicator"], b["weight"], b["value"] or "—", str(b["n"] if b["n"] is not None else ""),
                      b["points"] or "—", b["how"])
    return table


class ScoresScreen(Screen[None]):
    SCOPE = "scores"
    DEFAULT_CSS = """
    #scores-title { padding: 0 1; }
    #scores-table { height: auto; max-height: 60%; }
    #scores-breakdown { height: auto; padding: 1 1 0 1; }
    """
    BINDINGS: ClassVar[list[Binding]] = actions.bindings("scores")

    def __init__(self, year: int | None = None) -> None:
        super().__init__()
        self.year = year
        self.result: dict | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="scores-title")
        yield DataTable(id="scores-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="scores-breakdown")
        yield Footer()

    def on_mount(self) -> None:
        from docket.tui import strings

        self.title = strings.SCORES_TITLE
        rt = self.app.rt
        self.year = self.year or rt.today.year
        self.computing(self.year)
        self.call_after_refresh(self.load, self.year)  # painted before the thread starts

    def action_reload(self) -> None:
        self.computing(self.year)
        self.load(self.year)

    def action_year(self, step: int) -> None:
        self.year += step
        self.computing(self.year)
        self.load(self.year)

    def computing(self, year: int) -> None:
        """At once, while the scores are computed (1-2 s at 50,000 items): what is coming.
        A reload of the year shown keeps its table until the new one is there."""
        if self.result is None or self.result["year"] != year:
            self.query_one("#scores-title", Static).update(
                Text(COMPUTING.format(year=year), style="dim"))

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        report = getattr(self.app, "worker_failed", None)  # DocketApp's one error reporter
        if report:
            report(event)  # a refused compute or a failed load reaches the clerk

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, year: int) -> None:
        result = load_scores(self.app.rt, year)
        self.app.call_from_thread(self.show, result)

    def show(self, result: dict) -> None:
        from docket.core.unit_scores import table
        from docket.tui.columns import SCORES_FIRST, important_first

        self.result = result
        title = self.query_one("#scores-title", Static)
        grid = self.query_one("#scores-table", DataTable)
        grid.clear(columns=True)
        if not result["units"]:
            title.update(Text(EMPTY.format(year=result["year"]), style="dim"))
            self.query_one("#scores-breakdown", Static).update("")
            return
        title.update(TITLE.format(year=result["year"], model=result["model_title"],
                                  version=result["model_version"], least=result["min_items"]))
        rows, columns = table(result)
        columns = important_first(columns, SCORES_FIRST)  # at 80 columns: total and grade show
        for key, head in columns:
            grid.add_column(head, key=key)
        for r in rows:
            grid.add_row(*("—" if r.get(k) is None else str(r[k]) for k, _ in columns), key=r["unit"])
        grid.move_cursor(row=0)
        self.show_unit(0)
        grid.focus()

    @on(DataTable.RowHighlighted, "#scores-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_unit(event.cursor_row)

    def show_unit(self, index: int) -> None:
        if not self.result or not 0 <= index < len(self.result["units"]):
            return
        unit = self.result["units"][index]
        self.query_one("#scores-breakdown", Static).update(breakdown_table(unit, self.result["min_items"]))

    def selected_unit(self) -> str | None:
        if not self.result or not self.result["units"]:
            return None
        return self.result["units"][self.query_one("#scores-table", DataTable).cursor_row]["unit"]
