"""Reminders (催办 / 督办): which open assignments are due a reminder today, and recording them.

domain.md §7. Candidates are open lead and support assignments that are yellow or red: of every
session with open assignments (the current one, an earlier one's items still open, every
rectification and project round), so one cron line covers them all, or of the one session
`--session` names. Numbers repeat across sessions: a reminder of another session than the run's
carries its session's name (JSON `session`, the listing's 届次/轮次, a letter per unit and
round naming it); the 督办函 of all of them take one 函 series. The key
is (assignment, due_on, level): a yellow goes once per key, a red when the key has none yet or
`remind.repeat` has passed since the last one, so a new due date (an extension) starts a new
cycle. Recording happens in one BEGIN IMMEDIATE transaction that re-reads what was already sent
and inserts with ON CONFLICT DO NOTHING on the table's UNIQUE(assignment_id, due_on, level, n):
two runs at once (two cron lines, or cron and a clerk) never send the same reminder twice.

With documents (`remind --out`), `remind_batch` plans the reminders and their 催办通知/督办函
records outside any lock; the issuing module (docgen/issue.py) builds the files, then records
reminders and documents in one short transaction (a reminder sent meanwhile by another run
makes the batch `Stale`: planned and built again); with them, one 进度催报通知 per unit late
with its progress reports (未按时报送进度, core.rectify), its reminders recorded the same way.
A tracked item's lead (整改, 民生实事) is coloured as `list` colours it, the worse of its lag
behind plan and its due date (core.progress.plan_colors). A date after today is a rehearsal:
nothing is sent or recorded. Never imports docgen.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docket.core import messages as msg
from docket.core.dates import now_iso
from docket.core.deadlines import Deadlines
from docket.core.records import ROLE_LABELS, Color, item_name
from docket.store import events
from docket.store import items as store
from docket.store import reminders as store_reminders
from docket.store.db import write


@dataclass(frozen=True, slots=True)
class Reminder:
    """One reminder to one unit about one assignment, as this run sends it (or would)."""

    assignment_id: int
    item_id: int
    unit_id: int
    unit: str
    number: int
    title: str
    kind: str
    role: str
    due_on: date
    color: str          # yellow | red
    days_left: int      # working days left (0 on the due day); negative calendar days when red
    n: int              # the n-th reminder of this colour for this (assignment, due_on)
    lag: float | None = None  # a tracked item (整改, 民生实事) coloured by its lag behind plan
    session: str | None = None  # the item's session (round) when not the run's own: named in output

    @property
    def days_overdue(self) -> int:
        """Calendar days past due (0 when not yet due: red by its lag behind plan alone)."""
        return max(-self.days_left, 0) if self.color == Color.RED.value else 0


@dataclass
class RemindRun:
    """What one `remind` did: the reminders sent (or listed, for a dry run) and why not, if not."""

    as_of: date
    reminders: list[Reminder]
    recorded: bool                    # False for --dry-run and on a non-working day
    non_workday: bool = False         # as_of is not a working day (and --force was not given)
    warnings: list[str] = field(default_factory=list)
    documents: list[Path] = field(default_factory=list)
    deferred: bool = False            # to be recorded with its documents (remind_batch)
    rehearsal: bool = False           # as_of is after today: listed only, nothing recorded
    late_progress: list = field(default_factory=list)  # 未按时报送进度 (core.rectify.LateReport)
    session: str = ""                 # the run's own session (--session, else the current one)


FUTURE_REHEARSAL = "{day}晚于今天（{today}），仅试运行：未发送、未记录催办，也未生成文书。"


# -- candidates -------------------------------------------------------------------------------

def candidates(conn: sqlite3.Connection, as_of: date, *, dl: Deadlines | None = None,
               session: str | None = None) -> list[Reminder]:
    """Open lead and support assignments that are yellow or red at as_of (n not yet decided: 0),
    of one session (`session`), or of every session with open assignments (None): the current
    session's items, an earlier session's still open, every rectification and project round's.
    Each not of the run's own session (`session`, else the current one) carries its session's
    name, for the output to name its round.

    The lead of a tracked item (a rectification problem, an adopted 民生实事 project) takes the
    item's colour, the worse of its lag behind plan and its due date (core.progress.plan_colors,
    as `list` and the ledger show it): red by lag alone is 督办 however far the due date is."""
    from docket.core.progress import plan_colors, worse

    dl = dl or Deadlines(conn)
    home = store.current_session(conn, session)["id"]
    sessions = store_reminders.sessions_by_id(conn)
    plans: dict[int, dict] = {}   # session id -> number -> PlanColor, read once per round
    out: list[Reminder] = []
    rows = store_reminders.open_to_remind(conn, as_of.isoformat(), home if session else None)
    for a in rows:
        if a["role"] == "lead" and a["round"] != a["item_round"]:
            continue  # an earlier round's lead row: that round was replied
        due = date.fromisoformat(a["due_on"])
        color, left = dl.color(due, as_of)
        lag = None
        sid = a["session_id"]
        if a["role"] == "lead":
            plan = plans.get(sid)
            if plan is None:
                plan = plans[sid] = plan_colors(conn, sessions[sid], as_of)
            tracked = plan.get(a["number"])
            if tracked is not None and (behind := worse(color, tracked.color)) is not color:
                color, lag = behind, tracked.lag
        if color is Color.WHITE:
            continue
        out.append(Reminder(a["id"], a["item_id"], a["unit_id"], a["unit_name"], a["number"],
                            a["title"], a["kind"], a["role"], due, color.value, left, 0, lag,
                            None if sid == home else sessions[sid]["name"]))
    return out


def due_now(conn: sqlite3.Connection, cands: Sequence[Reminder], as_of: date, dl: Deadlines,
            session_id: int | None = None) -> list[Reminder]:
    """The candidates (of one session, or of every session: None) the sending rules let
    through today, each with its n."""
    sent = store_reminders.sent_of_sessions(conn, session_id)
    out: list[Reminder] = []
    repeat_after: dict[str, date] = {}  # last sent_on -> first day a repeat is allowed (cached)
    for c in cands:
        last = sent.get((c.assignment_id, c.due_on.isoformat(), c.color))
        if last is None:
            n = 1
        elif c.color == Color.YELLOW.value:
            continue  # a yellow goes once per due date
        else:
            n_last, sent_on = last
            allowed = repeat_after.get(sent_on)
            if allowed is None:
                allowed = repeat_after[sent_on] = dl.add(date.fromisoformat(sent_on), dl.repeat).date
            if as_of < allowed:
                continue
            n = n_last + 1
        out.append(_with_n(c, n))
    return out


def _with_n(c: Reminder, n: int) -> Reminder:
    # positional, not dataclasses.replace: a morning run at 100,000 items makes tens of thousands
    return Reminder(c.assignment_id, c.item_id, c.unit_id, c.unit, c.number, c.title, c.kind,
                    c.role, c.due_on, c.color, c.days_left, n, c.lag, c.session)


# -- the run ----------------------------------------------------------------------------------

def remind(conn: sqlite3.Connection, *, as_of: date, actor: str, dry_run: bool = False,
           force: bool = False, session: str | None = None, today: date | None = None,
           documents: bool = False) -> RemindRun:
    """Decide and record today's reminders: of `session` only when given, else of every session
    with open assignments (the current one, earlier ones still open, every rectification and
    project round), one cron line for all.

    A date after today (a rehearsal) records nothing: a future sent_on would block the next red
    reminder (remind.repeat counts from it). documents=True (remind --out) records nothing
    here either: the run comes back `deferred`, and the caller issues `remind_batch`, which
    records the reminders with their documents."""
    from docket.core import settings

    dl = Deadlines(conn)
    home = store.current_session(conn, session)["name"]
    warnings: list[str] = []
    upcoming = dl.calendar.upcoming_warning(as_of)
    if upcoming:
        warnings.append(upcoming)
    rehearsal = today is not None and as_of > today
    if rehearsal:
        warnings.append(FUTURE_REHEARSAL.format(day=as_of.isoformat(), today=today.isoformat()))
        dry_run = True
    non_workday = (settings.get(conn, "remind.workdays_only") and not force
                   and not dl.calendar.is_workday(as_of))
    from docket.core.rectify import remind_late  # 未按时报送进度 of rectification rounds (§12)

    if non_workday:
        listed = todo_of(conn, as_of, dl, session) if dry_run else []
        late = remind_late(conn, as_of=as_of, actor=actor, dry_run=True, dl=dl) if dry_run else []
        return RemindRun(as_of, listed, False, True, warnings, rehearsal=rehearsal, late_progress=late,
                         session=home)
    if documents and not dry_run:  # planned here; recorded by remind_batch with the documents
        todo = todo_of(conn, as_of, dl, session)
        late = remind_late(conn, as_of=as_of, actor=actor, dry_run=True, dl=dl)
        return RemindRun(as_of, todo, False, False, warnings, deferred=True, late_progress=late,
                         session=home)
    with write(conn, dry_run=dry_run):
        # read under the lock: a concurrent run may have recorded since this one started
        todo = todo_of(conn, as_of, dl, session)
        sent = todo if dry_run else _record(conn, todo, as_of, actor)
        late = remind_late(conn, as_of=as_of, actor=actor, dry_run=dry_run, dl=dl)
    return RemindRun(as_of, sent, not dry_run, False, warnings, rehearsal=rehearsal, late_progress=late,
                     session=home)


def todo_of(conn: sqlite3.Connection, as_of: date, dl: Deadlines, session: str | None) -> list[Reminder]:
    """The reminders due today: of `session` when given, else of every session."""
    only = store.current_session(conn, session)["id"] if session else None
    return due_now(conn, candidates(conn, as_of, dl=dl, session=session), as_of, dl, only)


@dataclass(frozen=True, slots=True)
class Planned:
    """What a remind_batch sends: the reminders and the 未按时报送进度 reminders (its payload)."""

    reminders: list[Reminder]
    late: list  # core.rectify.LateReport


def remind_batch(conn: sqlite3.Connection, *, as_of: date, actor: str,
                 session: str | None = None):
    """Today's reminders as documents to issue: one 催办通知 or 督办函 per unit (督办函 take
    consecutive numbers of the 函 series), and one notice per unit late with its progress
    reports (未按时报送进度: 关于报送整改进度的通知, no number). Recording (inside the issuing
    transaction) inserts the reminders too; if another run sent any of them meanwhile the batch
    is Stale. What it sends is the batch's `payload` (Planned)."""
    from docket.core import docdata as d
    from docket.core.batches import Batch, Issue
    from docket.core.rectify import late_grouped, late_todo, record_late

    dl = Deadlines(conn)
    todo = todo_of(conn, as_of, dl, session)
    late = late_todo(conn, as_of, dl)
    records = reminder_documents(conn, todo, as_of, dl)
    groups = _letters(todo)
    issues = []
    for group, data in zip(groups, records):
        red = data.letter_seq is not None
        series = data.letterhead.letter_series if red else None
        issues.append(Issue(
            record=data, kind="supervision" if red else "reminder",
            doc_no=d.doc_number(series, as_of.year, data.letter_seq) if red else None,
            unit_id=group[0].unit_id, links=tuple((r.item_id, r.assignment_id) for r in group),
            numbers=tuple(dict.fromkeys(r.number for r in group)), seq=data.letter_seq,
            serial=data.letter_seq, series=series, year=as_of.year if red else None,
            detail={"session": group[0].session} if group[0].session else None))
    for group, data in zip(late_grouped(late), late_documents(conn, late, as_of, dl)):
        issues.append(Issue(record=data, kind="progress_reminder", unit_id=group[0].unit_id,
                            links=tuple(dict.fromkeys((t.item_id, None) for t in group)),
                            numbers=tuple(dict.fromkeys(t.number for t in group))))
    first = next((i.seq for i in issues if i.seq is not None), None)

    def on_record(conn: sqlite3.Connection, ids: list[int]) -> None:
        from docket.core.batches import Stale

        sent = _record(conn, todo, as_of, actor)
        if len(sent) != len(todo) or len(record_late(conn, late, as_of=as_of, actor=actor)) != len(late):
            raise Stale(SENT_MEANWHILE)
        for group, doc_id in zip(groups, ids):
            for r in group:
                store_reminders.set_document(conn, doc_id, assignment_id=r.assignment_id,
                                             due_on=r.due_on.isoformat(), level=r.color, n=r.n)

    series = records[0].letterhead.letter_series if records else None
    return Batch(kind="reminder", issues=tuple(issues), series=series, year=as_of.year,
                 serial=first, issued_on=as_of, counter="year" if first is not None else None,
                 on_record=on_record, payload=Planned(todo, late))


