"""The queue as a virtual list: a Line-API `ScrollView` that draws only the visible rows.

A DataTable pays per row on every paint and refilter (seconds at 50,000 items); here the rows
stay plain dicts, the core's `QueueFilter` (the filter `docket list` applies) keeps and orders
them, its search running over haystacks lowercased once at load, each sort order is sorted once
when first used, and `render_line` formats just the ~50 rows on screen (as
Toolong does).
Widths are display widths (a CJK character takes two cells), so columns line up.
"""
from __future__ import annotations

import bisect
import time
from itertools import compress
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from docket.core.queue_filter import QueueFilter, haystack, sort_key, text_matches
from docket.core.records import COLOR_LABELS
from docket.tui import strings
from docket.tui.columns import queue_header
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Row = dict

# ANSI-named colours with reverse/bold survive light and dark terminal themes alike
_RED = Style(color="red", bold=True, reverse=True)
_YELLOW = Style(color="yellow", bold=True, reverse=True)
_WHITE = Style(dim=True)
_OVERDUE = Style(color="red", bold=True)
_SOON = Style(bold=True)
_FLAG = Style(bold=True)


def row_key(row: Row) -> tuple:
    """Items are unique by (session, number); the selection survives refiltering by this key."""
    return (row.get("session"), row["number"])


class RowIndex:
    """Rows plus what searching and sorting need, computed once per load and patched in place
    when a write changes a few rows (`patch`)."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self.haystacks = [haystack(r) for r in rows]
        self.where = {row_key(r): i for i, r in enumerate(rows)}
        self._orders: dict[str, list[int]] = {}
        # for the database's search: number -> row index, and each order's places (row index ->
        # its place), built with the index and the orders (in the load worker), not on a keystroke
        self._at = {r["number"]: i for i, r in enumerate(rows)}
        self._positions: dict[str, list[int]] = {}

    def sort_key(self, sort: str) -> Callable[[int], tuple]:
        rows, key = self.rows, sort_key(sort)  # `docket list --sort`'s order
        return lambda i: key(rows[i])

    def order(self, sort: str) -> list[int]:
        """Row indices in "due" or "number" order, each sorted once, when first asked for."""
        if sort not in self._orders:
            self._orders[sort] = sorted(range(len(self.rows)), key=self.sort_key(sort))
            self.positions(sort)
        return self._orders[sort]

    def patch(self, rows: Iterable[Row]) -> int:
        """Replace rows by key (a new key is added); sorted orders are mended, not redone:
        the few changed indices are taken out and put back where their new values go.
        Returns how many rows were replaced or added."""
        changed: list[int] = []
        for row in rows:
            i = self.where.get(row_key(row))
            if i is None:
                i = len(self.rows)
                self.where[row_key(row)] = i
                self.rows.append(row)
                self.haystacks.append(haystack(row))
            else:
                self.rows[i] = row
                self.haystacks[i] = haystack(row)
            changed.append(i)
            self._at[row["number"]] = i
        if changed:
            self._positions.clear()  # built again when next searched
            gone = set(changed)
            for sort, order in self._orders.items():
                key = self.sort_key(sort)
                kept = [i for i in order if i not in gone]
                for i in sorted(gone, key=key):
                    bisect.insort(kept, i, key=key)
                self._orders[sort] = kept
        return len(changed)

    def positions(self, sort: str) -> list[int]:
        """Each row index's place in `order(sort)`, built with it (and again after a patch)."""
        if sort not in self._positions:
            where = [0] * len(self.rows)
            for place, i in enumerate(self.order(sort)):
                where[i] = place
            self._positions[sort] = where
        return self._positions[sort]

    def ranked_indices(self, ranked: list[int]) -> list[int]:
        """The row indices of the numbers the database's search found, in its order."""
        at = self._at
        return [at[n] for n in ranked if n in at]

    def search(self, query: QueueFilter, within: list[int] | None = None,
               text_only: bool = False, ranked: list[int] | None = None) -> list[int]:
        """Indices of the rows `query` keeps, in its sort order (`within`: among those only;
        `text_only`: they already pass its other filters; `ranked`: the numbers the database's
        search found for its text, best first, which sort "rank" follows).

        With `ranked`, the cost follows the matches, not the rows: their indices come from a
        number -> index dict, and another sort's order is read through a mask over its order
        (`itertools.compress`, in C), so a keystroke does no Python work per row of 100,000."""
        needle = query.needle()
        order = self.order(query.sort) if query.sort != "rank" or ranked is None else None
        found = order if within is None else within
        if needle and ranked is not None:
            hits = self.ranked_indices(ranked)
            if order is not None:  # the view's sort: the hits' places in its order, in order
                place, mask = self.positions(query.sort), bytearray(len(self.rows))
                for i in hits:
                    mask[place[i]] = 1
                hits = list(compress(order, mask))
            if within is not None:
                inside = set(within)
                hits = [i for i in hits if i in inside]
            found = hits
        elif needle:
            hay, rows = self.haystacks, self.rows
            found = [i for i in found if text_matches(needle, rows[i], hay[i])]
        keep = None if text_only else query.keep()
        if keep is not None:
            rows = self.rows
            found = [i for i in found if keep(rows[i])]
        return found if found is not order else list(found)  # never hand out the cached order


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    width: int
    right: bool = False


