"""The working-day calendar: database overrides, then chinesecalendar, then a statutory fallback.

Stdlib only at import time; chinese_calendar is imported the first time an official year is
needed, and `load_calendar` imports the store only when called. No click, textual or rich.
"""
from __future__ import annotations

import sqlite3
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from docket.core.durations import Duration
from docket.core.errors import BadInput

Source = Literal["import", "official", "fallback"]

# what the calendar can count in: far beyond any deadline, well inside date's range
MIN_YEAR, MAX_YEAR = 1900, 2199
YEAR_RANGE = "年份：{year} 超出可计算的范围（1900–2199）"

FALLBACK_WARNING = "{year}年放假安排尚未载入，期限按周一至周五扣除法定节日推算，为暂定日期。"
PROVISIONAL_MARK = "（暂定）"

# Lunar-calendar holidays for the years after chinesecalendar's data, through 2060:
# year: (除夕 month, 除夕 day, 清明 April day, 端午 month, day, 中秋 month, day).
# Generated once with the lunardate package and checked against chinesecalendar's 2008-2026
# holidays; docket itself does not depend on lunardate.
_LUNAR: dict[int, tuple[int, int, int, int, int, int, int]] = {
    2027: (2, 5, 5, 6, 9, 9, 15), 2028: (1, 25, 4, 5, 28, 10, 3), 2029: (2, 12, 4, 6, 16, 9, 22),
    2030: (2, 2, 5, 6, 5, 9, 12), 2031: (1, 22, 5, 6, 24, 10, 1), 2032: (2, 10, 4, 6, 12, 9, 19),
    2033: (1, 30, 4, 6, 1, 9, 8), 2034: (2, 18, 5, 6, 20, 9, 27), 2035: (2, 7, 5, 6, 10, 9, 16),
    2036: (1, 27, 4, 5, 30, 10, 4), 2037: (2, 14, 4, 6, 18, 9, 24), 2038: (2, 3, 5, 6, 7, 9, 13),
    2039: (1, 23, 5, 5, 27, 10, 2), 2040: (2, 11, 4, 6, 14, 9, 20), 2041: (1, 31, 4, 6, 3, 9, 10),
    2042: (1, 21, 4, 6, 22, 9, 28), 2043: (2, 9, 5, 6, 11, 9, 17), 2044: (1, 29, 4, 5, 31, 10, 5),
    2045: (2, 16, 4, 6, 19, 9, 25), 2046: (2, 5, 4, 6, 8, 9, 15), 2047: (1, 25, 5, 5, 29, 10, 4),
    2048: (2, 13, 4, 6, 15, 9, 22), 2049: (2, 1, 4, 6, 4, 9, 11), 2050: (1, 22, 4, 6, 23, 9, 30),
    2051: (2, 10, 5, 6, 13, 9, 19), 2052: (1, 31, 4, 6, 1, 9, 7), 2053: (2, 18, 4, 6, 20, 9, 26),
    2054: (2, 7, 4, 6, 10, 9, 16), 2055: (1, 27, 5, 5, 30, 10, 5), 2056: (2, 14, 4, 6, 17, 9, 24),
    2057: (2, 3, 4, 6, 6, 9, 13), 2058: (1, 23, 4, 6, 25, 10, 2), 2059: (2, 11, 5, 6, 14, 9, 21),
    2060: (2, 1, 4, 6, 3, 9, 9),
}

# chinesecalendar's short names -> the names clerks write
_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}
_WEEKDAYS = "一二三四五六日"


def fallback_warning(year: int) -> str:
    return FALLBACK_WARNING.format(year=year)


@dataclass(frozen=True, slots=True)
class Due:
    date: date
    provisional: bool = False
    fallback_years: tuple[int, ...] = ()  # the years estimated by the fallback; name them in the warning

    def warnings(self) -> list[str]:
        return [fallback_warning(y) for y in self.fallback_years]


@dataclass(frozen=True, slots=True)
class _Year:
    work: list[int]                          # sorted ordinals of the year's working days
    workset: frozenset[int]
    special: dict[int, tuple[bool, str]]     # ordinal -> (is_workday, name): days a clerk should see


