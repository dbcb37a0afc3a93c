"""How figures are printed: one rule for reports, the TUI and documents. Stdlib only."""
from __future__ import annotations

from fractions import Fraction
from math import floor

# The highest item number docket accepts (编号 column, --number, plans). A county's session has
# hundreds of items; a number past this is an ID-card or phone number typed in the wrong column,
# and would make every later number continue from it.
MAX_ITEM_NUMBER = 999_999


def half_up(x: Fraction | int, scale: int) -> int:
    """x * scale rounded half up, on the exact value: half_up(Fraction(1, 8), 100) == 13.
    (Python's round() goes half-even, and on a float.)"""
    return floor(Fraction(x) * scale + Fraction(1, 2))


def round_half_up(x: Fraction | int, places: int) -> float:
    """x half up to `places` decimals, for output only: round_half_up(Fraction(1, 8), 2) == 0.13."""
    scale = 10 ** places
    return half_up(x, scale) / scale


def percent(rate: Fraction | float | None) -> str:
    """92.5%: one decimal, half up on the exact fraction; 100% only when exactly 1; — for None."""
    if rate is None:
        return "—"
    rate = Fraction(rate)
    if rate >= 1:
        return "100%"
    tenths = half_up(rate, 1000)
    # 99.96% is not "all": a clerk would not write 100% for it
    tenths = min(tenths, 999)
    return f"{tenths // 10}.{tenths % 10}%"
