"""Department appraisal (as `docket appraisal show`): results of a round, and the forms that
make one from the UI (tui/screens/forms/appraisal.py): `n` a new round, `a` departments and
voter groups, `t` a tally with running totals, `c` compute (缺票时 a checkbox); `[`/`]` switch
rounds. Keys come from the action registry (tui/actions.py), as the footer, palette and F1 do.
At 80 columns the result's name, score, grade and rank come first, the indicators after.
Tallies are counts only: no voter is ever named (背靠背).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import Worker

from docket.tui import actions, strings

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


class AppraisalScreen(Screen[None]):
    SCOPE = "appraisal"
    DEFAULT_CSS = """
    #appraisal-title { padding: 0 1; }
    #appraisal-table { height: auto; max-height: 50%; }
    #appraisal-groups { height: auto; padding: 1 1 0 1; }
    """
    BINDINGS: ClassVar[list[Binding]] = actions.bindings("appraisal")

    def __init__(self, round_name: str | None = None) -> None:
        super().__init__()
        self.round_name = round_name
        self.names: list[str] = []
        self.result: dict | None = None
        self.vote: dict = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="appraisal-title")
        yield DataTable(id="appraisal-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="appraisal-groups")
        yield Footer()

    def on_mount(self) -> None:
        self.title = strings.APPRAISAL_TITLE
        self.action_reload()

    def action_reload(self) -> None:
        self.load(self.round_name)

    def action_round(self, step: int) -> None:
        if self.names and self.result:
            i = (self.names.index(self.result["round"]) + step) % len(self.names)
            self.load(self.names[i])

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        report = getattr(self.app, "worker_failed", None)  # DocketApp's one error reporter
        if report:
            report(event)  # a failed load reaches the clerk

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self, name: str | None) -> None:
        names, res, vote = load_round(self.app.rt, name)
        self.app.call_from_thread(self.show, names, res, vote)

    def show(self, names: list[str], res: dict | None, vote: dict) -> None:
        from docket.core.appraisal import result_rows
        from docket.tui.columns import APPRAISAL_FIRST, important_first

        self.names, self.result, self.vote = names, res, vote
        title = self.query_one("#appraisal-title", Static)
        grid = self.query_one("#appraisal-table", DataTable)
        keep = grid.cursor_row
        grid.clear(columns=True)
        if res is None:
            title.update(Text(strings.NO_ROUND, style="dim"))
            self.query_one("#appraisal-groups", Static).update("")
            return
        self.round_name = res["round"]
        title.update(strings.ROUND_TITLE.format(
            round=res["round"], model=res["model_title"], version=res["model_version"],
            groups="、".join(f"{g['group']}（权重{g['weight']:g}）" for g in res["groups"])))
        rows, columns = result_rows(res)
        columns = important_first(columns, APPRAISAL_FIRST)
        for key, head in columns:
            grid.add_column(head, key=key)
        for r in rows:
            grid.add_row(*("—" if r.get(k) is None else str(r[k]) for k, _ in columns), key=r["department"])
        if rows:
            grid.move_cursor(row=min(keep, len(rows) - 1))
            self.show_groups(grid.cursor_row)
        else:
            self.query_one("#appraisal-groups", Static).update("")
        grid.focus()

    @on(DataTable.RowHighlighted, "#appraisal-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_groups(event.cursor_row)

    def show_groups(self, index: int) -> None:
        from rich.table import Table

        if not self.result or not 0 <= index < len(self.result["departments"]):
            return
        d = self.result["departments"][index]
        from rich.cells import cell_len

        rows = [[g["group"], *(str(g[k]) for k in ("members", "present", "satisfied", "basic",
                                                    "dissatisfied", "abstain", "unknown")),
                 "—" if g["score"] is None else f"{g['score']:.2f}",
                 "—" if g["rate"] is None else f"{g['rate'] * 100:.1f}%", g["level"] or "—"]
                for g in d["vote"]["groups"]]
        if not rows:
            rows = [["尚未录入（按 t 录入）", *[""] * 10]]
        table = Table(title=f"{d['department']}　满意度测评", box=None, padding=(0, 1), header_style="bold",
                      title_justify="left")
        heads = ("测评组", "应到", "实到", "满意", "基本满意", "不满意", "弃权", "不了解", "得分", "满意率", "等次")
        for n, head in enumerate(heads):
            # at 80 columns a header wraps (基本/满意) before a number or a level is cut
            table.add_column(head, justify="left" if n == 0 else "right", overflow="fold",
                             min_width=max(cell_len(r[n]) for r in rows) if n else 4)
        for r in rows:
            table.add_row(*r)
        self.query_one("#appraisal-groups", Static).update(table)

    def selected(self) -> str | None:
        if not self.result or not self.result["departments"]:
            return None
        return self.result["departments"][self.query_one("#appraisal-table", DataTable).cursor_row]["department"]

    def _no_round(self, what: str) -> bool:
        """Say what to do instead of ignoring the key when there is no round yet."""
        if self.result:
            return False
        self.notify(strings.NO_ROUND_ACTION.format(what=what), severity="warning")
        return True

    # -- the forms ----------------------------------------------------------------------------
    def done(self, lines: list[Line]) -> None:
        """A form's report: what was stored, then the round as it now is."""
        for line in lines:
            self.notify(line.text, timeout=strings.DONE_SECONDS * 2)
        if lines:
            self.load(self.round_name)

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
