"""Livelihood projects voted by deputies (民生实事票决, domain.md §13).

A round is a session of kind 'project' with its places; each candidate is an item of that session
(lead unit, budget in 万元, content). A ballot records members, present and valid ballots and per
candidate 赞成/反对/弃权; a candidate passes when 赞成 > `project.threshold` × base (`project.base`:
all deputies | present | valid ballots); passing candidates rank by 赞成 into the places; a tie for
the last place is `project.tie` = revote (待再次表决, voted again on a later ballot) or order (list
order). Adopted projects are items like any other (assign, extend, remind) with milestones and a
progress log (core/progress.py) and satisfaction tests tallied as in core/appraisal.py.

States through the one lifecycle table: accepted (入选), converted (未入选), revote (待再次表决).
Counts only: nobody's vote is recorded. No SQL here (store/projects.py); no click, docx.
"""
from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from docket.core import lifecycle
from docket.core import messages as msg
from docket.core.errors import BadInput, Conflict, IllegalTransition, NotFound
from docket.core.numbers import round_half_up
from docket.core.records import Kind, State, state_label
from docket.store import events
from docket.store import items as store_items
from docket.store import projects as store

ADOPTED, NOT_ADOPTED, REVOTE = "adopted", "not_adopted", "revote"
RESULT_STATE = {ADOPTED: State.ACCEPTED, NOT_ADOPTED: State.CONVERTED, REVOTE: State.REVOTE}
RESULT_LABELS = {ADOPTED: "入选", NOT_ADOPTED: "未入选", REVOTE: "待再次表决"}
BASE_LABELS = {"all": "全体代表", "present": "出席代表", "valid": "有效票"}
STAGES = {"mid": "年中", "final": "年终"}
# states of a candidate the deputies adopted (it may since be assigned, done or closed)
ADOPTED_STATES = frozenset({State.ACCEPTED, State.ASSIGNED, State.REPLIED, State.REHANDLING, State.CLOSED})
# states of a candidate a ballot decides: before the first ballot, and after a tie (待再次表决)
PENDING_STATES = frozenset({State.REGISTERED, State.REVOTE})


# -- rules ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Count:
    """One candidate's counts on a ballot."""
    number: int
    yes: int
    no: int
    abstain: int

    @property
    def total(self) -> int:
        return self.yes + self.no + self.abstain


@dataclass(frozen=True, slots=True)
class Decision:
    number: int
    passed: bool
    rank: int | None      # among the passing candidates by 赞成 (ties share: 1, 2, 3, 3)
    result: str           # adopted | not_adopted | revote


def base_count(base: str, *, members: int, present: int, valid: int) -> int:
    return {"all": members, "present": present, "valid": valid}[base]


def threshold_votes(threshold: Fraction, base: str, *, members: int, present: int, valid: int) -> Fraction:
    """What 赞成 must exceed: the base × the threshold (全体代表过半数: 100 × 1/2 = 50)."""
    return Fraction(threshold) * base_count(base, members=members, present=present, valid=valid)


def parse_entry(text: str) -> Count:
    """3=80/6/2 (full-width ＝ and ／ too): number, 赞成, 反对, 弃权."""
    t = unicodedata.normalize("NFKC", text).replace(" ", "")
    number, sep, rest = t.partition("=")
    parts = rest.split("/")
    if not sep or len(parts) != 3 or not number.isdigit() or not all(p.isdigit() for p in parts):
        raise BadInput(msg.PROJECT_ENTRY.format(text=text))
    return Count(int(number), *(int(p) for p in parts))


def ballot_checks(members: int, present: int, valid: int, counts: list[Count],
                  titles: dict[int, str]) -> list[tuple[str, str]]:
    """(field, what is wrong) for each sum ≤ valid ≤ present ≤ members: the field is "present",
    "valid" or the candidate's number as text (the TUI's ballot form marks that row)."""
    errors = []
    if present > members:
        errors.append(("present", msg.PROJECT_PRESENT_OVER.format(present=present, members=members)))
    if valid > present:
        errors.append(("valid", msg.PROJECT_VALID_OVER.format(valid=valid, present=present)))
    for c in counts:
        if c.total > valid:
            errors.append((str(c.number), msg.PROJECT_SUM_OVER.format(
                number=c.number, title=titles.get(c.number, ""), yes=c.yes, no=c.no, abstain=c.abstain,
                total=c.total, valid=valid)))
    return errors


