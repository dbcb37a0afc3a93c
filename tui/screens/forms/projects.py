"""The 民生实事 forms (opened from tui/screens/projects.py, key `z`): the ballot (票决), a tracked
project's monthly progress (报送进度), a milestone (节点) and a satisfaction test (满意度测评).
Each calls the core function `docket project vote | progress | milestone | test` calls, with the
round the screen shows, and marks the wrong field with the core's own words.

Ballots and tests are counts only: no voter is ever named (无记名).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Select, Static

from docket.tui import strings
from docket.tui.screens.forms import (
    ActionForm,
    FormInput,
    Line,
    ProgressEntry,
    item_line,
    parse_day,
    required,
)

if TYPE_CHECKING:
    import sqlite3

    from docket.core.appraisal_tally import Tally
    from docket.core.projects import Count

COUNT_WIDTH = 8  # a count box of the ballot: 4 digits and room to see them


def _whole(problems: dict[str, str], field: str, text: str, label: str) -> int | None:
    """A count as typed: a whole number, 0 or more; else the field's message."""
    if text.isdecimal():
        return int(text)
    problems[field] = strings.COUNT_BAD.format(field=label)
    return None


def _results(decided) -> str:
    """入选 第1、2号；待再次表决 第3、4号；未入选 第5号 from (number, result) pairs."""
    from docket.core.projects import RESULT_LABELS

    by_result: dict[str, list[str]] = {}
    for number, result in decided:
        by_result.setdefault(result, []).append(str(number))
    return "；".join(strings.VOTE_PREVIEW_PART.format(result=RESULT_LABELS[r], numbers="、".join(ns))
                    for r, ns in by_result.items())


class ProjectForm(ActionForm):
    """An ActionForm about a round of `standing(...)` as the screen showed it, and one project."""

    def __init__(self, rt, result: dict, project: dict | None = None) -> None:
        super().__init__(rt)
        self.result = result
        self.project = project

    def describe(self) -> str:
        from docket.core.records import Kind

        lines = [self.result["round"]]
        if self.project:
            lines.append(item_line({**self.project, "kind": Kind.PROJECT.value}))
        return "\n".join(lines)

    @property
    def number(self) -> int:
        return self.project["number"]


