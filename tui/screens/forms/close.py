"""办结 without an evaluation: ends every running assignment; a reason is required."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult

from docket.tui import strings
from docket.tui.screens.forms import ActionForm, FormInput, Line, required

if TYPE_CHECKING:
    import sqlite3


class CloseForm(ActionForm):
    ACTION = "close"

    def fields(self) -> ComposeResult:
        yield from self.row(strings.F_REASON, FormInput(id="reason", compact=True,
                                                        placeholder=strings.P_CLOSE_REASON))

    def prepare(self) -> None:
        self.query_one("#reason", FormInput).focus()

    def problems(self) -> dict[str, str]:
        from docket.core import messages as msg

        found: dict[str, str] = {}
        required(found, "reason", self.text("reason"), msg.REASON_REQUIRED.format(action="办结"))
        return found

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.evaluation import close

        item = self.ctx.item
        close(conn, item["number"], reason=self.text("reason"), actor=self.rt.actor,
              today=self.rt.today, session=self.rt.session, expect_version=self.version(item))
        return [Line(item["number"], True, strings.CLOSED.format(number=item["number"]))]
