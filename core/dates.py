"""Dates in and out: the accepted input forms and the Chinese output form.

Stdlib only. Dates are calendar dates in Asia/Shanghai; no naive datetimes.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

from docket.core.errors import BadInput

SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")

_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
# a trailing time, as spreadsheets and some systems write it: "2026-03-05 00:00:00", "2026-03-05T09:30"
_TIME_TAIL = re.compile(r"[ T]\d{1,2}[:：]\d{2}([:：]\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?$")


def parse_date(text: str, field: str = "日期") -> date:
    """Parse one of the contract's date forms; full-width digits and a trailing time are allowed."""
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    raw = "" if text is None else str(text)
    s = unicodedata.normalize("NFKC", raw).strip()
    s = _TIME_TAIL.sub("", s).strip()
    for pattern in _PATTERNS:
        m = pattern.match(s)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            if not 1 <= mo <= 12:
                raise BadInput(f"{field}：{raw.strip()} 不是有效日期（没有{mo}月）")
            try:
                return date(y, mo, d)
            except ValueError:
                raise BadInput(f"{field}：{raw.strip()} 不是有效日期（该月没有这一天）") from None
    raise BadInput(f"{field}：无法识别的日期“{raw.strip()}”，请写作 2026-03-05 或 2026年3月5日")


def format_cn(d: date) -> str:
    """2026年3月5日: the form documents use."""
    return f"{d.year}年{d.month}月{d.day}日"


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def from_iso(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def now_iso(today: date | None = None) -> str:
    """A timestamp in ISO 8601 with +08:00. Under DOCKET_TODAY the date part follows that day."""
    now = datetime.now(SHANGHAI).replace(microsecond=0)
    if today is not None and today != now.date():
        now = datetime.combine(today, now.timetz())
    return now.isoformat()