@lru_cache(maxsize=1)
def _official() -> tuple[int, int, dict[int, tuple[dict[int, str], dict[int, str]]]]:
    """chinesecalendar's data split by year: (first, last, {year: (off days, make-up days)})."""
    from chinese_calendar.constants import Holiday, holidays, workdays

    chinese = {h.value: _NAMES.get(h.chinese, h.chinese) for h in Holiday}
    by_year: dict[int, tuple[dict[int, str], dict[int, str]]] = {}
    for table, slot in ((holidays, 0), (workdays, 1)):
        for d, name in table.items():
            by_year.setdefault(d.year, ({}, {}))[slot][d.toordinal()] = chinese.get(name, name)
    years = [d.year for d in holidays]
    return min(years), max(years), by_year


def statutory_days(year: int) -> dict[date, str]:
    """The 13 statutory days off of the 2024 rules, without bridge or make-up days."""
    days: dict[date, str] = {date(year, 1, 1): "元旦"}

    def add(d: date, name: str) -> None:
        days[d] = f"{days[d]}、{name}" if d in days else name

    lunar = _LUNAR.get(year)
    if lunar:
        cm, cd, qd, dm, dd, zm, zd = lunar
        for i in range(4):                   # 除夕 and 初一 to 初三
            add(date(year, cm, cd) + timedelta(days=i), "春节")
        add(date(year, 4, qd), "清明节")
        add(date(year, dm, dd), "端午节")
        add(date(year, zm, zd), "中秋节")
    for day in (1, 2):
        add(date(year, 5, day), "劳动节")
    for day in (1, 2, 3):
        add(date(year, 10, day), "国庆节")
    return dict(sorted(days.items()))


def add_months(start: date, n: int) -> date:
    """The same day number n months on, or that month's last day (民法典 第201–202条)."""
    m0 = start.month - 1 + n
    y, m = start.year + m0 // 12, m0 % 12 + 1
    return date(y, m, min(start.day, monthrange(y, m)[1]))


def cn_day(d: date, year: bool = True) -> str:
    """2026年10月1日（周四）: how explanations name a day."""
    head = f"{d.year}年" if year else ""
    return f"{head}{d.month}月{d.day}日（周{_WEEKDAYS[d.weekday()]}）"


