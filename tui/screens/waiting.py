"""Replies waiting for review and extension requests waiting for a decision (issue 18): what the
units sent back in their 办理情况反馈表, as `docket reply review` and `docket extend --approve`
decide them. `a` accepts the highlighted reply (or approves the highlighted request); returning a
reply or refusing a request needs a reason and is done on the command line.
"""
from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.binding import Binding

from docket.tui import actions, strings
from docket.tui.screens.ranked import RankedScreen


class WaitingScreen(RankedScreen):
    SCOPE = "waiting"
    DETAIL = "detail"
    HEADING = strings.WAITING_TITLE
    BINDINGS: ClassVar[list[Binding]] = actions.bindings("waiting")

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[dict] = []

    def start(self) -> None:
        self.dim(strings.WAITING_LOADING)
        self.call_after_refresh(self.load, None)

    def action_reload(self) -> None:
        self.load(None)

    def fetch(self, _which) -> tuple[list[dict], int, int]:
        from docket.core.reply_review import waiting
        from docket.store.db import opened

        rt = self.app.rt
        with opened(rt.db_path) as conn:
            found = waiting(conn, rt.session)
        entries = ([{**r, "kind": strings.WAITING_REPLY, "what": r["class"], "type": "reply"}
                    for r in found["replies"]]
                   + [{**e, "kind": strings.WAITING_EXTENSION, "what": e["until"], "on": e["due_on"],
                       "type": "extension"} for e in found["extensions"]])
        return entries, len(found["replies"]), len(found["extensions"])

    def show(self, entries: list[dict], replies: int, extensions: int) -> None:
        self.entries = entries
        grid = self.grid
        grid.clear(columns=True)
        if not entries:
            self.dim(strings.WAITING_EMPTY)
            self.detail.update("")
            return
        self.headline.update(strings.WAITING_HEADLINE.format(replies=replies, extensions=extensions))
        for n, e in enumerate(entries):
            e["key"] = str(n)
        self.fill(entries, strings.WAITING_HEADS, ("kind", "number", "unit", "what"), "key")
        grid.move_cursor(row=0)
        self.show_detail(0)
        grid.focus()

    def show_detail(self, index: int) -> None:
        if not 0 <= index < len(self.entries):
            return
        e = self.entries[index]
        if e["type"] == "reply":
            text = strings.WAITING_REPLY_DETAIL.format(number=e["number"], unit=e["unit"], on=e["on"],
                                                       cls=e["class"], doc_no=e["doc_no"] or "",
                                                       summary=e["summary"] or "")
        else:
            text = strings.WAITING_EXTENSION_DETAIL.format(**e)
        from docket.core.text import strip_controls

        self.detail.update(strip_controls(text))

    def action_accept(self) -> None:
        if self.entries:
            self.decide(self.entries[self.grid.cursor_row])

    @work(thread=True, exclusive=True, group="write", exit_on_error=False)
    def decide(self, e: dict) -> None:
        from docket.core.reply_review import decide_extension, review
        from docket.store.db import opened

        rt = self.app.rt
        with opened(rt.db_path) as conn:
            if e["type"] == "reply":
                review(conn, e["number"], accept=True, actor=rt.actor, today=rt.today, session=rt.session)
                note = strings.WAITING_ACCEPTED.format(number=e["number"], unit=e["unit"])
            else:
                decide_extension(conn, e["number"], approve=True, unit=e["unit"], actor=rt.actor,
                                 today=rt.today, session=rt.session)
                note = strings.WAITING_APPROVED.format(number=e["number"], unit=e["unit"], until=e["until"])
        self.app.call_from_thread(self.app.notify, note, timeout=strings.DONE_SECONDS)
        self.app.call_from_thread(self.load, None)
