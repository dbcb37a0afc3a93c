"""Defects found by testers in `project` (issue 15): a satisfaction rate printed from an
already-rounded figure, and a milestone planning less than an earlier one."""
from __future__ import annotations

from pathlib import Path

from tests.commands.test_project import ROUND, _tally, _two_tracked, as_json, run
from tests.conftest import invoke, rows


def test_stage_line_rounds_once_from_the_counts(office_db: Path) -> None:
    # year-end: 188 satisfied of 214 valid = 0.878504…: 87.9 %, not 87.8 % from its 4-place 0.8785
    _two_tracked()
    _tally(1, "final", "代表", 100, 95, 80, 10, 5, today="2027-12-28")
    _tally(1, "final", "常委会组成人员", 31, 29, 20, 8, 1, today="2027-12-28")
    _tally(2, "final", "代表", 100, 95, 40, 30, 20, 5, today="2027-12-28")
    r = invoke("--session", ROUND, "project", "list", today="2027-12-28")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines()[-1] == \
        "年终测评：2个项目，总体满意率 87.9%（满意和基本满意 188 票 ÷ 有效票 214），最低 77.8%"
    assert as_json("project", "list", today="2027-12-28")["tests"]["final"]["rate"] == 0.8785  # JSON unchanged


def test_a_project_rate_in_the_table_rounds_once(office_db: Path) -> None:
    # 188 of 214 valid = 0.878504…: 87.9 % in the table as in the stage line; 7 of 8 = 87.5 %
    _two_tracked()
    _tally(1, "mid", "代表", 220, 214, 150, 38, 26)
    _tally(2, "mid", "代表", 8, 8, 7, 0, 1)
    from docket.core.projects import table_rows

    got, _ = table_rows(as_json("project", "list", today="2027-07-01"))
    assert [r["mid"] for r in got[:2]] == ["87.9%", "87.5%"]


def test_a_milestone_cannot_plan_less_than_an_earlier_one(office_db: Path) -> None:
    _two_tracked()
    run("project", "milestone", "1", "2027-06-30", "完成主体施工", "--percent", "60")
    before = rows(office_db, "milestones"), rows(office_db, "events")
    r = invoke("project", "milestone", "1", "2027-09-30", "完成附属工程", "--percent", "40", today="2027-01-20")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == ("错误：计划进度（--percent）：2027-09-30 节点计划 40%，低于更早的 2027-06-30 节点计划的 "
                        "60%；计划进度不能回退，未保存\n")
    # nor an earlier one planning more than a later one
    r = invoke("project", "milestone", "1", "2027-03-31", "完成招标", "--percent", "70", today="2027-01-20")
    assert r.exit_code == 1
    assert "2027-03-31 节点计划 70%，高于更晚的 2027-06-30 节点计划的 60%" in r.stderr
    assert (rows(office_db, "milestones"), rows(office_db, "events")) == before
    # in order, or without a %, is fine
    run("project", "milestone", "1", "2027-09-30", "完成附属工程", "--percent", "85")
    run("project", "milestone", "1", "2027-03-31", "完成招标")
    assert len(rows(office_db, "milestones")) == 3


def test_show_rounds_a_project_rate_once(office_db: Path) -> None:
    # `show` of the project reads the same 87.9 % as the table (not 87.8 % from 0.8785)
    _two_tracked()
    _tally(1, "mid", "代表", 220, 214, 150, 38, 26)
    shown = run("--session", ROUND, "show", "1", today="2027-07-01")
    assert "87.9%" in shown and "87.8%" not in shown, shown