class WorkCalendar:
    """Which days are working days; immutable once built, so one instance serves a whole run."""

    def __init__(self, overrides: Mapping[date, bool] | None = None, *,
                 imported_years: Iterable[int] = (), notes: Mapping[date, str] | None = None) -> None:
        self._over: dict[int, dict[int, bool]] = {}
        for d, work in (overrides or {}).items():
            self._over.setdefault(d.year, {})[d.toordinal()] = bool(work)
        self._notes = {d.toordinal(): n for d, n in (notes or {}).items() if n}
        self._imported = frozenset(imported_years)
        self._years: dict[int, _Year] = {}

    # -- sources ---------------------------------------------------------------------------

    def year_source(self, year: int) -> Source:
        if year in self._imported:
            return "import"
        first, last, _ = _official()
        return "official" if first <= year <= last else "fallback"

    def upcoming_warning(self, today: date) -> str | None:
        """From 1 October, the warning to give once per run while next year is not loaded."""
        if today.month >= 10 and self.year_source(today.year + 1) == "fallback":
            return fallback_warning(today.year + 1)
        return None

    def _year(self, year: int) -> _Year:
        got = self._years.get(year)
        if got is None:
            got = self._years[year] = self._build(year)
        return got

    def _build(self, year: int) -> _Year:
        first, last, official = _official()
        if first <= year <= last:
            off, on = official.get(year, ({}, {}))
        elif year in self._imported:
            off, on = {}, {}                 # an imported year lists its own days off and on
        else:
            off = {d.toordinal(): name for d, name in statutory_days(year).items()}
            on = {}
        over = self._over.get(year, {})
        lo, hi = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        work: list[int] = []
        special: dict[int, tuple[bool, str]] = {}
        for o in range(lo, hi + 1):
            plain = (o - 1) % 7 < 5          # ordinal 1 (0001-01-01) was a Monday
            if o in on:
                base, name = True, f"{on[o]}调休上班"
            elif o in off:
                base, name = False, off[o]
            else:
                base, name = plain, ""
            if o in over:
                is_work = over[o]
                name = self._notes.get(o) or (name if is_work == base else "")
            else:
                is_work = base
            if is_work:
                work.append(o)
            if name or is_work != plain or o in over:
                special[o] = (is_work, name or ("调休上班" if is_work else "放假"))
        return _Year(work, frozenset(work), special)

    # -- single days -------------------------------------------------------------------------

    def is_workday(self, d: date) -> bool:
        return d.toordinal() in self._year(d.year).workset

    def day_name(self, d: date) -> str:
        """The holiday or make-up name of a day, "周末" for a plain weekend, "" for a plain workday."""
        hit = self._year(d.year).special.get(d.toordinal())
        if hit:
            return hit[1]
        return "周末" if d.weekday() >= 5 else ""

    def next_workday(self, d: date) -> date:
        """The first working day on or after d (the roll-forward)."""
        return d if self.is_workday(d) else self.add_workdays(d, 1)

    def add_workdays(self, d: date, n: int) -> date:
        """The n-th working day after d; d itself never counts. n = 0 gives d."""
        if n < 0:
            raise ValueError("n must be >= 0")
        if n == 0:
            return d
        year = d.year
        yr = self._year(year)
        i = bisect_right(yr.work, d.toordinal())
        while n > len(yr.work) - i:
            n -= len(yr.work) - i
            year += 1
            yr, i = self._year(year), 0
        return date.fromordinal(yr.work[i + n - 1])

    def workdays_after(self, a: date, b: date) -> int:
        """Working days after a up to and including b; 0 if b <= a (days_left)."""
        if b <= a:
            return 0
        ao, bo = a.toordinal(), b.toordinal()
        if a.year == b.year:
            work = self._year(a.year).work
            return bisect_right(work, bo) - bisect_right(work, ao)
        first = self._year(a.year).work
        total = len(first) - bisect_right(first, ao)
        for y in range(a.year + 1, b.year):
            total += len(self._year(y).work)
        return total + bisect_right(self._year(b.year).work, bo)

    def year_days(self, year: int) -> list[tuple[date, bool, str]]:
        """Holidays and make-up days of a year: days that differ from Mon–Fri, or carry a name."""
        special = self._year(year).special
        return [(date.fromordinal(o), w, name) for o, (w, name) in sorted(special.items())]

    # -- deadlines ---------------------------------------------------------------------------

    def _raw(self, start: date, duration: Duration) -> date:
        if duration.unit == "workdays":
            return self.add_workdays(start, duration.n)
        if duration.unit == "days":
            return start + timedelta(days=duration.n)
        return add_months(start, duration.n)

    def due(self, start: date, duration: Duration, roll_forward: bool = True) -> Due:
        if not MIN_YEAR <= start.year <= MAX_YEAR:
            raise BadInput(YEAR_RANGE.format(year=start.year))
        raw = self._raw(start, duration)
        end = self.next_workday(raw) if roll_forward else raw
        lo = min(start + timedelta(days=1), end)
        fallback = [y for y in range(lo.year, end.year + 1) if self.year_source(y) == "fallback"]
        # next year's schedule may move the last days of this one (bridge and make-up days)
        if end.month == 12 and end.day >= 25 and self.year_source(end.year + 1) == "fallback":
            fallback.append(end.year + 1)
        return Due(end, bool(fallback), tuple(fallback))

    def explain(self, start: date, duration: Duration, roll_forward: bool = True) -> list[str]:
        """How the due date was reached, in lines a clerk can read out to a unit."""
        result = self.due(start, duration, roll_forward)
        label = duration.label_cn()
        lines = [f"起算日：{cn_day(start)}，当日不计入期限。"]
        if duration.unit == "workdays":
            lines.append(f"期限{label}：自次日起逐日计算，只数工作日。")
            lines += self._walk(start, result.date)
        else:
            raw = self._raw(start, duration)
            if duration.unit == "days":
                lines.append(f"期限{label}：{cn_day(start)}加{duration.n}日为{cn_day(raw)}。")
            elif raw.day != start.day:
                lines.append(f"期限{label}：{raw.year}年{raw.month}月没有{start.day}日，"
                             f"以该月最后一日{cn_day(raw)}为期限届满日（民法典第二百零二条）。")
            else:
                lines.append(f"期限{label}：届满日为{duration.n}个月后的同一日{cn_day(raw)}。")
            name = self.day_name(raw)
            if self.is_workday(raw):
                lines.append(f"{cn_day(raw)}是{name}，为工作日，不顺延。" if name
                             else f"{cn_day(raw)}是工作日，不顺延。")
            elif roll_forward:
                lines.append(f"{cn_day(raw)}不是工作日，顺延至其后第一个工作日（民法典第二百零三条）：")
                lines += self._walk(raw - timedelta(days=1), result.date, counting=False)
            else:
                lines.append(f"{cn_day(raw)}不是工作日（{name}），"
                             "但未启用顺延（deadline.roll_forward = false），期限即为该日。")
        lines.append(f"到期日：{cn_day(result.date)}"
                     f"{PROVISIONAL_MARK if result.provisional else ''}。")
        lines += result.warnings()
        return lines

    def _walk(self, after: date, end: date, counting: bool = True) -> list[str]:
        """The days after `after` up to `end` in runs: counted workdays (when counting), skipped days."""
        runs: list[list] = []                # [kind, name, first, last, first count, last count]
        count = 0
        d = after + timedelta(days=1)
        while d <= end:
            name = self.day_name(d)
            if self.is_workday(d):
                count += 1
                kind = "makeup" if d.weekday() >= 5 or name else "work"
            else:
                kind = "skip"
            prev = runs[-1] if runs else None
            if prev and prev[0] == kind and prev[1] == name and kind != "makeup" \
                    and prev[3] + timedelta(days=1) == d:
                prev[3], prev[5] = d, count
            else:
                runs.append([kind, name, d, d, count, count])
            d += timedelta(days=1)
        lines = []
        for kind, name, a, b, ca, cb in runs:
            span = cn_day(a) if a == b else f"{cn_day(a)}至{cn_day(b, year=a.year != b.year)}"
            nth = f"第{ca}个工作日" if ca == cb else f"第{ca}–{cb}个工作日"
            if kind == "skip":
                days = (b - a).days + 1
                lines.append(f"跳过 {span}：{name}" + (f"，共{days}天" if days > 1 else ""))
            elif not counting:
                continue
            elif kind == "makeup":
                lines.append(f"计入 {span}：{name}，{nth}")
            else:
                lines.append(f"计入 {span}：{nth}")
        return lines