# from widest to narrowest; the first whose title keeps at least `min_title` cells wins
_LAYOUTS: tuple[tuple[int, tuple[tuple[str, int], ...]], ...] = (
    (40, (("mark", 1), ("number", 0), ("flags", 4), ("title", -1), ("proposer", 10),
          ("category", 10), ("lead_unit", 20), ("state", 8), ("due_on", 10), ("days_left", 5),
          ("color", 2))),
    (30, (("mark", 1), ("number", 0), ("flags", 4), ("title", -1), ("proposer", 8),
          ("lead_unit", 16), ("state", 8), ("due_on", 10), ("days_left", 5), ("color", 2))),
    (20, (("mark", 1), ("number", 0), ("title", -1), ("proposer", 8), ("lead_unit", 12),
          ("state", 8), ("due_on", 5), ("days_left", 5), ("color", 2))),
    (16, (("mark", 1), ("number", 0), ("title", -1), ("lead_unit", 10), ("state", 8),
          ("days_left", 5), ("color", 2))),
    (0, (("mark", 1), ("number", 0), ("title", -1), ("days_left", 5), ("color", 2))),
)
_RIGHT = {"number", "days_left"}


def layout_columns(width: int, number_width: int = 4) -> list[Column]:
    """Columns for a list `width` cells wide: narrower terminals drop or narrow columns."""
    for min_title, spec in _LAYOUTS:
        fixed = sum(number_width if w == 0 else w for _, w in spec if w >= 0)
        title = width - fixed - (len(spec) - 1)  # one space between columns
        if title >= min_title or min_title == 0:
            return [Column(k, max(title, 1) if w < 0 else number_width if w == 0 else w,
                           k in _RIGHT) for k, w in spec]
    raise AssertionError("the last layout always fits")


def fit(text: str, width: int, right: bool = False) -> str:
    """Cut or pad `text` to exactly `width` cells, with … when cut."""
    if cell_len(text) > width:
        if width < 2:
            return set_cell_size(text, width)
        # a wide character split at the edge leaves a space: put the … right after the text
        cut = set_cell_size(text, width - 1).rstrip()
        return cut + "…" + " " * (width - 1 - cell_len(cut))
    pad = " " * (width - cell_len(text))
    return pad + text if right else text + pad


def cell_text(row: Row, key: str, width: int) -> str:
    """What a column shows for a row, before fitting."""
    value = row.get(key)
    if key == "flags":
        return ((strings.FLAG_KEY if row.get("key") else "  ")
                + (strings.FLAG_FAST if row.get("fast") else ""))
    if key == "state":
        return row.get("state_label") or row.get("state") or ""
    if key == "due_on":
        return "" if not value else value[5:] if width < 10 else value
    if key == "days_left":
        return strings.days_left_text(value)
    if key == "color":
        return COLOR_LABELS.get(value, "") if value else ""
    return "" if value is None else str(value)


