"""Livelihood projects voted by deputies (民生实事票决, domain.md §13; contract §3 `project`):
the worked example under every base and tie rule, bad ballots, 12 candidates for 8 places, two
projects tracked against plan, mid-year and year-end tests, and the report."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import invoke, ok, rows

ROUND = "2027年民生实事项目"
TODAY = "2027-01-20"
TITLES = ["城区老旧小区改造", "农村饮水安全巩固提升", "中小学校舍改造", "乡镇卫生院能力提升", "城乡公交一体化"]
BALLOT = ["--members", "100", "--present", "90", "--valid", "88"]
EXAMPLE = ["1=80/5/3", "2=60/20/8", "3=46/30/12", "4=46/30/12", "5=40/40/8"]  # A B C D E
STORED = ("sessions", "items", "project_ballots", "project_votes", "events")


def run(*args: str, today: str = TODAY) -> str:
    return ok(*args, today=today)


def as_json(*args: str, today: str = TODAY):
    return json.loads(run(*args, "--json", today=today))


def _round(places: int = 3, titles: list[str] = TITLES) -> None:
    run("unit", "add", "县住建局", "--short", "住建局")
    run("unit", "add", "县教育局", "--short", "教育局")
    r = invoke("project", "new", ROUND, "--places", str(places), today=TODAY)
    assert (r.exit_code, r.stderr) == (0, f"已新建“{ROUND}”，名额 {places} 个\n")
    for k, title in enumerate(titles, 1):
        unit = "住建局" if k % 2 else "教育局"
        assert run("project", "add", title, "--unit", unit, "--budget", str(100 * k), "--content", f"{title}内容") \
            == f"{k}\n"


def _results(data: dict) -> list[tuple]:
    return [(c["number"], c["passed"], c["rank"], c["result"]) for c in data["candidates"]]


@pytest.mark.parametrize("base,tie,need,expected", [
    # base all (> 50): A, B; one place unfilled
    ("all", "revote", 50, [(1, True, 1, "adopted"), (2, True, 2, "adopted"), (3, False, None, "not_adopted"),
                           (4, False, None, "not_adopted"), (5, False, None, "not_adopted")]),
    ("all", "order", 50, [(1, True, 1, "adopted"), (2, True, 2, "adopted"), (3, False, None, "not_adopted"),
                          (4, False, None, "not_adopted"), (5, False, None, "not_adopted")]),
    # present (> 45) or valid (> 44): C and D tie for the third place
    ("present", "revote", 45, [(1, True, 1, "adopted"), (2, True, 2, "adopted"), (3, True, 3, "revote"),
                               (4, True, 3, "revote"), (5, False, None, "not_adopted")]),
    ("present", "order", 45, [(1, True, 1, "adopted"), (2, True, 2, "adopted"), (3, True, 3, "adopted"),
                              (4, True, 3, "not_adopted"), (5, False, None, "not_adopted")]),
    ("valid", "revote", 44, [(1, True, 1, "adopted"), (2, True, 2, "adopted"), (3, True, 3, "revote"),
                             (4, True, 3, "revote"), (5, False, None, "not_adopted")]),
    ("valid", "order", 44, [(1, True, 1, "adopted"), (2, True, 2, "adopted"), (3, True, 3, "adopted"),
                            (4, True, 3, "not_adopted"), (5, False, None, "not_adopted")]),
])
def test_worked_example_under_every_base_and_tie_rule(office_db: Path, base, tie, need, expected) -> None:
    _round()
    run("config", "set", "project.base", base)
    run("config", "set", "project.tie", tie)
    data = as_json("project", "vote", *BALLOT, *EXAMPLE)
    assert (data["round"], data["places"], data["base"], data["threshold_votes"]) == (ROUND, 3, base, need)
    assert _results(data) == expected
    assert [c["title"] for c in data["candidates"]] == TITLES
    assert [(c["yes"], c["no"], c["abstain"]) for c in data["candidates"]][2] == (46, 30, 12)
    words = {"adopted": "已入选", "not_adopted": "未入选", "revote": "待再次表决"}
    listed = as_json("project", "list")
    assert [(p["number"], p["state_label"]) for p in listed["projects"]] == [
        (n, words[result]) for n, _, _, result in expected]


def test_a_tie_is_voted_again_for_the_place_left(office_db: Path) -> None:
    _round()
    run("config", "set", "project.base", "present")
    as_json("project", "vote", *BALLOT, *EXAMPLE)
    r = invoke("project", "vote", *BALLOT, *EXAMPLE, today=TODAY)  # 1, 2 and 5 are decided
    assert r.exit_code == 1
    assert r.stderr.splitlines()[:2] == ["错误：选票有误，未保存：", "第1号已入选，不在本次表决之列"]
    again = as_json("project", "vote", *BALLOT, "3=50/30/8", "4=40/40/8")
    assert (again["ballot"], again["places"]) == (2, 1)
    # the revote fills the third place: its rank continues after the two taken
    assert _results(again) == [(3, True, 3, "adopted"), (4, False, None, "not_adopted")]
    listed = as_json("project", "list")
    assert [p["rank"] for p in listed["projects"]] == [1, 2, 3, None, None]
    assert [p["state"] for p in listed["projects"]] == ["accepted", "accepted", "accepted", "converted", "converted"]
    assert [b["ballot"] for b in listed["ballots"]] == [1, 2]
    # the queue of the round reads the projects' own words (未入选, not 已转来信)
    queue = json.loads(ok("--session", ROUND, "list", "--json", today=TODAY))
    assert [(i["number"], i["kind"], i["state_label"]) for i in queue] == [
        (1, "project", "已入选"), (2, "project", "已入选"), (3, "project", "已入选"), (4, "project", "未入选"),
        (5, "project", "未入选")]
    assert invoke("audit", "verify").exit_code == 0


@pytest.mark.parametrize("ballot,entries,message", [
    (BALLOT, ["1=80/5/3", "2=60/20/9", "3=46/30/12", "4=46/30/12", "5=40/40/8"],
     "第2号“农村饮水安全巩固提升”：赞成60、反对20、弃权9合计89票，超过有效票88"),
    (["--members", "100", "--present", "90", "--valid", "91"], EXAMPLE, "有效票91超过出席人数90"),
    (["--members", "100", "--present", "101", "--valid", "88"], EXAMPLE, "出席人数101超过代表总数100"),
    (BALLOT, EXAMPLE[:4], "待表决的第5号不在选票中（每张选票须列出全部待表决项目）"),
    (BALLOT, [*EXAMPLE, "6=1/1/1"], f"第6号不是“{ROUND}”的候选项目"),
    (BALLOT, [*EXAMPLE[:4], "5=40-40-8"], "“5=40-40-8”应写作 编号=赞成/反对/弃权，例如 3=80/6/2"),
])
def test_a_bad_ballot_stores_nothing(office_db: Path, ballot, entries, message) -> None:
    _round()
    before = {t: rows(office_db, t) for t in STORED}
    r = invoke("project", "vote", *ballot, *entries, today=TODAY)
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr.splitlines()[0] == "错误：选票有误，未保存："
    assert message in r.stderr.splitlines()[1:]
    assert {t: rows(office_db, t) for t in STORED} == before


def test_valid_over_present_over_members_names_both(office_db: Path) -> None:
    _round()
    r = invoke("project", "vote", "--members", "80", "--present", "90", "--valid", "95", *EXAMPLE, today=TODAY)
    assert r.exit_code == 1
    assert r.stderr.splitlines()[1:3] == ["出席人数90超过代表总数80", "有效票95超过出席人数90"]
    assert rows(office_db, "project_ballots") == []


def test_twelve_candidates_for_eight_places(office_db: Path) -> None:
    _round(places=8, titles=[f"民生实事候选项目{k}" for k in range(1, 13)])
    yes = [120, 110, 100, 95, 90, 88, 85, 80, 78, 70, 60, 50]
    entries = [f"{k}={y}/{138 - y - 3}/3" for k, y in enumerate(yes, 1)]
    data = as_json("project", "vote", "--members", "150", "--present", "140", "--valid", "138", *entries)
    assert data["threshold_votes"] == 75
    assert _results(data) == [(k, True, k, "adopted") for k in range(1, 9)] + [
        (9, True, 9, "not_adopted"), (10, False, None, "not_adopted"), (11, False, None, "not_adopted"),
        (12, False, None, "not_adopted")]
    listed = as_json("project", "list")
    assert listed["adopted"] == 8
    r = invoke("project", "list", today=TODAY)
    assert r.stdout.splitlines()[0].split() == ["编号", "项目", "牵头单位", "预算（万元）", "赞成", "名次", "状态",
                                                "期限", "进度%", "计划%", "颜色", "年中满意率", "年终满意率"]


def _two_tracked() -> None:
    _round()
    run("project", "vote", *BALLOT, *EXAMPLE)
    run("config", "set", "deadline.max", "12 months")
    s = ("--session", ROUND)
    run(*s, "assign", "1", "--lead", "住建局", "--due", "2027-12-31")
    run(*s, "assign", "2", "--lead", "教育局", "--due", "2027-12-31")


def test_two_projects_tracked_against_plan(office_db: Path) -> None:
    _two_tracked()
    r = invoke("project", "milestone", "1", "2027-06-30", "完成主体施工", "--percent", "60", today=TODAY)
    assert (r.exit_code, r.stderr) == (0, "第1号：节点 2027-06-30 完成主体施工\n")
    run("project", "progress", "1", "20", today="2027-03-01")
    run("project", "progress", "2", "5", "--note", "完成选址", today="2027-03-01")

    def standing(as_of: str) -> list[tuple]:
        data = as_json("project", "list", "--as-of", as_of, today="2027-06-01")
        return [(p["number"], p["lead_unit"], p["due_on"], p["progress"], p["planned"], p["lag"], p["color"])
                for p in data["projects"] if p["lead_unit"]]

    # 1: 0 → 60 % from 01-20 to the 06-30 milestone (161 days): 04-01 is day 71, 26.5 %
    # 2: 0 → 100 % from 01-20 to 12-31 (345 days): 04-01 is 20.6 % (lag 15.6: yellow), 06-01 38.3 (red)
    assert standing("2027-04-01") == [(1, "县住建局", "2027-12-31", 20, 26.5, 6.5, "white"),
                                      (2, "县教育局", "2027-12-31", 5, 20.6, 15.6, "yellow")]
    assert standing("2027-06-01") == [(1, "县住建局", "2027-12-31", 20, 49.2, 29.2, "yellow"),
                                      (2, "县教育局", "2027-12-31", 5, 38.3, 33.3, "red")]
    # going backwards needs a note; over 100 is refused; nothing stored either time
    before = rows(office_db, "progress")
    r = invoke("project", "progress", "2", "3", today="2027-04-01")
    assert (r.exit_code, r.stderr) == (1, "错误：进度：3% 低于上次报送的 5%，进度回退须用 --note 写明原因\n")
    r = invoke("project", "progress", "2", "101", today="2027-04-01")
    assert (r.exit_code, r.stderr) == (1, "错误：进度：101 超出范围，应为 0 到 100 之间的整数\n")
    assert rows(office_db, "progress") == before
    # a project not adopted is not tracked
    r = invoke("project", "progress", "5", "10", today="2027-04-01")
    assert (r.exit_code, r.stderr) == (1, "错误：第5号未入选，不是入选项目，不能报送进度\n")
    history = ok("--session", ROUND, "history", "2", today="2027-04-01")
    assert "报送进度" in history and "票决" in history
    # near the due date the usual cron-safe reminders come, by the round's session: red, as both
    # are far behind plan (issue 15: the colour is the worse of lag and due date)
    sent = json.loads(ok("--session", ROUND, "remind", "--json", today="2027-12-27"))
    # (and, months after their last progress report, 未按时报送进度: test_project_deadlines.py)
    assert [(u["unit"], [(i["number"], i["color"]) for i in u["items"]]) for u in sent] == [
        ("县住建局", [(1, "red"), (1, "late_report")]), ("县教育局", [(2, "red"), (2, "late_report")])]
    assert json.loads(ok("--session", ROUND, "remind", "--json", today="2027-12-27")) == []


def test_the_standing_as_of_a_day_counts_only_the_reports_made_by_then(office_db: Path) -> None:
    _two_tracked()
    run("project", "progress", "1", "20", today="2027-03-01")
    run("project", "progress", "1", "45", today="2027-05-01")
    data = as_json("project", "list", "--as-of", "2027-04-01", today="2027-06-01")
    assert [(p["number"], p["progress"], p["last_report"]) for p in data["projects"][:1]] == [(1, 20, "2027-03-01")]
    data = as_json("project", "list", "--as-of", "2027-02-01", today="2027-06-01")
    assert [(p["number"], p["progress"], p["last_report"]) for p in data["projects"][:1]] == [(1, None, None)]


def _tally(number: int, stage: str, group: str, members: int, present: int, s: int, b: int, d: int,
           a: int = 0, today: str = "2027-07-01") -> None:
    run("project", "test", "--stage", stage, str(number), "--group", group, "--members", str(members),
        "--present", str(present), "--satisfied", str(s), "--basic", str(b), "--dissatisfied", str(d),
        "--abstain", str(a), today=today)


def test_mid_year_and_year_end_tests(office_db: Path) -> None:
    _two_tracked()
    _tally(1, "mid", "代表", 31, 29, 15, 10, 4)
    _tally(2, "mid", "代表", 31, 29, 20, 5, 2, 2)
    _tally(1, "final", "代表", 100, 95, 80, 10, 5, today="2027-12-28")
    _tally(1, "final", "常委会组成人员", 31, 29, 20, 8, 1, today="2027-12-28")
    _tally(2, "final", "代表", 100, 95, 40, 30, 20, 5, today="2027-12-28")
    data = as_json("project", "list", today="2027-12-28")
    got = {(p["number"], s): (t["valid"], t["rate"], t["level"]) for p in data["projects"]
           for s, t in p["tests"].items()}
    assert got == {(1, "mid"): (29, 0.8621, "基本满意"), (2, "mid"): (27, 0.9259, "满意"),
                   (1, "final"): (124, 0.9516, "满意"), (2, "final"): (90, 0.7778, "基本满意")}
    # overall = all satisfied votes ÷ all valid votes, not the mean of the rates
    assert data["tests"]["mid"] == {"projects": 2, "satisfied": 50, "valid": 56, "rate": 0.8929, "lowest": 0.8621}
    assert data["tests"]["final"] == {"projects": 2, "satisfied": 188, "valid": 214, "rate": 0.8785,
                                      "lowest": 0.7778}
    # entering a group again corrects it
    _tally(2, "final", "代表", 100, 95, 60, 20, 10, 5, today="2027-12-29")
    data = as_json("project", "list", today="2027-12-29")
    assert data["projects"][1]["tests"]["final"]["rate"] == 0.8889
    r = invoke("project", "list", today="2027-12-29")
    assert r.stderr.splitlines()[-1] == "年终测评：2个项目，总体满意率 92.5%（满意和基本满意 198 票 ÷ 有效票 214），最低 88.9%"


def test_a_bad_test_tally_stores_nothing(office_db: Path) -> None:
    _two_tracked()
    before = rows(office_db, "project_tests")
    r = invoke("project", "test", "--stage", "mid", "1", "--members", "31", "--present", "35", "--satisfied", "15",
               "--basic", "10", "--dissatisfied", "4", today="2027-07-01")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == ["错误：第1号“城区老旧小区改造”年中测评（代表）的测评票数有误，未保存：",
                                     "实到人数35超过应到人数31"]
    r = invoke("project", "test", "--stage", "mid", "3", "--members", "31", "--present", "29", "--satisfied", "15",
               "--basic", "10", "--dissatisfied", "4", today="2027-07-01")
    assert (r.exit_code, r.stderr) == (1, "错误：第3号未入选，不是入选项目，不能测评\n")
    assert rows(office_db, "project_tests") == before


def test_the_report_is_issued_with_the_next_doc_number(office_db: Path, tmp_path: Path) -> None:
    import re

    import docx
    from docx.oxml.ns import qn

    _two_tracked()
    run("project", "progress", "1", "20", today="2027-03-01")
    _tally(1, "mid", "代表", 31, 29, 15, 10, 4)
    _tally(2, "mid", "代表", 31, 29, 20, 5, 2, 2)
    out = tmp_path / "民生实事.docx"
    r = invoke("project", "report", "--out", str(out), today="2027-07-01")
    assert (r.exit_code, r.stderr) == (0, f"已生成 {out}（青禾人大办〔2027〕1号）\n")
    doc = docx.Document(str(out))
    text = [p.text for p in doc.paragraphs]
    assert "青禾人大办〔2027〕1号" in text
    assert f"关于{ROUND}票决和实施情况的通报" in [t.replace("\n", "") for t in text]
    assert ("对5个候选项目进行了无记名投票表决。应到代表100名，出席90名，收回有效票88张；"
            "赞成票超过全体代表的规定比例（50票）为通过。") in text
    assert "名额3个，经票决，“城区老旧小区改造”、“农村饮水安全巩固提升”共2个项目入选，尚有1个名额空缺。" in text
    assert ("年中测评2个项目，总体满意率（满意和基本满意票占有效票的比例）为89.3%，最低的项目为86.2%。") in text
    tables = [["|".join(c.text for c in row.cells) for row in t.rows] for t in doc.tables]
    assert tables[0][1] == "1|城区老旧小区\n改造|县住建局|100|80|5|3|1|入选"  # no character alone (cells.title_cell)
    assert tables[0][4] == "4|乡镇卫生院能力提升|县教育局|400|46|30|12|—|未入选"
    # the due date is written as in every other table: 2027年12月31日, broken after 年 (§1.5)
    assert tables[1][1:] == ["1|城区老旧小区改造|县住建局|2027年\n12月31日|20%|47%|86.2%|—",
                             "2|农村饮水安全巩固提升|县教育局|2027年\n12月31日|—|47%|92.6%|—"]
    assert rows(office_db, "documents")[0][1:5] == ("project_report", "青禾人大办", 2027, 1)
    # every table is the 156 mm fixed grid with a repeated header, as the other 通报
    for t in doc.tables:
        assert t._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        assert t._tbl.findall(qn("w:tr"))[0].trPr.find(qn("w:tblHeader")) is not None
    # the 文件 format of the other 通报 (documents.md §1.3): 文号 over the red line, the title in
    # 小标宋, 附件 marks on new pages, 署名 and 成文日期, no stray Latin letters
    def styled(name: str) -> list:
        return [p for p in doc.paragraphs if p.style.name == name]

    (number,) = styled("发文字号")
    assert number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "FF0000"
    assert [m.text for m in styled("附件标记")] == ["附件1", "附件2"]
    assert all(m.paragraph_format.page_break_before or m.style.paragraph_format.page_break_before
               for m in styled("附件标记"))
    assert [p.text for p in styled("署名")] == ["青禾县人大常委会办公室"]
    assert [p.text for p in styled("成文日期")] == ["2027年7月1日"]
    assert [p.text for p in styled("主送")] == ["各项目牵头单位："]
    assert not [t for t in text if re.search(r"[A-Za-z]", t)]
    assert doc.core_properties.title == f"关于{ROUND}票决和实施情况的通报"
    # a second report takes the next number
    r = invoke("project", "report", "--out", str(tmp_path / "二.docx"), today="2027-07-01")
    assert r.stderr.endswith("（青禾人大办〔2027〕2号）\n")


def test_no_report_before_the_ballot(office_db: Path, tmp_path: Path) -> None:
    _round()
    r = invoke("project", "report", "--out", str(tmp_path / "r.docx"), today=TODAY)
    assert (r.exit_code, r.stderr) == (1, f"错误：“{ROUND}”还没有票决结果，不能生成报告\n")
    assert rows(office_db, "documents") == []


def test_rounds_and_candidates_are_checked(office_db: Path) -> None:
    r = invoke("project", "add", "城区老旧小区改造", "--unit", "县水利局", today=TODAY)
    assert (r.exit_code, r.stderr) == (1, "错误：还没有民生实事票决；先运行 docket project new 名称 --places 名额\n")
    _round()
    r = invoke("project", "new", ROUND, "--places", "2", today=TODAY)
    assert (r.exit_code, r.stderr) == (1, f"错误：名称“{ROUND}”已被使用（届次或票决），请换一个名称\n")
    r = invoke("project", "add", "体育公园", "--unit", "县水利局", "--budget", "-5", today=TODAY)
    assert (r.exit_code, r.stderr) == (1, "错误：--budget：预算“-5”不是非负的数（单位：万元）\n")
    r = invoke("project", "list", "--round", "2030年", today=TODAY)
    assert (r.exit_code, r.stderr) == (1, f"错误：民生实事票决“2030年”不存在；已有：{ROUND}\n")
    run("project", "vote", *BALLOT, *EXAMPLE)
    r = invoke("project", "add", "体育公园", "--unit", "县水利局", today=TODAY)
    assert (r.exit_code, r.stderr) == (1, f"错误：“{ROUND}”已经票决，不能再增加候选项目\n")
    # the proposals' session stays the default one
    assert json.loads(ok("list", "--json", today=TODAY)) == []


def test_the_threshold_is_a_share_between_zero_and_one(office_db: Path) -> None:
    _round()
    run("config", "set", "project.threshold", "2/3")
    assert run("config", "get", "project.threshold") == "2/3\n"
    data = as_json("project", "vote", *BALLOT, *EXAMPLE)
    assert data["threshold_votes"] == 66.67  # 100 × 2/3: A alone passes
    assert _results(data)[:2] == [(1, True, 1, "adopted"), (2, False, None, "not_adopted")]
    for bad in ("1.5", "0", "一半"):
        r = invoke("config", "set", "project.threshold", bad, today=TODAY)
        assert r.exit_code == 1 and r.stderr.startswith("错误：设置 project.threshold 取值：")
    r = invoke("config", "set", "project.base", "half", today=TODAY)
    assert (r.exit_code, r.stderr) == (1, "错误：设置 project.base 取值：“half”应为 all、present、valid 之一\n")


def test_a_candidate_is_assigned_only_once_adopted(office_db: Path) -> None:
    _round()
    r = invoke("--session", ROUND, "assign", "1", "--lead", "住建局", today=TODAY)
    assert (r.exit_code, r.stderr) == (1, "错误：第1号民生实事候选，不能交办\n")
    r = invoke("--session", ROUND, "review", "1", "--accept", today=TODAY)
    assert (r.exit_code, r.stderr) == (1, "错误：第1号民生实事候选，不能立案\n")
    run("project", "vote", *BALLOT, *EXAMPLE)
    r = invoke("--session", ROUND, "assign", "3", "--lead", "住建局", today=TODAY)
    assert (r.exit_code, r.stderr) == (1, "错误：第3号民生实事未入选，不能交办\n")
    assert rows(office_db, "assignments") == []
    run("--session", ROUND, "assign", "1", "--lead", "住建局")
