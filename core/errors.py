"""The one error type the user can fix, raised in the core and rendered once at each edge.

Stdlib only: every layer imports this.
"""
from __future__ import annotations

from collections.abc import Mapping


class DocketError(Exception):
    """Something the user can fix; a Chinese message naming the item, row or field."""

    def __init__(self, message: str, details: list[str] | None = None, *, hint: str | None = None,
                 hint_args: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details or [])
        # what to do next, by key: each front end words it its own way (the CLI names a flag or a
        # command, the TUI a form field or a key), from its one table (`render`)
        self.hint = hint
        self.hint_args = dict(hint_args or {})

    def __str__(self) -> str:
        return "\n".join([self.message, *self.details])

    def render(self, hints: Mapping[str, str]) -> str:
        """The message with a front end's wording of the hint: appended to the message, or as
        the last line when the wording starts with a newline."""
        extra = hints.get(self.hint, "").format(**self.hint_args) if self.hint else ""
        if extra.startswith("\n"):
            return str(self) + extra
        return "\n".join([self.message + extra, *self.details])


class NotFound(DocketError):
    """An item, unit, session or file that does not exist."""


class BadInput(DocketError):
    """A value that cannot be used: a date, a duration, a setting, a spreadsheet row."""


class IllegalTransition(DocketError):
    """An action the item's state does not allow."""


class Conflict(DocketError):
    """Someone else changed the data first, or the database is busy."""
