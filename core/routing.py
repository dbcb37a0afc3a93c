"""Routing suggestions (issue 16): the likely lead units of an unassigned item, with the reason.

Two sources of evidence, added per unit:
- look-alike past items (wording alike, places not considered: the same request from another
  township goes to the same bureau) that have a lead unit: each adds its topic score;
- the item's category: the share of the category's past items each unit led, times CATEGORY_WEIGHT.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from docket.core import messages as msg
from docket.core import similar
from docket.store import similar as store

TOPIC_FLOOR = 0.35      # a past item counts as evidence from this topic score on
EVIDENCE = 20           # at most this many past items read
CATEGORY_WEIGHT = 0.5
SHOWN = 3


@dataclass
class Suggestion:
    unit: str
    weight: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"unit": self.unit, "weight": round(self.weight, 3), "reasons": self.reasons}


def suggest_for(conn: sqlite3.Connection, item: sqlite3.Row, *, before_id: int | None = None,
                most: int = SHOWN) -> list[Suggestion]:
    """The likely lead units of `item`, best first, from items earlier than `before_id` (default:
    the item itself)."""
    limit = before_id if before_id is not None else item["id"]
    found = [x for x in similar.candidates_of(conn, item, before_id=limit, threshold=TOPIC_FLOOR)]
    found.sort(key=lambda x: (-x.topic, -x.item_id))
    leads = store.leads_of_items(conn, [x.item_id for x in found[:EVIDENCE * 3]])
    by_unit: dict[str, Suggestion] = {}
    used = 0
    for x in found:
        unit = leads.get(x.item_id)
        if not unit or used >= EVIDENCE:
            continue
        used += 1
        s = by_unit.setdefault(unit, Suggestion(unit))
        s.weight += x.topic
        if len(s.reasons) < 2:
            where = "" if x.same_session else f"（{x.session}）"
            s.reasons.append(msg.ROUTE_BY_LOOKALIKE.format(number=x.number, where=where, title=x.title,
                                                           score=round(x.topic * 100)))
    if item["category"]:
        counts = store.lead_counts_of_category(conn, item["category"], limit)
        total = sum(r["n"] for r in counts)
        for r in counts[:5]:
            s = by_unit.setdefault(r["unit"], Suggestion(r["unit"]))
            s.weight += CATEGORY_WEIGHT * r["n"] / total
            s.reasons.append(msg.ROUTE_BY_CATEGORY.format(category=item["category"], total=total, n=r["n"]))
    ranked = sorted(by_unit.values(), key=lambda s: (-s.weight, s.unit))
    return ranked[:most]


def suggest(conn: sqlite3.Connection, number: int, *, session: str | None = None) -> tuple[sqlite3.Row, list[Suggestion]]:
    """`assign --suggest N`: the item and its likely lead units."""
    from docket.store import items

    similar.ensure_indexed(conn)
    sess = items.current_session(conn, session)
    item = items.item_by_number(conn, sess, number)
    return item, suggest_for(conn, item)
