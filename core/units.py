"""Handling units: add, list, import, and resolving a typed name (full or short) to one unit."""
from __future__ import annotations

import difflib
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date

from docket.core import messages as msg
from docket.core.dates import now_iso
from docket.core.errors import BadInput, NotFound
from docket.store import units as stored_units

_WS = re.compile(r"\s+")


def norm(name: str) -> str:
    """NFKC, all whitespace removed (U+3000 included): how unit names are compared."""
    return _WS.sub("", unicodedata.normalize("NFKC", name or ""))


@dataclass(frozen=True, slots=True)
class Unit:
    id: int
    name: str
    short: str | None
    contact: str | None
    phone: str | None
    initials: str = ""  # pinyin initials of the full and short names (xjyj jyj), m009_search

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "short": self.short,
                "contact": self.contact, "phone": self.phone}


def all_units(conn: sqlite3.Connection) -> list[Unit]:
    return [Unit(r["id"], r["name"], r["short"], r["contact"], r["phone"], r["initials"])
            for r in stored_units.active(conn)]


class Directory:
    """Every unit, indexed by normalised full and short name; built once per command."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self.by_id = {u.id: u for u in units}
        self._full = {norm(u.name): u for u in units}
        self._short: dict[str, list[Unit]] = {}
        for u in units:
            if u.short:
                self._short.setdefault(norm(u.short), []).append(u)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> "Directory":
        return cls(all_units(conn))

    def find(self, name: str) -> Unit | None:
        key = norm(name)
        if key in self._full:
            return self._full[key]
        shorts = self._short.get(key, [])
        return shorts[0] if len(shorts) == 1 else None

    def close_matches(self, name: str, n: int = 3) -> list[str]:
        key = norm(name)
        names = [u.name for u in self.units]
        found = [nm for nm in names if key and (key in norm(nm) or norm(nm) in key)]
        # 0.6, not 0.5: any two four-character county bureaus (县…局) already score 0.5
        for nm in difflib.get_close_matches(key, names, n=n, cutoff=0.6):
            if nm not in found:
                found.append(nm)
        # a typo in a short name (水立局 for 水利局) is close to the short name, not the full one
        shorts = {norm(u.short): u.name for u in self.units if u.short}
        for s in difflib.get_close_matches(key, list(shorts), n=n, cutoff=0.6):
            if shorts[s] not in found:
                found.append(shorts[s])
        return found[:n]

    def check_new(self, name: str, short: str | None) -> None:
        """A new unit's names must not clash with any existing full or short name: every
        `--unit 水利局` in a cron line or plan would turn ambiguous."""
        taken = {**{norm(u.short): u.name for u in self.units if u.short}, **self._full_names()}
        for label, value in (("单位名称", name), ("简称", short)):
            if value and norm(value) in taken:
                raise BadInput(f"{label}“{value}”已被{taken[norm(value)]}使用（全称或简称），请换一个")

    def _full_names(self) -> dict[str, str]:
        return {k: u.name for k, u in self._full.items()}

    def by_initials(self, letters: str) -> list[Unit]:
        """The units whose pinyin initials hold `letters` (any case); those where they start a
        name's initials first (jyj: 县教育局's short name 教育局 before 县纪委监委...)."""
        key = letters.lower()
        found = [u for u in self.units if key in u.initials]
        return sorted(found, key=lambda u: not any(w.startswith(key) for w in u.initials.split()))

    def resolve(self, name: str) -> Unit:
        unit = self.find(name)
        if unit:
            return unit
        key = norm(name)
        shorts = self._short.get(key, [])
        if len(shorts) > 1:
            raise BadInput(msg.UNIT_AMBIGUOUS.format(name=name, matches="、".join(u.name for u in shorts)))
        partial = [u for u in self.units if key and key in norm(u.name)]
        if len(partial) == 1 and len(key) >= 2:
            return partial[0]
        if not partial and len(key) >= 2 and key.isascii() and key.isalpha():
            # typed in Latin letters: the pinyin initials (jyj → 县教育局)
            partial = self.by_initials(key)
            starting = [u for u in partial if any(w.startswith(key.lower()) for w in u.initials.split())]
            if len(partial) == 1 or len(starting) == 1:
                return (starting or partial)[0]
        close = self.close_matches(name)
        if len(partial) > 1:
            raise BadInput(msg.UNIT_AMBIGUOUS.format(name=name, matches="、".join(u.name for u in partial[:5])))
        text = msg.UNIT_NOT_FOUND.format(name=name)
        if close:
            raise NotFound(text + msg.UNIT_CLOSE.format(matches="、".join(close)))
        raise NotFound(text, hint=msg.HINT_UNIT_ADD)


def add_unit(conn: sqlite3.Connection, name: str, *, short: str | None = None,
             contact: str | None = None, phone: str | None = None, actor: str,
             today: date | None = None) -> Unit:
    from docket.core.text import refuse_controls
    from docket.store import events
    from docket.store.db import write

    refuse_controls({"单位名称": name, "简称": short, "联系人": contact, "联系电话": phone})
    clean = norm(name)
    if not clean:
        raise BadInput(msg.UNIT_NAME_EMPTY)
    short_clean = norm(short) if short else None
    with write(conn):
        directory = Directory.load(conn)
        if clean in directory._full:
            raise BadInput(msg.UNIT_EXISTS.format(name=clean))
        directory.check_new(clean, short_clean)
        uid = stored_units.insert(conn, clean, short_clean, contact, phone, now_iso(today))
        events.append(conn, by=actor, action="unit.add", entity="unit", entity_id=uid,
                      detail={"after": {"name": clean, "short": short_clean, "contact": contact,
                                        "phone": phone}}, today=today)
    return Unit(uid, clean, short_clean, contact, phone)


def import_units(conn: sqlite3.Connection, rows: list, *, actor: str, today: date | None = None,
                 dry_run: bool = False) -> tuple[list[Unit], list[Unit]]:
    """Add new units and update contacts of known ones, all or nothing. Returns (added, updated)."""
    from docket.store import events
    from docket.store.db import write

    directory = Directory.load(conn)
    errors: list[str] = []
    seen: dict[str, int] = {}
    for r in rows:
        key = norm(r.name)
        if not key:
            errors.append(f"第{r.row}行 单位名称：不能为空")
        elif key in seen:
            errors.append(f"第{r.row}行 单位名称：与第{seen[key]}行重复")
        else:
            seen[key] = r.row
    # short names: unique across the directory and the file, and never another unit's full name
    owner = {norm(u.short): u.name for u in directory.units if u.short}
    owner.update({norm(u.name): u.name for u in directory.units})
    owner.update({norm(r.name): norm(r.name) for r in rows if norm(r.name)})
    for r in rows:
        short, key = (norm(r.short) if r.short else None), norm(r.name)
        if short and owner.get(short, key) != key:
            errors.append(f"第{r.row}行 简称：“{r.short}”已被{owner[short]}使用")
        elif short:
            owner[short] = key
    if errors:
        raise BadInput(f"单位表有 {len(errors)} 处问题，未导入任何单位：", errors)
    added: list[Unit] = []
    updated: list[Unit] = []
    with write(conn, dry_run=dry_run):
        for r in rows:
            key = norm(r.name)
            known = directory._full.get(key)
            if known:
                after = {"short": norm(r.short) if r.short else known.short,
                         "contact": r.contact or known.contact, "phone": r.phone or known.phone}
                before = {"short": known.short, "contact": known.contact, "phone": known.phone}
                if after != before:
                    stored_units.update_contacts(conn, known.id, after["short"], after["contact"],
                                                 after["phone"])
                    events.append(conn, by=actor, action="unit.update", entity="unit",
                                  entity_id=known.id, detail={"before": before, "after": after},
                                  today=today)
                    updated.append(Unit(known.id, known.name, after["short"], after["contact"], after["phone"]))
                continue
            short = norm(r.short) if r.short else None
            uid = stored_units.insert(conn, key, short, r.contact, r.phone, now_iso(today))
            events.append(conn, by=actor, action="unit.add", entity="unit", entity_id=uid,
                          detail={"after": {"name": key, "short": short, "contact": r.contact,
                                            "phone": r.phone}}, today=today)
            added.append(Unit(uid, key, short, r.contact, r.phone))
    return added, updated
