"""The one place that reads the environment and the clock: database path, actor, today."""
from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from docket.core.dates import SHANGHAI, parse_date


def default_data_dir() -> Path:
    try:
        from platformdirs import user_data_path
        return Path(user_data_path("docket", appauthor=False))
    except ImportError:  # platformdirs is a dependency; this only guards odd installs
        return Path.home() / ".local" / "share" / "docket"


def default_db() -> Path:
    return default_data_dir() / "docket.db"


def demo_db() -> Path:
    return default_data_dir() / "demo.db"


def today_from_env() -> date:
    text = os.environ.get("DOCKET_TODAY")
    if text:
        return parse_date(text, field="DOCKET_TODAY")
    return datetime.now(SHANGHAI).date()


def actor_from_env(by: str | None = None) -> str:
    if by:
        return by
    env = os.environ.get("DOCKET_USER")
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


@dataclass(frozen=True, slots=True)
class Runtime:
    db_path: Path
    actor: str
    today: date
    session: str | None = None

    def with_today(self, day: date | None) -> "Runtime":
        return replace(self, today=day) if day else self


def build(db: str | Path | None, by: str | None = None, session: str | None = None) -> Runtime:
    path = Path(db) if db else Path(os.environ.get("DOCKET_DB") or default_db())
    return Runtime(db_path=path.expanduser(), actor=actor_from_env(by), today=today_from_env(),
                   session=session)
