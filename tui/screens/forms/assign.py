"""交办: lead and supporting units (completed from the unit directory), the computed due dates
shown before confirming; one or many items, each assigned on its own so one refusal does not
stop the rest, and the report says per item what happened."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult

from docket.core.errors import DocketError
from docket.core.sheets.values import split_units
from docket.tui import strings
from docket.tui.screens.forms import (
    ActionForm,
    FormInput,
    Line,
    UnitSuggester,
    parse_day,
)

if TYPE_CHECKING:
    import sqlite3


class AssignForm(ActionForm):
    ACTION = "assign"
    FULL = False

    def fields(self) -> ComposeResult:
        yield from self.row(strings.F_LEAD, FormInput(id="lead", compact=True,
                                                      placeholder=strings.P_UNIT,
                                                      suggester=UnitSuggester()))
        yield from self.row(strings.F_SUPPORT, FormInput(id="support", compact=True,
                                                         placeholder=strings.P_UNITS,
                                                         suggester=UnitSuggester(several=True)))
        yield from self.row(strings.F_ASSIGN_ON, FormInput(self.rt.today.isoformat(), id="on",
                                                           compact=True))
        yield from self.row(strings.F_DUE, FormInput(id="due", compact=True,
                                                     placeholder=strings.P_DUE))

    def prepare(self) -> None:
        units = self.ctx.directory.units
        names = [u.name for u in units] + [u.short for u in units if u.short]
        for id_ in ("lead", "support"):
            self.query_one(f"#{id_}", FormInput).suggester.names = names
        self.query_one("#lead", FormInput).focus()

    def describe(self) -> str:
        if len(self.ctx.items) == 1:
            return super().describe()
        return strings.ASSIGN_MANY.format(n=len(self.ctx.items), numbers=" ".join(
            str(i["number"]) for i in self.ctx.items[:12]) + (" …" if len(self.ctx.items) > 12 else ""))

    def values(self) -> tuple[dict, dict]:
        """(problems, parsed values): units resolved as the core will resolve them."""
        problems: dict[str, str] = {}
        directory = self.ctx.directory
        lead_text = self.text("lead")
        lead = None
        if not lead_text:
            problems["lead"] = strings.LEAD_REQUIRED
        else:
            lead = self.attempt(problems, "lead", lambda: directory.resolve(lead_text))
        support = []
        for name in split_units(self.text("support")):
            unit = self.attempt(problems, "support", lambda n=name: directory.resolve(n))
            if unit is None:
                break
            if lead is not None and unit.id == lead.id:
                from docket.core import messages as msg
                problems["support"] = msg.LEAD_IN_SUPPORT.format(unit=unit.name)
                break
            if unit not in support:
                support.append(unit)
        on = parse_day(problems, "on", self.text("on"), strings.F_ASSIGN_ON, self.rt.today)
        due = parse_day(problems, "due", self.text("due"), strings.F_DUE)
        return problems, {"lead": lead, "support": support, "on": on, "due": due}

    def problems(self) -> dict[str, str]:
        return self.values()[0]

    def preview(self) -> str:
        """The due dates the rules give (as the core will compute them), before confirming."""
        _, v = self.values()
        dl, on = self.ctx.dl, v["on"]
        lines = []
        for fast in sorted({bool(i["fast"]) for i in self.ctx.items if i["state"] != "assigned"}):
            computed = dl.lead_due(on, fast)
            lead_due = v["due"] or computed.date
            mark = strings.PROVISIONAL if computed.provisional and not v["due"] else ""
            parts = [strings.PREVIEW_LEAD.format(unit=v["lead"].name,
                                                 due=lead_due.isoformat() + mark)]
            for u in v["support"]:
                # the core's own flag: a supporting date is provisional only when the core says
                # so (in the last days of a year whose successor's holidays are not loaded)
                due = dl.support_due(on, fast, lead_due)
                parts.append(strings.PREVIEW_SUPPORT.format(unit=u.name, due=due.date.isoformat()
                             + (strings.PROVISIONAL if due.provisional else "")))
            tag = strings.PREVIEW_FAST if fast else ""
            lines.append(tag + "；".join(parts))
        if any(i["state"] == "assigned" for i in self.ctx.items):
            lines.append(strings.PREVIEW_ADD_SUPPORT)
        return strings.PREVIEW_HEAD + "\n".join(lines)

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.assigning import assign

        _, v = self.values()
        out: list[Line] = []
        notes: dict[str, None] = {}  # a warning shared by many items is said once, at the end
        several = len(self.ctx.items) > 1
        for item in self.ctx.items:
            number = item["number"]
            try:
                done = assign(conn, [number], lead=v["lead"].name,
                              support=tuple(u.name for u in v["support"]), on=v["on"],
                              due=v["due"], actor=self.rt.actor, today=self.rt.today,
                              session=self.rt.session, directory=self.ctx.directory,
                              expect_versions={number: self.version(item)})
            except DocketError as error:
                if len(self.ctx.items) == 1:
                    raise  # one item: the form stays open with the message
                out.append(Line(number, False, strings.error_text(error)))
                continue
            if several:
                notes.update(dict.fromkeys(done[0].warnings))
            out.append(Line(number, True, outcome_text(done[0], warnings=not several)))
        out.extend(Line(None, True, note) for note in notes)
        return out


def outcome_text(o, warnings: bool = True) -> str:
    """The CLI's line for one assigned item."""
    d = o.detail
    sup = "；".join(strings.PREVIEW_SUPPORT.format(
        unit=s["unit"], due=s["due_on"] + (strings.PROVISIONAL if s.get("provisional") else ""))
        for s in d.get("support", []))
    if "due_on" in d:
        text = strings.ASSIGNED.format(number=o.number, lead=d["lead"], due=d["due_on"])
        text += strings.PROVISIONAL if d.get("provisional") else ""
        text += f"；{sup}" if sup else ""
    else:
        text = strings.SUPPORT_ADDED.format(number=o.number, support=sup)
    return text + (f"（{'；'.join(o.warnings)}）" if o.warnings and warnings else "")