class VoteForm(ProjectForm):
    """票决: members, present and valid ballots, and 赞成/反对/弃权 for every candidate awaiting
    the vote (all before the first ballot, then those 待再次表决); the outcome is previewed by the
    core's own rule before anything is stored."""

    ACTION = "project_vote"
    BALLOT = (("members", strings.F_VOTE_MEMBERS), ("present", strings.F_VOTE_PRESENT),
              ("valid", strings.F_VOTE_VALID))

    def __init__(self, rt, result: dict, rule: dict) -> None:
        from docket.core.projects import awaiting_vote

        super().__init__(rt, result)
        self.rule = rule
        self.candidates = awaiting_vote(result)

    def describe(self) -> str:
        from docket.core.projects import places_left

        taken, left = places_left(self.result["places"], (p["state"] for p in self.result["projects"]))
        return strings.VOTE_HEAD.format(round=self.result["round"], places=self.result["places"], taken=taken,
                                        left=left, n=len(self.candidates))

    def fields(self) -> ComposeResult:
        for key, label in self.BALLOT:
            yield from self.row(label, FormInput(id=key, compact=True, type="integer"))
        yield from self.row(strings.F_VOTE_ON, FormInput(self.rt.today.isoformat(), id="on", compact=True))
        yield Static(strings.VOTE_COUNTS_HEAD)
        for c in self.candidates:
            n = c["number"]
            with Horizontal(classes="form-row"):
                yield Label(strings.VOTE_CANDIDATE.format(number=n), classes="form-label")
                for prefix, hint in (("y", strings.VOTE_YES), ("n", strings.VOTE_NO), ("a", strings.VOTE_ABSTAIN)):
                    box = FormInput(id=f"{prefix}{n}", compact=True, type="integer", placeholder=hint)
                    box.styles.width = COUNT_WIDTH
                    yield box
                yield Label(" " + c["title"], markup=False)
            yield Static("", id=f"c{n}-msg", classes="form-msg")

    def prepare(self) -> None:
        self.query_one("#members", FormInput).focus()

    def field_values(self) -> dict:
        """Besides the boxes: each candidate's three counts together (its message line c{n})."""
        out = super().field_values()
        for c in self.candidates:
            n = c["number"]
            out[f"c{n}"] = tuple(self.text(f"{p}{n}") for p in "yna")
        return out

    def ballot(self, found: dict[str, str]) -> tuple[dict[str, int], list[Count]]:
        """The numbers typed so far (a wrong one: its message in `found`)."""
        from docket.core.projects import Count

        figures = {key: _whole(found, key, self.text(key), label) for key, label in self.BALLOT}
        counts = []
        for c in self.candidates:
            n = c["number"]
            values = [self.text(f"{p}{n}") for p in "yna"]
            if all(v.isdecimal() for v in values):
                counts.append(Count(n, *(int(v) for v in values)))
            else:
                found[f"c{n}"] = strings.VOTE_COUNTS_BAD.format(number=n)
        return {k: v for k, v in figures.items() if v is not None}, counts

    def problems(self) -> dict[str, str]:
        from docket.core.projects import ballot_checks

        found: dict[str, str] = {}
        figures, counts = self.ballot(found)
        parse_day(found, "on", self.text("on"), strings.F_VOTE_ON)
        if len(figures) == len(self.BALLOT):
            titles = {c["number"]: c["title"] for c in self.candidates}
            for where, text in ballot_checks(figures["members"], figures["present"], figures["valid"],
                                             counts, titles):
                found.setdefault(where if where in figures else f"c{where}", text)
        return found

    def preview(self) -> str:
        from docket.core.projects import BASE_LABELS, outcome

        figures, counts = self.ballot({})
        need, decisions = outcome(self.result, self.rule, counts=counts, **figures)
        return strings.VOTE_PREVIEW.format(need=need, base=BASE_LABELS[self.rule["base"]],
                                           threshold=self.rule["threshold"],
                                           results=_results((d.number, d.result) for d in decisions))

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.projects import vote

        found: dict[str, str] = {}
        figures, counts = self.ballot(found)
        res = vote(conn, **figures, entries=[f"{c.number}={c.yes}/{c.no}/{c.abstain}" for c in counts],
                   round_name=self.result["round"], on=parse_day({}, "on", self.text("on"), strings.F_VOTE_ON),
                   actor=self.rt.actor, today=self.rt.today)
        return [Line(None, True, strings.VOTE_SAVED.format(
            round=res["round"], ballot=res["ballot"],
            results=_results((c["number"], c["result"]) for c in res["candidates"])))]


class ProgressForm(ProgressEntry, ProjectForm):
    """报送进度 of a tracked project: 0–100, the date, and a note (required going backwards)."""

    ACTION = "project_progress"

    def problems(self) -> dict[str, str]:
        return self.progress_problems(self.project["progress"])

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.projects import record_progress

        done = record_progress(conn, self.number, self.text("percent"), note=self.text("note") or None,
                               on=parse_day({}, "on", self.text("on"), strings.F_CHECK_ON),
                               round_name=self.result["round"], actor=self.rt.actor, today=self.rt.today)
        return [Line(self.number, True, strings.PROJECT_PROGRESS_SAVED.format(**done))]


def project_form(rt, number: int, name: str) -> tuple[ProgressForm | None, str | None]:
    """What a rectification key does on project `number` (in the queue of a 民生实事 round or on its
    item screen): u (ProgressForm) opens its progress form; l and k say they are rectification's."""
    if name != "ProgressForm":
        return None, strings.PROJECT_NOT_RECTIFICATION.format(number=number)
    return progress_form(rt, number)


def progress_form(rt, number: int) -> tuple[ProgressForm | None, str | None]:
    """The 报送进度 form of project `number` of the round the queue shows (w), or why it cannot
    open (core.projects.tracking_refusal's words), as the 民生实事 screen's u."""
    from docket.core.projects import standing, tracking_refusal
    from docket.store.db import opened

    with opened(rt.db_path) as conn:
        res = standing(conn, rt.session, as_of=rt.today)
    p = next(r for r in res["projects"] if r["number"] == number)
    why = tracking_refusal(p, "progress", res["round"])
    return (None, why) if why else (ProgressForm(rt, res, p), None)