def ballot_problems(members: int, present: int, valid: int, counts: list[Count],
                    titles: dict[int, str]) -> list[str]:
    """Each sum ≤ valid ≤ present ≤ members (none negative: the parsers take digits only)."""
    return [text for _, text in ballot_checks(members, present, valid, counts, titles)]


def places_left(places: int, states) -> tuple[int, int]:
    """(taken, left): the round's places the candidates in `states` already fill, and the rest."""
    taken = sum(State(s) in ADOPTED_STATES for s in states)
    return taken, max(0, places - taken)


def awaiting_vote(res: dict) -> list[dict]:
    """The candidates of `standing(...)` a ballot must list: all of them before the first
    ballot, then those marked 待再次表决."""
    return [p for p in res["projects"] if State(p["state"]) in PENDING_STATES]


def vote_rule(conn: sqlite3.Connection) -> dict:
    """project.threshold, project.base and project.tie as a ballot is decided by them."""
    from docket.core import settings

    return {"threshold": Fraction(settings.get(conn, "project.threshold")),
            "base": settings.get(conn, "project.base"), "tie": settings.get(conn, "project.tie")}


def outcome(res: dict, rule: dict, *, members: int, present: int, valid: int,
            counts: list[Count]) -> tuple[int | float, list[Decision]]:
    """What a ballot would decide for the round as `standing(...)` shows it (what 赞成 must
    exceed, as `vote` reports it, then each candidate): the TUI's ballot form previews it."""
    _, places = places_left(res["places"], (p["state"] for p in res["projects"]))
    need = threshold_votes(rule["threshold"], rule["base"], members=members, present=present, valid=valid)
    return _number(need), decide(sorted(counts, key=lambda c: c.number), places=places, need=need,
                                 tie=rule["tie"])


def decide(counts: list[Count], *, places: int, need: Fraction, tie: str) -> list[Decision]:
    """Adoption (domain.md §13). counts in list order; a candidate passes with 赞成 > need; the
    passing ones rank by 赞成 into `places`; a tie across the last place is revote (all the tied
    ones marked 待再次表决) or order (list order fills the places)."""
    passing = sorted((c for c in counts if c.yes > need), key=lambda c: -c.yes)  # stable: list order
    ranks: dict[int, int] = {}
    for i, c in enumerate(passing):
        ranks[c.number] = ranks[passing[i - 1].number] if i and passing[i - 1].yes == c.yes else i + 1
    result: dict[int, str] = {c.number: NOT_ADOPTED for c in counts}
    if len(passing) <= places:
        result.update({c.number: ADOPTED for c in passing})
    elif places > 0:
        cut = passing[places - 1].yes
        above = [c for c in passing if c.yes > cut]
        tied = [c for c in passing if c.yes == cut]
        room = places - len(above)
        result.update({c.number: ADOPTED for c in above})
        if len(tied) <= room:
            result.update({c.number: ADOPTED for c in tied})
        elif tie == "revote":
            result.update({c.number: REVOTE for c in tied})
        else:  # order: list order among the tied
            result.update({c.number: ADOPTED for c in sorted(tied, key=lambda c: c.number)[:room]})
    return [Decision(c.number, c.number in ranks, ranks.get(c.number), result[c.number]) for c in counts]


def _number(x: Fraction) -> int | float:
    return int(x) if x.denominator == 1 else round_half_up(x, 2)


def _rate4(x: Fraction | None) -> float | None:
    return None if x is None else round_half_up(x, 4)


# -- rounds and candidates ------------------------------------------------------------------------

