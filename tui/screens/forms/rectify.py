"""The forms of a rectification item (domain.md §12): 整改方案 (plan), 报送进度 (progress) and
复查 / 回头看 (one form: a re-check, or the look-back once the re-check passed). Each calls one
core.rectify function with the round the queue shows."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Select

from docket.tui import strings
from docket.tui.screens.forms import (
    ActionForm,
    FormInput,
    Line,
    ProgressEntry,
    UnitSuggester,
    parse_day,
    required,
    warned,
)

if TYPE_CHECKING:
    import sqlite3


def _label(state: str) -> str:
    from docket.core.records import state_label

    return state_label(state, "rectification")


class RectifyForm(ActionForm):
    """A form on one rectification item (its plan and progress log come with show_item)."""


class PlanForm(RectifyForm):
    """整改方案, as `rectify plan`: target, measures, person; the first plan also names the
    responsible unit (full or short name, pinyin initials: slj → 县水利局) and the due date (empty:
    `rectify.deadline` from today); a revised plan shows both, unchanged (交办, 退回 and 延期
    change them)."""
    ACTION = "rectify_plan"

    def fields(self) -> ComposeResult:
        yield from self.row(strings.F_TARGET, FormInput(id="target", compact=True))
        yield from self.row(strings.F_MEASURES, FormInput(id="measures", compact=True))
        yield from self.row(strings.F_PERSON, FormInput(id="person", compact=True))
        yield from self.row(strings.F_PLAN_UNIT, FormInput(id="unit", compact=True, placeholder=strings.P_UNIT,
                                                           suggester=UnitSuggester()))
        yield from self.row(strings.F_PLAN_DUE, FormInput(id="due", compact=True, placeholder=strings.P_PLAN_DUE))

    @property
    def first(self) -> bool:
        """The first plan (未启动): it assigns the item to its unit with the due date."""
        return self.ctx.item["state"] in ("registered", "accepted")

    def prepare(self) -> None:
        plan = self.ctx.item.get("rectification") or {}
        for key in ("target", "measures", "person", "unit"):
            self.query_one(f"#{key}", FormInput).value = plan.get(key) or ""
        units = self.ctx.directory.units
        self.query_one("#unit", FormInput).suggester.names = [u.name for u in units] + [u.short for u in units
                                                                                         if u.short]
        if not self.first:  # shown as they stand; the core refuses to change them here
            self.query_one("#due", FormInput).value = plan.get("due_on") or ""
            for key in ("unit", "due"):
                self.query_one(f"#{key}", FormInput).disabled = True
        self.query_one("#target", FormInput).focus()

    def values(self) -> tuple[dict[str, str], dict]:
        """(problems, the unit and due date to pass): checked as `rectify plan` checks them."""
        from docket.core import messages as msg

        found: dict[str, str] = {}
        for key, label in (("target", strings.F_TARGET), ("measures", strings.F_MEASURES),
                           ("person", strings.F_PERSON)):
            required(found, key, self.text(key), msg.FIELD_EMPTY.format(field=label))
        if not self.first:
            return found, {"unit": None, "due": None}
        unit = None
        if not self.text("unit"):
            found["unit"] = msg.FIELD_EMPTY.format(field=strings.F_PLAN_UNIT)
        else:
            unit = self.attempt(found, "unit", lambda: self.ctx.directory.resolve(self.text("unit")))
        due = parse_day(found, "due", self.text("due"), strings.F_PLAN_DUE)
        on = self.rt.today  # the plan's day, as the CLI's
        if due is not None and due < on:
            found["due"] = msg.RECTIFY_DUE_BEFORE.format(due=due.isoformat(), on=on.isoformat())
        return found, {"unit": unit and unit.name, "due": due}

    def problems(self) -> dict[str, str]:
        return self.values()[0]

    def preview(self) -> str:
        return "" if self.first else strings.PLAN_KEEPS

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core import rectify

        item = self.ctx.item
        _, v = self.values()
        o = rectify.plan(conn, item["number"], target=self.text("target"), measures=self.text("measures"),
                         person=self.text("person"), unit=v["unit"], due=v["due"],
                         round_name=self.rt.session, actor=self.rt.actor, today=self.rt.today)
        return [Line(item["number"], True, warned(
            strings.PLAN_SAVED.format(number=item["number"], label=_label(o.state)), o.warnings))]


class ProgressForm(ProgressEntry, RectifyForm):
    ACTION = "rectify_progress"

    def problems(self) -> dict[str, str]:
        log = (self.ctx.item.get("rectification") or {}).get("progress_log") or []
        return self.progress_problems(log[-1]["percent"] if log else None)

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core import rectify

        item = self.ctx.item
        o = rectify.record_progress(conn, item["number"], self.text("percent"), note=self.text("note") or None,
                                    on=parse_day({}, "on", self.text("on"), strings.F_CHECK_ON, self.rt.today),
                                    round_name=self.rt.session, actor=self.rt.actor, today=self.rt.today)
        from docket.core.progress import check_percent

        return [Line(item["number"], True, warned(strings.PROGRESS_DONE.format(
            number=item["number"], percent=check_percent(self.text("percent")), label=_label(o.state)),
            o.warnings))]


class CheckForm(RectifyForm):
    """复查 on an item 已整改; 回头看 on one 复查通过."""
    ACTION = "rectify_check"

    def fields(self) -> ComposeResult:
        yield from self.row(strings.F_CHECK_RESULT, Select(list(strings.RESULT_OPTIONS), id="result",
                                                           compact=True, prompt=strings.P_CHECK))
        yield from self.row(strings.F_PROGRESS_NOTE, FormInput(id="note", compact=True))
        yield from self.row(strings.F_CHECK_ON, FormInput(self.rt.today.isoformat(), id="on", compact=True))

    @property
    def what(self) -> str:
        return "lookback" if self.ctx and self.ctx.item["state"] == "rechecked" else "recheck"

    def prepare(self) -> None:
        self.query_one("#form").border_title = strings.CHECK_WHAT[self.what]
        self.query_one("#result", Select).focus()

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if self.choice("result") is None:
            found["result"] = strings.CHECK_RESULT_REQUIRED
        parse_day(found, "on", self.text("on"), strings.F_CHECK_ON)
        return found

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core import rectify

        item = self.ctx.item
        passed = self.choice("result") == "pass"
        o = getattr(rectify, self.what)(conn, item["number"], passed=passed, note=self.text("note") or None,
                                        on=parse_day({}, "on", self.text("on"), strings.F_CHECK_ON, self.rt.today),
                                        round_name=self.rt.session, actor=self.rt.actor, today=self.rt.today)
        return [Line(item["number"], True, warned(strings.CHECK_DONE.format(
            number=item["number"], what=strings.CHECK_WHAT[self.what], result="通过" if passed else "未通过",
            label=_label(o.state)), o.warnings))]
