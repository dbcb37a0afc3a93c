"""Department appraisal (as `docket appraisal show`): results of a round, and the forms that
make one from the UI (tui/screens/forms/appraisal.py): `n` a new round, `a` departments and
voter groups, `t` a tally with running totals, `c` compute (缺票时 a checkbox); `[`/`]` switch
rounds. Keys come from the action registry (tui/actions.py), as the footer, palette and F1 do.
At 80 columns the result's name, score, grade and rank come first, the indicators after.
Tallies are counts only: no voter is ever named (背靠背).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding

from docket.tui import actions, strings
from docket.tui.screens.ranked import RoundsScreen

if TYPE_CHECKING:
    from docket.core.runtime import Runtime
    from docket.tui.screens.forms import Line


def load_round(rt: Runtime, name: str | None) -> tuple[list[str], dict | None, dict]:
    """Round names, the chosen round's live results, and vote settings (in a worker thread)."""
    from docket.core import settings
    from docket.core.appraisal import list_rounds, results
    from docket.store.db import opened

    with opened(rt.db_path) as conn:
        names = [r["round"] for r in list_rounds(conn)]
        if name not in names:
            name = names[-1] if names else None
        res = results(conn, name) if name else None
        vote = {"points": settings.get(conn, "vote.points"), "base": settings.get(conn, "vote.base")}
    return names, res, vote


class AppraisalScreen(RoundsScreen):
    SCOPE = "appraisal"
    DETAIL = "groups"
    HEADING = strings.APPRAISAL_TITLE
    BINDINGS: ClassVar[list[Binding]] = actions.bindings("appraisal")

    def __init__(self, round_name: str | None = None) -> None:
        super().__init__(round_name)
        self.vote: dict = {}

    def fetch(self, name: str | None) -> tuple[list[str], dict | None, dict]:
        return load_round(self.app.rt, name)

    def show(self, names: list[str], res: dict | None, vote: dict) -> None:
        from docket.core.appraisal import result_rows
        from docket.tui.columns import APPRAISAL_FIRST

        self.names, self.result, self.vote = names, res, vote
        grid = self.grid
        keep = grid.cursor_row
        grid.clear(columns=True)
        if res is None:
            self.dim(strings.NO_ROUND)
            self.detail.update("")
            return
        self.round_name = res["round"]
        self.headline.update(strings.ROUND_TITLE.format(
            round=res["round"], model=res["model_title"], version=res["model_version"],
            groups="、".join(strings.APPRAISAL_GROUP.format(group=g["group"], weight=g["weight"])
                            for g in res["groups"])))
        rows, columns = result_rows(res)
        self.fill(rows, columns, APPRAISAL_FIRST, "department")
        if rows:
            grid.move_cursor(row=min(keep, len(rows) - 1))
            self.show_detail(grid.cursor_row)
        else:
            self.detail.update("")
        grid.focus()

    def show_detail(self, index: int) -> None:
        from rich.cells import cell_len
        from rich.table import Table

        from docket.core.appraisal import group_rate
        from docket.core.numbers import percent
        from docket.core.score_figures import score_text

        if not self.result or not 0 <= index < len(self.result["departments"]):
            return
        d = self.result["departments"][index]
        rows = [[g["group"], *(str(g[k]) for k in ("members", "present", "satisfied", "basic",
                                                    "dissatisfied", "abstain", "unknown")),
                 score_text(g["score"]),
                 percent(group_rate(g)), g["level"] or "—"]
                for g in d["vote"]["groups"]]
        if not rows:
            rows = [[strings.APPRAISAL_NO_TALLY, *[""] * 10]]
        table = Table(title=strings.APPRAISAL_GROUPS_TITLE.format(department=d["department"]), box=None,
                      padding=(0, 1), header_style="bold", title_justify="left")
        for n, head in enumerate(strings.APPRAISAL_GROUPS_HEADS):
            # at 80 columns a header wraps (基本/满意) before a number or a level is cut
            table.add_column(head, justify="left" if n == 0 else "right", overflow="fold",
                             min_width=max(cell_len(r[n]) for r in rows) if n else 4)
        for r in rows:
            table.add_row(*r)
        self.detail.update(table)

    def selected(self) -> str | None:
        return self.chosen(self.result and self.result["departments"], "department")

    def _no_round(self, what: str) -> bool:
        """Say what to do instead of ignoring the key when there is no round yet."""
        if self.result:
            return False
        self.notify(strings.NO_ROUND_ACTION.format(what=what), severity="warning")
        return True

    # -- the forms ----------------------------------------------------------------------------
    def action_round_new(self) -> None:
        from docket.tui.screens.forms.appraisal import RoundForm

        def created(lines: list[Line]) -> None:
            if lines:
                self.round_name = None  # the newest round: the one just made
            self.done(lines)
        self.app.push_screen(RoundForm(self.app.rt), created)

    def action_round_add(self) -> None:
        from docket.tui.screens.forms.appraisal import RoundAddForm

        if not self._no_round(actions.get("appraisal_add").label):
            self.app.push_screen(RoundAddForm(self.app.rt, self.result), self.done)

    def action_tally(self) -> None:
        from docket.tui.screens.forms.appraisal import TallyForm

        if self._no_round(actions.get("appraisal_tally").label):
            return
        if self.result["departments"] and self.result["groups"]:
            self.app.push_screen(TallyForm(self.app.rt, self.result, self.selected(), self.vote),
                                 self.done)
        else:
            self.notify(strings.NO_DEPARTMENTS.format(round=self.result["round"]),
                        severity="warning")

    def action_compute(self) -> None:
        from docket.tui.screens.forms.appraisal import ComputeForm

        if self._no_round(actions.get("appraisal_compute").label):
            return
        if not self.result["departments"]:
            self.notify(strings.NO_DEPARTMENTS.format(round=self.result["round"]),
                        severity="warning")
            return
        self.app.push_screen(ComputeForm(self.app.rt, self.result), self.done)
