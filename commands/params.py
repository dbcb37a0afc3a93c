"""Option values parsed as data (a bad date is exit 1 with a Chinese message, not a usage error)."""
from __future__ import annotations

from datetime import date

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
