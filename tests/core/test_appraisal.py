"""Department appraisal (domain.md §11): tallies, group scores, levels, results, anonymity."""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from docket.core import appraisal as ap
from docket.core import appraisal_results, appraisal_tally
from docket.core.errors import BadInput, NotFound
from docket.store.db import opened

TODAY = date(2026, 12, 10)
ROUND = "2026年度部门工作评议"
POINTS = {"满意": Fraction(100), "基本满意": Fraction(60), "不满意": Fraction(0)}
COMMITTEE = ap.Tally(members=31, present=29, satisfied=15, basic=10, dissatisfied=4)
DEPUTIES = ap.Tally(members=62, present=60, satisfied=42, basic=12, dissatisfied=4, abstain=2)


def test_group_score_rate_and_level_as_domain_md_states() -> None:
    assert ap.group_score(COMMITTEE, POINTS) == Fraction(2100, 29)          # 72.41
    assert ap.rate(COMMITTEE) == Fraction(25, 29)                           # 86.2%
    assert ap.level(COMMITTEE, "all") == "基本满意"                           # 15 ≤ 15.5
    assert ap.level(COMMITTEE, "present") == "满意"                          # 15 > 14.5
    assert ap.group_score(DEPUTIES, POINTS) == Fraction(4920, 58)           # 84.83, 弃权 left out
    value = appraisal_tally.vote_value([(Fraction(1), Fraction(2100, 29)), (Fraction(1), Fraction(4920, 58))])
    assert round(float(value), 2) == 78.62


def test_level_falls_to_dissatisfied_and_weights_count() -> None:
    assert ap.level(ap.Tally(31, 29, 5, 9, 15), "all") == "不满意"            # 14 ≤ 15.5
    assert ap.level(ap.Tally(31, 29, 5, 10, 14), "valid") == "基本满意"       # 15 > 14.5
    assert appraisal_tally.vote_value([(Fraction(3), Fraction(80)), (Fraction(1), Fraction(40)),
                          (Fraction(2), None)]) == Fraction(70)


def _round(conn, departments=("水利局",)) -> None:
    ap.new_round(conn, ROUND, year=2026, groups=["常委会组成人员", "代表"], actor="t", today=TODAY)
    ap.add_departments(conn, ROUND, list(departments), actor="t", today=TODAY)


def test_worked_example_scores_83_57(office_db: Path) -> None:
    with opened(office_db) as conn:
        _round(conn)
        ap.record_tally(conn, ROUND, department="水利局", group="常委会组成人员", tally=COMMITTEE, actor="t",
                        today=TODAY)
        ap.record_tally(conn, ROUND, department="水利局", group="代表", tally=DEPUTIES, actor="t", today=TODAY)
        ap.enter_scores(conn, ROUND, department="县水利局", values={"lawful": "88", "政策落实": "82",
                                                                   "service": "85"}, actor="t", today=TODAY)
        res = ap.compute(conn, ROUND, actor="t", today=TODAY)
    d = res["departments"][0]
    # (25×88 + 30×82 + 25×85 + 20×78.62…)/100 = 83.5741… → 83.57 良好
    assert (d["department"], d["score"], d["grade"], d["rank"]) == ("县水利局", 83.57, "良好", 1)
    assert [(i["id"], i["value"], i["points"]) for i in d["indicators"]] == [
        ("lawful", 88.0, 22.0), ("policy", 82.0, 24.6), ("service", 85.0, 21.25), ("satisfaction", 78.62, 15.72)]
    assert [(g["group"], g["score"], g["rate"], g["level"]) for g in d["vote"]["groups"]] == [
        ("常委会组成人员", 72.41, 0.8621, "基本满意"), ("代表", 84.83, 0.931, "满意")]
    assert (res["model"], res["model_version"], res["result_id"]) == ("appraisal", 1, 1)


