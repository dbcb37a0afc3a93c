"""Masking personal data for publication, and neutralising spreadsheet formulas (domain.md §14).

Stdlib only. `Masker` masks free text (titles, 办结理由): phone and ID numbers wherever they
appear, and every known person's name; `people` reads those names from the database.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable

from docket.store import items as store

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


# -- free text --------------------------------------------------------------------------------

# Numbers a person can be reached or identified by, in one pass so that no digit is masked twice:
# 18/15-digit ID numbers first (a mobile number may hide inside one), mobiles (+86 and 3-4-4
# spacing allowed), landlines with an area code (0839-6212345, (0839)6212345), and a local number
# right after a word that says it is one (电话6212345).
_NUMBERS = re.compile(
    r"(?P<id>(?<![0-9A-Za-z])(?:\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z]))"
    r"|(?P<mobile>(?<![\d+])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d))"
    r"|(?P<land>(?<!\d)(?:[(（]0\d{2,3}[)）] ?|0\d{2,3}[-－— ]?)\d{7,8}(?:[-－转]\d{1,6})?(?!\d))"
    r"|(?P<label>电话|手机|座机|固话|热线|联系方式|[Tt][Ee][Ll])(?P<sep>[:：\s]*)(?P<local>\d[\d-]{5,}\d)")
# In a phone field everything that looks like a number is a phone, and every word is a label or
# a name: 王明 13812345678 -> 王* 138****5678.
_PHONE_TOKEN = re.compile(r"\+?[\d(（][\d\s\-－—()（）]*\d")
_WORD = re.compile(r"[^\W\d_]+(?:·[^\W\d_]+)*")
_PHONE_LABELS = re.compile(r"(?:联系电话|联系方式|手机|电话|座机|固话|办公室|办公|宅电|家庭|单位|传真|分机|号码"
                           r"|移动|热线|转|或|及|和|[Tt][Ee][Ll]|[Mm]obile|[Ff]ax)+")
# a person's name in a contact field: 2-4 Chinese characters, or longer with a · (阿依古丽·买买提)
_NAME_TEXT = re.compile(r"(?<![\u3400-\u9fff\uf900-\ufaff·])(?:[\u3400-\u9fff\uf900-\ufaff]{2,4}"
                        r"|[\u3400-\u9fff\uf900-\ufaff]+(?:·[\u3400-\u9fff\uf900-\ufaff]+)+)"
                        r"(?![\u3400-\u9fff\uf900-\ufaff·])")


def _number(m: re.Match) -> str:
    if m.group("id"):
        return mask_id(m.group("id")) or ""
    if m.group("local"):
        return m.group("label") + m.group("sep") + (mask_phone(m.group("local")) or "")
    return mask_phone(m.group(0)) or ""


def mask_numbers(text: str) -> str:
    """Phone and ID numbers masked wherever they are in `text` (§14: 3 + 4 kept)."""
    return _NUMBERS.sub(_number, text)


class Masker:
    """Masks free text for publication: numbers by their shape, people by the names the office
    knows (proposers, co-proposers, contacts, raters), each as `mask_name` writes it."""

    def __init__(self, names: Iterable[str]) -> None:
        self._by_length: dict[int, set[str]] = {}
        for name in names:
            name = (name or "").strip()
            if len(name) >= 2 and not is_collective(name):
                self._by_length.setdefault(len(name), set()).add(name)
        self._lengths = sorted(self._by_length, reverse=True)  # 欧阳明远 before 欧阳
        self._first = {n[0] for names_ in self._by_length.values() for n in names_}

    def text(self, text: str | None) -> str | None:
        """Titles, 办结理由: numbers masked, then every known name inside the text."""
        if not text:
            return text
        return self._names(mask_numbers(text))

    def _names(self, text: str) -> str:
        if not self._lengths:
            return text
        out: list[str] = []
        i, n = 0, len(text)
        while i < n:
            if text[i] in self._first:
                for length in self._lengths:
                    if text[i:i + length] in self._by_length[length]:
                        out.append(mask_name(text[i:i + length]) or "")
                        i += length
                        break
                else:
                    out.append(text[i])
                    i += 1
            else:
                out.append(text[i])
                i += 1
        return "".join(out)

    @staticmethod
    def phone(text: str | None) -> str | None:
        """A phone field, whole: every number masked, every word but a label (手机, 办公室) masked as
        a name: 王明 13812345678 -> 王* 138****5678."""
        if not text:
            return text
        text = _PHONE_TOKEN.sub(lambda m: mask_phone(m.group(0)) or "", text.strip())
        return _WORD.sub(lambda m: m.group(0) if _PHONE_LABELS.fullmatch(m.group(0))
                         else mask_name(m.group(0)) or "", text)

    @staticmethod
    def name(text: str | None) -> str | None:
        """A name field (答复联系人): the name masked; a number beside it goes with the rest."""
        return mask_name(text)


def names_in(text: str | None) -> list[str]:
    """The names in a contact or phone field: its runs of Chinese characters that are no label
    (王明 13812345678 -> 王明; 办公室 0839-6212345 -> none)."""
    return [m for m in _NAME_TEXT.findall(text or "") if not _PHONE_LABELS.fullmatch(m)]


def people(conn: sqlite3.Connection) -> tuple[set[str], set[str]]:
    """(deputies, others): proposers and co-proposers; unit and reply contacts, raters."""
    deputies: set[str] = set()
    for proposer, co in store.proposers(conn):
        deputies.add(proposer)
        deputies.update(json.loads(co or "[]"))
    others: set[str] = set()
    for text in store.contact_texts(conn):
        others.update(names_in(text))
    return deputies, others


def masker_for(conn: sqlite3.Connection) -> Masker:
    """The Masker of this database for public output: deputies' names too unless
    `privacy.mask_proposers = false`; contacts and raters always."""
    from docket.core import settings

    deputies, others = people(conn)
    return Masker(others | deputies if settings.get(conn, "privacy.mask_proposers") else others)
