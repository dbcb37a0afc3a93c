"""答复: the lead unit's reply (a class is required) or a supporting unit's opinion (no class)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Select

from docket.tui import strings
from docket.tui.screens.forms import (
    FormInput,
    Line,
    UnitForm,
    parse_day,
    unit_problem,
    warned,
)

if TYPE_CHECKING:
    import sqlite3


class ReplyForm(UnitForm):
    ACTION = "reply"

    def fields(self) -> ComposeResult:
        yield from self.unit_row()
        yield from self.row(strings.F_CLASS, Select([], id="class", compact=True,
                                                    prompt=strings.P_CLASS))
        yield from self.row(strings.F_REPLY_ON, FormInput(self.rt.today.isoformat(), id="on",
                                                          compact=True))
        yield from self.row(strings.F_DOC_NO, FormInput(id="doc_no", compact=True))
        yield from self.row(strings.F_CONTACT, FormInput(id="contact", compact=True))
        yield from self.row(strings.F_PHONE, FormInput(id="phone", compact=True))
        yield from self.row(strings.F_SUMMARY, FormInput(id="summary", compact=True))

    def prepare(self) -> None:
        super().prepare()
        labels = self.ctx.class_labels  # A 所提问题已经解决或者基本解决, as the documents word it
        self.query_one("#class", Select).set_options(
            [(f"{c} {labels[c]}" if labels.get(c) else c, c) for c in self.ctx.classes])
        self.query_one("#unit", Select).focus()

    def role(self) -> str | None:
        current = self.assignment()
        return current["role"] if current else None

    def problems(self) -> dict[str, str]:
        from docket.core import messages as msg

        found: dict[str, str] = {}
        role = self.role()
        klass = self.choice("class")
        # a supporting unit gives an opinion, which has no class: hide the box
        self.query_one("#class", Select).parent.display = role != "support"
        if role is None:
            found["unit"] = unit_problem(self.ctx.item)
        elif role == "lead" and not klass:
            found["class"] = msg.CLASS_REQUIRED.format(codes="、".join(self.ctx.classes))
        parse_day(found, "on", self.text("on"), strings.F_REPLY_ON)
        return found

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.replies import reply

        item = self.ctx.item
        lead = self.role() == "lead"
        o = reply(conn, item["number"], unit=self.choice("unit"),
                  on=parse_day({}, "on", self.text("on"), strings.F_REPLY_ON, self.rt.today),
                  class_=self.choice("class") if lead else None,
                  doc_no=self.text("doc_no") or None, contact=self.text("contact") or None,
                  phone=self.text("phone") or None, summary=self.text("summary") or None,
                  actor=self.rt.actor, today=self.rt.today, session=self.rt.session,
                  expect_version=self.version(item))
        what = (strings.OPINION if o.detail["role"] == "support"
                else strings.REPLY_CLASS.format(code=o.detail["class"]))
        return [Line(item["number"], True, warned(strings.REPLIED.format(
            number=item["number"], unit=o.detail["unit"], what=what), o.warnings))]
