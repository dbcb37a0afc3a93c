"""Masking personal data for publication, and neutralising spreadsheet formulas (domain.md §14).

Stdlib only.
"""
from __future__ import annotations

# A proposer that is a body, not a person, is public and kept as written: committees, 界别,
# delegations and groups, the parties and the people's organisations.
_COLLECTIVE = ("委员会", "委员", "界别", "代表团", "小组", "联组", "党", "民革", "民盟", "民建", "民进",
               "农工", "致公", "九三", "台盟", "工商联", "总工会", "工会", "共青团", "团委", "妇联",
               "科协", "侨联", "台联", "青联", "文联", "联合会", "协会", "学会", "商会", "支部", "组")

# Cells a spreadsheet would run as a formula (or DDE) when they start with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_collective(name: str) -> bool:
    """委员会, 界别, parties and people's organisations: not a person's name."""
    return len(name) > 4 or any(mark in name for mark in _COLLECTIVE)


def mask_name(name: str | None) -> str | None:
    """柯明 -> 柯*, 欧阳明远 -> 欧***, 阿依古丽·买买提 -> 阿***·***; collective names kept."""
    if not name:
        return name
    name = name.strip()
    if is_collective(name):
        return name
    return name[0] + "".join(ch if ch == "·" else "*" for ch in name[1:])


def mask_names(names: list[str]) -> list[str]:
    return [mask_name(n) or "" for n in names]


def _keep_digits(text: str, head: int, tail: int) -> str:
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    keep = set(digits[:head]) | set(digits[len(digits) - tail:] if tail else ())
    return "".join(ch if (not ch.isdigit() or i in keep) else "*" for i, ch in enumerate(text))


def mask_phone(phone: str | None) -> str | None:
    """13812345678 -> 138****5678, 0839-6212345 -> 083*-***2345; under 8 digits all but the last 2."""
    if not phone:
        return phone
    phone = phone.strip()
    count = sum(ch.isdigit() for ch in phone)
    if count < 8:
        return _keep_digits(phone, 0, 2)
    return _keep_digits(phone, 3, 4)


def mask_id(number: str | None) -> str | None:
    """110101199001011234 -> 110***********1234 (the first 3 and last 4 characters kept)."""
    if not number:
        return number
    s = number.strip()
    if len(s) <= 7:
        return "*" * len(s)
    return s[:3] + "*" * (len(s) - 7) + s[-4:]


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def neutralise_csv(value: object) -> object:
    """A leading ' makes a spreadsheet read the cell as text (CSV has no cell types)."""
    return "'" + value if is_formula_like(value) else value