def find_round(conn: sqlite3.Connection, name: str | None) -> sqlite3.Row:
    """The round by name, or the newest one."""
    row = store.round_named(conn, name) if name else store.newest_round(conn)
    if row:
        return row
    if not name:
        raise NotFound(msg.PROJECT_NO_ROUND)
    known = store.round_names(conn)
    raise NotFound(msg.PROJECT_ROUND_NOT_FOUND.format(name=name)
                   + (msg.PROJECT_ROUND_KNOWN.format(names="、".join(known)) if known else ""))


def new_round(conn: sqlite3.Connection, name: str, *, places: int, actor: str, today: date) -> dict:
    from docket.core.text import refuse_controls
    from docket.store.db import write

    refuse_controls({"票决名称": name})
    name = (name or "").strip()
    if not name:
        raise BadInput(msg.PROJECT_ROUND_NAME)
    if places < 1:
        raise BadInput(msg.PROJECT_PLACES.format(places=places))
    with write(conn):
        if store.session_named(conn, name):
            raise Conflict(msg.PROJECT_ROUND_EXISTS.format(name=name))
        body = store_items.current_session(conn)["body"]
        sid = store.insert_round(conn, name=name, body=body, places=places, by=actor, today=today)
        events.append(conn, by=actor, action="project.new", entity="session", entity_id=sid,
                      detail={"round": name, "places": places}, today=today)
    return {"round": name, "places": places}


def parse_budget(text: str | None) -> float | None:
    if text is None or not str(text).strip():
        return None
    try:
        v = Fraction(unicodedata.normalize("NFKC", str(text)).strip())
    except (ValueError, ZeroDivisionError):
        raise BadInput(msg.PROJECT_BUDGET.format(text=text)) from None
    if v < 0:
        raise BadInput(msg.PROJECT_BUDGET.format(text=text))
    return float(v)


def add_candidate(conn: sqlite3.Connection, title: str, *, unit: str, budget: str | None = None,
                  content: str | None = None, round_name: str | None = None, actor: str,
                  today: date) -> dict:
    """A candidate: an item of the round (kind project, its lead unit as proposer and proposed
    lead) with its budget; refused once the round has been voted on."""
    from docket.core.intake import NewItem, clean_new, insert_item
    from docket.core.units import Directory
    from docket.store.db import write

    money = parse_budget(budget)
    u = Directory.load(conn).resolve(unit)
    new, _ = clean_new(NewItem(title=title, proposer=u.name, content=content, lead=u.name), today)
    with write(conn):
        rnd = find_round(conn, round_name)
        if store.ballots(conn, rnd["id"]):
            raise Conflict(msg.PROJECT_VOTED.format(round=rnd["name"]))
        number = store_items.next_number(conn, rnd["id"])
        item_id = insert_item(conn, rnd, new, number, Kind.PROJECT.value, actor=actor, today=today)
        store.insert_candidate(conn, item_id=item_id, unit_id=u.id, budget=money, by=actor, today=today)
        events.append(conn, by=actor, action="project.add", entity="project_candidate", entity_id=item_id,
                      item_id=item_id, detail={"number": number, "round": rnd["name"], "unit": u.name,
                                               "budget": money}, today=today)
    return {"round": rnd["name"], "number": number, "title": new.title, "unit": u.name, "budget": money}


# -- the ballot -----------------------------------------------------------------------------------

