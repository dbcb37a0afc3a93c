"""Livelihood projects (as `docket project list`): a round's candidates with their votes, result,
progress against plan, colour and test results, and the highlighted project's milestones, progress
and tests below; `[`/`]` switch rounds. Keys come from the action registry (tui/actions.py).
Ballots and tests are counts only: no voter is ever named (无记名).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding

from docket.tui import actions, strings
from docket.tui.screens.ranked import RoundsScreen

if TYPE_CHECKING:
    from docket.core.runtime import Runtime


def load_round(rt: Runtime, name: str | None) -> tuple[list[str], dict | None]:
    """Round names and the chosen round as it stands today (in a worker thread)."""
    from docket.core.projects import round_names, standing
    from docket.store.db import opened

    with opened(rt.db_path) as conn:
        names = round_names(conn)
        if name not in names:
            name = names[-1] if names else None
        res = standing(conn, name, as_of=rt.today) if name else None
    return names, res


class ProjectsScreen(RoundsScreen):
    SCOPE = "projects"
    DETAIL = "detail"
    HEADING = strings.PROJECTS_TITLE
    BINDINGS: ClassVar[list[Binding]] = actions.bindings("projects")

    def fetch(self, name: str | None) -> tuple[list[str], dict | None]:
        return load_round(self.app.rt, name)

    def show(self, names: list[str], res: dict | None) -> None:
        from docket.core.projects import stage_lines, table_rows
        from docket.tui.columns import PROJECTS_FIRST

        self.names, self.result = names, res
        grid = self.grid
        keep = grid.cursor_row
        grid.clear(columns=True)
        if res is None:
            self.dim(strings.NO_PROJECT_ROUND)
            self.detail.update("")
            return
        self.round_name = res["round"]
        head = strings.PROJECTS_HEADLINE.format(round=res["round"], places=res["places"], adopted=res["adopted"])
        self.headline.update("\n".join([head, *stage_lines(res)]))
        rows, columns = table_rows(res)
        self.fill(rows, columns, PROJECTS_FIRST, "number")
        if rows:
            grid.move_cursor(row=min(keep, len(rows) - 1))
            self.show_detail(grid.cursor_row)
        else:
            self.detail.update(strings.NO_CANDIDATES)
        grid.focus()

    def show_detail(self, index: int) -> None:
        from rich.table import Table

        from docket.core.numbers import percent

        if not self.result or not 0 <= index < len(self.result["projects"]):
            return
        p = self.result["projects"][index]
        table = Table(title=strings.PROJECT_DETAIL_TITLE.format(number=p["number"], title=p["title"],
                                                               state=p["state_label"]),
                      box=None, padding=(0, 1), header_style="bold", title_justify="left", show_header=False)
        table.add_column("", style="bold")
        table.add_column("")
        if p["yes"] is not None:
            table.add_row(strings.PROJECT_VOTES, strings.PROJECT_VOTES_LINE.format(
                yes=p["yes"], no=p["no"], abstain=p["abstain"], rank=p["rank"] or "—"))
        if p["lead_unit"]:
            table.add_row(strings.PROJECT_PLAN, strings.PROJECT_PLAN_LINE.format(
                unit=p["lead_unit"], assigned=p["assigned_on"], due=p["due_on"],
                progress="—" if p["progress"] is None else p["progress"], planned=p["planned"],
                last=p["last_report"] or "—"))
        for m in p["milestones"]:
            table.add_row(strings.PROJECT_MILESTONE, f"{m['on']}  {m['text']}"
                          + ("" if m["percent"] is None else f"（{m['percent']}%）"))
        for stage, word in (("mid", strings.PROJECT_MID), ("final", strings.PROJECT_FINAL)):
            t = p["tests"].get(stage)
            if t:
                table.add_row(word, strings.PROJECT_TEST_LINE.format(
                    satisfied=t["satisfied"], basic=t["basic"], dissatisfied=t["dissatisfied"],
                    abstain=t["abstain"], valid=t["valid"],
                    rate=percent(t["rate"]), level=t["level"] or "—"))
        self.detail.update(table)

    def selected(self) -> int | None:
        return self.chosen(self.result and self.result["projects"], "number")