def issued(run: RemindRun, sent: Planned | Sequence[Reminder], paths: Sequence[Path]) -> RemindRun:
    """A deferred run after its batch was issued: what was recorded (the batch's payload), with
    the files."""
    reminders, late = (sent.reminders, sent.late) if isinstance(sent, Planned) else (list(sent), [])
    return RemindRun(run.as_of, list(reminders), True, False, run.warnings, list(paths),
                     late_progress=list(late), session=run.session)


@dataclass(frozen=True, slots=True)
class Counts:
    """What a run sent (or would), as `remind` and the TUI's 生成催办 both say it."""

    units: int       # units reminded (催办通知 / 督办函)
    items: int       # reminders (件次)
    red: int         # of them 督办
    late_units: int  # units asked for their progress reports (未按时报送进度)
    late: int        # those reminders (件次)
    documents: int   # files written


def counts(run: RemindRun) -> Counts:
    return Counts(len({r.unit_id for r in run.reminders}), len(run.reminders),
                  sum(1 for r in run.reminders if r.color == Color.RED.value),
                  len({t.unit_id for t in run.late_progress}), len(run.late_progress),
                  len(run.documents))


SENT_MEANWHILE = "另一次催办刚刚记录了其中的催办，本次未记录，已删除本次生成的文件；请重新运行"