def vote(conn: sqlite3.Connection, *, members: int, present: int, valid: int, entries: list[str],
         round_name: str | None = None, on: date | None = None, actor: str, today: date) -> dict:
    """Record one ballot and decide adoption. The ballot lists every candidate awaiting a vote
    (all candidates first; after a tie, those marked 待再次表决, for the places left). Any problem:
    BadInput naming each, nothing stored."""
    from docket.core.handling import not_future
    from docket.store.db import write

    parse_errors, counts = [], []
    for text in entries:
        try:
            counts.append(parse_entry(text))
        except BadInput as e:
            parse_errors.append(e.message)
    if parse_errors or not counts:
        raise BadInput(msg.PROJECT_BALLOT_BAD, parse_errors or [msg.PROJECT_ENTRY.format(text="")])
    rule = vote_rule(conn)
    threshold, base, tie = rule["threshold"], rule["base"], rule["tie"]
    on = on or today
    not_future(on, today, "表决日期")
    with write(conn):
        rnd = find_round(conn, round_name)
        cands = {c["number"]: c for c in store.candidates(conn, rnd["id"])}
        pending = [n for n, c in cands.items() if c["state"] in PENDING_STATES]
        errors, seen = [], set()
        for c in counts:
            if c.number in seen:
                errors.append(msg.PROJECT_ENTRY_TWICE.format(number=c.number))
            seen.add(c.number)
            if c.number not in cands:
                errors.append(msg.PROJECT_NOT_CANDIDATE.format(number=c.number, round=rnd["name"]))
            elif c.number not in pending:
                s = cands[c.number]
                errors.append(msg.PROJECT_NOT_PENDING.format(number=c.number,
                                                             state=state_label(s["state"], s["kind"])))
        if not pending:
            errors.append(msg.PROJECT_NOTHING_PENDING.format(round=rnd["name"]))
        missing = [n for n in pending if n not in seen]
        if missing:
            errors.append(msg.PROJECT_MISSING.format(numbers="、".join(map(str, missing))))
        errors += ballot_problems(members, present, valid, counts,
                                  {n: c["title"] for n, c in cands.items()})
        if errors:
            raise BadInput(msg.PROJECT_BALLOT_BAD, errors)
        taken, places = places_left(rnd["places"], (c["state"] for c in cands.values()))
        need = threshold_votes(threshold, base, members=members, present=present, valid=valid)
        counts.sort(key=lambda c: c.number)  # list order
        decisions = decide(counts, places=places, need=need, tie=tie)
        ballot_round = store.next_ballot_round(conn, rnd["id"])
        bid = store.insert_ballot(conn, session_id=rnd["id"], round_=ballot_round, members=members,
                                  present=present, valid=valid, places=places, base=base,
                                  threshold=str(threshold), tie=tie, voted_on=on, by=actor, today=today)
        rows = []
        for c, d in zip(counts, decisions):
            # a revote fills the places left: its rank continues after the places already taken
            d = replace(d, rank=None if d.rank is None else d.rank + taken)
            item = cands[c.number]
            lifecycle.check("vote", item["state"], c.number, item["kind"])
            target = RESULT_STATE[d.result]
            store.insert_vote(conn, ballot_id=bid, item_id=item["id"], yes=c.yes, no=c.no, abstain=c.abstain,
                              passed=d.passed, rank=d.rank, result=d.result)
            store.set_item_state(conn, item["id"], target.value, today)
            events.append(conn, by=actor, action="project.vote", entity="item", entity_id=item["id"],
                          item_id=item["id"], detail={
                              "number": c.number, "ballot": ballot_round, "yes": c.yes, "no": c.no,
                              "abstain": c.abstain, "rank": d.rank, "result": d.result,
                              "before": {"state": item["state"]}, "after": {"state": target.value}},
                          today=today)
            rows.append({"number": c.number, "title": item["title"], "unit": item["unit_name"],
                         "budget": item["budget"], "yes": c.yes, "no": c.no, "abstain": c.abstain,
                         "passed": d.passed, "rank": d.rank, "result": d.result,
                         "result_label": RESULT_LABELS[d.result]})
        events.append(conn, by=actor, action="project.vote", entity="project_ballot", entity_id=bid,
                      detail={"round": rnd["name"], "ballot": ballot_round, "members": members,
                              "present": present, "valid": valid, "places": places, "base": base,
                              "threshold": str(threshold), "tie": tie, "on": on.isoformat(),
                              "results": {str(r["number"]): r["result"] for r in rows}}, today=today)
    return {"round": rnd["name"], "ballot": ballot_round, "places": places, "base": base,
            "threshold": str(threshold), "threshold_votes": _number(need), "tie": tie,
            "members": members, "present": present, "valid": valid, "voted_on": on.isoformat(),
            "candidates": rows}


# -- tracking adopted projects --------------------------------------------------------------------

def _adopted_item(conn: sqlite3.Connection, number: int, round_name: str | None, action: str):
    rnd = find_round(conn, round_name)
    item = store_items.item_by_number(conn, rnd, number)
    if State(item["state"]) not in ADOPTED_STATES:
        raise IllegalTransition(msg.PROJECT_NOT_ADOPTED.format(
            number=number, state=state_label(item["state"], item["kind"]), action=action))
    return rnd, item


