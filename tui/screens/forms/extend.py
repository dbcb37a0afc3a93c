"""延期: a new due date for one unit's assignment, as a date or as a duration (1个月, 10个工作日);
the new date is shown before confirming. A reason is required."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult

from docket.tui import strings
from docket.tui.screens.forms import (
    FormInput,
    Line,
    UnitForm,
    open_assignments,
    parse_day,
    required,
)

if TYPE_CHECKING:
    import sqlite3


class ExtendForm(UnitForm):
    ACTION = "extend"

    def fields(self) -> ComposeResult:
        yield from self.unit_row()
        yield from self.row(strings.F_UNTIL, FormInput(id="until", compact=True,
                                                       placeholder=strings.P_UNTIL.format(
                                                           example="")))
        yield from self.row(strings.F_BY, FormInput(id="by", compact=True,
                                                    placeholder=strings.P_BY))
        yield from self.row(strings.F_REASON, FormInput(id="reason", compact=True))

    def prepare(self) -> None:
        super().prepare()
        until = self.query_one("#until", FormInput)
        until.placeholder = strings.P_UNTIL.format(example=self.example_until())
        until.focus()

    def example_until(self) -> str:
        """A date the clerk might well type: a month after the latest running due date (never
        one already past)."""
        from datetime import date, timedelta

        dues = [date.fromisoformat(a["due_on"]) for a in open_assignments(self.ctx.item)]
        return (max([*dues, self.rt.today]) + timedelta(days=30)).isoformat()

    def values(self) -> tuple[dict[str, str], dict]:
        from docket.core import messages as msg
        from docket.core.durations import parse_duration

        found: dict[str, str] = {}
        unit = self.choice("unit")
        self.unit_missing(found)
        until_text, by_text = self.text("until"), self.text("by")
        until = parse_day(found, "until", until_text, strings.F_UNTIL)
        by = (self.attempt(found, "by", lambda: parse_duration(by_text, field=strings.F_BY))
              if by_text else None)
        if bool(until_text) == bool(by_text):
            found["until"] = strings.EXTEND_ONE
        required(found, "reason", self.text("reason"), msg.REASON_REQUIRED.format(action="延期"))
        new = None
        current = self.assignment()
        if current and not found:
            was = date.fromisoformat(current["due_on"])
            new = until or self.ctx.dl.add(was, by).date
            if new <= was:
                found["until" if until else "by"] = msg.EXTEND_NOT_LATER.format(
                    new=new.isoformat(), current=was.isoformat())
        return found, {"unit": unit, "until": until, "by": by, "new": new,
                       "was": current["due_on"] if current else None}

    def problems(self) -> dict[str, str]:
        return self.values()[0]

    def preview(self) -> str:
        v = self.values()[1]
        return strings.PREVIEW_EXTEND.format(unit=v["unit"], was=v["was"], new=v["new"])

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.return_extend import extend

        item = self.ctx.item
        v = self.values()[1]
        o = extend(conn, item["number"], unit=v["unit"], reason=self.text("reason"),
                   until=v["until"], by=v["by"], actor=self.rt.actor, today=self.rt.today,
                   session=self.rt.session, expect_version=self.version(item))
        text = strings.EXTENDED.format(number=item["number"], unit=o.detail["unit"],
                                       due=o.detail["after"]["due_on"])
        return [Line(item["number"], True, text + (f"（{'；'.join(o.warnings)}）"
                                                   if o.warnings else ""))]
