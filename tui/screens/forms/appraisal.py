"""The 评议 forms (opened from tui/screens/appraisal.py, key `y`): a new round, departments and
voter groups added to a round, one department's tally for one voter group (with running totals),
and computing the result. Each calls the core functions `docket appraisal new | add-department |
group | tally | compute` call, and marks the wrong field as every other form does.

Tallies are counts only: no voter is ever named (背靠背).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Select, Static

from docket.core.sheets.values import split_units, split_values
from docket.tui import strings
from docket.tui.screens.forms import (
    ActionForm,
    FormInput,
    Line,
    UnitSuggester,
)

if TYPE_CHECKING:
    import sqlite3

    from docket.core.appraisal import Tally

# the tally's fields, in the order of the paper form (core.appraisal.FIELD_LABELS words them)
TALLY_FIELDS = ("members", "present", "satisfied", "basic", "dissatisfied", "abstain", "unknown")


class AppraisalForm(ActionForm):
    """An ActionForm about a round, not an item: the first line names the round."""

    def __init__(self, rt, result: dict | None = None) -> None:
        super().__init__(rt)
        self.result = result  # the round as the screen showed it (core.appraisal.results)

    def describe(self) -> str:
        return self.result["round"] if self.result else ""

    def groups_problem(self, found: dict[str, str], text: str) -> list[str]:
        """The voter groups box: names, each 名称 or 名称=权重, parsed as the core parses them."""
        from docket.core.appraisal import parse_group

        groups = split_values(text)
        for g in groups:
            if self.attempt(found, "groups", lambda g=g: parse_group(g)) is None:
                break
        return groups

    def departments_problem(self, found: dict[str, str], text: str) -> list[str]:
        """The departments box, split and resolved as the importer and the core do."""
        names = split_units(text)
        for name in names:
            if self.attempt(found, "departments",
                            lambda n=name: self.ctx.directory.resolve(n)) is None:
                break
        return names

    def prepare(self) -> None:
        units = self.ctx.directory.units
        self.query_one("#departments", FormInput).suggester.names = (
            [u.name for u in units] + [u.short for u in units if u.short])


class RoundForm(AppraisalForm):
    """新建评议: name, year, voter groups and departments, in one transaction."""

    ACTION = "appraisal_new"

    def fields(self) -> ComposeResult:
        year = self.rt.today.year
        yield from self.row(strings.F_ROUND, FormInput(
            strings.ROUND_DEFAULT.format(year=year), id="name", compact=True))
        yield from self.row(strings.F_YEAR, FormInput(str(year), id="year", compact=True,
                                                      type="integer"))
        yield from self.row(strings.F_GROUPS, FormInput(
            strings.GROUP_DEFAULT, id="groups", compact=True, placeholder=strings.P_GROUPS))
        yield from self.row(strings.F_DEPARTMENTS, FormInput(
            id="departments", compact=True, placeholder=strings.P_DEPARTMENTS,
            suggester=UnitSuggester(several=True)))

    def describe(self) -> str:
        return strings.ROUND_NEW_HINT

    def prepare(self) -> None:
        super().prepare()
        self.query_one("#name", FormInput).focus()

    def problems(self) -> dict[str, str]:
        from docket.core.score_figures import check_year

        found: dict[str, str] = {}
        if not self.text("name"):
            found["name"] = strings.ROUND_NAME_REQUIRED
        try:
            year = int(self.text("year"))
        except ValueError:
            found["year"] = strings.YEAR_BAD.format(year=self.rt.today.year)
        else:
            self.attempt(found, "year", lambda: check_year(year))
        if not self.groups_problem(found, self.text("groups")):
            found["groups"] = strings.GROUPS_REQUIRED
        if not self.departments_problem(found, self.text("departments")):
            found["departments"] = strings.DEPARTMENTS_REQUIRED
        return found

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.appraisal import new_round_with_departments

        rt = self.rt
        done, added = new_round_with_departments(
            conn, self.text("name"), year=int(self.text("year")),
            groups=split_values(self.text("groups")),
            departments=split_units(self.text("departments")), actor=rt.actor, today=rt.today)
        return [Line(None, True, strings.ROUND_CREATED.format(
            round=done["round"], groups="、".join(done["groups"]), departments="、".join(added)))]


class RoundAddForm(AppraisalForm):
    """添加部门: more departments, and voter groups added or reweighted (名称=权重)."""

    ACTION = "appraisal_add"

    def fields(self) -> ComposeResult:
        yield from self.row(strings.F_DEPARTMENTS, FormInput(
            id="departments", compact=True, placeholder=strings.P_DEPARTMENTS,
            suggester=UnitSuggester(several=True)))
        yield from self.row(strings.F_GROUPS, FormInput(
            id="groups", compact=True, placeholder=strings.P_GROUPS))

    def prepare(self) -> None:
        super().prepare()
        self.query_one("#departments", FormInput).focus()

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        departments = self.departments_problem(found, self.text("departments"))
        groups = self.groups_problem(found, self.text("groups"))
        if not departments and not groups:
            found["departments"] = strings.ADD_NOTHING
        return found

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.appraisal import add_to_round

        rt, name = self.rt, self.result["round"]
        added, groups = add_to_round(conn, name, departments=split_units(self.text("departments")),
                                     groups=split_values(self.text("groups")), actor=rt.actor,
                                     today=rt.today)
        said = []
        if added is not None:
            said.append(strings.ADDED_DEPARTMENTS.format(names="、".join(added)) if added
                        else strings.ADDED_NONE)
        said += [strings.GROUP_SET.format(group=g["group"], weight=g["weight"]) for g in groups]
        return [Line(None, True, strings.ROUND_ADDED.format(round=name, what="；".join(said)))]


def running(values: dict[str, int | None], vote: dict) -> Text:
    """What the tally typed so far gives, or what is wrong with it (the core's own rules)."""
    from fractions import Fraction

    from docket.core.appraisal import Tally, group_score, level, rate
    from docket.core.numbers import percent
    from docket.core.score_figures import score_text

    if any(v is None for v in values.values()):
        return Text(strings.TALLY_FILL, style="dim")
    t = Tally(**values)
    counted = t.valid + t.abstain + t.unknown
    head = f"已计{counted}票 / 实到{t.present}人，有效票{t.valid}　"
    wrong = t.problems()
    if wrong:
        return Text(head + "；".join(text for _, text in wrong), style="bold red")
    points = {k: Fraction(str(v)) for k, v in vote["points"].items()}
    r = rate(t)
    return Text(head + strings.TALLY_FIGURES.format(score=score_text(group_score(t, points)), rate=percent(r),
                                                    level=level(t, vote["base"]) or "—"), style="bold")


class TallyForm(AppraisalForm):
    """One department's counts for one voter group, with running totals; a wrong count is
    marked under its own box."""

    ACTION = "appraisal_tally"

    def __init__(self, rt, result: dict, department: str | None, vote: dict) -> None:
        super().__init__(rt, result)
        self.departments = [d["department"] for d in result["departments"]]
        self.groups = [g["group"] for g in result["groups"]]
        self.department = department if department in self.departments else self.departments[0]
        self.vote = vote

    def fields(self) -> ComposeResult:
        from docket.core.appraisal import FIELD_LABELS

        yield from self.row(strings.F_DEPARTMENT, Select(
            [(d, d) for d in self.departments], value=self.department, id="department",
            allow_blank=False, compact=True))
        yield from self.row(strings.F_GROUP, Select(
            [(g, g) for g in self.groups], value=self.groups[0], id="group", allow_blank=False,
            compact=True))
        for key in TALLY_FIELDS:
            yield from self.row(FIELD_LABELS[key], FormInput(
                "0" if key in ("abstain", "unknown") else "", id=key, compact=True,
                type="integer"))
        yield Static("", id="votes-msg", classes="form-msg")  # the counts together
        yield Static("", id="tally-running")

    def prepare(self) -> None:
        self.query_one("#members", FormInput).focus()

    def values(self) -> dict[str, int | None]:
        out: dict[str, int | None] = {}
        for key in TALLY_FIELDS:
            try:
                out[key] = int(self.text(key))
            except ValueError:
                out[key] = None
        return out

    def check(self) -> dict[str, str]:
        found = super().check()
        self.query_one("#tally-running", Static).update(running(self.values(), self.vote))
        return found

    def problems(self) -> dict[str, str]:
        from docket.core.appraisal import FIELD_LABELS, Tally

        values = self.values()
        found = {key: strings.TALLY_INTEGER.format(field=FIELD_LABELS[key])
                 for key, v in values.items() if v is None}
        if not found:
            for key, text in Tally(**values).problems():
                found.setdefault(key, text)
        return found

    def tally(self) -> Tally:
        from docket.core.appraisal import Tally

        return Tally(**self.values())

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.appraisal import record_tally

        done = record_tally(conn, self.result["round"], department=self.choice("department"),
                            group=self.choice("group"), tally=self.tally(), actor=self.rt.actor,
                            today=self.rt.today)
        return [Line(None, True, strings.TALLY_SAVED.format(**done))]


class ComputeForm(AppraisalForm):
    """计算结果: what will be computed, the missing tallies, and 缺票时 as a checkbox."""

    ACTION = "appraisal_compute"

    def fields(self) -> ComposeResult:
        yield from self.row(strings.F_ALLOW_MISSING, Checkbox(
            strings.ALLOW_MISSING_LABEL, id="allow_missing", compact=True))

    def prepare(self) -> None:
        self.query_one("#allow_missing", Checkbox).focus()

    def gaps(self) -> list[str]:
        from docket.core.appraisal import missing_votes

        return missing_votes(self.result)

    def describe(self) -> str:
        gaps = self.gaps()
        return "\n".join([strings.COMPUTE_PREVIEW.format(round=self.result["round"]),
                          *([strings.COMPUTE_GAPS.format(gaps="；".join(gaps))] if gaps else [])])

    def problems(self) -> dict[str, str]:
        if self.gaps() and not self.query_one("#allow_missing", Checkbox).value:
            return {"allow_missing": strings.COMPUTE_MISSING}
        return {}

    @on(Checkbox.Changed)
    def _ticked(self) -> None:
        self.check()

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.appraisal import compute

        res = compute(conn, self.result["round"], actor=self.rt.actor, today=self.rt.today,
                      allow_missing=self.query_one("#allow_missing", Checkbox).value)
        warnings = res.get("warnings") or []
        return [Line(None, True, strings.ROUND_COMPUTED.format(round=res["round"]) + (
            strings.COMPUTE_WARNINGS.format(warnings="；".join(warnings)) if warnings else ""))]
