"""Textual's command palette, saying "no matches" in Chinese.

Textual writes its "No matches found" line in `_start_no_matches_countdown` with the English
text inline; this is that method with our string (Textual 8.x; a test shows the Chinese line).
"""
from __future__ import annotations

from docket.tui import strings
from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option


class Palette(CommandPalette):
    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # an empty search is discovery: nothing to say
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(strings.PALETTE_NO_MATCHES, style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
