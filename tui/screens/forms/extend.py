"""延期: a new due date for one unit's assignment, as a date or as a duration (1个月, 10个工作日);
the new date is shown before confirming. A reason is required."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.worker import get_current_worker

from docket.core.errors import DocketError
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
        """What the clerk typed, parsed as the core parses it; the new date and whether the core
        takes it come from the preview's dry run."""
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
        current = self.assignment()
        return found, {"unit": unit, "until": until, "by": by, "reason": self.text("reason"),
                       "was": current["due_on"] if current else None}

    # the preview is the core's own dry run (return_extend.extend(dry_run=True)), read in a
    # worker: the new date, or the core's refusal marked under the field that gave the date
    _preview_for: tuple | None = None
    _preview_text = ""
    _refusal: dict[str, str] | None = None

    def _wanted(self, v: dict) -> tuple:
        return v["unit"], v["until"], v["by"]  # not run again for every letter of the reason

    def problems(self) -> dict[str, str]:
        found, v = self.values()
        if not found and self._refusal and self._wanted(v) == self._preview_for:
            found.update(self._refusal)
        return found

    def preview(self) -> str:
        _, v = self.values()
        wanted = self._wanted(v)
        if wanted != self._preview_for:
            self._preview_for, self._preview_text, self._refusal = wanted, "", None
            self.dry_run(wanted, v["was"], v["reason"])
        return self._preview_text

    @work(thread=True, exclusive=True, group="extend-preview", exit_on_error=False)
    def dry_run(self, wanted: tuple, was: str | None, reason: str) -> None:
        from docket.core.return_extend import extend
        from docket.store.db import opened

        unit, until, by = wanted
        text, refusal = "", {}
        try:
            with opened(self.rt.db_path) as conn:
                done = extend(conn, self.ctx.item["number"], unit=unit, reason=reason,
                              until=until, by=by, actor=self.rt.actor, today=self.rt.today,
                              session=self.rt.session, dry_run=True)
            text = strings.PREVIEW_EXTEND.format(unit=unit, was=was,
                                                 new=done.detail["after"]["due_on"])
        except DocketError as error:
            refusal = {"until" if until else "by": strings.error_text(error)}
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._previewed, wanted, text, refusal)

    def _previewed(self, wanted: tuple, text: str, refusal: dict[str, str]) -> None:
        if wanted == self._preview_for and self.is_attached:
            self._preview_text, self._refusal = text, refusal
            self.check()

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
