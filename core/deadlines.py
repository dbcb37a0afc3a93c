"""Due dates, caps and colours: derived from dates, settings and the working-day calendar.

Nothing here stores a colour; every listing derives it again, so a calendar edit or an
extension shows at once.
"""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from docket.core.calendar import Due, load_calendar
from docket.core.records import Color


class Deadlines:
    """The calendar plus the deadline settings, loaded once per command."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        from docket.core import settings

        self.calendar = load_calendar(conn)
        values = settings.snapshot(conn)
        parse = lambda key: settings.SPECS[key].parse(values[key])  # noqa: E731
        self.reply = parse("deadline.reply")
        self.fast = parse("deadline.fast")
        self.support = parse("deadline.support")
        self.fast_support = parse("deadline.fast_support")
        self.objection = parse("deadline.objection")
        self.rehandle = parse("deadline.rehandle")
        self.max = parse("deadline.max")
        self.evaluation = parse("deadline.evaluation")
        self.roll_forward = parse("deadline.roll_forward")
        self.yellow = parse("colors.yellow")
        self.repeat = parse("remind.repeat")
        self.warnings: set[str] = set()
        self._yellow_through: dict[date, date] = {}

    def add(self, start: date, duration) -> Due:
        due = self.calendar.due(start, duration, roll_forward=self.roll_forward)
        self.warnings.update(due.warnings())
        return due

    def lead_due(self, on: date, fast: bool) -> Due:
        return self.add(on, self.fast if fast else self.reply)

    def support_due(self, on: date, fast: bool, lead_due: date) -> Due:
        due = self.add(on, self.fast_support if fast else self.support)
        return due if due.date <= lead_due else Due(lead_due, due.provisional)

    def objection_until(self, on: date) -> date:
        return self.add(on, self.objection).date

    def rehandle_due(self, on: date) -> Due:
        return self.add(on, self.rehandle)

    def cap(self, round_start: date, kind: str | None = None) -> date:
        """The latest due date of a round started on round_start: `deadline.max` after it; a
        民生实事 project (kind 'project', domain.md §13) runs to the end of its year, so its cap
        is never before 12-31 of the year it was assigned in."""
        # a limit, not a due date: it warns of no provisional year by itself
        cap = self.calendar.due(round_start, self.max, roll_forward=self.roll_forward).date
        if kind == "project":
            return max(cap, date(round_start.year, 12, 31))
        return cap

    def days_left(self, due_on: date, as_of: date) -> int:
        """Working days after as_of up to and including due_on; negative calendar days when late."""
        if as_of > due_on:
            return -(as_of - due_on).days
        return self.calendar.workdays_after(as_of, due_on)

    def yellow_through(self, as_of: date) -> date:
        """The last due date shown yellow on as_of (`colors.yellow`): due within n working days
        (at most n working days after as_of up to the due date) or, for a calendar duration, on
        or before as_of plus it. The colour rule itself, as one cutoff: `color` and a listing's
        colour filter (SQL over due_on, `color_range`) both read it."""
        got = self._yellow_through.get(as_of)
        if got is None:
            y = self.yellow
            if y.unit == "workdays":  # the day before the (n+1)-th working day after as_of
                got = self.calendar.add_workdays(as_of, y.n + 1) - timedelta(days=1)
            else:
                got = self.calendar.due(as_of, y, roll_forward=False).date if y.n else as_of
            self._yellow_through[as_of] = got
        return got

    def color_range(self, color: str, as_of: date) -> tuple[date | None, date | None]:
        """The due dates (first, last; None: open-ended) of the running items shown in `color`
        on as_of: red before as_of, yellow from as_of to `yellow_through`, white after it."""
        through = self.yellow_through(as_of)
        if color == Color.RED:
            return None, as_of - timedelta(days=1)
        if color == Color.YELLOW:
            return as_of, through
        return through + timedelta(days=1), None

    def color(self, due_on: date, as_of: date) -> tuple[Color, int]:
        left = self.days_left(due_on, as_of)
        if as_of > due_on:
            return Color.RED, left
        return (Color.YELLOW if due_on <= self.yellow_through(as_of) else Color.WHITE), left