def test_five_departments_rank_with_ties(office_db: Path) -> None:
    from click.testing import CliRunner

    from docket.cli import cli
    for name, short in (("县教育局", "教育局"), ("县交通运输局", "交通局")):
        CliRunner().invoke(cli, ["unit", "add", name, "--short", short], catch_exceptions=False)
    with opened(office_db) as conn:
        _round(conn, ("水利局", "农业农村局", "卫健局", "教育局", "交通局"))
        for dep, s in (("水利局", 90), ("农业农村局", 80), ("卫健局", 90), ("教育局", 70), ("交通局", None)):
            if s is not None:
                ap.enter_scores(conn, ROUND, department=dep, values={"lawful": s, "policy": s, "service": s},
                                actor="t", today=TODAY)
        res = ap.results(conn, ROUND)
    # no tallies: the vote leaf is left out and the entered ones rescaled; 交通局 has nothing
    assert [(d["department"], d["score"], d["rank"]) for d in res["departments"]] == [
        ("县水利局", 90.0, 1), ("县卫生健康局", 90.0, 1), ("县农业农村局", 80.0, 3), ("县教育局", 70.0, 4),
        ("县交通运输局", None, None)]
    assert res["warnings"][:2] == ["县水利局缺少常委会组成人员、代表的测评票数", "县水利局缺少群众满意度，按其余指标折算"]
    # nothing to rescale from: it is listed without a score, not "按其余指标折算"
    assert res["warnings"][-1] == "县交通运输局尚无测评票数和指标评分，列出但不计分"


def test_bad_tally_is_refused_and_nothing_stored(office_db: Path) -> None:
    with opened(office_db) as conn:
        _round(conn)
        with pytest.raises(BadInput) as e:
            ap.record_tally(conn, ROUND, department="水利局", group="代表", actor="t", today=TODAY,
                            tally=ap.Tally(31, 33, 20, 10, -1, 2, 1))
        with pytest.raises(NotFound) as missing:
            ap.record_tally(conn, ROUND, department="水利局", group="群众", tally=COMMITTEE, actor="t", today=TODAY)
        with pytest.raises(NotFound) as outsider:
            ap.record_tally(conn, ROUND, department="卫健局", group="代表", tally=COMMITTEE, actor="t", today=TODAY)
        assert conn.execute("SELECT COUNT(*) FROM appraisal_tallies").fetchone()[0] == 0
    assert str(e.value) == "县水利局（代表）的测评票数有误，未保存：\n不满意为-1，不能为负数\n实到人数33超过应到人数31"
    # what to do is a hint each front end words itself (CLI: a command; TUI: a key)
    assert str(missing.value) == "测评组“群众”不在评议“2026年度部门工作评议”中（已有：常委会组成人员、代表）"
    assert missing.value.hint == "appraisal_group"
    assert str(outsider.value) == "县卫生健康局不在评议“2026年度部门工作评议”的被评议部门中"
    assert outsider.value.hint == "appraisal_department"


def test_counts_over_present_are_refused(office_db: Path) -> None:
    with opened(office_db) as conn:
        _round(conn)
        with pytest.raises(BadInput) as e:
            ap.record_tally(conn, ROUND, department="水利局", group="代表", actor="t", today=TODAY,
                            tally=ap.Tally(62, 60, 50, 8, 2, 1, 0))
    assert e.value.details == ["满意50、基本满意8、不满意2、弃权1、不了解0合计61票，超过实到人数60"]


def test_entered_scores_are_checked(office_db: Path) -> None:
    with opened(office_db) as conn:
        _round(conn)
        with pytest.raises(BadInput) as e:
            ap.enter_scores(conn, ROUND, department="水利局", values={"lawful": "101", "satisfaction": "90",
                                                                     "policy": "八十"}, actor="t", today=TODAY)
        assert conn.execute("SELECT COUNT(*) FROM appraisal_scores").fetchone()[0] == 0
    assert e.value.details == [
        "依法履职：101超出0–100",
        "“satisfaction”不是可录入的指标；可录入：lawful（依法履职）、policy（政策落实）、service（服务效能）",
        "政策落实：“八十”不是数，应为0–100",
    ]


