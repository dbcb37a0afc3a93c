"""The filter bar above the queue: search box, built-in views, state/unit/colour/flag filters, sort.

It only describes what the clerk wants, as the core's `QueueFilter` (core/queue_filter.py: the
same filter `docket list` applies); `ItemList` applies it in memory.
"""
from __future__ import annotations

from dataclasses import replace

from docket.core.queue_filter import SORTS, VIEWS, QueueFilter
from docket.core.records import COLOR_LABELS, STATE_LABELS
from docket.tui import strings
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Select

__all__ = ["SORTS", "VIEWS", "FilterBar", "QueueFilter"]


class FilterBar(Vertical):
    """Two lines: search, view and sort; then state, lead unit, colour, 重点, 小微急."""

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
        # 按相关度 joins the cycle only while something is searched
        cycle = SORTS if self.value.needle() else tuple(s for s in SORTS if s != "rank")
        at = cycle.index(self.value.sort) if self.value.sort in cycle else -1
        sort = cycle[(at + 1) % len(cycle)]
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
