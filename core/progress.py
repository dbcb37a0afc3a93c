"""Progress against plan, shared by rectification (domain.md §12) and livelihood projects (§13).

Plain rules, no SQL: the planned percentage on a day, the lag, the colour it gives, whether a
unit is late with its progress report (未按时报送进度), and the checks a new progress entry must
pass. `record` and `standing` read and write through store.progress.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from docket.core import messages as msg
from docket.core.errors import BadInput
from docket.core.numbers import round_half_up
from docket.core.records import Color


@dataclass(frozen=True, slots=True)
class Milestone:
    on: date
    percent: int | None = None   # None: the milestones share the way to 100 evenly


def _points(assigned_on: date, due_on: date, milestones: Sequence[Milestone]) -> list[tuple[date, Fraction]]:
    """(date, planned %) corner points: (assigned, 0), the milestones inside the span, (due, 100)."""
    inside = sorted((m for m in milestones if assigned_on < m.on < due_on), key=lambda m: m.on)
    pts: list[tuple[date, Fraction]] = [(assigned_on, Fraction(0))]
    n = len(inside)
    for i, m in enumerate(inside, start=1):
        p = Fraction(m.percent) if m.percent is not None else Fraction(100 * i, n + 1)
        pts.append((m.on, max(p, pts[-1][1])))      # never planned to go backwards
    pts.append((due_on, Fraction(100)))
    return pts


def planned(assigned_on: date, due_on: date, as_of: date,
            milestones: Sequence[Milestone] = ()) -> Fraction:
    """Planned % on `as_of` (contract §3): elapsed calendar days ÷ (due − assigned) × 100, capped
    0–100; with milestones, linear between consecutive ones (domain.md §12)."""
    if as_of <= assigned_on:
        return Fraction(0)
    if as_of >= due_on:
        return Fraction(100)
    pts = _points(assigned_on, due_on, milestones)
    for (d0, p0), (d1, p1) in zip(pts, pts[1:]):
        if d0 <= as_of <= d1:
            return p0 + (p1 - p0) * Fraction((as_of - d0).days, (d1 - d0).days)
    return Fraction(100)  # not reached: the points span assigned..due


def lag(planned_pct: Fraction, progress: int | None) -> Fraction:
    """Planned − reported (points); no report yet counts as 0 %."""
    return Fraction(planned_pct) - (progress or 0)


def color(lag_points: Fraction, *, yellow: int, red: int, past_due: bool, done: bool) -> Color:
    """Red when past due and not done, or lagging by ≥ `progress.red` points; yellow by ≥
    `progress.yellow`; else white. A done item is white."""
    if done:
        return Color.WHITE
    if past_due or lag_points >= red:
        return Color.RED
    if lag_points >= yellow:
        return Color.YELLOW
    return Color.WHITE


SEVERITY = {Color.WHITE.value: 0, Color.YELLOW.value: 1, Color.RED.value: 2}


def worse(a: Color | str, b: Color | str | None) -> Color:
    """The worse of two colours (red > yellow > white); None counts as white. The colour of a
    tracked item is the worse of its plan's and its due date's (domain.md §12, §13)."""
    a = Color(a)
    if b is None:
        return a
    b = Color(b)
    return b if SEVERITY[b.value] > SEVERITY[a.value] else a


@dataclass(frozen=True, slots=True)
class PlanColor:
    """How a tracked item stands against its plan: its colour (the worse of lag and due date, as
    the ledger and `project list` give it) and its lag in points."""
    color: str
    lag: float | None


def plan_colors(conn: sqlite3.Connection, sess, as_of: date) -> dict[int, PlanColor]:
    """number -> PlanColor of every tracked item of a rectification or project round (the
    session row `sess`) on as_of: the one place `list`, `show` and `remind` take a tracked item's
    colour from; empty for other sessions."""
    if sess["kind"] == "rectification":
        from docket.core.rectify import ledger

        return {r.number: PlanColor(r.color, None if r.lag is None else shown(r.lag))
                for r in ledger(conn, as_of=as_of, round_name=sess["name"]) if r.color}
    if sess["kind"] == "project":
        from docket.core.projects import standing

        return {p["number"]: PlanColor(p["color"], p["lag"])
                for p in standing(conn, sess["name"], as_of=as_of)["projects"] if p["color"]}
    return {}


def shown(x: Fraction) -> float:
    """A planned % or a lag as printed and in JSON: one decimal, half up."""
    return round_half_up(x, 1)


def thresholds(conn: sqlite3.Connection) -> tuple[int, int]:
    """(progress.yellow, progress.red) as set."""
    from docket.core import settings

    return settings.get(conn, "progress.yellow"), settings.get(conn, "progress.red")


def check_percent(text: str | float) -> int:
    """A percentage as typed: a whole number 0–100 ('60', '60%', '６０'), else BadInput."""
    import unicodedata

    s = unicodedata.normalize("NFKC", str(text)).strip().rstrip("%").strip()
    try:
        value = float(s)
    except ValueError:
        raise BadInput(msg.PROGRESS_NOT_NUMBER.format(text=str(text).strip())) from None
    if not 0 <= value <= 100:
        raise BadInput(msg.PROGRESS_RANGE.format(text=str(text).strip()))
    if not value.is_integer():
        raise BadInput(msg.PROGRESS_WHOLE.format(text=str(text).strip()))
    return int(value)


def check_entry(percent: int, *, previous: int | None, note: str | None) -> None:
    """A new entry below the last one needs a note saying why (the work went backwards)."""
    if previous is not None and percent < previous and not (note or "").strip():
        raise BadInput(msg.PROGRESS_BACKWARDS.format(percent=percent, previous=previous))


def check_milestone(on: date, percent: int | None, existing: Sequence[Milestone]) -> None:
    """A new milestone's planned % never below an earlier (or same-day) milestone's, nor above a
    later one's: the plan never goes backwards. Milestones without a % share the way evenly
    and are not compared."""
    if percent is None:
        return
    for m in sorted((m for m in existing if m.percent is not None), key=lambda m: m.on):
        if m.on <= on and m.percent > percent:
            raise BadInput(msg.PROJECT_MILESTONE_BELOW.format(on=on.isoformat(), percent=percent,
                                                              other_on=m.on.isoformat(), other=m.percent))
        if m.on > on and m.percent < percent:
            raise BadInput(msg.PROJECT_MILESTONE_ABOVE.format(on=on.isoformat(), percent=percent,
                                                              other_on=m.on.isoformat(), other=m.percent))


def report_expected_on(last_report: date | None, assigned_on: date, every, dl) -> date:
    """The day by which the next progress report is due: `rectify.update_every` (a Duration)
    after the last report, or after the assignment when none came yet. `dl` is a Deadlines."""
    return dl.add(last_report or assigned_on, every).date


def late_report(last_report: date | None, assigned_on: date, as_of: date, every, dl) -> date | None:
    """The day the missing report was expected when the unit is late with it (未按时报送进度),
    else None."""
    expected = report_expected_on(last_report, assigned_on, every, dl)
    return expected if as_of > expected else None


@dataclass(frozen=True, slots=True)
class Standing:
    """Where an item stands against its plan on `as_of`."""
    progress: int | None        # the latest reported %, None before any report
    last_report: date | None
    planned: Fraction
    lag: Fraction
    color: Color


def standing(*, assigned_on: date, due_on: date, as_of: date, latest: int | None,
             last_report: date | None, done: bool, yellow: int, red: int,
             milestones: Sequence[Milestone] = ()) -> Standing:
    p = Fraction(100) if done else planned(assigned_on, due_on, as_of, milestones)
    progress_now = 100 if done and latest is None else latest
    behind = Fraction(0) if done else lag(p, progress_now)
    return Standing(progress_now, last_report, p, behind,
                    color(behind, yellow=yellow, red=red, past_due=as_of > due_on, done=done))


def record(conn: sqlite3.Connection, *, item: sqlite3.Row, percent: int, on: date,
           note: str | None, actor: str, today: date | None = None, action: str = "progress",
           since: date | None = None) -> int:
    """Store one progress entry with its event; the caller holds the write transaction and has
    checked the item's state. Refuses (BadInput) a backwards entry without a note; `since` (the
    start of the item's current round) leaves earlier rounds' entries out of that comparison."""
    from docket.store import events
    from docket.store import progress as store_progress

    last = store_progress.latest_progress(conn, item["id"], since, upto=on)  # the entry before, by date
    check_entry(percent, previous=last["percent"] if last else None, note=note)
    later = store_progress.next_progress(conn, item["id"], on)   # a backdated entry: the one after
    if later is not None and later["percent"] < percent and not (later["note"] or "").strip():
        raise BadInput(msg.PROGRESS_LATER_LOWER.format(percent=percent, on=later["on_date"],
                                                       later=later["percent"]))
    pid = store_progress.insert_progress(conn, item_id=item["id"], on_date=on, percent=percent,
                                         note=note, by=actor, today=today)
    events.append(conn, by=actor, action=action, entity="progress", entity_id=pid,
                        item_id=item["id"],
                        detail={"number": item["number"], "on": on.isoformat(), "percent": percent,
                                "note": note, "before": {"percent": last["percent"] if last else None},
                                "after": {"percent": percent}}, today=today)
    return pid


def progress_log(conn: sqlite3.Connection, item_id: int, *, assigned_on: date | None,
                 due_on: date | None) -> list[dict]:
    """An item's progress log, oldest first: each report with the planned % of its day against
    the current plan (its milestones included); None with no plan, or for a report made before
    the current round began (`assigned_on`). What `show` and the item screen list."""
    from docket.store import progress as store_progress

    marks = milestones_of(conn, item_id) if assigned_on and due_on else []
    out = []
    for p in store_progress.progress_of_item(conn, item_id):
        on = date.fromisoformat(p["on_date"])
        planned_ = (shown(planned(assigned_on, due_on, on, marks))
                    if assigned_on and due_on and on >= assigned_on else None)
        out.append({"on": p["on_date"], "percent": p["percent"], "planned": planned_, "note": p["note"],
                    "by": p["by"]})
    return out


def milestones_of(conn: sqlite3.Connection, item_id: int) -> list[Milestone]:
    from docket.store import progress as store_progress

    return [Milestone(date.fromisoformat(r["on_date"]), r["percent"])
            for r in store_progress.milestones_of_item(conn, item_id)]
