"""SQL for `calendar_days`: the staff's overrides of the working-day calendar.

One row per day: workday 1 = a working day, 0 = a day off; source 'set' (by hand) or 'import'
(a year's schedule). Callers hold `store.db.write()` for `set_day`.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from docket.store import events


@dataclass(frozen=True, slots=True)
class CalendarDay:
    day: date
    workday: bool
    note: str
    source: str
    updated_at: str
    by: str

    @classmethod
    def from_row(cls, r: sqlite3.Row) -> CalendarDay:
        return cls(date.fromisoformat(r["day"]), bool(r["workday"]), r["note"] or "",
                   r["source"], r["updated_at"], r["by"])


def rows(conn: sqlite3.Connection, year: int | None = None) -> list[CalendarDay]:
    if year is None:
        found = conn.execute("SELECT * FROM calendar_days ORDER BY day")
    else:
        found = conn.execute("SELECT * FROM calendar_days WHERE day >= ? AND day < ? ORDER BY day",
                             (f"{year:04d}-01-01", f"{year + 1:04d}-01-01"))
    return [CalendarDay.from_row(r) for r in found]


def overrides(conn: sqlite3.Connection) -> dict[date, bool]:
    return {date.fromisoformat(d): bool(w) for d, w in conn.execute("SELECT day, workday FROM calendar_days")}


# A year's schedule lists every day off (at least the 13 statutory ones), while schedule files
# sometimes carry a stray bridge day of the year before: that must not mark that year loaded.
LOADED_MIN_DAYS = 5


def imported_years(conn: sqlite3.Connection) -> set[int]:
    """Years whose schedule was imported (at least LOADED_MIN_DAYS imported days): loaded years."""
    found = conn.execute("SELECT substr(day, 1, 4) FROM calendar_days WHERE source = 'import'"
                         " GROUP BY 1 HAVING count(*) >= ?", (LOADED_MIN_DAYS,))
    return {int(y) for (y,) in found}


def get(conn: sqlite3.Connection, day: date) -> CalendarDay | None:
    r = conn.execute("SELECT * FROM calendar_days WHERE day = ?", (day.isoformat(),)).fetchone()
    return CalendarDay.from_row(r) if r else None


def set_day(conn: sqlite3.Connection, day: date, workday: bool, note: str | None, source: str,
            by: str, at: str, today: date | None = None) -> bool:
    """Insert or replace one day's override and record an event; False when nothing changed."""
    before = get(conn, day)
    note = (note or "").strip()
    if before and (before.workday, before.note, before.source) == (workday, note, source):
        return False
    conn.execute(
        "INSERT INTO calendar_days (day, workday, note, source, updated_at, by) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(day) DO UPDATE SET workday = excluded.workday, note = excluded.note,"
        " source = excluded.source, updated_at = excluded.updated_at, by = excluded.by",
        (day.isoformat(), int(workday), note or None, source, at, by))

    def shown(d: CalendarDay | None) -> dict | None:
        return {"workday": d.workday, "note": d.note, "source": d.source} if d else None

    events.append(conn, by=by, action=f"calendar.{source}", entity="calendar",
                  detail={"day": day.isoformat(), "before": shown(before),
                          "after": {"workday": workday, "note": note, "source": source}},
                  today=today)
    return True
