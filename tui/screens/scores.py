"""Unit scores (as `docket score`): the ranking, and the highlighted unit's breakdown below it.

Moving the cursor drills into a unit: each indicator's weight, value, n, points and how it was
made. `[` and `]` change the year, `r` reloads (after `docket score model set` elsewhere).
Units and counts only: no proposer, rater or note is ever shown (背靠背).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from textual.binding import Binding

from docket.tui import actions, strings
from docket.tui.screens.ranked import RankedScreen

if TYPE_CHECKING:
    from docket.core.runtime import Runtime


def load_scores(rt: Runtime, year: int) -> dict:
    """`score_units` in a worker thread (its own connection)."""
    from docket.core.unit_scores import score_units
    from docket.store.db import opened

    with opened(rt.db_path) as conn:
        return score_units(conn, year=year, as_of=rt.today)


def breakdown_table(unit: dict, least: int) -> Table:
    from docket.core.score_figures import score_text
    from docket.core.unit_scores import breakdown

    rank = (strings.SCORES_RANK.format(rank=unit["rank"]) if unit["ranked"]
            else strings.SCORES_UNRANKED.format(least=least))
    table = Table(title=strings.SCORES_UNIT.format(unit=unit["unit"],
                                                   score=score_text(unit["score"]),
                                                   grade=unit["grade"] or "—", rank=rank),
                  box=None, padding=(0, 1), expand=True, header_style="bold", title_justify="left")
    for n, head in enumerate(strings.SCORES_BREAKDOWN_HEADS):
        table.add_column(head, overflow="fold", ratio=1 if n == 5 else None, no_wrap=n != 5,
                         justify="right" if 0 < n < 5 else "left")
    for b in breakdown(unit["indicators"]):
        table.add_row(b["indicator"], b["weight"], b["value"] or "—", str(b["n"] if b["n"] is not None else ""),
                      b["points"] or "—", b["how"])
    return table


class ScoresScreen(RankedScreen):
    SCOPE = "scores"
    DETAIL = "breakdown"
    HEADING = strings.SCORES_TITLE
    BINDINGS: ClassVar[list[Binding]] = actions.bindings("scores")

    def __init__(self, year: int | None = None) -> None:
        super().__init__()
        self.year = year
        self.result: dict | None = None

    def start(self) -> None:
        self.year = self.year or self.app.rt.today.year
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
            self.dim(strings.SCORES_COMPUTING.format(year=year))

    def fetch(self, year: int) -> tuple[dict]:
        return (load_scores(self.app.rt, year),)

    def show(self, result: dict) -> None:
        from docket.core.unit_scores import table
        from docket.tui.columns import SCORES_FIRST

        self.result = result
        grid = self.grid
        grid.clear(columns=True)
        if not result["units"]:
            self.dim(strings.SCORES_EMPTY.format(year=result["year"]))
            self.detail.update("")
            return
        self.headline.update(strings.SCORES_HEADLINE.format(
            year=result["year"], model=result["model_title"], version=result["model_version"],
            least=result["min_items"]))
        rows, columns = table(result)
        self.fill(rows, columns, SCORES_FIRST, "unit")  # at 80 columns: total and grade show
        grid.move_cursor(row=0)
        self.show_detail(0)
        grid.focus()

    def show_detail(self, index: int) -> None:
        if not self.result or not 0 <= index < len(self.result["units"]):
            return
        unit = self.result["units"][index]
        self.detail.update(breakdown_table(unit, self.result["min_items"]))

    def selected_unit(self) -> str | None:
        return self.chosen(self.result and self.result["units"], "unit")