class MilestoneForm(ProjectForm):
    """节点 of an assigned project: the date, what is to be done by then, and optionally the
    planned % then (else the milestones share the way evenly)."""

    ACTION = "project_milestone"

    def fields(self) -> ComposeResult:
        yield from self.row(strings.F_MILESTONE_ON, FormInput(id="on", compact=True,
                                                              placeholder=strings.P_MILESTONE_ON))
        yield from self.row(strings.F_MILESTONE_TEXT, FormInput(id="text", compact=True))
        yield from self.row(strings.F_MILESTONE_PERCENT, FormInput(id="percent", compact=True,
                                                                   placeholder=strings.P_MILESTONE_PERCENT))

    def prepare(self) -> None:
        self.query_one("#on", FormInput).focus()

    def problems(self) -> dict[str, str]:
        from docket.core import messages as msg
        from docket.core.progress import check_percent

        found: dict[str, str] = {}
        if not self.text("on"):
            found["on"] = msg.FIELD_EMPTY.format(field=strings.F_MILESTONE_ON)
        parse_day(found, "on", self.text("on"), strings.F_MILESTONE_ON)
        required(found, "text", self.text("text"), msg.PROJECT_MILESTONE_TEXT)
        if self.text("percent"):
            self.attempt(found, "percent", lambda: check_percent(self.text("percent")))
        return found

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.projects import add_milestone

        done = add_milestone(conn, self.number, parse_day({}, "on", self.text("on"), strings.F_MILESTONE_ON),
                             self.text("text"), percent=self.text("percent") or None,
                             round_name=self.result["round"], actor=self.rt.actor, today=self.rt.today)
        return [Line(self.number, True, strings.MILESTONE_SAVED.format(**done))]


TEST_FIELDS = ("members", "present", "satisfied", "basic", "dissatisfied", "abstain")


class TestForm(ProjectForm):
    """满意度测评 of an adopted project: the stage (年中/年终), the voter group and its counts,
    checked as an appraisal tally is (core.appraisal_tally.Tally); entered again: corrected."""

    ACTION = "project_test"

    def fields(self) -> ComposeResult:
        from docket.core.appraisal_tally import FIELD_LABELS
        from docket.core.projects import STAGES

        stages = [(word, key) for key, word in STAGES.items()]
        stage = "final" if "mid" in self.project["tests"] else "mid"
        yield from self.row(strings.F_STAGE, Select(stages, value=stage, id="stage", allow_blank=False,
                                                    compact=True))
        yield from self.row(strings.F_GROUP, FormInput(strings.GROUP_DEFAULT, id="group", compact=True))
        for key in TEST_FIELDS:
            yield from self.row(FIELD_LABELS[key], FormInput("0" if key == "abstain" else "", id=key,
                                                             compact=True, type="integer"))
        yield Static("", id="votes-msg", classes="form-msg")  # the counts together
        yield from self.row(strings.F_CHECK_ON, FormInput(self.rt.today.isoformat(), id="on", compact=True))

    def prepare(self) -> None:
        self.query_one("#members", FormInput).focus()

    def tally(self, found: dict[str, str]) -> Tally | None:
        from docket.core.appraisal_tally import FIELD_LABELS, Tally

        values = {key: _whole(found, key, self.text(key), FIELD_LABELS[key]) for key in TEST_FIELDS}
        return None if None in values.values() else Tally(**values)

    def problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        t = self.tally(found)
        if t is not None:
            for key, text in t.problems():
                found.setdefault(key, text)
        from docket.core import messages as msg

        required(found, "group", self.text("group"), msg.FIELD_EMPTY.format(field=strings.F_GROUP))
        parse_day(found, "on", self.text("on"), strings.F_CHECK_ON)
        return found

    def preview(self) -> str:
        from docket.core.appraisal_tally import rate
        from docket.core.numbers import percent

        t = self.tally({})
        return strings.TEST_PREVIEW.format(valid=t.valid, rate=percent(rate(t)))

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.projects import STAGES, record_test

        done = record_test(conn, self.number, stage=self.choice("stage"), group=self.text("group"),
                           tally=self.tally({}), on=parse_day({}, "on", self.text("on"), strings.F_CHECK_ON),
                           round_name=self.result["round"], actor=self.rt.actor, today=self.rt.today)
        return [Line(self.number, True, strings.TEST_SAVED.format(**{**done, "stage": STAGES[done["stage"]]}))]