# what recording each is called in the messages that refuse it
TRACKING_WORDS = {"progress": "报送进度", "milestone": "设置节点", "test": "测评"}


def tracking_refusal(row: dict, action: str, round_name: str) -> str | None:
    """Why `action` (progress | milestone | test) cannot be recorded for a project as
    `standing(...)` shows it, in the words record_progress, add_milestone and record_test refuse
    it with (the TUI says so before opening a form); None when it can."""
    if not row["adopted"]:
        return msg.PROJECT_NOT_ADOPTED.format(number=row["number"], state=row["state_label"],
                                              action=TRACKING_WORDS[action])
    if action != "test" and row["lead_unit"] is None:
        return msg.PROJECT_NOT_ASSIGNED.format(number=row["number"], round=round_name)
    if action == "progress":
        try:
            lifecycle.check("progress", row["state"], row["number"], Kind.PROJECT.value)
        except IllegalTransition as error:
            return str(error)
    return None


def _lead(conn: sqlite3.Connection, rnd, item) -> sqlite3.Row:
    lead = store.lead_assignments(conn, [item["id"]]).get(item["id"])
    if lead is None:
        raise BadInput(msg.PROJECT_NOT_ASSIGNED.format(number=item["number"], round=rnd["name"]))
    return lead


def add_milestone(conn: sqlite3.Connection, number: int, on: date, text: str, *, percent: int | None = None,
                  round_name: str | None = None, actor: str, today: date) -> dict:
    """A milestone of an assigned project: a date between assignment and due, what is to be done
    by then, and optionally the planned % then (else the milestones share the way evenly)."""
    from docket.core.progress import check_milestone, check_percent, milestones_of
    from docket.core.text import refuse_controls
    from docket.store import progress as store_progress
    from docket.store.db import write

    refuse_controls({"节点内容": text})
    text = (text or "").strip()
    if not text:
        raise BadInput(msg.PROJECT_MILESTONE_TEXT)
    pct = check_percent(percent) if percent is not None else None
    with write(conn):
        rnd, item = _adopted_item(conn, number, round_name, TRACKING_WORDS["milestone"])
        lead = _lead(conn, rnd, item)
        if not lead["assigned_on"] < on.isoformat() < lead["due_on"]:
            raise BadInput(msg.PROJECT_MILESTONE_SPAN.format(on=on.isoformat(), assigned=lead["assigned_on"],
                                                             due=lead["due_on"]))
        check_milestone(on, pct, milestones_of(conn, item["id"]))
        mid = store_progress.insert_milestone(conn, item_id=item["id"], on_date=on, text=text, percent=pct,
                                              by=actor, today=today)
        events.append(conn, by=actor, action="project.milestone", entity="milestone", entity_id=mid,
                      item_id=item["id"], detail={"number": number, "on": on.isoformat(), "text": text,
                                                  "percent": pct}, today=today)
    return {"round": rnd["name"], "number": number, "on": on.isoformat(), "text": text, "percent": pct}


def record_progress(conn: sqlite3.Connection, number: int, percent: str | int, *, note: str | None = None,
                    on: date | None = None, round_name: str | None = None, actor: str, today: date) -> dict:
    """A monthly progress report (每月一督查) of an assigned project: 0–100, never backwards
    without a note (core/progress.py)."""
    from docket.core import progress
    from docket.core.handling import not_future
    from docket.core.text import refuse_controls
    from docket.store.db import write

    refuse_controls({"说明": note})
    pct = progress.check_percent(percent)
    on = on or today
    not_future(on, today, "报送日期")
    with write(conn):
        rnd, item = _adopted_item(conn, number, round_name, TRACKING_WORDS["progress"])
        _lead(conn, rnd, item)
        lifecycle.check("progress", item["state"], number, item["kind"])
        progress.record(conn, item=item, percent=pct, on=on, note=(note or "").strip() or None, actor=actor,
                        today=today, action="project.progress")
    return {"round": rnd["name"], "number": number, "on": on.isoformat(), "percent": pct}


