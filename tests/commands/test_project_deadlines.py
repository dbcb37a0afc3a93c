"""Adopted 民生实事 projects (domain.md §13): due at the year end whatever `deadline.max` says,
and reminded like rectification when late with their monthly progress (未按时报送进度)."""
from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import invoke, ok, rows

ROUND = "2027年民生实事项目"
TODAY = "2027-01-20"
S = ("--session", ROUND)


def _adopted() -> None:
    ok("unit", "add", "县住建局", "--short", "住建局", today=TODAY)
    ok("unit", "add", "县教育局", "--short", "教育局", today=TODAY)
    ok("project", "new", ROUND, "--places", "2", today=TODAY)
    ok("project", "add", "城区老旧小区改造", "--unit", "住建局", today=TODAY)
    ok("project", "add", "中小学校舍改造", "--unit", "教育局", today=TODAY)
    ok("project", "vote", "--members", "100", "--present", "90", "--valid", "88", "1=80/5/3", "2=70/10/8",
       today=TODAY)


def test_a_project_is_assigned_to_the_year_end_under_the_default_deadline_max(office_db: Path) -> None:
    _adopted()
    assert ok("config", "get", "deadline.max", today=TODAY).strip() == "6 months"
    r = invoke(*S, "assign", "1", "--lead", "住建局", "--due", "2027-12-31", today=TODAY)
    assert r.exit_code == 0, r.stderr
    # the year end is the cap: a day after it is refused, and nothing is stored
    before = rows(office_db, "assignments")
    r = invoke(*S, "assign", "2", "--lead", "教育局", "--due", "2028-01-03", today=TODAY)
    assert (r.exit_code, r.stderr) == (1, "错误：期限：2028-01-03 超过最长期限 2027-12-31（deadline.max）\n")
    assert rows(office_db, "assignments") == before
    # an extension stays within the year too
    r = invoke(*S, "assign", "2", "--lead", "教育局", "--due", "2027-09-30", today=TODAY)
    assert r.exit_code == 0, r.stderr
    r = invoke(*S, "extend", "2", "--unit", "教育局", "--until", "2027-12-31", "--reason", "汛期停工", today=TODAY)
    assert r.exit_code == 0, r.stderr
    r = invoke(*S, "extend", "2", "--unit", "教育局", "--until", "2028-01-03", "--reason", "汛期停工", today=TODAY)
    assert r.exit_code == 1 and "2027-12-31" in r.stderr


def test_a_proposal_is_still_capped_by_deadline_max(office_db: Path) -> None:
    from docket.core.deadlines import Deadlines
    from docket.store.db import opened
    from datetime import date

    with opened(office_db) as conn:
        dl = Deadlines(conn)
        assert dl.cap(date(2027, 1, 20), "suggestion") == dl.cap(date(2027, 1, 20)) < date(2027, 12, 31)
        assert dl.cap(date(2027, 1, 20), "project") == date(2027, 12, 31)
        # a project assigned late in the year keeps deadline.max when that is later
        assert dl.cap(date(2027, 11, 1), "project") == dl.cap(date(2027, 11, 1)) > date(2027, 12, 31)


def test_a_project_late_with_its_monthly_progress_is_reminded_once_per_period(office_db: Path) -> None:
    _adopted()
    ok(*S, "assign", "1", "--lead", "住建局", "--due", "2027-12-31", today=TODAY)
    ok(*S, "assign", "2", "--lead", "教育局", "--due", "2027-12-31", today=TODAY)
    ok("project", "progress", "1", "10", today="2027-02-10")

    def late(day: str) -> list[tuple]:
        data = json.loads(ok("remind", "--json", today=day))
        return [(g["unit"], i["number"], i["round"], i["due_on"], i["n"]) for g in data for i in g["items"]
                if i["color"] == "late_report"]

    # project.update_every = 1 months: 2 expected a report by 02-20 (a Saturday: 02-22),
    # 1 (reported 02-10) by 03-10
    assert late("2027-02-22") == []
    assert late("2027-02-23") == [("县教育局", 2, ROUND, "2027-02-22", 1)]
    assert late("2027-02-23") == []                      # cron-safe: sent once
    assert late("2027-03-11") == [("县住建局", 1, ROUND, "2027-03-10", 1)]
    assert late("2027-03-23") == [("县教育局", 2, ROUND, "2027-02-22", 2)]   # one period on: again
    # the same table and event as rectification's reminders
    assert len(rows(office_db, "progress_reminders")) == 3
    assert [e for e in rows(office_db, "events") if "rectify.remind" in e]
    # a project reported complete is not chased; the other one still is
    ok("project", "progress", "1", "100", today="2027-03-23")
    assert late("2027-05-10") == [("县教育局", 2, ROUND, "2027-02-22", 3)]


def test_project_update_every_is_a_validated_setting(office_db: Path) -> None:
    assert ok("config", "get", "project.update_every").strip() == "1 months"
    r = invoke("config", "set", "project.update_every", "每月")
    assert r.exit_code == 1
    ok("config", "set", "project.update_every", "15 days")