def _record(conn: sqlite3.Connection, todo: list[Reminder], as_of: date, actor: str) -> list[Reminder]:
    """Insert each reminder; keep only those this run inserted. One event per reminded unit.

    Per unit rather than per item: a morning run on a large session sends thousands, and each
    item's reminders are already rows of their own (shown by `show`); the event is the audit."""
    stamp = now_iso(as_of)
    day = as_of.isoformat()
    sent: list[Reminder] = []
    for r in todo:
        if store_reminders.insert(conn, assignment_id=r.assignment_id, item_id=r.item_id,
                                  unit_id=r.unit_id, role=r.role, level=r.color, n=r.n,
                                  due_on=r.due_on.isoformat(), sent_on=day, created_at=stamp, by=actor):
            sent.append(r)
    for group in _grouped(sent):
        events.append(conn, by=actor, action="remind", entity="unit", entity_id=group[0].unit_id,
                      today=as_of,
                      detail={"unit": group[0].unit, "on": day,
                              # an item of another session than the run's names its session
                              "sent": [[r.number, r.role, r.color, r.n, r.due_on.isoformat()]
                                       + ([r.session] if r.session else []) for r in group]})
    return sent


def by_unit(reminders: Sequence[Reminder]) -> list[dict]:
    """The contract's remind JSON: [{unit, items[{number, title, role, due_on, color, days_overdue}]}];
    an item coloured by its lag behind plan adds lag (points) and reason (进度滞后于计划); an item
    of another session than the run's (a rectification or project round, an earlier session)
    adds session (its name): numbers repeat across sessions."""
    groups: dict[int, dict] = {}
    for r in sorted(reminders, key=_order):
        g = groups.setdefault(r.unit_id, {"unit": r.unit, "items": []})
        row = {"number": r.number, "title": r.title, "role": r.role, "due_on": r.due_on.isoformat(),
               "color": r.color, "days_overdue": r.days_overdue, "n": r.n}
        if r.session:
            row["session"] = r.session
        if r.lag is not None:  # coloured by its lag behind plan (整改, 民生实事), not its due date
            row.update(lag=r.lag, reason=msg.PROGRESS_BEHIND)
        g["items"].append(row)
    return list(groups.values())


