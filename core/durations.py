"""Durations of deadlines: "3 months", "20 workdays", "15日" -> Duration.

Stdlib only: settings, the calendar and every command that takes --by parse through here.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from docket.core.errors import BadInput

Unit = Literal["days", "workdays", "months"]

# Units as typed -> canonical unit. Longer Chinese forms first so "个工作日" wins over "日".
_UNITS: dict[str, Unit] = {
    "day": "days", "days": "days", "日": "days", "天": "days", "自然日": "days",
    "workday": "workdays", "workdays": "workdays", "工作日": "workdays", "个工作日": "workdays",
    "month": "months", "months": "months", "月": "months", "个月": "months",
}
_PATTERN = re.compile(r"^(\d+)\s*(" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + r")$")

# Beyond ten years a deadline is a typo, and date arithmetic would overflow far sooner than that.
_MAX = {"days": 3660, "workdays": 2500, "months": 120}

FORMS = "“3个月”“15日”“20个工作日”之类（也可写作 3 months、15 days、20 workdays）"
UNKNOWN = "{field}：无法识别的期限“{text}”，应写作" + FORMS
ZERO = "{field}：期限“{text}”不能为 0，至少为 1"
TOO_LONG = "{field}：期限“{text}”过长（不得超过10年）"


@dataclass(frozen=True, slots=True)
class Duration:
    n: int
    unit: Unit

    def __str__(self) -> str:
        # Always the plural: "1 months" is what settings store and the contract's table shows.
        return f"{self.n} {self.unit}"

    def label_cn(self) -> str:
        """3个月, 20个工作日, 15日: the form documents and explanations use."""
        return {"days": f"{self.n}日", "workdays": f"{self.n}个工作日", "months": f"{self.n}个月"}[self.unit]


def parse_duration(text: str | Duration, field: str = "期限", allow_zero: bool = False) -> Duration:
    """Parse `N days|日|天`, `N workdays|工作日|个工作日`, `N months|个月|月`; full-width digits allowed."""
    if isinstance(text, Duration):
        value = text
        shown = str(text)
    else:
        shown = "" if text is None else str(text).strip()
        s = unicodedata.normalize("NFKC", shown).strip().lower()
        m = _PATTERN.match(s)
        if not m:
            raise BadInput(UNKNOWN.format(field=field, text=shown))
        if len(m.group(1).lstrip("0")) > 5:  # past any bound, and int() refuses 4,300+ digits
            raise BadInput(TOO_LONG.format(field=field, text=shown))
        value = Duration(int(m.group(1)), _UNITS[m.group(2)])
    if value.n < 0 or (value.n == 0 and not allow_zero):
        raise BadInput(ZERO.format(field=field, text=shown))
    if value.n > _MAX[value.unit]:
        raise BadInput(TOO_LONG.format(field=field, text=shown))
    return value