class ItemList(ScrollView, can_focus=True):
    """The queue rows; line 0 is a header that stays put while the rows scroll."""

    BINDINGS = [
        # no k/j: those letters are 复查 (k) and 并入相似件 (j) in the action registry
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
    ]
    COMPONENT_CLASSES = {"item-list--header", "item-list--cursor", "item-list--selected"}

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Changed(Message):
        """The shown rows or the selection changed (for the status line)."""

        def __init__(self, total: int, shown: int, selected: int, hidden: int = 0) -> None:
            super().__init__()
            self.total, self.shown, self.selected = total, shown, selected
            self.hidden = hidden  # selected, but not in the view: no action includes them

    class Opened(Message):
        """The clerk pressed Enter (or double-clicked) on a row."""

        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index: RowIndex | None = None
        self.more_coming = False  # showing the first screen; the whole list is on its way
        self.shown: list[int] = []
        self.selected: set[tuple] = set()
        self._query = QueueFilter()
        self._ranked: list[int] | None = None  # the database's search for the query's text
        self._columns: list[Column] = []
        self._columns_width = -1
        self._number_width = 4
        self.painted_at: float | None = None  # first paint with rows, for bench/
        self.full_painted_at: float | None = None  # first paint of the whole list, for bench/

    # -- data ------------------------------------------------------------------------------
    def set_rows(self, rows: list[Row] | RowIndex, *, more_coming: bool = False) -> None:
        """Load rows (or a prebuilt index); the current query, cursor row and selection stay.

        `more_coming`: these are the first screen only (its first rows); the rest follow
        with another set_rows, so the selection is not narrowed to them meanwhile."""
        current = self.current_row()
        self.index = rows if isinstance(rows, RowIndex) else RowIndex(rows)
        self.more_coming = more_coming
        if not more_coming:
            self.selected &= set(self.index.where)
        self._widths()
        self._apply(self._query, keep_row=current)

    def patch_rows(self, rows: list[Row]) -> int:
        """Put the rows a write touched in place; the cursor stays at its position on screen
        (the next row moves under it when the cursor's item leaves or moves in the order)."""
        if self.index is None:
            return 0
        changed = self.index.patch(rows)
        if changed:
            self._widths()
            self._apply(self._query, keep_position=True)
        return changed

    def _widths(self) -> None:
        rows = self.index.rows
        top = max((r["number"] for r in rows), default=0)
        self._number_width = max(4, len(str(top)))
        self._columns_width = -1

    def query_rows(self, query: QueueFilter, ranked: list[int] | None = None) -> None:
        """Show the rows `query` keeps, in its order (`ranked`: what the database's search
        found for its text, best first; None: the rows' own text is searched)."""
        # typing one more character only narrows what an in-memory search shows: search within
        # it (the database's search may find more: a longer term also looks in the content)
        within = (self.shown if self.index is not None and query.sort == self._query.sort
                  and ranked is None and query.narrows(self._query) else None)
        self._ranked = ranked
        self._apply(query, within=within, keep_row=self.current_row())

    def _apply(self, query: QueueFilter, *, within: list[int] | None = None,
               keep_row: Row | None = None, keep_position: bool = False) -> None:
        self._query = query
        if self.index is None:
            return
        # the narrowing search re-checks only the text
        self.shown = self.index.search(query, within, text_only=within is not None,
                                       ranked=self._ranked)
        self.virtual_size = Size(0, len(self.shown) + 1)
        position = 0
        if keep_position:
            position = self.cursor  # validate_cursor pulls it back when the list got shorter
        elif keep_row is not None:
            i = self.index.where.get(row_key(keep_row))
            try:
                position = self.shown.index(i) if i is not None else 0
            except ValueError:  # the row is not shown any more
                position = 0
        self.cursor = position
        self.refresh()
        self._post_changed()

    def current_row(self) -> Row | None:
        if self.index is None or not self.shown:
            return None
        return self.index.rows[self.shown[min(self.cursor, len(self.shown) - 1)]]

    def shown_rows(self) -> list[Row]:
        rows = self.index.rows if self.index else []
        return [rows[i] for i in self.shown]

    def selected_rows(self) -> list[Row]:
        """The selected rows the view shows, in its order; the cursor row when nothing is
        selected. Selected rows the view hides stay selected but are never acted on
        (`hidden_selected` says how many)."""
        if not self.selected:
            row = self.current_row()
            return [row] if row else []
        rows = self.index.rows if self.index else []
        return [rows[i] for i in self.shown if row_key(rows[i]) in self.selected]

    def hidden_selected(self) -> int:
        """How many selected rows the current view or search hides."""
        if not self.selected or self.index is None:
            return 0
        shown, where = set(self.shown), self.index.where
        return sum(1 for key in self.selected if where.get(key) not in shown)

    def _post_changed(self) -> None:
        total = len(self.index.rows) if self.index else 0
        hidden = self.hidden_selected()
        self.post_message(self.Changed(total, len(self.shown), len(self.selected) - hidden,
                                       hidden))

    # -- cursor and selection ---------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.shown) - 1)) if self.shown else 0

    def watch_cursor(self, old: int, new: int) -> None:
        rows_visible = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + rows_visible:
            self.scroll_to(y=new - rows_visible + 1, animate=False, immediate=True)
        self.refresh()

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_page(self, step: int) -> None:
        self.cursor += step * max(1, self.scrollable_content_region.height - 2)

    def action_jump(self, position: int) -> None:
        self.cursor = position if position >= 0 else len(self.shown) - 1

    def toggle_select(self) -> None:
        """Select or unselect the cursor row, then move down (as mutt and ranger do)."""
        row = self.current_row()
        if row is None:
            return
        self.selected ^= {row_key(row)}
        self.cursor += 1
        self._post_changed()

    def select_all(self) -> None:
        self.selected |= {row_key(r) for r in self.shown_rows()}
        self.refresh()
        self._post_changed()

    def clear_selection(self) -> None:
        self.selected.clear()
        self.refresh()
        self._post_changed()

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.post_message(self.Opened(row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        self.cursor = int(self.scroll_offset.y) + offset.y - 1
        if event.chain == 2:
            self.open_current()

    # -- drawing ----------------------------------------------------------------------------
    def visible_lines(self) -> list[str]:
        """The text of every line on screen, header first (what tests and bench read)."""
        return [self.render_line(y).text for y in range(self.scrollable_content_region.height)]

    def _layout(self, width: int) -> list[Column]:
        if width != self._columns_width:
            self._columns = layout_columns(width, self._number_width)
            self._columns_width = width
        return self._columns

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        columns = self._layout(width)
        if y == 0:
            kind = self.index.rows[0].get("kind") if self.index is not None and self.index.rows else None
            header = " ".join(fit(_header(c, kind), c.width, c.right) for c in columns)
            style = base + self.get_component_rich_style("item-list--header")
            return Strip([Segment(fit(header, width), style)], width)
        position = int(self.scroll_offset.y) + y - 1
        if position >= len(self.shown):
            note = ("" if y != 1 else strings.LOADING if self.index is None
                    else strings.LOADING_REST if self.more_coming else strings.EMPTY)
            return Strip([Segment(fit(note, width), base)], width)
        if self.painted_at is None:
            self.painted_at = time.perf_counter()
        if self.full_painted_at is None and not self.more_coming:
            self.full_painted_at = time.perf_counter()
        row = self.index.rows[self.shown[position]]
        line_style = base
        if row_key(row) in self.selected:
            line_style += self.get_component_rich_style("item-list--selected")
        if position == self.cursor:
            line_style += self.get_component_rich_style("item-list--cursor")
        return Strip(list(self._segments(row, columns, width, line_style)), width)

    def _segments(self, row: Row, columns: list[Column], width: int, style: Style
                  ) -> Iterable[Segment]:
        used = 0
        flags_shown = any(c.key == "flags" for c in columns)
        for n, column in enumerate(columns):
            if n:
                yield Segment(" ", style)
                used += 1
            if column.key == "mark":
                text = strings.SELECTED_MARK if row_key(row) in self.selected else " "
            elif column.key == "title" and not flags_shown and (row.get("key") or row.get("fast")):
                # narrow layouts have no 标记 column: 重/急 go before the title instead
                prefix = title_flags(row)
                text = fit(prefix + cell_text(row, "title", column.width), column.width)
                if cell_len(prefix) < column.width:
                    yield Segment(text[:len(prefix)], style + _FLAG)
                    yield Segment(text[len(prefix):], style)
                else:
                    yield Segment(text, style)
                used += column.width
                continue
            else:
                text = cell_text(row, column.key, column.width)
            yield Segment(fit(text, column.width, column.right),
                          style + _cell_style(row, column.key))
            used += column.width
        if used < width:
            yield Segment(" " * (width - used), style)


def title_flags(row: Row) -> str:
    """重 and 急 as a title prefix ("重急 ", "急 "), for layouts without the 标记 column."""
    flags = ((strings.FLAG_KEY if row.get("key") else "")
             + (strings.FLAG_FAST if row.get("fast") else ""))
    return flags + " " if flags else ""


def _header(column: Column, kind: str | None = None) -> str:
    text = queue_header(column.key, kind)  # a session's rows share one family of kinds
    return text if cell_len(text) <= column.width else strings.COLUMNS_NARROW.get(column.key, text)


def _cell_style(row: Row, key: str) -> Style:
    if key == "color":
        return {"red": _RED, "yellow": _YELLOW, "white": _WHITE}.get(row.get("color"), Style())
    if key == "days_left" and row.get("days_left") is not None:
        if row["days_left"] < 0:
            return _OVERDUE
        return _SOON if row.get("color") == "yellow" else Style()
    return Style()