# -- documents (催办通知 / 督办函) -------------------------------------------------------------

def reminder_documents(conn: sqlite3.Connection, sent: Sequence[Reminder], as_of: date,
                       dl: Deadlines | None = None) -> list:
    """One ReminderData per reminded unit (unit order), 督办函 serials allocated in order."""
    from docket.core import settings
    from docket.core.docdata import ReminderData, ReminderItem
    from docket.core.batches import cc as cc_of
    from docket.core.batches import letterhead, next_serial

    dl = dl or Deadlines(conn)

    lh = letterhead(conn)
    cc = tuple(settings.get(conn, "doc.cc") or ())
    escalate = cc_of(conn, "escalate")  # doc.cc.escalate: the 督办函 adds it from an item's 2nd 督办
    reply_by = dl.add(as_of, dl.repeat).date
    serial = next_serial(conn, lh.letter_series, as_of.year)
    from docket.core.privacy import masker_for

    mask = masker_for(conn)  # sent out and copied (抄送): no phone, ID number or name in a title (§14)
    out = []
    for group in _letters(sent):
        items = tuple(ReminderItem(number=r.number, title=mask.text(r.title), role=r.role, due_on=r.due_on,
                                   color=r.color, days_overdue=r.days_overdue,
                                   workdays_left=None if r.days_overdue else r.days_left, times=r.n,
                                   lag=r.lag)
                      for r in group)
        red = any(r.color == "red" for r in group)
        out.append(ReminderData(letterhead=lh, unit=group[0].unit, issued_on=as_of, items=items,
                                reply_by=reply_by if red else None,
                                letter_seq=serial if red else None, cc=cc, cc_escalate=escalate,
                                kind=group[0].kind, round=group[0].session or ""))
        serial += red
    return out


