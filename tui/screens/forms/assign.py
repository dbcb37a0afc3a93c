"""交办: lead and supporting units (completed from the unit directory), the computed due dates
shown before confirming; one or many items, each assigned on its own so one refusal does not
stop the rest, and the report says per item what happened."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.worker import get_current_worker

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

    _suggested: tuple[tuple[str, str], ...] = ()

    @work(thread=True, exclusive=True, group="form-load", exit_on_error=False)
    def load(self) -> None:
        """The form's context, and for one item not yet assigned the likely lead units (the
        core's routing rule, as `docket assign --suggest N`)."""
        from docket.tui.screens.forms import load_context

        ctx = load_context(self.rt, self.numbers, full=self.FULL)
        if len(self.numbers) == 1 and not self._suggested:
            self._suggested = suggestions(self.rt, self.numbers[0])
        self.app.call_from_thread(self._loaded, ctx)

    def prepare(self) -> None:
        units = self.ctx.directory.units
        names = [u.name for u in units] + [u.short for u in units if u.short]
        for id_ in ("lead", "support"):
            self.query_one(f"#{id_}", FormInput).suggester.names = names
        self.query_one("#lead", FormInput).focus()

    def describe(self) -> str:
        if len(self.ctx.items) == 1:
            from docket.core.records import State

            if self._suggested and self.ctx.item["state"] in (State.REGISTERED.value, State.ACCEPTED.value):
                units = "；".join(strings.SUGGEST_UNIT.format(unit=u, reason=r) for u, r in self._suggested)
                return super().describe() + "\n" + strings.SUGGEST_LINE.format(units=units)
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

    # the preview is the core's own dry run (assigning.assign(dry_run=True), as `docket assign
    # --dry-run`): read in a worker, shown when it arrives for the values still typed
    _preview_for: tuple | None = None
    _preview_text = ""

    def preview(self) -> str:
        """The due dates the core would store, before confirming (one line per 小微急 flag)."""
        _, v = self.values()
        wanted = (v["lead"].name, tuple(u.name for u in v["support"]), v["on"], v["due"])
        if wanted != self._preview_for:
            self._preview_for, self._preview_text = wanted, ""
            self.dry_run(wanted)
        return self._preview_text

    @work(thread=True, exclusive=True, group="assign-preview", exit_on_error=False)
    def dry_run(self, wanted: tuple) -> None:
        from docket.core.assigning import assign
        from docket.store.db import opened

        lead, support, on, due = wanted
        lines = []
        with opened(self.rt.db_path) as conn:
            for fast in sorted({bool(i["fast"]) for i in self.ctx.items
                                if i["state"] != "assigned"}):
                group = [i for i in self.ctx.items
                         if i["state"] != "assigned" and bool(i["fast"]) == fast]
                for item in group[:5]:  # the first the core accepts stands for its group
                    try:
                        done = assign(conn, [item["number"]], lead=lead, support=support, on=on,
                                      due=due, actor=self.rt.actor, today=self.rt.today,
                                      session=self.rt.session, directory=self.ctx.directory,
                                      dry_run=True)
                    except DocketError:
                        continue
                    tag = strings.PREVIEW_FAST if fast else ""
                    lines.append(tag + outcome_dues(done[0].detail))
                    break
        if any(i["state"] == "assigned" for i in self.ctx.items):
            lines.append(strings.PREVIEW_ADD_SUPPORT)
        text = strings.PREVIEW_HEAD + "\n".join(lines) if lines else ""
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._previewed, wanted, text)

    def _previewed(self, wanted: tuple, text: str) -> None:
        if wanted == self._preview_for and self.is_attached:
            self._preview_text = text
            self.check()

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


def outcome_dues(d: dict) -> str:
    """主办 X 2026-06-22；协办 Y 2026-04-20: the dates of one assignment (its event detail),
    each marked 暂定 when the core stored it as provisional."""
    parts = [strings.PREVIEW_LEAD.format(
        unit=d["lead"], due=d["due_on"] + (strings.PROVISIONAL if d.get("provisional") else ""))]
    parts += [strings.PREVIEW_SUPPORT.format(
        unit=s["unit"], due=s["due_on"] + (strings.PROVISIONAL if s.get("provisional") else ""))
        for s in d.get("support", [])]
    return "；".join(parts)


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


def suggestions(rt, number: int) -> tuple[tuple[str, str], ...]:
    """(unit, its first reason) of the likely lead units of one item; none when it cannot say."""
    from docket.core.routing import suggest
    from docket.store.db import opened

    try:
        with opened(rt.db_path) as conn:
            _, found = suggest(conn, number, session=rt.session)
    except DocketError:
        return ()
    return tuple((s.unit, s.reasons[0] if s.reasons else "") for s in found)
