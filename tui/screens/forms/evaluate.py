"""评价: the proposer's (or another rater's) rating of the reply; 不满意 with rounds left sends the
item back for re-handling, anything else closes it (the core decides)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Select

from docket.tui import strings
from docket.tui.screens.forms import ActionForm, FormInput, Line, parse_day, warned

if TYPE_CHECKING:
    import sqlite3


class EvaluateForm(ActionForm):
    ACTION = "evaluate"

    def fields(self) -> ComposeResult:
        from docket.core.records import LEVEL_LABELS  # 满意/基本满意/不满意, said once in core

        levels = [(t, t) for t in LEVEL_LABELS.values()]
        yield from self.row(strings.F_RESULT, Select(levels, id="result", compact=True,
                                                     prompt=strings.P_LEVEL))
        yield from self.row(strings.F_ATTITUDE, Select(levels, id="attitude", compact=True,
                                                       prompt=strings.P_LEVEL))
        yield from self.row(strings.F_EVAL_ON, FormInput(self.rt.today.isoformat(), id="on",
                                                         compact=True))
        yield from self.row(strings.F_RATER, FormInput(id="rater", compact=True))
        yield from self.row(strings.F_CONTACTED, Select(
            [(strings.YES, "yes"), (strings.NO, "no")], id="contacted", compact=True,
            prompt=strings.P_UNRECORDED))
        yield from self.row(strings.F_NOTE, FormInput(id="note", compact=True))

    def prepare(self) -> None:
        rater = self.query_one("#rater", FormInput)
        rater.placeholder = strings.P_RATER.format(name=self.ctx.item["proposer"])
        self.query_one("#attitude", Select).parent.display = self.ctx.attitude != "off"
        self.query_one("#result", Select).focus()

    def problems(self) -> dict[str, str]:
        from docket.core import messages as msg

        found: dict[str, str] = {}
        if self.choice("result") is None:
            found["result"] = strings.RESULT_REQUIRED
        if self.ctx.attitude == "required" and self.choice("attitude") is None:
            found["attitude"] = msg.ATTITUDE_REQUIRED
        parse_day(found, "on", self.text("on"), strings.F_EVAL_ON)
        return found

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.evaluation import evaluate
        from docket.core.records import state_label

        item = self.ctx.item
        contacted = self.choice("contacted")
        o = evaluate(conn, item["number"], result=self.choice("result"),
                     attitude=self.choice("attitude") if self.ctx.attitude != "off" else None,
                     on=parse_day({}, "on", self.text("on"), strings.F_EVAL_ON, self.rt.today),
                     rater=self.text("rater") or None,
                     contacted=None if contacted is None else contacted == "yes",
                     note=self.text("note") or None, actor=self.rt.actor, today=self.rt.today,
                     session=self.rt.session, expect_version=self.version(item))
        return [Line(item["number"], True, warned(strings.EVALUATED.format(
            number=item["number"], label=o.detail["result_label"], state=state_label(o.state, item["kind"])),
            o.warnings))]
