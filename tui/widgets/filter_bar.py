"""The filter bar above the queue: search box, built-in views, state/unit/colour/flag filters, sort.

It only describes what the clerk wants (`QueueFilter`); `ItemList` does the filtering in memory.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from docket.core.records import COLOR_LABELS, STATE_LABELS
from docket.tui import strings
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Select

# built-in views: (states kept or None, colour kept or None)
VIEWS: dict[str, tuple[frozenset[str] | None, str | None]] = {
    "all": (None, None),
    "unassigned": (frozenset({"registered", "accepted"}), None),  # not yet given to a unit
    "due_soon": (None, "yellow"),  # lead due date within colors.yellow
    "overdue": (None, "red"),
    "to_evaluate": (frozenset({"replied"}), None),
    "rehandle": (frozenset({"rehandling"}), None),
}
SORTS = ("due", "number")


@dataclass(frozen=True, slots=True)
class QueueFilter:
    text: str = ""
    view: str = "all"
    state: str | None = None
    unit: str | None = None
    color: str | None = None
    key: bool = False
    fast: bool = False
    sort: str = "due"

    def keep(self) -> Callable[[dict], bool] | None:
        """One predicate for everything but the text (cached, so the same filter gives the same
        function and the list can narrow its last result while the clerk types)."""
        return _compile(self.view, self.state, self.unit, self.color, self.key, self.fast)

    def states(self) -> frozenset[str] | None:
        """The states the view and the state filter keep (None: every state)."""
        return _states(self.view, self.state)


def _states(view: str, state: str | None) -> frozenset[str] | None:
    states = VIEWS[view][0]
    if state is not None:
        states = (states or frozenset({state})) & {state}
    return states


@lru_cache(maxsize=64)
def _compile(view: str, state: str | None, unit: str | None, color: str | None, key: bool,
             fast: bool) -> Callable[[dict], bool] | None:
    states, view_color = _states(view, state), VIEWS[view][1]
    if color is not None and view_color is not None and color != view_color:
        return lambda row: False
    color = color or view_color
    if states is None and unit is None and color is None and not key and not fast:
        return None

    def keep(row: dict) -> bool:
        return ((states is None or row["state"] in states)
                and (unit is None or row["lead_unit"] == unit or unit in row["support_units"])
                and (color is None or row["color"] == color)
                and (not key or bool(row["key"]))
                and (not fast or bool(row["fast"])))
    return keep


class FilterBar(Vertical):
    """Two lines: search, view and sort; then state, lead unit, colour, 重点, 小微急."""

    DEFAULT_CSS = """
    FilterBar { height: auto; }
    FilterBar > Horizontal { height: 1; }
    FilterBar Input { width: 1fr; }
    FilterBar Select { width: 16; }
    FilterBar #unit { width: 1fr; max-width: 30; }
    FilterBar #sort, FilterBar #color { width: 12; }
    FilterBar Checkbox { border: none; padding: 0 1; height: 1; width: auto; background: $surface; }
    """

    class Changed(Message):
        def __init__(self, value: QueueFilter) -> None:
            super().__init__()
            self.value = value

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.value = QueueFilter()

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Input(placeholder=strings.SEARCH_PLACEHOLDER, id="search", compact=True)
            yield Select([(label, v) for v, label in strings.VIEW_LABELS.items()], id="view",
                         value="all", allow_blank=False, compact=True, prompt=strings.VIEW_PROMPT)
            yield Select([(label, s) for s, label in strings.SORT_LABELS.items()], id="sort",
                         value="due", allow_blank=False, compact=True)
        with Horizontal():
            yield Select([(label, str(s)) for s, label in STATE_LABELS.items()], id="state",
                         prompt=strings.ANY_STATE, compact=True)
            yield Select([], id="unit", prompt=strings.ANY_UNIT, compact=True)
            yield Select([(label, str(c)) for c, label in COLOR_LABELS.items()], id="color",
                         prompt=strings.ANY_COLOR, compact=True)
            yield Checkbox(strings.ONLY_KEY, id="key")
            yield Checkbox(strings.ONLY_FAST, id="fast")

    def set_units(self, names: list[str]) -> None:
        """Offer the units present in the rows (as `docket list --unit`, lead or supporting)."""
        select = self.query_one("#unit", Select)
        select.set_options([(n, n) for n in names])
        if self.value.unit in names:
            select.value = self.value.unit
        else:
            self._update(unit=None)

    # the controls' own Changed messages arrive later and then change nothing
    def set_view(self, view: str) -> None:
        """Show a built-in view; 全部 (0) also clears every other filter (the search stays)."""
        if view == "all":
            self._update(view=view, state=None, unit=None, color=None, key=False, fast=False)
            for select_id in ("state", "unit", "color"):
                self.query_one(f"#{select_id}", Select).clear()
            for box_id in ("key", "fast"):
                self.query_one(f"#{box_id}", Checkbox).value = False
        else:
            self._update(view=view)
        self.query_one("#view", Select).value = view

    def toggle_sort(self) -> None:
        sort = SORTS[(SORTS.index(self.value.sort) + 1) % len(SORTS)]
        self._update(sort=sort)
        self.query_one("#sort", Select).value = sort

    def focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def _update(self, **changes) -> None:
        new = replace(self.value, **changes)
        if new != self.value:
            self.value = new
            self.post_message(self.Changed(new))

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        event.stop()
        self._update(text=event.value)

    @on(Select.Changed)
    def _select(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else event.value
        self._update(**{event.select.id: value})

    @on(Checkbox.Changed)
    def _check(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._update(**{event.checkbox.id: event.value})
