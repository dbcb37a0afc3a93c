"""The figures of scoring: exact values from what a person typed, years, half-up output with two
decimals, ranks and grade bands (domain.md §11). Values are exact `Fraction`s; rounding happens
only on output."""
from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from docket.core.errors import BadInput
from docket.core.numbers import round_half_up


def exact(value: Any) -> Fraction:
    """A decimal as written (81.5 stays 163/2, not the float's binary neighbour)."""
    return value if isinstance(value, Fraction) else Fraction(str(value))


# A figure typed by a person: a plain decimal, optionally with a small exponent. 1e400, inf,
# nan or a 400-digit weight is a slip, not a figure (and Fraction("1e999999999") would hang).
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?")
NUMBER_CAP = 10**6
YEARS = (2000, 2100)
BAD_NUMBER = "{what}“{text}”不是有效数字"
YEAR_RANGE = "年度“{year}”不在{lo}–{hi}之间，请写四位年份，例如 2026"


class Absurd(ValueError):
    """A number as written that nobody means: not finite, or beyond NUMBER_CAP."""


def shown(value: Any, cap: int = 20) -> str:
    """What the user typed, cut short for a message."""
    text = str(value).strip()
    return text if len(text) <= cap else text[:cap] + "…"


def parse_number(value: Any) -> Fraction:
    """A weight, score or band typed by a person, exactly. ValueError if it is not a number,
    Absurd (a ValueError) if it is not finite or its size is beyond NUMBER_CAP; TypeError for a
    yes/no."""
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, Fraction):
        x = value
    elif isinstance(value, int):
        if abs(value) > NUMBER_CAP:
            raise Absurd(value)
        x = Fraction(value)
    else:
        text = str(value).strip()
        m = _DECIMAL.fullmatch(text)
        if m is None:
            if text.lower().lstrip("+-") in ("inf", "infinity", "nan"):
                raise Absurd(text)
            raise ValueError(text)
        if m.group(1) is not None and abs(int(m.group(1))) > 30:
            raise Absurd(text)
        if len(text) > 40:  # 400 digits without an exponent
            raise Absurd(text)
        x = Fraction(text)
    if abs(x) > NUMBER_CAP:
        raise Absurd(value)
    return x


def check_year(year: int) -> int:
    """A scoring year between 2000 and 2100 (a typo like 0 or 20266 is refused, not guessed)."""
    lo, hi = YEARS
    if not lo <= year <= hi:
        raise BadInput(YEAR_RANGE.format(year=shown(year), lo=lo, hi=hi))
    return year


def round2(x: Fraction | None) -> float | None:
    """Half up to 2 places, for output only."""
    if x is None:
        return None
    return round_half_up(x, 2)


def score_text(x: Fraction | float | None) -> str:
    """81.00 / — : two decimals for tables and documents."""
    if x is None:
        return "—"
    return f"{round2(exact(x)) if isinstance(x, Fraction) else x:.2f}"


def ranks(scores: list[Fraction | None]) -> list[int | None]:
    """Competition ranks on exact scores: ties share, the next rank skips (1, 2, 2, 4)."""
    ranked = [s for s in scores if s is not None]
    return [None if s is None else 1 + sum(1 for o in ranked if o > s) for s in scores]


def grade(score: Fraction | None, bands: tuple[tuple[str, Fraction], ...]) -> str | None:
    if score is None:
        return None
    for label, floor_ in bands:
        if score >= floor_:
            return label
    return None
