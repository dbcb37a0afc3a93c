"""The one error type the user can fix, raised in the core and rendered once at each edge.

Stdlib only: every layer imports this.
"""
from __future__ import annotations


class DocketError(Exception):
    """Something the user can fix; a Chinese message naming the item, row or field."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details or [])

    def __str__(self) -> str:
        return "\n".join([self.message, *self.details])


class NotFound(DocketError):
    """An item, unit, session or file that does not exist."""


class BadInput(DocketError):
    """A value that cannot be used: a date, a duration, a setting, a spreadsheet row."""


class IllegalTransition(DocketError):
    """An action the item's state does not allow."""


class Conflict(DocketError):
    """Someone else changed the data first, or the database is busy."""
