"""登记: a new suggestion, motion or proposal; the clerk gets its number back."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Checkbox, Select, TextArea

from docket.tui import strings
from docket.tui.screens.forms import (
    ActionForm,
    FormInput,
    Line,
    UnitSuggester,
    parse_day,
    required,
    warned,
)

if TYPE_CHECKING:
    import sqlite3


class AddForm(ActionForm):
    ACTION = "add"

    def fields(self) -> ComposeResult:
        yield from self.row(strings.F_TITLE, FormInput(id="title", compact=True))
        yield from self.row(strings.F_PROPOSER, FormInput(id="proposer", compact=True))
        yield from self.row(strings.F_CO, FormInput(id="co", compact=True, placeholder=strings.P_CO))
        yield from self.row(strings.F_KIND, Select([], id="kind", compact=True, allow_blank=True,
                                                   prompt=strings.P_KIND))
        # categories complete like unit names (from intake.categories)
        yield from self.row(strings.F_CATEGORY, FormInput(id="category", compact=True,
                                                          suggester=UnitSuggester()))
        yield from self.row(strings.F_RECEIVED, FormInput(self.rt.today.isoformat(),
                                                          id="received", compact=True))
        yield from self.row(strings.F_CONTENT, TextArea(id="content", compact=True,
                                                        soft_wrap=True))
        with Horizontal(classes="form-row"):
            yield Checkbox(strings.ONLY_KEY, id="key", compact=True)
            yield Checkbox(strings.ONLY_FAST, id="fast", compact=True)

    def describe(self) -> str:
        return strings.ADD_HINT

    def prepare(self) -> None:
        from docket.core.records import KINDS_BY_BODY, kind_label

        kinds = KINDS_BY_BODY[self.ctx.body]
        select = self.query_one("#kind", Select)
        select.set_options([(kind_label(k), k.value) for k in kinds])
        select.value = kinds[0].value
        self.query_one("#category", FormInput).suggester.names = list(self.ctx.categories)
        self.query_one("#title", FormInput).focus()

    def problems(self) -> dict[str, str]:
        from docket.core import messages as msg

        found: dict[str, str] = {}
        required(found, "title", self.text("title"), msg.FIELD_EMPTY.format(field="标题"))
        required(found, "proposer", self.text("proposer"), msg.FIELD_EMPTY.format(field="领衔人"))
        received = parse_day(found, "received", self.text("received"), strings.F_RECEIVED)
        if received and received > self.rt.today:
            found["received"] = msg.RECEIVED_FUTURE.format(day=received.isoformat(),
                                                           today=self.rt.today.isoformat())
        return found

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.intake import NewItem, add
        from docket.core.sheets.values import split_values  # as the importer splits a cell

        new = NewItem(title=self.text("title"), proposer=self.text("proposer"),
                      co_proposers=tuple(split_values(self.text("co"))),
                      kind=self.choice("kind"), category=self.text("category") or None,
                      content=self.query_one("#content", TextArea).text.strip() or None,
                      received_on=parse_day({}, "received", self.text("received"),
                                            strings.F_RECEIVED, self.rt.today),
                      key=self.query_one("#key", Checkbox).value,
                      fast=self.query_one("#fast", Checkbox).value)
        done = add(conn, new, actor=self.rt.actor, today=self.rt.today, session=self.rt.session)
        return [Line(done.number, True, warned(strings.ADDED.format(
            number=done.number, title=self.text("title")), done.warnings))]
