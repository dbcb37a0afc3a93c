"""The status report on domain.md §8's worked dataset; every expected figure is stated by hand."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from docket.core.stats import Rate, report
from docket.store.db import opened
from tests.conftest import ok
from tests.helpers import build_worked_dataset


@pytest.fixture
def worked(office_db: Path) -> Path:
    build_worked_dataset()
    return office_db


def _report(db: Path, as_of: str) -> dict:
    with opened(db) as conn:
        return report(conn, as_of=date.fromisoformat(as_of)).as_json()


def test_worked_dataset_on_07_31(worked: Path) -> None:
    got = _report(worked, "2026-07-31")
    assert got["as_of"] == "2026-07-31"
    assert got["totals"] == {
        "assigned": 8, "replied": 6, "reply_rate": 0.75,
        "on_time_rate": 0.7143,            # 5/7: item 6 late, item 8 undecided
        "overdue": 1, "evaluated": 5,
        "satisfaction_rate": 0.8,          # 4/5 with 基本满意
        "first_satisfaction_rate": 0.6,    # 3/5
        "classes": {"A": 2, "B": 3, "C": 0, "D": 1},
        "solved_rate": 0.3333, "resolution_rate": 0.8333, "completion_rate": 0.5,
        "closed_unreplied": 0,
        "total": 8, "on_time": 5, "on_time_decided": 7, "satisfied": 3, "basic": 1, "dissatisfied": 1,
    }
    assert got["units"] == [
        {"unit": "县水利局", "lead": 3, "support": 0, "replied": 3, "overdue": 0, "on_time_rate": 0.6667,
         "satisfaction_rate": 1.0, "evaluated": 2, "support_on_time_rate": None},
        {"unit": "县农业农村局", "lead": 2, "support": 1, "replied": 2, "overdue": 0, "on_time_rate": 1.0,
         "satisfaction_rate": 0.5, "evaluated": 2, "support_on_time_rate": 1.0},
        {"unit": "县卫生健康局", "lead": 3, "support": 1, "replied": 1, "overdue": 1, "on_time_rate": 0.5,
         "satisfaction_rate": 1.0, "evaluated": 1, "support_on_time_rate": 0.0},
    ]


def test_without_basic_satisfaction_is_0_6(worked: Path) -> None:
    ok("config", "set", "stats.basic_is_satisfied", "false")
    totals = _report(worked, "2026-07-31")["totals"]
    assert (totals["satisfaction_rate"], totals["first_satisfaction_rate"]) == (0.6, 0.4)  # 3/5, 2/5


def test_as_of_reproduces_06_23(worked: Path) -> None:
    """On 06-23 item 3 was already extended (06-10, to 07-20); item 4's 满意 (07-01) not yet given."""
    got = _report(worked, "2026-06-23")
    assert got["totals"] == {
        "assigned": 8, "replied": 3, "reply_rate": 0.375,       # 1, 4, 5
        "on_time_rate": 0.6,                                    # 1, 4, 5 on time; 2 and 6 late
        "overdue": 2, "evaluated": 2,                           # 2 and 6; evaluated 1 and 4
        "satisfaction_rate": 0.5, "first_satisfaction_rate": 0.5,
        "classes": {"A": 1, "B": 1, "C": 0, "D": 1},            # 4's latest is its 06-18 B
        "solved_rate": 0.3333, "resolution_rate": 0.6667, "completion_rate": 0.125,
        "closed_unreplied": 0,
        "total": 8, "on_time": 3, "on_time_decided": 5, "satisfied": 1, "basic": 0, "dissatisfied": 1,
    }
    assert [(u["unit"], u["lead"], u["replied"], u["overdue"], u["on_time_rate"], u["satisfaction_rate"])
            for u in got["units"]] == [("县水利局", 3, 1, 1, 0.5, 1.0), ("县农业农村局", 2, 2, 0, 1.0, 0.0),
                                       ("县卫生健康局", 3, 0, 1, 0.0, None)]


def test_as_of_before_the_extension_uses_the_due_date_then(worked: Path) -> None:
    """On 06-09 item 3's due date was still 06-22; an 06-23 view as it stood then differs from today's."""
    with opened(worked) as conn:
        rep = report(conn, as_of=date(2026, 6, 9))
    assert (rep.assigned, rep.replied, rep.overdue, rep.on_time) == (8, 2, 0, Rate(2, 2))


def test_empty_session_gives_null_rates(office_db: Path) -> None:
    totals = _report(office_db, "2026-03-20")["totals"]
    assert [totals[k] for k in ("assigned", "reply_rate", "on_time_rate", "satisfaction_rate",
                                "completion_rate")] == [0, None, None, None, None]


@pytest.mark.parametrize(("num", "den", "value"), [(5, 7, 0.7143), (1, 8, 0.125), (2, 3, 0.6667),
                                                   (1, 3, 0.3333), (1, 20000, 0.0001), (0, 4, 0.0),
                                                   (3, 0, None)])
def test_rates_round_half_up(num: int, den: int, value: float | None) -> None:
    assert Rate(num, den).value == value
