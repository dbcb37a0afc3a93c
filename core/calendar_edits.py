"""Changing the office's calendar (`calendar set`, `calendar import`): day types, calendar files
(CSV or holiday-dataset JSON), and saving days, which recomputes provisional due dates."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docket.core.calendar import load_calendar
from docket.core.dates import now_iso, parse_date
from docket.core.errors import BadInput
from docket.core.assigning import recompute_provisional
from docket.store import calendar as store_calendar
from docket.store.db import write

_TYPES = {"off": False, "holiday": False, "休": False, "休息": False, "放假": False,
          "on": True, "workday": True, "班": True, "上班": True, "补班": True, "调休上班": True}
BAD_TYPE = "{where}类型：未知的类型“{text}”，应为 {expected}"
EMPTY_TYPE = "{where}类型：不能为空，应为 {expected}"
DUPLICATE = "{where}日期：{day} 与{first}重复"
FILE_BAD = "日历文件 {name} 有 {n} 处错误，未导入任何一天："
FILE_EMPTY = "日历文件 {name} 中没有任何日期"
FILE_UNREADABLE = "日历文件 {name} 无法读取：{error}"
JSON_BAD = "日历文件 {name} 不是有效的 JSON（第{line}行：{error}）"
JSON_SHAPE = "日历文件 {name}：JSON 应为 {{\"year\": 2027, \"days\": [{{\"date\": …, \"isOffDay\": true}}, …]}}"


@dataclass(frozen=True, slots=True)
class DayChange:
    day: date
    workday: bool
    note: str = ""


def day_type(text: str, where: str = "", expected: str = "off 或 on") -> bool:
    """workday/on/上班 -> True, holiday/off/放假 -> False; anything else is refused."""
    t = (text or "").strip()
    if not t:
        raise BadInput(EMPTY_TYPE.format(where=where, expected=expected))
    if t.lower() not in _TYPES:
        raise BadInput(BAD_TYPE.format(where=where, text=t, expected=expected))
    return _TYPES[t.lower()]


def parse_calendar_file(path: str | Path) -> list[DayChange]:
    """Read a CSV (`date,off|on,note`) or holiday-dataset JSON; every bad line refuses the file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise BadInput(FILE_UNREADABLE.format(name=p.name, error=e.strerror or e)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:          # Excel in China saves CSV as GB18030
        text = data.decode("gb18030", errors="replace")
    if p.suffix.lower() == ".json" or text.lstrip()[:1] in ("{", "["):
        entries = _json_entries(text, p.name)
    else:
        entries = _csv_entries(text)
    changes: list[DayChange] = []
    errors: list[str] = []
    seen: dict[date, str] = {}
    for where, raw_day, raw_type, note in entries:
        try:
            day = parse_date(raw_day, field=f"{where}日期")
            workday = day_type(raw_type, where) if isinstance(raw_type, str) else raw_type
        except BadInput as e:
            errors.append(e.message)
            continue
        if day in seen:
            errors.append(DUPLICATE.format(where=where, day=day.isoformat(), first=seen[day]))
            continue
        seen[day] = where.strip()
        changes.append(DayChange(day, workday, note.strip()))
    if errors:
        raise BadInput(FILE_BAD.format(name=p.name, n=len(errors)), details=errors)
    if not changes:
        raise BadInput(FILE_EMPTY.format(name=p.name))
    return changes


def _csv_entries(text: str) -> list[tuple[str, str, str | bool, str]]:
    import csv

    out = []
    for n, cells in enumerate(csv.reader(text.splitlines()), start=1):
        cells = [c.strip() for c in cells]
        if not any(cells) or cells[0].startswith("#"):
            continue
        # a header row names its columns: no digit in its date cell
        if n == 1 and not any(ch.isdigit() for ch in cells[0]):
            continue
        cells += [""] * (3 - len(cells))
        out.append((f"第{n}行 ", cells[0], cells[1], "，".join(c for c in cells[2:] if c)))
    return out


def _json_entries(text: str, name: str) -> list[tuple[str, str, str | bool, str]]:
    import json

    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise BadInput(JSON_BAD.format(name=name, line=e.lineno, error=e.msg)) from None
    days = doc.get("days") if isinstance(doc, dict) else doc
    if not isinstance(days, list):
        raise BadInput(JSON_SHAPE.format(name=name))
    out: list[tuple[str, str, str | bool, str]] = []
    for n, entry in enumerate(days, start=1):
        where = f"第{n}项 "
        if not isinstance(entry, dict):
            raise BadInput(JSON_SHAPE.format(name=name), details=[f"{where}不是对象"])
        off = entry.get("isOffDay")
        kind: str | bool = (not off) if isinstance(off, bool) else str(off if off is not None else "")
        out.append((where, str(entry.get("date") or ""), kind, str(entry.get("name") or "")))
    return out


def save_days(conn: sqlite3.Connection, changes: list[DayChange], *, source: str, actor: str,
              today: date, dry_run: bool = False) -> tuple[int, int | None]:
    """Write the days in one transaction with an event each; (days changed, due dates recomputed)."""
    at = now_iso(today)
    recomputed = None
    with write(conn, dry_run=dry_run):
        changed = sum(store_calendar.set_day(conn, c.day, c.workday, c.note, source, actor, at, today)
                      for c in changes)
        if source == "import":
            recomputed = recompute_provisional(conn, load_calendar(conn), actor, today)
    return changed, recomputed if isinstance(recomputed, int) else None
