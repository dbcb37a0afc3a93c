"""Masking personal data for publication, and neutralising spreadsheet formulas (domain.md §14).

Stdlib only.
"""
from __future__ import annotations

# Cells a spreadsheet would run as a formula (or DDE) when they start with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# A proposer that is a body, not a person, is public and kept as written. It is told by how the
# WHOLE name ends or begins, never by its length or by a character inside it: 党国英 (党 is a
# surname), 王组 and 阿依古丽·买买提 are people.
#
# Endings no person's name has.
_BODY_ENDINGS = ("委员会", "界别", "代表团", "小组", "联组", "工作组", "工商联", "总工会", "联合会",
                 "协会", "党支部", "党总支", "党委", "党组", "支部", "总支", "支社", "无党派人士")
# Endings that are also plausible given names (李文联, 张学会): a body only when nothing or a
# place or an institution comes before them (县妇联, 青禾县科协, 县水利局工会).
_SHORT_ENDINGS = ("妇联", "科协", "侨联", "台联", "青联", "文联", "工会", "学会", "商会")
_PLACE_OR_BODY = tuple("省市州县区旗盟镇乡村街道局委办院校厂司会社团处")
# Beginnings no person's name has.
_BODY_BEGINNINGS = ("共青团", "中共", "中国共产党")
# The democratic parties: the name alone (民盟), or followed by a place and an organ (民盟青禾县委,
# 民进县支部, 九三学社青禾支社). 民建国 is a person: 国 is not an organ.
_PARTIES = ("中国国民党革命委员会", "中国民主同盟", "中国民主建国会", "中国民主促进会", "中国农工民主党",
            "中国致公党", "台湾民主自治同盟", "九三学社", "民革", "民盟", "民建", "民进", "农工党",
            "致公党", "台盟")
_PARTY_ORGANS = ("委", "委员会", "支部", "总支", "支社", "小组", "界别", "组")


def _split_lead(name: str) -> tuple[str, str]:
    """('@', '欧阳明远') for '@欧阳明远': formula characters and blanks are not part of the name."""
    i = 0
    while i < len(name) and (name[i] in "=+-@'" or name[i].isspace()):
        i += 1
    return name[:i], name[i:]


def is_collective(name: str) -> bool:
    """委员会, 界别, 代表团, 小组, the parties and the people's organisations: not a person's name."""
    body = _split_lead(name.strip())[1].strip()
    if not body:
        return False
    if body.endswith(_BODY_ENDINGS) or body.startswith(_BODY_BEGINNINGS):
        return True
    for end in _SHORT_ENDINGS:
        if body.endswith(end):
            before = body[: -len(end)]
            if not before or before.endswith(_PLACE_OR_BODY):
                return True
    for party in _PARTIES:
        if body.startswith(party):
            rest = body[len(party):]
            if not rest or rest.endswith(_PARTY_ORGANS):
                return True
    return False


def mask_name(name: str | None) -> str | None:
    """柯明 -> 柯*, 欧阳明远 -> 欧***, 阿依古丽·买买提 -> 阿***·*** (`·` kept); collective names kept.

    Leading formula characters are not the first character of the name: @欧阳明远 -> @欧***, which
    the writers then neutralise as any other formula-like cell."""
    if not name:
        return name
    name = name.strip()
    if is_collective(name):
        return name
    lead, body = _split_lead(name)
    if not body:
        return lead
    return lead + body[0] + "".join(ch if ch == "·" else "*" for ch in body[1:])


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
