"""The first screen: the filter bar over the virtual queue list, a status line and the footer.

It routes: filter changes go to the list, Enter to the item screen, handling keys from the
action registry to the forms (tui/screens/forms/), which call the core and dismiss with what
they did; the queue then reloads, keeping its filter, cursor row and selection.
"""
from __future__ import annotations

from docket.tui import actions, strings
from docket.tui.widgets.filter_bar import FilterBar
from docket.tui.widgets.item_list import ItemList, RowIndex
from textual import on, work
from textual.worker import Worker
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static


class QueueScreen(Screen):
    SCOPE = "queue"
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

    def on_mount(self) -> None:
        self.title = strings.QUEUE_TITLE
        self.set_focus(self.items)
        self.load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        """Read and index the rows off the event loop; the screen paints meanwhile."""
        rows = self.app.rows_provider()
        index = RowIndex(rows)
        index.order(self.filters.value.sort)  # sort here, not on the event loop
        units = sorted({u for r in rows
                        for u in (r.get("lead_unit"), *(r.get("support_units") or ())) if u})
        self.app.call_from_thread(self._loaded, index, units)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        message = self.app.worker_failed(event)
        if message and event.worker.group == "load":
            self.query_one("#status", Static).update(message)

    def _loaded(self, index: RowIndex, units: list[str]) -> None:
        self.filters.set_units(units)
        self.items.set_rows(index)  # the list applies the query it was last given

    @on(FilterBar.Changed)
    def _filter_changed(self, event: FilterBar.Changed) -> None:
        value = event.value
        self.items.query_rows(value.text, value.keep(), value.sort)

    @on(ItemList.Changed)
    def _status(self, event: ItemList.Changed) -> None:
        value = self.filters.value
        self.query_one("#status", Static).update(strings.STATUS.format(
            total=event.total, shown=event.shown, selected=event.selected,
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

        self.app.push_screen(ItemScreen(self.app.rt, event.row["number"]), self._item_closed)

    def _item_closed(self, changed: bool | None) -> None:
        if changed:
            self.load()  # the filter, the cursor row and the selection stay

    # -- handling: each opens its form (tui/screens/forms/) ----------------------------------
    def _form(self, form_class, rows: list[dict]) -> None:
        self.app.push_screen(form_class(self.app.rt, [r["number"] for r in rows]),
                             lambda lines: self._done(form_class.ACTION, lines))

    def _done(self, action_id: str, lines: list | None) -> None:
        """Report what the form did, per item when there were several; then reload."""
        if not lines:
            return
        if len(lines) > 1:
            from docket.tui.screens.forms import ReportScreen

            self.app.push_screen(ReportScreen(actions.get(action_id).label, lines))
        else:
            self.notify(lines[0].text, title=strings.DONE_TITLE)
        self.load()

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

        rows = self.items.selected_rows()
        if not rows:
            self.notify(strings.NO_ITEM, severity="warning")
            return
        self._form(AssignForm, rows)

    def _single(self, action_id: str, module: str, name: str) -> None:
        import importlib

        rows = self._one(action_id)
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

    def action_history(self) -> None:
        """The item screen, scrolled to its history."""
        from docket.tui.screens.item import ItemScreen

        row = self.items.current_row()
        if row is None:
            self.notify(strings.NO_ITEM, severity="warning")
            return
        screen = ItemScreen(self.app.rt, row["number"], start="history")
        self.app.push_screen(screen, self._item_closed)

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

        rows = self.items.selected_rows() or []
        self.app.push_screen(DocumentsScreen(kind, numbers=[r["number"] for r in rows]))