# -- satisfaction tests ---------------------------------------------------------------------------

def record_test(conn: sqlite3.Connection, number: int, *, stage: str, group: str, tally, on: date | None = None,
                round_name: str | None = None, actor: str, today: date) -> dict:
    """One project's counts in one voter group at the mid-year or year-end test (stored or
    replaced); checked as appraisal tallies are (core.appraisal_tally.Tally)."""
    from docket.core.text import refuse_controls
    from docket.store.db import write

    if stage not in STAGES:
        raise BadInput(msg.PROJECT_STAGE)
    refuse_controls({"测评组": group})
    group = (group or "").strip() or "代表"
    on = on or today
    with write(conn):
        rnd, item = _adopted_item(conn, number, round_name, TRACKING_WORDS["test"])
        tally.check(msg.PROJECT_TEST_WHERE.format(number=number, title=item["title"], stage=STAGES[stage],
                                                  group=group))
        counts = {k: getattr(tally, k) for k in store.TEST_COUNTS}
        old = store.test_row(conn, item["id"], stage, group)
        store.upsert_test(conn, item_id=item["id"], stage=stage, group=group, counts=counts, tested_on=on,
                          by=actor, today=today)
        events.append(conn, by=actor, action="project.test", entity="project_test", entity_id=item["id"],
                      item_id=item["id"], detail={
                          "number": number, "stage": stage, "group": group,
                          "before": {k: old[k] for k in store.TEST_COUNTS} if old else None,
                          "after": counts}, today=today)
    return {"round": rnd["name"], "number": number, "stage": stage, "group": group, **counts}


def _tally(row) -> object:
    from docket.core.appraisal_tally import Tally

    return Tally(row["members"], row["present"], row["satisfied"], row["basic"], row["dissatisfied"],
                 row["abstain"])


def stage_figures(rows: list, vote_base: str) -> dict:
    """One project's test at one stage over its voter groups: counts, rate (满意 + 基本满意) ÷
    valid and level by the majority rule (core.appraisal_tally.rate and level on the summed tally)."""
    from docket.core.appraisal_tally import Tally, level, rate

    tallies = [_tally(r) for r in rows]
    total = Tally(*(sum(getattr(t, k) for t in tallies) for k in ("members", "present", "satisfied", "basic",
                                                                  "dissatisfied", "abstain")))
    return {"groups": [{"group": r["group_name"], **{k: r[k] for k in store.TEST_COUNTS}, "valid": t.valid,
                        "rate": _rate4(rate(t)), "level": level(t, vote_base)} for r, t in zip(rows, tallies)],
            "members": total.members, "present": total.present, "satisfied": total.satisfied,
            "basic": total.basic, "dissatisfied": total.dissatisfied, "abstain": total.abstain,
            "valid": total.valid, "_rate": rate(total), "rate": _rate4(rate(total)),
            "level": level(total, vote_base), "tested_on": max(r["tested_on"] for r in rows)}


# -- the round as it stands -----------------------------------------------------------------------

