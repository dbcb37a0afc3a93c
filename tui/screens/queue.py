"""The first screen: the filter bar over the virtual queue list, a status line and the footer.

It routes: filter changes go to the list, keys from the action registry go to forms (or, while
a form is not built yet, to a note naming the command that does the same).
"""
from __future__ import annotations

from docket.tui import actions, strings
from docket.tui.widgets.filter_bar import FilterBar
from docket.tui.widgets.item_list import ItemList, RowIndex
from textual import on, work
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
        self._pending("open", [event.row])  # the item screen comes next

    # -- handling: each opens its form once built -------------------------------------------
    def action_add(self) -> None:
        self._pending("add", [])

    def action_review(self) -> None:
        self._pending("review")

    def action_assign(self) -> None:
        self._pending("assign")

    def action_return(self) -> None:
        self._pending("return")

    def action_extend(self) -> None:
        self._pending("extend")

    def action_reply(self) -> None:
        self._pending("reply")

    def action_evaluate(self) -> None:
        self._pending("evaluate")

    def action_close(self) -> None:
        self._pending("close")

    def action_history(self) -> None:
        self._pending("history")

    def action_notice(self) -> None:
        self._pending("notice")

    def action_remind(self) -> None:
        self._pending("remind", [])

    def action_form(self) -> None:
        self._pending("form")

    def action_brief(self) -> None:
        self._pending("brief", [])

    def _pending(self, action_id: str, rows: list[dict] | None = None) -> None:
        """Say which command does this until the form exists; name the items it would act on."""
        action = actions.get(action_id)
        rows = self.items.selected_rows() if rows is None else rows
        if rows is None or (action_id not in ("add", "remind", "brief") and not rows):
            self.notify(strings.NO_ITEM, severity="warning")
            return
        numbers = " ".join(str(r["number"]) for r in rows[:20])
        command = f"{action.command} {numbers}".strip()
        self.notify(strings.PENDING_ACTION.format(label=action.label, command=command),
                    title=action.label)
