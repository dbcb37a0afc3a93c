"""审核: accept (立案), merge into another item (并案), convert to a letter (转来信), withdraw
(撤案), or, for a 议案, handle as a suggestion. `core.intake.review` takes no version, so the
stale-view check runs first inside the same write transaction."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Select

from docket.tui import strings
from docket.tui.screens.forms import ActionForm, FormInput, Line

if TYPE_CHECKING:
    import sqlite3

CHOICES = ("accept", "merge", "convert", "withdraw", "as_kind")


class ReviewForm(ActionForm):
    ACTION = "review"

    def fields(self) -> ComposeResult:
        from docket.core.lifecycle import ACTION_LABELS

        yield from self.row(strings.F_REVIEW, Select(
            [(ACTION_LABELS[a], a) for a in CHOICES], id="choice", value="accept",
            allow_blank=False, compact=True))
        yield from self.row(strings.F_MERGE_INTO, FormInput(id="merge_into", compact=True,
                                                            placeholder=strings.P_NUMBER))
        yield from self.row(strings.F_REASON, FormInput(id="reason", compact=True))

    def prepare(self) -> None:
        from docket.core.lifecycle import ACTION_LABELS, allowed

        item = self.ctx.item
        offered = [a for a in CHOICES if allowed(a, item["state"])
                   and (a != "as_kind" or item["kind"] == "motion")]
        select = self.query_one("#choice", Select)
        select.set_options([(ACTION_LABELS[a], a) for a in offered or ["accept"]])
        select.value = (offered or ["accept"])[0]
        select.focus()

    def problems(self) -> dict[str, str]:
        from docket.core import messages as msg
        from docket.core.lifecycle import ACTION_LABELS

        choice = self.choice("choice")
        merge = self.query_one("#merge_into", FormInput)
        merge.parent.display = choice == "merge"
        found: dict[str, str] = {}
        if choice == "merge":
            text = self.text("merge_into")
            if not text.isdigit():
                found["merge_into"] = msg.MERGE_NUMBER
            elif int(text) == self.ctx.item["number"]:
                found["merge_into"] = msg.MERGE_SELF.format(number=int(text))
        if choice in ("convert", "withdraw") and not self.text("reason"):
            found["reason"] = msg.REASON_REQUIRED.format(action=ACTION_LABELS[choice])
        return found

    def perform(self, conn: sqlite3.Connection) -> list[Line]:
        from docket.core.intake import review
        from docket.core.records import state_label

        item = self.ctx.item
        choice = self.choice("choice")
        done = review(conn, item["number"], action=choice, actor=self.rt.actor,
                      today=self.rt.today, reason=self.text("reason") or None,
                      merge_into=int(self.text("merge_into")) if choice == "merge" else None,
                      as_kind="suggestion" if choice == "as_kind" else None,
                      session=self.rt.session, expect_version=self.version(item))
        return [Line(item["number"], True, strings.REVIEWED.format(
            number=item["number"], state=state_label(done["state"], item["kind"])))]