def late_documents(conn: sqlite3.Connection, late: Sequence, as_of: date,
                   dl: Deadlines | None = None) -> list:
    """One ProgressReminderData per unit late with its progress reports (late_grouped order):
    the items, when each report was due, how many times it was asked for."""
    from docket.core.batches import letterhead
    from docket.core.docdata import LateReportItem, ProgressReminderData
    from docket.core.privacy import masker_for
    from docket.core.rectify import late_grouped

    if not late:
        return []
    dl = dl or Deadlines(conn)
    lh = letterhead(conn)
    report_by = dl.add(as_of, dl.repeat).date
    mask = masker_for(conn)  # sent out: no phone, ID number or name in a title (§14)
    return [ProgressReminderData(
        letterhead=lh, unit=group[0].unit, issued_on=as_of, report_by=report_by,
        items=tuple(LateReportItem(number=t.number, title=mask.text(t.title), kind=t.kind,
                                   expected_on=t.expected_on, days_late=(as_of - t.expected_on).days,
                                   times=t.n) for t in group))
        for group in late_grouped(list(late))]


def _order(r: Reminder) -> tuple:
    """By unit; in a unit the run's own session first, then the others by name; by number, role."""
    return (r.unit_id, r.session is not None, r.session or "", r.number, r.role)


def _grouped(sent: Sequence[Reminder]) -> list[list[Reminder]]:
    """By unit (one event per reminded unit)."""
    groups: dict[int, list[Reminder]] = {}
    for r in sorted(sent, key=_order):
        groups.setdefault(r.unit_id, []).append(r)
    return list(groups.values())


def _letters(sent: Sequence[Reminder]) -> list[list[Reminder]]:
    """By unit and session: one 催办通知 / 督办函 each, its items of one kind and one round (a
    unit may handle the current session's suggestions and a rectification round's problems)."""
    groups: dict[tuple[int, str | None], list[Reminder]] = {}
    for r in sorted(sent, key=_order):
        groups.setdefault((r.unit_id, r.session), []).append(r)
    return list(groups.values())


def describe(r: Reminder) -> str:
    """第5号建议（主办）, with its session when not the run's own: how a line names the item."""
    role = ROLE_LABELS[r.role]
    return f"{r.session or ''}{item_name(r.number, r.kind)}（{role}）"
