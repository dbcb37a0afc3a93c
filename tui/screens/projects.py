"""Livelihood projects (as `docket project list`): a round's candidates with their votes, result,
progress against plan, colour and test results, and the highlighted project's milestones, progress
and tests below; `[`/`]` switch rounds; v, u, m and t open the forms of tui/screens/forms/projects.py (ballot,
progress, milestone, test). Keys come from the action registry (tui/actions.py).
Ballots and tests are counts only: no voter is ever named (无记名).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding

from docket.tui import actions, strings
from docket.tui.screens.ranked import RoundsScreen

if TYPE_CHECKING:
    from docket.core.runtime import Runtime


def load_round(rt: Runtime, name: str | None) -> tuple[list[str], dict | None, dict]:
    """Round names, the chosen round as it stands today and the ballot rule (project.threshold,
    base, tie) the ballot form previews with (in a worker thread)."""
    from docket.core.projects import round_names, standing, vote_rule
    from docket.store.db import opened

    with opened(rt.db_path) as conn:
        names = round_names(conn)
        if name not in names:
            name = names[-1] if names else None
        res = standing(conn, name, as_of=rt.today) if name else None
        rule = vote_rule(conn)
    return names, res, rule


class ProjectsScreen(RoundsScreen):
    SCOPE = "projects"
    DETAIL = "detail"
    HEADING = strings.PROJECTS_TITLE
    BINDINGS: ClassVar[list[Binding]] = actions.bindings("projects")

    def fetch(self, name: str | None) -> tuple[list[str], dict | None, dict]:
        return load_round(self.app.rt, name)

    def show(self, names: list[str], res: dict | None, rule: dict | None = None) -> None:
        from docket.core.projects import stage_lines, table_rows
        from docket.tui.columns import PROJECTS_FIRST

        self.names, self.result, self.rule = names, res, rule
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

        from docket.tui.screens.item import project_rows

        if not self.result or not 0 <= index < len(self.result["projects"]):
            return
        p = self.result["projects"][index]
        table = Table(title=strings.PROJECT_DETAIL_TITLE.format(number=p["number"], title=p["title"],
                                                               state=p["state_label"]),
                      box=None, padding=(0, 1), header_style="bold", title_justify="left", show_header=False)
        table.add_column("", style="bold")
        table.add_column("")
        votes, rows = project_rows(p)
        if votes is not None:
            table.add_row(strings.PROJECT_VOTES, votes)
        if p["lead_unit"]:
            table.add_row(strings.PROJECT_PLAN, strings.PROJECT_PLAN_LINE.format(
                unit=p["lead_unit"], assigned=p["assigned_on"], due=p["due_on"],
                progress="—" if p["progress"] is None else p["progress"], planned=p["planned"],
                last=p["last_report"] or "—"))
        for label, text in rows:
            table.add_row(label, text)
        self.detail.update(table)

    def selected(self) -> int | None:
        return self.chosen(self.result and self.result["projects"], "number")

    def project(self) -> dict | None:
        """The highlighted project (a row of core.projects.standing), None when there is none."""
        if not self.result or not self.result["projects"]:
            return None
        return self.result["projects"][self.grid.cursor_row]

    # -- the forms ----------------------------------------------------------------------------
    def refused(self, text: str | None) -> bool:
        """Say why the key does nothing here instead of opening a form that cannot succeed."""
        if text:
            self.notify(text, severity="warning")
        return bool(text)

    def action_vote(self) -> None:
        from docket.core import messages as msg
        from docket.core.projects import awaiting_vote
        from docket.tui.screens.forms.projects import VoteForm

        if self.refused(None if self.result else strings.NO_PROJECT_ROUND):
            return
        if self.refused(None if awaiting_vote(self.result)
                        else msg.PROJECT_NOTHING_PENDING.format(round=self.result["round"])):
            return
        self.app.push_screen(VoteForm(self.app.rt, self.result, self.rule), self.done)

    def _tracking(self, action: str, form) -> None:
        """Open `form` on the highlighted project unless the core would refuse `action` for it."""
        from docket.core.projects import tracking_refusal

        p = self.project()
        if self.refused(None if p else (strings.NO_CANDIDATES if self.result else strings.NO_PROJECT_ROUND)):
            return
        if not self.refused(tracking_refusal(p, action, self.result["round"])):
            self.app.push_screen(form(self.app.rt, self.result, p), self.done)

    def action_progress(self) -> None:
        from docket.tui.screens.forms.projects import ProgressForm

        self._tracking("progress", ProgressForm)

    def action_milestone(self) -> None:
        from docket.tui.screens.forms.projects import MilestoneForm

        self._tracking("milestone", MilestoneForm)

    def action_test(self) -> None:
        from docket.tui.screens.forms.projects import TestForm

        self._tracking("test", TestForm)
