"""The first screen: the filter bar over the virtual queue list, a status line and the footer.

It routes: filter changes go to the list, Enter to the item screen, handling keys from the
action registry to the forms (tui/screens/forms/), which call the core and dismiss with what
they did.

Loading (tui/source.py): the first rows of the open view and sort paint first (one LIMIT query,
~30 ms even on 50,000 items, urgent or not), then the whole list is read in the same worker and swapped in keeping the filter, the cursor
item and the selection. After a write only the rows it touched are read again and patched in
place; the cursor keeps its position on screen, so the clerk goes on with the next row.
"""
from __future__ import annotations

import threading
from collections.abc import Iterable

from docket.tui import actions, strings
from docket.tui.source import FIRST_ROWS
from docket.tui.widgets.filter_bar import FilterBar
from docket.tui.widgets.item_list import ItemList, RowIndex
from textual import on, work
from textual.worker import Worker, get_current_worker
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static


class QueueScreen(Screen):
    SCOPE = "queue"
    # how often the event log is checked for writes made elsewhere (None: never; tests)
    POLL_SECONDS: float | None = 5.0
    BINDINGS = [
        *actions.bindings("queue"),
        # Enter or ↓ in the search box goes to the list at once (a priority binding runs before
        # the next key is dispatched; Input.Submitted would arrive after a fast typist's next key)
        Binding("enter,down", "leave_search", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterBar(id="filters")
        yield ItemList(id="items")
        yield Static(strings.LOADING, id="status")
        yield Footer()

    @property
    def items(self) -> ItemList:
        return self.query_one(ItemList)

    @property
    def filters(self) -> FilterBar:
        return self.query_one(FilterBar)

    def __init__(self) -> None:
        super().__init__()
        self.partial = False  # showing only the first rows; the rest are loading
        self.mark: int | None = None  # newest event seen by the listing shown (tui/source.py)
        self.units: set[str] = set()
        self._stale = False  # a write was refreshed while the whole list was loading

    def on_mount(self) -> None:
        self.title = strings.QUEUE_TITLE
        self.set_focus(self.items)
        self.load()
        if self.POLL_SECONDS:
            self.set_interval(self.POLL_SECONDS, self.poll)

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def poll(self) -> None:
        """Writes made elsewhere (a shell `docket assign`, another clerk) appear without F5:
        one look at the newest event id; only when it moved are the changed rows read."""
        if self.mark is None or self.partial:
            return  # the whole list is still loading: it brings them
        newest = self.app.source.newest()
        if newest is not None and newest > self.mark:
            self.app.call_from_thread(self.refresh_rows, ())

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        """Read and index the rows off the event loop; the screen paints meanwhile.

        On the first load the first rows of the open view and sort come first: they are drawn
        before the long read of the whole session starts (which would otherwise share the
        interpreter with the drawing)."""
        source = self.app.source
        worker = get_current_worker()
        value = self.filters.value
        sort = value.sort
        if self.items.index is None:
            first = source.first(FIRST_ROWS, sort, value.states())
            if first is not None and not worker.is_cancelled:
                painted = threading.Event()
                self.app.call_from_thread(self._loaded, _index(first, sort), units_of(first),
                                          None, painted)
                painted.wait(1.0)
        rows, mark = source.everything()
        index, units = _index(rows, sort), units_of(rows)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, index, units, mark)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        message = self.app.worker_failed(event)
        if message and event.worker.group in ("load", "refresh"):
            self.query_one("#status", Static).update(message)

    def _loaded(self, index: RowIndex, units: set[str], mark: int | None,
                painted: threading.Event | None = None) -> None:
        """A listing arrived: the first screen (`painted` given) or the whole list."""
        self.partial = painted is not None
        self._set_units(units)
        self.items.set_rows(index, more_coming=self.partial)  # the list keeps its query
        if painted is not None:
            self.call_after_refresh(painted.set)
            return
        self.mark = mark
        if self._stale:  # rows written while this listing was read: read them again
            self._stale = False
            self.refresh_rows(())

    def _set_units(self, units: Iterable[str]) -> None:
        self.units = set(units)
        self.filters.set_units(sorted(self.units))

    @work(thread=True, group="refresh", exit_on_error=False)
    def refresh_rows(self, numbers: Iterable[int]) -> None:
        """Read again only the rows a write touched (and any changed since the last read)."""
        numbers = list(numbers)
        rows, mark = self.app.source.changed(self.mark, numbers)
        self.app.call_from_thread(self._patched, rows, mark)

    def _patched(self, rows: list[dict], mark: int | None) -> None:
        if self.items.index is None or self.partial:
            self._stale = True  # the whole list is still on its way; patch it when it comes
        if self.items.index is None:
            return
        self.items.patch_rows(rows)
        if mark is not None and not self.partial:
            self.mark = max(mark, self.mark or 0)
        new_units = units_of(rows) - self.units
        if new_units:
            self._set_units(self.units | new_units)

    @on(FilterBar.Changed)
    def _filter_changed(self, event: FilterBar.Changed) -> None:
        value = event.value
        # the text is searched by the database (core/search.py, as `docket list --search`)
        ranked = self.app.source.search(value.text) if value.needle() else None
        self.items.query_rows(value, ranked)

    @on(ItemList.Changed)
    def _status(self, event: ItemList.Changed) -> None:
        value = self.filters.value
        line = strings.STATUS_PARTIAL if self.partial else strings.STATUS
        hidden = strings.STATUS_HIDDEN.format(hidden=event.hidden) if event.hidden else ""
        self.query_one("#status", Static).update(line.format(
            total=event.total, shown=event.shown, selected=event.selected, hidden=hidden,
            view=strings.VIEW_LABELS[value.view], sort=strings.SORT_LABELS[value.sort]))

    def action_leave_search(self) -> None:
        if not isinstance(self.focused, Input):
            raise SkipAction()
        self.set_focus(self.items)

    # -- finding ---------------------------------------------------------------------------
    def action_search(self) -> None:
        self.filters.focus_search()

    def action_toggle_sort(self) -> None:
        self.filters.toggle_sort()

    def action_set_view(self, view: str) -> None:
        self.filters.set_view(view)

    def action_toggle_select(self) -> None:
        self.items.toggle_select()

    def action_select_all(self) -> None:
        self.items.select_all()

    def action_clear_selection(self) -> None:
        if isinstance(self.focused, Input):  # Esc leaves the search box, keeps the selection
            self.set_focus(self.items)
        else:
            self.items.clear_selection()

    def action_open(self) -> None:
        self.items.open_current()

    def action_refresh(self) -> None:
        self.load()

    @on(ItemList.Opened)
    def _opened(self, event: ItemList.Opened) -> None:
        from docket.tui.screens.item import ItemScreen

        number = event.row["number"]
        self.app.push_screen(ItemScreen(self.app.rt, number),
                             lambda changed: self._item_closed(changed, number))

    def _item_closed(self, changed: bool | None, number: int | None = None) -> None:
        # cheap (one row, plus whatever else changed since): also catches another clerk's edit
        self.refresh_rows([number] if number is not None else [])

    # -- handling: each opens its form (tui/screens/forms/) ----------------------------------
    def _form(self, form_class, rows: list[dict], bulk: bool = False) -> None:
        numbers = [r["number"] for r in rows]
        # a stale edit reloads the form; the rows behind it are read again too
        form = form_class(self.app.rt, numbers, reloaded=lambda: self.refresh_rows(numbers))
        self.app.push_screen(form, lambda lines: self._done(form_class.ACTION, lines, bulk))

    def _done(self, action_id: str, lines: list | None, bulk: bool = False) -> None:
        """Report what the form did, per item when there were several; then read again the
        rows it touched (the filter and the cursor position stay). A bulk action used the
        selection up: it is cleared, so the next action cannot include those items again."""
        if not lines:
            return
        if bulk:
            self.items.clear_selection()
        if len(lines) > 1:
            from docket.tui.screens.forms import ReportScreen

            self.app.push_screen(ReportScreen(actions.get(action_id).label, lines))
        else:
            # one short toast without a title line: it covers less, and not for long
            self.notify(lines[0].text, timeout=strings.DONE_SECONDS)
        self.refresh_rows([x.number for x in lines if x.number is not None])

    def _one(self, action_id: str) -> list[dict] | None:
        """The item a single-item action works on: the cursor row."""
        row = self.items.current_row()
        if row is None:
            self.notify(strings.NO_ITEM, severity="warning")
            return None
        if len(self.items.selected) > 1:
            self.notify(strings.ONE_AT_A_TIME.format(label=actions.get(action_id).label,
                                                     number=row["number"]))
        return [row]

    def action_add(self) -> None:
        from docket.tui.screens.forms.add import AddForm
        self._form(AddForm, [])

    def action_assign(self) -> None:
        """Bulk: every selected item (or the cursor row), each assigned on its own."""
        from docket.tui.screens.forms.assign import AssignForm

        rows = self.chosen_rows()
        if not rows:
            self.notify(strings.NO_ITEM, severity="warning")
            return
        self._form(AssignForm, rows, bulk=True)

    def chosen_rows(self) -> list[dict]:
        """What a bulk action works on: the selected rows the view shows (the cursor row when
        nothing is selected). Selected rows the view hides are left out, and the clerk is
        told so."""
        hidden = self.items.hidden_selected()
        if hidden:
            self.notify(strings.SELECTED_HIDDEN.format(hidden=hidden), severity="warning")
        return self.items.selected_rows()

    def _single(self, action_id: str, module: str, name: str) -> None:
        import importlib

        from docket.tui.screens.forms import refusal

        rows = self._one(action_id)
        if rows and (why := refusal(action_id, rows[0])):
            self.notify(why, severity="warning")
            return
        if rows:
            form_class = getattr(importlib.import_module(f"docket.tui.screens.forms.{module}"),
                                 name)
            self._form(form_class, rows)

    def action_review(self) -> None:
        self._single("review", "review", "ReviewForm")

    def action_return(self) -> None:
        self._single("return", "return_", "ReturnForm")

    def action_extend(self) -> None:
        self._single("extend", "extend", "ExtendForm")

    def action_reply(self) -> None:
        self._single("reply", "reply", "ReplyForm")

    def action_evaluate(self) -> None:
        self._single("evaluate", "evaluate", "EvaluateForm")

    def action_close(self) -> None:
        self._single("close", "close", "CloseForm")

    # -- rectification rounds (domain.md §12) ---------------------------------------------------
    def action_switch_round(self) -> None:
        """w: the proposals' queue, then each rectification round, then each 民生实事 round (its
        candidates and projects), then back: every session the queue shows."""
        from dataclasses import replace

        from docket.core import projects, rectify
        from docket.store.db import opened
        from docket.tui.source import DbSource

        app = self.app
        with opened(app.rt.db_path) as conn:
            kinds: dict[str | None, str | None] = {
                None: None, **dict.fromkeys(rectify.round_names(conn), "rectification"),
                **dict.fromkeys(projects.round_names(conn), "project")}
        if len(kinds) == 1:
            self.notify(strings.NO_ROUNDS, severity="warning")
            return
        names = list(kinds)
        current = app.rt.session if app.rt.session in kinds else None
        nxt = names[(names.index(current) + 1) % len(names)]
        app.rt = replace(app.rt, session=nxt)
        if isinstance(app.source, DbSource):
            app.source = DbSource(app.rt)
        self.title = strings.ROUND_TITLES[kinds[nxt]].format(round=nxt) if nxt else strings.QUEUE_TITLE
        self.items.clear_selection()
        self.mark = None
        self.load()
        self.notify(strings.ROUND_SWITCHED.format(what=self.title if nxt else strings.ROUND_PROPOSALS),
                    timeout=strings.DONE_SECONDS)

    def _rectify(self, action_id: str, name: str) -> None:
        rows = self._one(action_id)
        if rows and rows[0].get("kind") == "project":  # a 民生实事 round (w): u is its progress
            from docket.tui.screens.forms.projects import project_form

            form, why = project_form(self.app.rt, rows[0]["number"], name)
            if why:
                self.notify(why, severity="warning")
            else:
                self.app.push_screen(form, lambda lines: self._done(form.ACTION, lines))
            return
        if rows and rows[0].get("kind") != "rectification":
            self.notify(strings.NOT_RECTIFICATION.format(number=rows[0]["number"]), severity="warning")
            return
        if rows:
            from docket.tui.screens.forms import rectify

            self._form(getattr(rectify, name), rows)

    def action_rectify_plan(self) -> None:
        self._rectify("rectify_plan", "PlanForm")

    def action_rectify_progress(self) -> None:
        self._rectify("rectify_progress", "ProgressForm")

    def action_rectify_check(self) -> None:
        self._rectify("rectify_check", "CheckForm")

    def action_history(self) -> None:
        """The item screen, scrolled to its history."""
        from docket.tui.screens.item import ItemScreen

        row = self.items.current_row()
        if row is None:
            self.notify(strings.NO_ITEM, severity="warning")
            return
        number = row["number"]
        screen = ItemScreen(self.app.rt, number, start="history")
        self.app.push_screen(screen, lambda changed: self._item_closed(changed, number))

    def action_notice(self) -> None:
        self._documents("notice")

    def action_remind(self) -> None:
        self._documents("remind")

    def action_form(self) -> None:
        self._documents("form")

    def action_brief(self) -> None:
        self._documents("brief")

    def _documents(self, kind: str) -> None:
        """The documents screen for one kind, on the selected items (none: the defaults)."""
        from docket.tui.screens.documents import DocumentsScreen

        rows = self.chosen_rows() or []
        self.app.push_screen(DocumentsScreen(kind, numbers=[r["number"] for r in rows]))


def units_of(rows: Iterable[dict]) -> set[str]:
    """The units holding a live assignment of the rows (what the unit filter offers and
    looks at, as `docket list --unit`)."""
    from docket.core.queue_filter import row_units

    return {u for r in rows for u in row_units(r)}


def _index(rows: list[dict], sort: str) -> RowIndex:
    """Index and sort off the event loop (called in the load worker)."""
    index = RowIndex(rows)
    index.order(sort)
    return index
