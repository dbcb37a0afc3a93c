"""What the clerk wants to see of the queue: one `QueueFilter`, for `docket list` and the TUI.

A filter is plain data (frozen): states (a built-in view and/or one state), a unit, a colour,
overdue, 重点, 小微急, search text and a sort. `matches(row)` and `sort_key(row)` work on the
list dicts of core/queue.py (`list_items`), so the CLI's listing and the TUI's in-memory
refilter of its virtual list keep and order exactly the same items.

- search: core/search.py (terms ANDed over title, content, people, units and their pinyin
  initials, through the database's search index); `text_matches` is only the in-memory stand-in
  for rows handed in without a database (tests, bench/);
- unit: a unit holding a live (not returned) assignment of the item, lead or supporting;
- sort "due": running items first (an open lead assignment: "color" is set), earliest due
  date on top, then the other items with a due date (finished), then those without; each by
  date then number; "number": by number; "rank": by the search's ranking (by number when
  nothing is searched).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from docket.core.errors import BadInput
from docket.core.records import State

# built-in views (the TUI's number keys): (states kept or None, colour kept or None)
VIEWS: dict[str, tuple[frozenset[str] | None, str | None]] = {
    "all": (None, None),
    "unassigned": (frozenset({State.REGISTERED.value, State.ACCEPTED.value}), None),
    "due_soon": (None, "yellow"),  # lead due date within colors.yellow
    "overdue": (None, "red"),
    "to_evaluate": (frozenset({State.REPLIED.value}), None),
    "rehandle": (frozenset({State.REHANDLING.value}), None),
}
SORTS = ("due", "number", "rank")
COLORS = ("white", "yellow", "red")

Row = dict
Keep = Callable[[Row], bool]


@dataclass(frozen=True, slots=True)
class QueueFilter:
    text: str = ""
    view: str = "all"
    state: str | None = None
    unit: str | None = None  # a unit's full name (resolve short names first: `list_items`)
    color: str | None = None
    overdue: bool = False
    key: bool = False
    fast: bool = False
    sort: str = "due"

    def check(self) -> "QueueFilter":
        """The filter itself, or the message the CLI gives for an unknown state, colour or sort."""
        if self.state and self.state not in {s.value for s in State}:
            raise BadInput(f"状态：未知的状态“{self.state}”，可用：{'、'.join(s.value for s in State)}")
        if self.color and self.color not in COLORS:
            raise BadInput(f"颜色：未知的颜色“{self.color}”，应为 white、yellow 或 red")
        if self.sort not in SORTS:
            raise BadInput(f"排序：未知的排序“{self.sort}”，应为 due、number 或 rank")
        if self.view not in VIEWS:
            raise ValueError(self.view)
        return self

    def states(self) -> frozenset[str] | None:
        """The states the view and the state filter keep (None: every state)."""
        return _states(self.view, self.state)

    def keep(self) -> Keep | None:
        """One predicate for everything but the text (None: keeps every row). Cached: the same
        filter gives the same function, so a list can narrow its last result while the clerk
        types."""
        return _compile(self.view, self.state, self.unit, self.color, self.overdue, self.key,
                        self.fast)

    def needle(self) -> str:
        """The search text as it is looked for."""
        return self.text.strip().lower()

    def narrows(self, before: "QueueFilter") -> bool:
        """Whether every row this filter keeps is among those `before` kept (the clerk typed
        on): the same other filters and a longer text holding the old one. A number is matched
        whole, so a text of digits may find a row the shorter one did not."""
        old, new = before.needle(), self.needle()
        return (bool(old) and new.startswith(old) and not new.isdigit()
                and before.keep() is self.keep())

    def matches(self, row: Row) -> bool:
        keep = self.keep()
        return (keep is None or keep(row)) and text_matches(self.needle(), row)

    def sort_key(self) -> Callable[[Row], tuple]:
        return sort_key(self.sort)


def haystack(row: Row) -> str:
    """What the search looks in besides the number: title and proposer, lowercased."""
    return f"{(row.get('title') or '').lower()}\x00{(row.get('proposer') or '').lower()}"


def text_matches(needle: str, row: Row, hay: str | None = None) -> bool:
    """`needle` (already `QueueFilter.needle()`) in the title or the proposer, or equal to the
    number; `hay` is the row's `haystack`, when computed once beforehand."""
    if not needle:
        return True
    return needle in (haystack(row) if hay is None else hay) or needle == str(row["number"])


def row_units(row: Row) -> tuple[str, ...]:
    """The units a unit filter looks at: every live assignment's (`list_items(with_units=True)`
    puts them in "units"); rows without it (handed in by tests) offer their lead and supports."""
    units = row.get("units")
    if units is None:
        units = (row.get("lead_unit"), *(row.get("support_units") or ()))
    return tuple(u for u in units if u)


def sort_key(sort: str) -> Callable[[Row], tuple]:
    """The order of a sort over rows alone ("rank" needs the search's ranking: by number here)."""
    if sort in ("number", "rank"):
        return lambda r: (r["number"],)
    if sort == "due":
        return lambda r: (r.get("color") is None, r.get("due_on") is None, r.get("due_on") or "",
                          r["number"])
    raise ValueError(sort)


def _states(view: str, state: str | None) -> frozenset[str] | None:
    states = VIEWS[view][0]
    if state is not None:
        states = (states or frozenset({state})) & {state}
    return states


@lru_cache(maxsize=64)
def _compile(view: str, state: str | None, unit: str | None, color: str | None, overdue: bool,
             key: bool, fast: bool) -> Keep | None:
    states = _states(view, state)
    colors = {c for c in (color, VIEWS[view][1], "red" if overdue else None) if c}
    if len(colors) > 1:
        return lambda row: False
    color = colors.pop() if colors else None
    if states is None and unit is None and color is None and not key and not fast:
        return None

    def keep(row: Row) -> bool:
        return ((states is None or row["state"] in states)
                and (unit is None or unit in row_units(row))
                and (color is None or row["color"] == color)
                and (not key or bool(row["key"]))
                and (not fast or bool(row["fast"])))
    return keep
