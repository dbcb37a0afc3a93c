"""退回: a unit objects to its assignment within the objection window (later only with 强制)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Checkbox

from docket.tui import strings
from docket.tui.screens.forms import FormInput, Line, UnitForm, parse_day, required

if TYPE_CHECKING:
    import sqlite3


class ReturnForm(UnitForm):
    ACTION = "return"

    def fields(self) -> ComposeResult:
        yield from self.unit_row()
        yield from self.row(strings.F_REASON, FormInput(id="reason", compact=True))
        yield from self.row(strings.F_RETURN_ON, FormInput(self.rt.today.isoformat(), id="on",
                                                           compact=True))
        yield from self.row(strings.F_FORCE, Checkbox(strings.FORCE_LABEL, id="force",
                                                      compact=True))

    def prepare(self) -> None:
        super().prepare()
        self.query_one("#reason", FormInput).focus()

    def problems(self) -> dict[str, str]:
        from docket.core import messages as msg

        found: dict[str, str] = {}
        self.unit_missing(found)
        required(found, "reason", self.text("reason"), msg.REASON_REQUIRED.format(action="退回"))
        parse_day(found, "on", self.text("on"), strings.F_RETURN_ON)
        return found

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.return_extend import return_assignment
        from docket.core.records import state_label

        item = self.ctx.item
        found: dict[str, str] = {}
        o = return_assignment(conn, item["number"], unit=self.choice("unit"),
                              reason=self.text("reason"),
                              on=parse_day(found, "on", self.text("on"), strings.F_RETURN_ON,
                                           self.rt.today),
                              force=self.query_one("#force", Checkbox).value,
                              actor=self.rt.actor, today=self.rt.today, session=self.rt.session,
                              expect_version=self.version(item))
        return [Line(item["number"], True, strings.RETURNED.format(
            number=item["number"], unit=o.detail["unit"], state=state_label(o.state, item["kind"])))]
