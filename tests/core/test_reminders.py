"""Colours and reminders (domain.md §7): boundaries, the sending rules, dry runs, concurrency."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from docket.core.deadlines import Deadlines
from docket.core.reminders import by_unit, remind
from docket.store.db import opened
from tests.conftest import as_json, invoke, ok, rows

W, N = "水利局", "农业农村局"


@pytest.mark.parametrize(("due", "as_of", "expected"), [
    ("2026-06-22", "2026-06-22", ("yellow", 0)),    # due today
    ("2026-06-22", "2026-06-05", ("yellow", 10)),   # exactly colors.yellow workdays left
    ("2026-06-22", "2026-06-04", ("white", 11)),
    ("2026-06-22", "2026-06-23", ("red", -1)),      # one day past due
    ("2026-06-22", "2026-07-07", ("red", -15)),
    ("2026-10-09", "2026-09-18", ("yellow", 10)),   # across 中秋 and 国庆: Sun 09-20 make-up counts
    ("2026-10-09", "2026-09-17", ("white", 11)),
    ("2026-10-09", "2026-09-30", ("yellow", 2)),    # 10-01..07 off: 10-08, 10-09
    ("2026-04-07", "2026-03-22", ("white", 11)),    # §7 example 2, Sunday
    ("2026-04-07", "2026-03-23", ("yellow", 10)),
])
def test_colour_boundaries(office_db: Path, due: str, as_of: str, expected: tuple[str, int]) -> None:
    with opened(office_db) as conn:
        color, left = Deadlines(conn).color(date.fromisoformat(due), date.fromisoformat(as_of))
    assert (color.value, left) == expected


def _remind(today: str, *extra: str) -> list:
    return json.loads(ok("remind", "--json", *extra, today=today))


def _line(number: int, color: str, n: int, due: str = "2026-06-22", overdue: int = 0,
          role: str = "lead") -> dict:
    return {"number": number, "title": f"关于第{number}项工作的建议", "role": role, "due_on": due,
            "color": color, "days_overdue": overdue, "n": n}


def _add(count: int, received: str = "2026-03-01") -> None:
    for n in range(1, count + 1):
        ok("add", "--title", f"关于第{n}项工作的建议", "--proposer", f"代表{n}", "--received", received)


def test_example_1_yellow_once_red_every_five_workdays(office_db: Path) -> None:
    _add(1)
    ok("assign", "1", "--lead", W)                                  # 03-20, due 06-22
    assert _remind("2026-06-04") == []                              # white, 11 left
    assert _remind("2026-06-05") == [{"unit": "县水利局", "items": [_line(1, "yellow", 1)]}]
    assert _remind("2026-06-05") == []                              # same day: nothing new
    assert _remind("2026-06-08") == []
    assert _remind("2026-06-22") == []                              # still the same yellow key
    assert _remind("2026-06-23") == [{"unit": "县水利局", "items": [_line(1, "red", 1, overdue=1)]}]
    assert _remind("2026-06-29") == []                              # 06-23 + 5 workdays = 06-30
    assert _remind("2026-06-30") == [{"unit": "县水利局", "items": [_line(1, "red", 2, overdue=8)]}]
    assert _remind("2026-07-07") == [{"unit": "县水利局", "items": [_line(1, "red", 3, overdue=15)]}]
    assert [(r[4], r[5], r[6], r[7], r[8]) for r in rows(office_db, "reminders")] == [
        ("lead", "yellow", 1, "2026-06-22", "2026-06-05"), ("lead", "red", 1, "2026-06-22", "2026-06-23"),
        ("lead", "red", 2, "2026-06-22", "2026-06-30"), ("lead", "red", 3, "2026-06-22", "2026-07-07")]
    ok("reply", "1", "--unit", W, "--class", "A", today="2026-07-08")
    assert _remind("2026-07-14") == []                              # replied: no more


def test_example_2_supporter_until_its_opinion(office_db: Path) -> None:
    _add(1)
    ok("assign", "1", "--lead", W, "--support", N, "--on", "2026-03-05")   # support due 04-07
    assert _remind("2026-03-23") == [
        {"unit": "县农业农村局", "items": [_line(1, "yellow", 1, due="2026-04-07", role="support")]}]
    ok("reply", "1", "--unit", N, "--on", "2026-03-30", today="2026-03-30")
    assert _remind("2026-04-08") == []


def test_example_3_extension_starts_a_new_cycle(office_db: Path) -> None:
    _add(1)
    ok("assign", "1", "--lead", W, "--on", "2026-03-05")                  # due 06-05
    assert _remind("2026-05-22") == [{"unit": "县水利局", "items": [_line(1, "yellow", 1, due="2026-06-05")]}]
    ok("extend", "1", "--unit", W, "--by", "1 months", "--reason", "需协调资金", today="2026-06-03")
    assert as_json("list", today="2026-06-03")[0]["color"] == "white"    # due 07-06 (07-05 is a Sunday)
    assert _remind("2026-06-19") == []
    assert _remind("2026-06-22") == [{"unit": "县水利局", "items": [_line(1, "yellow", 1, due="2026-07-06")]}]
    assert _remind("2026-07-07") == [
        {"unit": "县水利局", "items": [_line(1, "red", 1, due="2026-07-06", overdue=1)]}]


def test_dry_run_lists_the_same_and_records_nothing(office_db: Path) -> None:
    _add(2)
    ok("assign", "1", "2", "--lead", W)
    before = (rows(office_db, "reminders"), rows(office_db, "events"))
    dry = _remind("2026-06-23", "--dry-run")
    assert (rows(office_db, "reminders"), rows(office_db, "events")) == before
    assert dry == [{"unit": "县水利局", "items": [_line(1, "red", 1, overdue=1), _line(2, "red", 1, overdue=1)]}]
    assert _remind("2026-06-23") == dry
    assert _remind("2026-06-23", "--dry-run") == []


def test_non_working_day_sends_nothing_unless_forced(office_db: Path) -> None:
    _add(1)
    ok("assign", "1", "--lead", W)
    result = invoke("remind", "--json", today="2026-06-27")               # a Saturday
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    assert result.stderr == "2026-06-27（星期六）不是工作日，未发送也未记录催办；确需发送请加 --force。\n"
    assert rows(office_db, "reminders") == []
    dry = invoke("remind", "--json", "--dry-run", today="2026-06-27")
    assert json.loads(dry.stdout) == [{"unit": "县水利局", "items": [_line(1, "red", 1, overdue=5)]}]
    assert _remind("2026-06-27", "--force") == [{"unit": "县水利局", "items": [_line(1, "red", 1, overdue=5)]}]
    assert len(rows(office_db, "reminders")) == 1


def test_second_run_is_empty_in_core_too(office_db: Path) -> None:
    _add(3)
    ok("assign", "1", "2", "3", "--lead", W)
    with opened(office_db) as conn:
        first = remind(conn, as_of=date(2026, 6, 5), actor="测试员")
        second = remind(conn, as_of=date(2026, 6, 5), actor="测试员")
    assert [(g["unit"], [i["number"] for i in g["items"]]) for g in by_unit(first.reminders)] == [
        ("县水利局", [1, 2, 3])]
    assert (first.recorded, second.reminders, second.recorded) == (True, [], True)


def _bulk(db: Path, count: int) -> None:
    """count items assigned 03-20 to two units (all red on 06-23), through the core in one go."""
    from docket.core.assigning import assign
    from docket.core.intake import NewItem, add

    with opened(db) as conn:
        for n in range(1, count + 1):
            add(conn, NewItem(title=f"关于第{n}项工作的建议", proposer=f"代表{n}"), actor="测试员",
                today=date(2026, 3, 20))
        half = count // 2
        assign(conn, list(range(1, half + 1)), lead=W, on=date(2026, 3, 20), actor="测试员",
               today=date(2026, 3, 20))
        assign(conn, list(range(half + 1, count + 1)), lead=N, support=(W,), on=date(2026, 3, 20),
               actor="测试员", today=date(2026, 3, 20))


def test_two_concurrent_runs_never_send_twice(office_db: Path) -> None:
    _bulk(office_db, 300)                     # 300 lead + 150 support reminders due on 06-23
    env = {**os.environ, "DOCKET_DB": str(office_db), "DOCKET_TODAY": "2026-06-23"}
    cmd = [sys.executable, "-m", "docket", "remind", "--json"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
    sent = [[(g["unit"], i["number"], i["role"]) for g in json.loads(o[0]) for i in g["items"]] for o in outs]
    assert sorted(len(s) for s in sent) == [0, 450]            # one run sent all, the other nothing
    assert len(set(sent[0]) | set(sent[1])) == 450
    assert len(rows(office_db, "reminders")) == 450
