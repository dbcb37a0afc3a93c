"""The on-time rule (domain.md §8 `on_time_rate`, §11 timeliness), written once.

A lead reply or a support opinion is on time when it came on or before its yardstick (the due
date in force, including extensions granted before it). Only facts dated on or before as_of
count; until then the assignment is undecided unless as_of is already past the yardstick. An
assignment ended without a reply (a support unit's 未提供意见, an item closed unreplied) is late
if it ended after the yardstick, or whenever it ended for want of an opinion.

`stats.report` and `unit_facts.gather` both decide with `on_time`. Stdlib only.
"""
from __future__ import annotations

NO_OPINION = "未提供意见"  # the end_reason of a support assignment ended by the lead reply


def on_time(replied_on: str | None, yardstick: str, as_of: str, *,
            ended_on: str | None = None, end_reason: str | None = None) -> bool | None:
    """True on time, False late, None not yet decided on as_of (ISO dates throughout)."""
    if replied_on and replied_on <= as_of:
        return replied_on <= yardstick
    if ended_on and ended_on <= as_of:
        if end_reason == NO_OPINION:
            return False
        return False if ended_on > yardstick else None
    return False if as_of > yardstick else None

