"""Option values parsed as data (a bad date is exit 1 with a Chinese message, not a usage error)."""
from __future__ import annotations

from datetime import date

import click

from docket.core.dates import parse_date


def day(text: str | None, field: str, default: date | None = None) -> date | None:
    return parse_date(text, field=field) if text else default


def yes_no(text: str | None, field: str) -> bool | None:
    from docket.core import messages as msg
    from docket.core.errors import BadInput

    if text is None:
        return None
    t = text.strip().lower()
    if t in ("yes", "y", "是", "true", "1"):
        return True
    if t in ("no", "n", "否", "false", "0"):
        return False
    raise BadInput(msg.BAD_YESNO.format(field=field))


class Positive(click.ParamType):
    """A count or an item number given as an option's value. A bad one is a data error (exit 1,
    contract §1), so this raises BadInput rather than Click's usage error (exit 2)."""

    name = "integer"

    def __init__(self, field: str) -> None:
        self.field = field

    def convert(self, value, param, ctx) -> int:
        import unicodedata

        from docket.core.errors import BadInput

        if isinstance(value, int) and value >= 1:
            return value
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if text.isdigit() and int(text) >= 1:
            return int(text)
        raise BadInput(f"{self.field}：“{value}”应为正整数")


# For a command whose positional value may start with "-" (`config set score.min_items -1`,
# `calendar due 2026-03-20 -3个月`): Click would read it as an unknown option (a usage error, exit 2);
# with this it reaches docket's own validation and its Chinese message (exit 1). Options need
# nothing: Click takes the next word as an option's value whatever it starts with.
DASH_VALUES = {"ignore_unknown_options": True}
