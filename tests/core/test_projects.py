"""The adoption rule of livelihood projects (domain.md §13) as a plain function."""
from __future__ import annotations

from fractions import Fraction

import pytest

from docket.core.projects import Count, decide, parse_entry, threshold_votes


def _decide(yes: list[int], places: int, need: int, tie: str = "revote") -> list[tuple]:
    counts = [Count(k, y, 0, 0) for k, y in enumerate(yes, 1)]
    return [(d.number, d.rank, d.result) for d in decide(counts, places=places, need=Fraction(need), tie=tie)]


def test_threshold_is_base_times_share() -> None:
    kw = {"members": 100, "present": 90, "valid": 88}
    assert [threshold_votes(Fraction(1, 2), b, **kw) for b in ("all", "present", "valid")] == [50, 45, 44]
    assert threshold_votes(Fraction(2, 3), "all", **kw) == Fraction(200, 3)


def test_exactly_the_threshold_does_not_pass() -> None:
    assert _decide([50, 51], 2, 50) == [(1, None, "not_adopted"), (2, 1, "adopted")]


def test_a_tie_that_fits_the_places_is_adopted() -> None:
    assert _decide([80, 60, 60, 40], 3, 45) == [(1, 1, "adopted"), (2, 2, "adopted"), (3, 2, "adopted"),
                                                (4, None, "not_adopted")]


def test_a_tie_over_the_last_place_by_order_keeps_list_order() -> None:
    # ranked by 赞成 first (4 before 2), then list order inside the tie
    assert _decide([60, 50, 50, 70, 50], 3, 10, "order") == [
        (1, 2, "adopted"), (2, 3, "adopted"), (3, 3, "not_adopted"), (4, 1, "adopted"), (5, 3, "not_adopted")]
    assert _decide([60, 50, 50, 70, 50], 3, 10, "revote") == [
        (1, 2, "adopted"), (2, 3, "revote"), (3, 3, "revote"), (4, 1, "adopted"), (5, 3, "revote")]


def test_no_places_left_adopts_nothing() -> None:
    assert _decide([80, 70], 0, 10) == [(1, 1, "not_adopted"), (2, 2, "not_adopted")]


@pytest.mark.parametrize("text,parsed", [("3=80/6/2", (3, 80, 6, 2)), ("１２＝４０／３／０", (12, 40, 3, 0))])
def test_entries(text, parsed) -> None:
    c = parse_entry(text)
    assert (c.number, c.yes, c.no, c.abstain) == parsed