def test_no_rater_is_stored_or_shown(office_db: Path) -> None:
    with opened(office_db) as conn:
        _round(conn)
        ap.record_tally(conn, ROUND, department="水利局", group="代表", tally=DEPUTIES, actor="王秘书", today=TODAY)
        res = ap.compute(conn, ROUND, actor="王秘书", today=TODAY, allow_missing=True)
        columns = [r[1] for r in conn.execute("PRAGMA table_info(appraisal_tallies)")]
    # counts only: who entered the tally is the clerk (`by`), never a voter
    assert columns == ["id", "department_id", "group_id", "members", "present", "satisfied", "basic",
                       "dissatisfied", "abstain", "unknown", "updated_at", "by"]
    assert "王秘书" not in json.dumps(res, ensure_ascii=False)


def test_round_names_must_be_new(office_db: Path) -> None:
    with opened(office_db) as conn:
        _round(conn)
        from docket.core.errors import Conflict
        with pytest.raises(Conflict):
            ap.new_round(conn, ROUND, year=2026, groups=[], actor="t", today=TODAY)
    assert sqlite3.connect(office_db).execute("SELECT COUNT(*) FROM appraisal_rounds").fetchone()[0] == 1


def _two_departments_one_lacking_deputies(conn) -> None:
    _round(conn, ("水利局", "卫健局"))
    for dep in ("水利局", "卫健局"):
        ap.record_tally(conn, ROUND, department=dep, group="常委会组成人员", tally=COMMITTEE, actor="t", today=TODAY)
        ap.enter_scores(conn, ROUND, department=dep, values={"lawful": "88", "policy": "82", "service": "85"},
                        actor="t", today=TODAY)
    ap.record_tally(conn, ROUND, department="水利局", group="代表", tally=DEPUTIES, actor="t", today=TODAY)


def test_a_missing_group_tally_refuses_compute_naming_department_and_group(office_db: Path) -> None:
    with opened(office_db) as conn:
        _two_departments_one_lacking_deputies(conn)
        with pytest.raises(BadInput) as e:
            ap.compute(conn, ROUND, actor="t", today=TODAY)
        assert conn.execute("SELECT COUNT(*) FROM score_results").fetchone()[0] == 0
    assert str(e.value) == ("评议“2026年度部门工作评议”的测评票数不全，未计算：\n"
                            "县卫生健康局缺少代表的测评票数")
    assert e.value.hint == "allow_missing"


def test_allow_missing_computes_and_says_so_in_the_warnings(office_db: Path) -> None:
    with opened(office_db) as conn:
        _two_departments_one_lacking_deputies(conn)
        res = ap.compute(conn, ROUND, actor="t", today=TODAY, allow_missing=True)
        stored = appraisal_results.stored_result(conn, ROUND)
    assert res["warnings"] == ["县卫生健康局缺少代表的测评票数，群众满意度只按常委会组成人员的票数计算"]
    assert stored["warnings"] == res["warnings"]
    # 卫健局's vote is the committee's 72.41 alone: (25×88 + 30×82 + 25×85 + 20×72.41…)/100
    assert [(d["department"], d["score"], d["rank"]) for d in res["departments"]] == [
        ("县水利局", 83.57, 1), ("县卫生健康局", 82.33, 2)]
    assert ap.missing_votes(stored) == ["县卫生健康局缺少代表的测评票数"]


def test_absurd_group_weights_and_scores_are_refused_shortly(office_db: Path) -> None:
    with pytest.raises(BadInput) as e:
        ap.parse_group("代表=1e400")
    assert str(e.value) == "测评组“代表”的权重“1e400”不是有效数字"
    with opened(office_db) as conn:
        _round(conn)
        with pytest.raises(BadInput) as e:
            ap.enter_scores(conn, ROUND, department="水利局", values={"lawful": "1e999999999", "policy": "nan"},
                            actor="t", today=TODAY)
        with pytest.raises(BadInput) as year:
            ap.new_round(conn, "0年评议", year=0, groups=[], actor="t", today=TODAY)
    assert e.value.details == ["依法履职：“1e999999999”不是有效数字，应为0–100", "政策落实：“nan”不是有效数字，应为0–100"]
    assert str(year.value) == "年度“0”不在2000–2100之间，请写四位年份，例如 2026"