def standing(conn: sqlite3.Connection, round_name: str | None = None, *, as_of: date) -> dict:
    """Every candidate with its latest ballot counts and result, and for adopted projects the lead
    unit, due date, progress against plan and colour, milestones and test results; per stage the
    overall rate = all satisfied votes ÷ all valid votes."""
    from docket.core import progress, settings
    from docket.store import progress as store_progress

    rnd = find_round(conn, round_name)
    cands = store.candidates(conn, rnd["id"])
    ids = [c["id"] for c in cands]
    votes = store.latest_votes(conn, rnd["id"])
    leads = store.lead_assignments(conn, ids)
    latest = store_progress.latest_progress_of_items(conn, ids, upto=as_of)  # reports made by as_of
    stones = store_progress.milestones_of_items(conn, ids)
    yellow, red = progress.thresholds(conn)
    vote_base = settings.get(conn, "vote.base")
    tests: dict[tuple[int, str], list] = {}
    for t in store.tests_of_round(conn, rnd["id"]):
        tests.setdefault((t["item_id"], t["stage"]), []).append(t)
    rows = []
    overall = {s: [0, 0] for s in STAGES}
    for c in cands:
        v = votes.get(c["id"])
        row = {"number": c["number"], "title": c["title"], "unit": c["unit_name"], "budget": c["budget"],
               "content": c["content"], "state": c["state"], "state_label": state_label(c["state"], c["kind"]),
               "yes": v["yes"] if v else None, "no": v["no"] if v else None,
               "abstain": v["abstain"] if v else None, "rank": v["rank"] if v else None,
               "result": v["result"] if v else None, "adopted": State(c["state"]) in ADOPTED_STATES,
               "lead_unit": None, "assigned_on": None, "due_on": None, "progress": None, "planned": None,
               "lag": None, "color": None, "last_report": None, "milestones": [], "tests": {}}
        lead = leads.get(c["id"])
        if row["adopted"] and lead is not None:
            p = latest.get(c["id"])
            ms = [progress.Milestone(date.fromisoformat(m["on_date"]), m["percent"]) for m in stones.get(c["id"], [])]
            done = c["state"] in (State.REPLIED, State.CLOSED) or (p is not None and p["percent"] == 100)
            st = progress.standing(assigned_on=date.fromisoformat(lead["assigned_on"]),
                                   due_on=date.fromisoformat(lead["due_on"]), as_of=as_of,
                                   latest=p["percent"] if p else None,
                                   last_report=date.fromisoformat(p["on_date"]) if p else None, done=done,
                                   yellow=yellow, red=red, milestones=ms)
            row.update(lead_unit=lead["unit_name"], assigned_on=lead["assigned_on"], due_on=lead["due_on"],
                       progress=st.progress, planned=progress.shown(st.planned), lag=progress.shown(st.lag),
                       color=st.color.value, last_report=p["on_date"] if p else None,
                       milestones=[{"on": m["on_date"], "text": m["text"], "percent": m["percent"]}
                                   for m in stones.get(c["id"], [])])
        for s in STAGES:
            got = tests.get((c["id"], s))
            if got:
                f = stage_figures(got, vote_base)
                overall[s][0] += f["satisfied"] + f["basic"]
                overall[s][1] += f["valid"]
                row["tests"][s] = {k: v for k, v in f.items() if not k.startswith("_")}
        rows.append(row)
    ballots = [{"ballot": b["round"], "members": b["members"], "present": b["present"], "valid": b["valid"],
                "places": b["places"], "base": b["base"], "threshold": b["threshold"], "tie": b["tie"],
                "voted_on": b["voted_on"],
                "threshold_votes": _number(threshold_votes(Fraction(b["threshold"]), b["base"], members=b["members"],
                                                           present=b["present"], valid=b["valid"]))}
               for b in store.ballots(conn, rnd["id"])]
    summary = {}
    for s, (good, valid) in overall.items():
        tested = [r for r in rows if s in r["tests"]]
        rates = [r["tests"][s]["rate"] for r in tested if r["tests"][s]["rate"] is not None]
        summary[s] = {"projects": len(tested), "satisfied": good, "valid": valid,
                      "rate": _rate4(Fraction(good, valid)) if valid else None,
                      "lowest": min(rates) if rates else None}
    return {"round": rnd["name"], "places": rnd["places"], "as_of": as_of.isoformat(),
            "adopted": sum(r["adopted"] for r in rows), "ballots": ballots, "projects": rows, "tests": summary}


# -- the round as a table (the CLI's `project list` and the TUI's 民生实事 screen) ------------

ROW_COLUMNS = [("number", "编号"), ("title", "项目"), ("unit", "牵头单位"), ("budget", "预算（万元）"),
               ("yes", "赞成"), ("rank", "名次"), ("state_label", "状态"), ("due_on", "期限"),
               ("progress", "进度%"), ("planned", "计划%"), ("color_label", "颜色"),
               ("mid", "年中满意率"), ("final", "年终满意率")]


