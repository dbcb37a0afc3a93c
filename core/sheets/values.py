"""One spreadsheet cell's value read as what a field needs: text, an item number, a date, a yes/no
flag, a list of names or of units. `BadCell` carries a cell's problem to the row reader."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from docket.core.dates import parse_date
from docket.core.errors import BadInput
from docket.core.numbers import MAX_ITEM_NUMBER

_SEPARATORS = re.compile(r"[、，,；;\r\n\u2028]+")
_NUMBER = re.compile(r"^第?0*([0-9]+)(?:\.0+)?号?$")
_TWO_DIGIT_YEAR = re.compile(r"^\d{2}([-/.年])\d{1,2}([-/.月])\d{1,2}日?$")
_NO_YEAR = re.compile(r"^\d{1,2}(月\d{1,2}日?|[-/.]\d{1,2})$")
_YES = frozenset({"是", "√", "✓", "✔", "y", "yes", "1", "true", "重点", "★", "☑"})
_NO = frozenset({"否", "×", "✗", "n", "no", "0", "false", "-", "无", "/"})
WINDOWS_EPOCH = date(1899, 12, 30)
MAC_EPOCH = date(1904, 1, 1)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """A cell as text: 12.0 -> "12", a date cell -> ISO, None -> ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def split_values(text: str) -> list[str]:
    """Multi-value cells: split on 、，,；; and line breaks, never on spaces."""
    return [p.strip() for p in _SEPARATORS.split(text) if p.strip()]


_UNIT_SLASH = re.compile(r"[/／]+")
# how the name of a handling unit ends (局, 委员会, 人民政府, 大队, 公司, 镇 …): a space after such
# a name separates units ("县水利局 县农业农村局"); a space inside one ("县委 宣传部") does not
_UNIT_END = re.compile(r"(局|委|办|院|厅|部|署|处|科|室|所|站|队|中心|公司|司|集团|行|馆|社|团|会|"
                       r"联|协|府|庭|校|台|厂|场|镇|乡|街道|社区|村|区|园|组)$")


def split_units(text: str) -> list[str]:
    """Unit cells and boxes: split like `split_values`, and on / and on whitespace between full
    unit names; one rule for the importer, `assign --plan` and the TUI's unit boxes."""
    out: list[str] = []
    for value in split_values(text):
        for part in _UNIT_SLASH.split(value):
            out.extend(_spaced_units(part.strip()))
    return [p for p in out if p]


def _spaced_units(part: str) -> list[str]:
    pieces = part.split()
    if len(pieces) < 2:
        return [part]
    names: list[str] = []
    held = ""
    for piece in pieces:
        held += piece
        # a name is at least three characters: 县委 宣传部 stays one unit
        if len(held) >= 3 and _UNIT_END.search(held):
            names.append(held)
            held = ""
    if held:  # a tail that names no unit ("（主办）", a stray word) belongs to the one before
        if not names:
            return [part]
        names[-1] += held
    return names


def serial_to_date(serial: float, epoch: date) -> date:
    days = int(serial)
    # Excel's 1900 system counts a 29 Feb 1900 that never was; serials 20000+ are past it.
    return epoch + timedelta(days=days)


class BadCell(Exception):
    """One cell's problem, turned into `第N行 列：…` by the row reader."""


TOO_HIGH = "“{text}”不是有效编号（最大为 {max}；这像是填错列的身份证号或电话号码）"


def parse_number(value: object) -> int | None:
    """An item number, 1..MAX_ITEM_NUMBER: 12, 12.0, "012", "第12号"."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise BadCell(f"“{cell_text(value)}”不是有效编号")
    if isinstance(value, (int, float)):
        if float(value).is_integer() and value > 0:
            if value > MAX_ITEM_NUMBER:
                raise BadCell(TOO_HIGH.format(text=cell_text(value), max=MAX_ITEM_NUMBER))
            return int(value)
        raise BadCell(f"“{cell_text(value)}”不是有效编号（应为正整数）")
    s = unicodedata.normalize("NFKC", cell_text(value))
    s = "".join(ch for ch in s if not ch.isspace())
    m = _NUMBER.match(s)
    if not m or not m.group(1).strip("0"):
        raise BadCell(f"“{cell_text(value).strip()}”不是有效编号（应为正整数，如 12 或 第12号）")
    if len(m.group(1)) > len(str(MAX_ITEM_NUMBER)) or int(m.group(1)) > MAX_ITEM_NUMBER:
        raise BadCell(TOO_HIGH.format(text=cell_text(value).strip(), max=MAX_ITEM_NUMBER))
    return int(m.group(1))


def parse_cell_date(value: object, epoch: date, label: str) -> date | None:
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise BadCell(f"“{cell_text(value)}”不是日期")
    if isinstance(value, (int, float)):
        if 20000 <= value <= 80000:  # an Excel serial day number
            return serial_to_date(value, epoch)
        raise BadCell(f"{cell_text(value)} 不是有效日期，请写作 2026-03-05")
    raw = cell_text(value).strip()
    s = unicodedata.normalize("NFKC", raw).strip()
    if s.isascii() and s.isdigit() and len(s) == 5 and 20000 <= int(s) <= 80000:
        return serial_to_date(int(s), epoch)
    bare = re.sub(r"[ T]\d{1,2}[:：]\d{2}.*$", "", s).strip()
    if _TWO_DIGIT_YEAR.match(bare):
        raise BadCell(f"“{raw}”的年份只有两位，请写四位年份，如 2026-03-05")
    if _NO_YEAR.match(bare):
        raise BadCell(f"“{raw}”缺少年份，请写作 2026-03-05")
    try:
        return parse_date(s, label)
    except BadInput as e:
        message = e.message
        if "该月没有这一天" in message:
            raise BadCell(f"{raw} 不是有效日期（该月没有这一天）") from None
        raise BadCell(f"无法识别的日期“{raw}”，请写作 2026-03-05 或 2026年3月5日") from None


def parse_flag(value: object) -> bool | None:
    """True/False for 是/否 and friends; None for anything else."""
    if value is True or value is False:
        return value
    s = unicodedata.normalize("NFKC", cell_text(value)).strip().casefold()
    if not s or s in _NO:
        return False
    return True if s in _YES else None


# ---------------------------------------------------------------- files