def load_calendar(conn: sqlite3.Connection) -> WorkCalendar:
    """The calendar as this database configures it: its overrides and imported years."""
    from docket.store import calendar as store_calendar

    rows = store_calendar.rows(conn)
    return WorkCalendar({r.day: r.workday for r in rows},
                        imported_years=store_calendar.imported_years(conn),
                        notes={r.day: r.note for r in rows if r.note})


# -- calendar show ------------------------------------------------------------------------------

SOURCE_LABELS = {"official": "官方", "fallback": "推算", "import": "导入", "set": "手工设置"}


def for_due(conn: sqlite3.Connection | None) -> tuple[WorkCalendar, bool]:
    """The calendar and `deadline.roll_forward` of a database; without one, official data and true."""
    if conn is None:
        return WorkCalendar(), True
    from docket.core import settings

    return load_calendar(conn), bool(settings.get(conn, "deadline.roll_forward"))


def describe_year(conn: sqlite3.Connection | None, year: int) -> tuple[list[dict], Source]:
    """The rows `calendar show` prints (holidays and make-up days, with their source) and the year's source."""
    if conn is None:
        cal, saved = WorkCalendar(), {}
    else:
        from docket.store import calendar as store_calendar

        cal = load_calendar(conn)
        saved = {r.day: r.source for r in store_calendar.rows(conn, year)}
    base = cal.year_source(year)
    rows = [{"date": d.isoformat(), "weekday": f"周{_WEEKDAYS[d.weekday()]}", "workday": w,
             "type": "上班" if w else "放假", "name": name, "source": saved.get(d, base),
             "source_label": SOURCE_LABELS[saved.get(d, base)]}
            for d, w, name in cal.year_days(year)]
    return rows, base