def table_rows(res: dict) -> tuple[list[dict], list[tuple[str, str]]]:
    """`standing(...)` as flat rows and columns for a terminal table (counts, no voter)."""
    from docket.core.numbers import percent
    from docket.core.records import COLOR_LABELS, Color

    def rate(r: dict, stage: str) -> str | None:
        exact = exact_rate(r["tests"].get(stage))
        return None if exact is None else percent(exact)

    rows = [{**r, "budget": None if r["budget"] is None else f"{r['budget']:g}",
             "color_label": COLOR_LABELS[Color(r["color"])] if r["color"] else None,
             "mid": rate(r, "mid"), "final": rate(r, "final")} for r in res["projects"]]
    return rows, ROW_COLUMNS


def exact_rate(t: dict | None) -> Fraction | None:
    """A project's satisfaction rate at one stage (a `standing(...)` row's tests[stage]) as the
    exact fraction of its counts: what a printed % is rounded from, once (the JSON "rate" is
    already rounded to 4 places; 188/214 = 0.87850… is 87.9%, its 0.8785 would print 87.8%)."""
    return Fraction(t["satisfied"] + t["basic"], t["valid"]) if t and t["valid"] else None


def stage_rates(res: dict) -> tuple[tuple[str, Fraction | None, int], ...]:
    """(stage, overall rate as the exact fraction of all satisfied votes over all valid votes,
    projects tested), for each stage tested: what the reports print, rounded once."""
    return tuple((s, Fraction(t["satisfied"], t["valid"]) if t["valid"] else None, t["projects"])
                 for s, t in res["tests"].items())


def stage_lines(res: dict) -> list[str]:
    """年中测评：2个项目，总体满意率 89.3%（…），最低 86.2%, for each stage tested; every % rounded
    once, half up, from the exact fraction of the counts."""
    from docket.core.numbers import percent

    lines = []
    for stage, word in STAGES.items():
        t = res["tests"][stage]
        if not t["projects"]:
            continue
        rates = [x for p in res["projects"] if (x := exact_rate(p["tests"].get(stage))) is not None]
        overall = Fraction(t["satisfied"], t["valid"]) if t["valid"] else None
        lines.append(msg.PROJECT_TEST_LINE.format(stage=word, n=t["projects"], rate=percent(overall),
                                                  good=t["satisfied"], valid=t["valid"],
                                                  low=percent(min(rates, default=None))))
    return lines


# -- the project report ---------------------------------------------------------------------------

def report_batch(conn: sqlite3.Connection, round_name: str | None = None, *, today: date):
    """The 民生实事项目情况报告 of the round as it stands today, as a batch taking the next 文号 of
    `doc.prefix` (issued by docgen/issue.py, as the other 通报)."""
    from docket.core.batches import prefixed_file
    from docket.core.docdata import project_report

    res = standing(conn, round_name, as_of=today)
    if not res["ballots"]:
        raise BadInput(msg.PROJECT_NO_RESULT.format(round=res["round"]))
    return prefixed_file(conn, "project_report",
                         lambda lh, seq, cc: project_report(res, lh, doc_seq=seq, issued_on=today, cc=cc),
                         today=today, detail={"round": res["round"]}, event_detail={"round": res["round"]})


def round_names(conn: sqlite3.Connection) -> list[str]:
    """The projects rounds (years), oldest first: what the TUI's [ ] step through."""
    return store.round_names(conn)


# -- one project (show, the TUI's item screen) ----------------------------------------------------

def item_detail(conn: sqlite3.Connection, item: sqlite3.Row, round_name: str, as_of: date) -> dict:
    """A candidate or project as `project list --json` has it (ballot, lead unit, due date,
    progress, planned %, lag, milestones, satisfaction tests) plus its progress log with the
    planned % of each report's day: `show`'s "project"."""
    from docket.core import progress

    row = next(r for r in standing(conn, round_name, as_of=as_of)["projects"] if r["number"] == item["number"])
    dates = [None if row[k] is None else date.fromisoformat(row[k]) for k in ("assigned_on", "due_on")]
    return {**row, "progress_log": progress.progress_log(conn, item["id"], assigned_on=dates[0], due_on=dates[1])}
