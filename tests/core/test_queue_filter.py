"""QueueFilter (core/queue_filter.py): the one filter, search and sort of the queue."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from docket.core.errors import BadInput
from docket.core.queue import LIST_KEYS, list_items
from docket.core.queue_filter import QueueFilter
from docket.store.db import opened
from tests.conftest import ok


def row(number, title="关于路灯的建议", proposer="张伟", state="assigned", due=None, color=None,
        key=False, fast=False, lead=None, support=(), units=None, co=()):
    out = {"number": number, "title": title, "proposer": proposer, "co_proposers": list(co),
           "state": state, "due_on": due, "color": color, "key": key, "fast": fast,
           "lead_unit": lead, "support_units": list(support)}
    if units is not None:
        out["units"] = tuple(units)
    return out


def test_search_looks_in_title_and_proposer_and_matches_a_number_whole() -> None:
    rows = [row(1, proposer="Wang Li"), row(12, title="关于学校的建议", co=["路明"]),
            row(112, title="关于第12号路口的建议")]

    def kept(text):
        return [r["number"] for r in rows if QueueFilter(text=text).matches(r)]
    assert kept("路") == [1, 112]  # not 12, whose co-proposer is 路明
    assert kept("12") == [12, 112]  # 12 by number, 112 by its title; 112 is not "12"
    assert kept("  wang LI ") == [1]  # trimmed, case-folded, one piece
    assert kept("路 建议") == []  # not split into words
    assert kept("") == [1, 12, 112]


def test_a_longer_text_narrows_unless_it_is_a_number() -> None:
    before = QueueFilter(text="路")
    assert QueueFilter(text="路灯").narrows(before)
    assert not QueueFilter(text="12").narrows(QueueFilter(text="1"))  # 12 is no 1
    assert not QueueFilter(text="路灯", key=True).narrows(before)
    assert not QueueFilter(text="路灯").narrows(QueueFilter())


def test_views_states_colours_flags_and_units_combine() -> None:
    rows = [row(1, color="red", key=True, lead="县水利局"),
            row(2, state="replied", due="2026-01-01", units=["县水利局", "县财政局"]),
            row(3, state="registered"), row(4, color="yellow", fast=True, support=["县财政局"])]

    def kept(**f):
        return [r["number"] for r in rows if QueueFilter(**f).matches(r)]
    assert kept(view="overdue") == kept(overdue=True) == kept(color="red") == [1]
    assert kept(view="overdue", color="yellow") == []  # two colours: nothing
    assert kept(view="due_soon", overdue=True) == []
    assert kept(view="unassigned") == [3]
    assert kept(view="to_evaluate", state="assigned") == []
    assert kept(unit="县财政局") == [2, 4]  # row 2's "units" (every live assignment) count
    assert kept(key=True) == [1] and kept(fast=True) == [4]


def test_due_sort_puts_running_rows_first_then_finished_dated_ones_then_undated() -> None:
    rows = [row(1), row(2, due="2026-05-01", color="white"), row(3, due="2026-04-01"),
            row(4, due="2026-04-01", color="red"), row(5, due="2026-01-01", state="closed"),
            row(6, due="2026-05-01", color="yellow")]
    assert [r["number"] for r in sorted(rows, key=QueueFilter().sort_key())] == [
        4, 2, 6, 5, 3, 1]  # running (a colour) by date then number; finished; no date
    assert [r["number"] for r in sorted(rows, key=QueueFilter(sort="number").sort_key())] == [
        1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("wrong, message", [
    ({"state": "nope"}, "状态：未知的状态“nope”"),
    ({"color": "blue"}, "颜色：未知的颜色“blue”"),
    ({"sort": "title"}, "排序：未知的排序“title”"),
])
def test_unknown_values_are_refused_with_the_cli_messages(wrong, message) -> None:
    with pytest.raises(BadInput, match=message):
        QueueFilter(**wrong).check()


def test_list_items_applies_the_filter_it_is_given(office_db: Path) -> None:
    for n, unit in enumerate(["水利局", "卫健局", None], start=1):
        ok("add", "--title", f"关于第{n}件事的建议", "--proposer", "张三", "--received", "2026-01-02")
        if unit:
            ok("assign", str(n), "--lead", unit, "--support", "农业农村局", "--on", "2026-01-05")
    as_of = date(2026, 3, 20)
    with opened(office_db) as conn:
        by_options = list_items(conn, as_of=as_of, unit="水利局", search="建议", sort="due")
        by_filter = list_items(conn, as_of=as_of, filter=QueueFilter(unit="水利局", text="建议"))
        every = list_items(conn, as_of=as_of, with_units=True)
        support = list_items(conn, as_of=as_of, filter=QueueFilter(unit="县农业农村局",
                                                                   sort="number"))
    assert [r["number"] for r in by_options] == [r["number"] for r in by_filter] == [1]
    assert list(by_filter[0]) == list(LIST_KEYS)  # "units" only when asked for
    assert every[0]["units"] == ("县水利局", "县农业农村局") and every[2]["units"] == ()
    assert [r["number"] for r in support] == [1, 2]


def test_the_first_screen_query_gives_the_listing_s_first_rows(demo_county) -> None:
    """first_numbers (the TUI's first paint) in `list --sort due`'s order, for every size and
    view, on the demo county (merged items show their master's date, many dates are shared)."""
    from docket.core.queue import first_numbers

    as_of = date(2026, 3, 20)
    db = demo_county(n_items=120, seed=7, today=as_of).path
    with opened(db) as conn:
        full = list_items(conn, as_of=as_of, sort="due")
        for states in (None, QueueFilter(view="unassigned").states(), {"closed", "merged"}):
            wanted = [r["number"] for r in full if states is None or r["state"] in states]
            for n in (1, 2, 5, 13, 30, 200):
                assert first_numbers(conn, n, states=states) == wanted[:n], (states, n)
    # the clerk's work comes first: every running item before any finished one, though
    # finished items with older dates exist
    running = [r for r in full if r["color"] is not None]
    assert running and full[:len(running)] == running
    assert all(r["days_left"] is not None for r in running)
    assert min(r["due_on"] for r in full[len(running):] if r["due_on"]) < running[0]["due_on"]
