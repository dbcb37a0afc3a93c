"""Issue 15's "Done when", tried as a new user would, in one story through the real CLI:

the bottom two departments of a four-department appraisal become a rectification round; each gets
a plan; progress is reported, one falls behind and turns yellow then red in `rectify list`, its
unit is reminded, fails a re-check, passes the next, and is looked back on; the ledger (xlsx) and
the monthly 整改情况通报 (docx) are produced and read back. Then a year's 民生实事: 12 candidates
for 8 places (a tie for the last place, voted again), two adopted projects tracked (assign,
milestone, progress), mid-year and year-end satisfaction tests, the project report; and the
public report (向人民报告, docx + masked xlsx) naming nobody beyond domain.md §14. Every bad
input of the issue's list is tried on the way: a Chinese message, exit 1, the database unchanged.

The clock moves with DOCKET_TODAY (conftest `invoke(..., today=...)`), as a clerk's days pass.
"""
from __future__ import annotations

import json
import re
import sqlite3
from fractions import Fraction
from pathlib import Path


from tests.conftest import invoke

APPRAISAL = "2026年度部门工作评议"
ROUND = "2026年部门工作评议整改"
PROJECTS = "2027年民生实事项目"
ORG, SHORT = "青禾县人大常委会办公室", "青禾人大办"
UNITS = [("县水利局", "水利局"), ("县农业农村局", "农业农村局"), ("县卫生健康局", "卫健局"), ("县教育局", "教育局")]
# 满意 / 基本满意 / 不满意 per department and group: 教育局 then 卫健局 rank last
TALLIES = {"水利局": (20, 6, 3), "农业农村局": (18, 8, 3), "卫健局": (12, 12, 5), "教育局": (8, 12, 9)}
PEOPLE = ["柯明", "黎文秀", "欧阳明远", "王小红", "李建国", "张卫东", "周敏"]  # persons named in the story
PHONE = "13812345678"


def run(today: str, *args: str) -> str:
    result = invoke(*args, today=today)
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


def as_json(today: str, *args: str):
    return json.loads(run(today, *args, "--json"))


def dump(db: Path) -> dict[str, list]:
    """Every row of every table (the events count and the touched tables among them)."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: conn.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
    finally:
        conn.close()


def refused(db: Path, today: str, *args: str, says: str) -> str:
    """Bad input: a Chinese message naming what is wrong, exit 1, nothing written."""
    before = dump(db)
    result = invoke(*args, today=today)
    assert (result.exit_code, result.stdout) == (1, ""), (args, result.stdout, result.stderr)
    assert result.stderr.startswith("错误："), result.stderr
    assert says in result.stderr, result.stderr
    assert not re.search(r"Traceback|Error|[a-z]+_[a-z]+", result.stderr), result.stderr
    after = dump(db)
    assert len(after["events"]) == len(before["events"])
    assert after == before
    return result.stderr


def ledger(today: str, *args: str) -> dict[int, dict]:
    return {r["number"]: r for r in as_json(today, "rectify", "list", *args)}


# -- the story's first part: an appraisal, its bottom two, plans, progress, one falling behind --

def _office(db: Path) -> None:
    run("2026-03-20", "init", "--org", ORG, "--short", SHORT)
    for name, short in UNITS:
        run("2026-03-20", "unit", "add", name, "--short", short)
    # two deputies' suggestions (personal names, a phone) for the public report to leave out
    run("2026-03-20", "add", "--title", "关于加快农村公路养护的建议", "--proposer", "柯明", "--co", "黎文秀",
        "--content", f"联系人柯明，电话{PHONE}")
    run("2026-03-20", "add", "--title", "关于改善乡镇卫生院条件的建议", "--proposer", "李建国")
    run("2026-03-20", "assign", "1", "--lead", "水利局")
    run("2026-03-20", "assign", "2", "--lead", "卫健局")
    run("2026-05-10", "reply", "1", "--unit", "水利局", "--class", "A", "--contact", "王小红", "--phone", PHONE)
    run("2026-05-20", "evaluate", "1", "--result", "满意", "--rater", "欧阳明远")


def _appraisal() -> dict[str, tuple[int, str]]:
    run("2026-03-20", "appraisal", "new", APPRAISAL, "--group", "常委会组成人员", "--group", "代表")
    run("2026-03-20", "appraisal", "add-department", APPRAISAL, *(short for _, short in UNITS))
    for unit, (satisfied, basic, dissatisfied) in TALLIES.items():
        for group, members in (("常委会组成人员", 31), ("代表", 62)):
            run("2026-03-20", "appraisal", "tally", APPRAISAL, "--department", unit, "--group", group,
                "--members", str(members), "--present", "29", "--satisfied", str(satisfied),
                "--basic", str(basic), "--dissatisfied", str(dissatisfied))
        run("2026-03-20", "appraisal", "enter", APPRAISAL, "--department", unit, "lawful=88", "policy=82", "service=85")
    run("2026-03-20", "appraisal", "compute", APPRAISAL)
    shown = as_json("2026-03-20", "appraisal", "show", APPRAISAL)
    return {d["department"]: (d["rank"], d["grade"]) for d in shown["departments"]}


def _until_red(db: Path) -> tuple[int, int]:
    """Up to 2026-04-20: returns (steady, lagging), the numbers of the two items."""
    _office(db)
    ranking = _appraisal()
    assert len(ranking) == 4
    bottom = sorted(ranking, key=lambda u: ranking[u][0])[-2:]
    assert bottom == ["县卫生健康局", "县教育局"]
    run("2026-03-20", "rectify", "new", ROUND, "--from-appraisal", APPRAISAL, "--bottom", "2")
    rows = ledger("2026-03-20")
    assert sorted(r["unit"] for r in rows.values()) == sorted(bottom)
    for r in rows.values():
        rank, grade = ranking[r["unit"]]
        assert r["source"] == f"{APPRAISAL}（{grade}）"
        assert f"共4个部门中列第{rank}名" in r["problem"]
        assert (r["state"], r["state_label"], r["progress"]) == ("registered", "未启动", None)
    by_unit = {r["unit"]: n for n, r in rows.items()}
    steady, lagging = by_unit["县卫生健康局"], by_unit["县教育局"]

    # a plan: 目标、措施、时限、责任人; a due date before the start, or no unit, is refused
    refused(db, "2026-03-20", "rectify", "plan", str(steady), "--target", "群众满意度提升", "--measures", "优化窗口",
            "--person", "张卫东", "--due", "2026-03-01", says="整改时限：2026-03-01 早于方案日期 2026-03-20")
    refused(db, "2026-03-20", "rectify", "plan", str(steady), "--target", "t", "--measures", "m", "--person", "p",
            "--unit", " ", says="责任单位：不能为空")
    refused(db, "2026-03-20", "rectify", "add", "--problem", "无人负责的问题", says="责任单位：不能为空")
    run("2026-03-20", "rectify", "plan", str(steady), "--target", "群众满意度明显提升",
        "--measures", "优化窗口服务；建立回访制度", "--person", "张卫东", "--due", "2026-05-19")
    run("2026-03-20", "rectify", "plan", str(lagging), "--target", "补齐校舍安全短板",
        "--measures", "排查危房；分批改造", "--person", "周敏", "--due", "2026-05-19")
    rows = ledger("2026-03-20")
    assert {(r["state_label"], r["due_on"], r["color"]) for r in rows.values()} == {("整改中", "2026-05-19", "white")}

    # 60 days from 03-20 to 05-19: planned runs 10 % every 6 days
    run("2026-03-26", "rectify", "progress", str(steady), "15", "--note", "完成窗口排查")
    run("2026-03-26", "rectify", "progress", str(lagging), "10", "--note", "完成危房排查")
    assert ledger("2026-03-26")[lagging]["color"] == "white"
    run("2026-04-01", "rectify", "progress", str(steady), "25")
    row = ledger("2026-04-01")[lagging]
    assert (row["progress"], row["planned"], row["lag"], row["color"]) == (10, 20.0, 10.0, "yellow")
    assert ledger("2026-04-01")[steady]["color"] == "white"
    # progress outside 0–100, or going backwards without a note
    refused(db, "2026-04-01", "rectify", "progress", str(lagging), "101",
            says="进度：101 超出范围，应为 0 到 100 之间的整数")
    refused(db, "2026-04-01", "rectify", "progress", str(lagging), "-1",
            says="进度：-1 超出范围，应为 0 到 100 之间的整数")
    refused(db, "2026-04-01", "rectify", "progress", str(lagging), "5",
            says="进度：5% 低于上次报送的 10%，进度回退须用 --note 写明原因")
    # 周调度: the lagging unit has not reported for a week: 未按时报送进度, reminded once (cron-safe)
    sent = as_json("2026-04-03", "remind")
    assert [u["unit"] for u in sent] == ["县教育局"]          # the steady unit is not bothered
    assert (lagging, "late_report", "未按时报送进度") in [
        (i["number"], i["color"], i.get("reason")) for i in sent[0]["items"]]
    assert as_json("2026-04-03", "remind") == []
    assert ledger("2026-04-03")[lagging]["late_report"] is True
    run("2026-04-08", "rectify", "progress", str(steady), "40")
    run("2026-04-10", "rectify", "progress", str(lagging), "15", "--note", "资金未到位")
    run("2026-04-15", "rectify", "progress", str(steady), "55")
    rows = ledger("2026-04-20")
    assert (rows[lagging]["planned"], rows[lagging]["lag"], rows[lagging]["color"]) == (51.7, 36.7, "red")
    assert rows[steady]["color"] == "white"
    text = run("2026-04-20", "rectify", "list").splitlines()
    assert "红" in next(line for line in text[1:] if line.split()[0] == str(lagging)).split()
    return steady, lagging


def test_remind_lists_the_item_red_by_lag(tmp_path: Path) -> None:
    _, lagging = _until_red(tmp_path / "docket.db")
    sent = as_json("2026-04-20", "remind")
    assert any(u["unit"] == "县教育局" and i["number"] == lagging and i["color"] == "red"
               for u in sent for i in u["items"]), sent


def test_issue15_done_when(tmp_path: Path) -> None:
    db = tmp_path / "docket.db"
    steady, lagging = _until_red(db)

    # -- done, re-checked (fail, then pass), looked back on; 问责 -------------------------------
    run("2026-05-06", "rectify", "progress", str(steady), "100", "--note", "整改完成")
    run("2026-05-08", "rectify", "recheck", str(steady), "--pass")
    run("2026-05-10", "rectify", "progress", str(lagging), "100", "--note", "改造完成")
    assert ledger("2026-05-10")[lagging]["state_label"] == "已整改"
    # a look-back before a passed re-check
    refused(db, "2026-05-11", "rectify", "lookback", str(lagging), "--pass", says="不能回头看")
    run("2026-05-12", "rectify", "recheck", str(lagging), "--fail", "--note", "两所学校未完工")
    row = ledger("2026-05-12")[lagging]
    assert (row["state"], row["state_label"], row["due_on"], row["progress"]) == (
        "rehandling", "复查未通过", "2026-06-12", None)
    run("2026-05-12", "rectify", "accountability", str(lagging), "--reason", "首次复查未通过")
    run("2026-05-25", "rectify", "progress", str(lagging), "100", "--note", "全部完工")
    run("2026-05-27", "rectify", "recheck", str(lagging), "--pass")
    refused(db, "2026-05-28", "rectify", "lookback", str(lagging), "--pass", "--on", "2026-05-26",
            says="回头看日期：2026-05-26 早于复查通过日期 2026-05-27")
    rows = ledger("2026-05-28")
    assert {n: (r["state_label"], r["rechecked_on"]) for n, r in rows.items()} == {
        steady: ("复查通过", "2026-05-08"), lagging: ("复查通过", "2026-05-27")}
    run("2026-11-10", "rectify", "lookback", str(steady), "--pass", "--note", "未反弹")
    run("2026-11-27", "rectify", "lookback", str(lagging), "--pass")
    rows = ledger("2026-11-30")
    assert {n: (r["state"], r["state_label"], r["closed_on"]) for n, r in rows.items()} == {
        steady: ("closed", "已销号", "2026-11-10"), lagging: ("closed", "已销号", "2026-11-27")}
    assert rows[lagging]["accountability"] == {"on": "2026-05-12", "reason": "首次复查未通过"}
    figures = as_json("2026-11-30", "report")["rectification"]
    assert {k: figures[k] for k in ("total", "done", "completion_rate", "rechecked", "recheck_passed",
                                    "accountability")} == {
        "total": 2, "done": 2, "completion_rate": 1.0, "rechecked": 2, "recheck_passed": 2,
        "accountability": 1}

    # -- the ledger, xlsx in the columns of documents.md §3.6 --------------------------------
    import openpyxl

    book = tmp_path / "整改台账.xlsx"
    assert run("2026-11-30", "rectify", "export", str(book)) == f"{book}\n"
    ws = openpyxl.load_workbook(book)["整改台账"]
    assert (ws["A1"].value, ws["A2"].value) == (f"{ROUND}台账", "截至2026年11月30日")
    assert [c.value for c in ws[3]] == ["序号", "问题来源", "问题", "整改措施", "责任单位", "责任人",
                                       "整改时限", "进度", "状态", "复查结果", "销号日期"]
    sheet = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    assert set(sheet) == {steady, lagging}
    s, g = sheet[steady], sheet[lagging]
    assert (s[1], s[3], s[4], s[5]) == (f"{APPRAISAL}（{rows[steady]['source'][-3:-1]}）",
                                        "目标：群众满意度明显提升；措施：优化窗口服务；建立回访制度", "县卫生健康局", "张卫东")
    assert (g[4], g[5], g[8]) == ("县教育局", "周敏", "复查通过")
    assert g[6].date().isoformat() == "2026-06-12" and g[10].date().isoformat() == "2026-11-27"
    assert s[10].date().isoformat() == "2026-11-10"
    assert [ws.column_dimensions[c].width for c in "ABCDEFGHIJK"] == [6, 14, 40, 40, 16, 10, 14, 30, 10, 20, 14]

    # -- the monthly 整改情况通报 ------------------------------------------------------------
    import docx

    circular = tmp_path / "整改情况通报.docx"
    assert run("2026-11-30", "rectify", "circular", "--out", str(circular)) == f"{circular}\n"
    doc = docx.Document(str(circular))
    text = [p.text for p in doc.paragraphs]
    assert f"{SHORT}〔2026〕1号" in text
    assert f"关于{ROUND}情况的通报" in [t.replace("\n", "") for t in text]
    body = "\n".join(text + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert "截至2026年11月30日，2026年部门工作评议整改共列入整改问题2个，已整改2个（其中已销号2个），整改完成率100%。" in text
    assert "按期整改2个，按期整改率100%；已复查2个，复查通过2个，复查通过率100%；启动问责1个。" in text
    for figure in ("整改完成率", "按期整改率", "复查通过率", "问责"):
        assert figure in body, figure

    # -- a year's 民生实事: 12 candidates for 8 places --------------------------------------
    day = "2027-01-20"
    run(day, "project", "new", PROJECTS, "--places", "8")
    for k in range(1, 13):
        unit = UNITS[k % 4][1]
        assert run(day, "project", "add", f"民生实事候选项目{k}", "--unit", unit, "--budget", str(100 * k),
                   "--content", f"第{k}个候选项目的内容") == f"{k}\n"
    yes = [120, 110, 100, 95, 90, 88, 85, 80, 80, 70, 60, 50]   # 8 and 9 tie for the 8th place
    entries = [f"{k}={y}/{138 - y - 3}/3" for k, y in enumerate(yes, 1)]
    ballot = ["--members", "150", "--present", "140", "--valid", "138"]
    # bad ballots: counts over the valid ballots; valid > present > members
    over = [*entries[:11], "12=50/86/3"]
    refused(db, day, "project", "vote", *ballot, *over, says="超过有效票138")
    said = refused(db, day, "project", "vote", "--members", "130", "--present", "140", "--valid", "145", *entries,
                   says="出席人数140超过代表总数130")
    assert said.splitlines()[1:3] == ["出席人数140超过代表总数130", "有效票145超过出席人数140"]
    vote = as_json(day, "project", "vote", *ballot, *entries)
    # base all (project.base default): 赞成 must exceed 150 × 1/2
    assert (vote["places"], vote["base"], vote["threshold_votes"]) == (8, "all", 75)
    got = [(c["number"], c["passed"], c["rank"], c["result"]) for c in vote["candidates"]]
    assert got == [(k, True, k, "adopted") for k in range(1, 8)] + [
        (8, True, 8, "revote"), (9, True, 8, "revote"), (10, False, None, "not_adopted"),
        (11, False, None, "not_adopted"), (12, False, None, "not_adopted")]
    listed = as_json(day, "project", "list")
    assert listed["adopted"] == 7
    assert [p["state_label"] for p in listed["projects"]][7:9] == ["待再次表决", "待再次表决"]
    again = as_json(day, "project", "vote", *ballot, "8=90/40/8", "9=76/54/8")
    assert again["places"] == 1
    assert [(c["number"], c["rank"], c["result"]) for c in again["candidates"]] == [
        (8, 8, "adopted"), (9, 9, "not_adopted")]  # passed, no place left
    listed = as_json(day, "project", "list")
    assert listed["adopted"] == 8
    assert [p["number"] for p in listed["projects"] if p["state"] == "accepted"] == list(range(1, 9))

    # two adopted projects tracked: assign, a milestone, monthly progress
    run(day, "config", "set", "deadline.max", "12 months")
    s = ("--session", PROJECTS)
    run(day, *s, "assign", "1", "--lead", UNITS[1][1], "--due", "2027-12-31")
    run(day, *s, "assign", "2", "--lead", UNITS[2][1], "--due", "2027-12-31")
    run(day, "project", "milestone", "1", "2027-06-30", "完成主体施工", "--percent", "60")
    run("2027-03-01", "project", "progress", "1", "20")
    run("2027-03-01", "project", "progress", "2", "5", "--note", "完成选址")
    refused(db, "2027-04-01", "project", "progress", "2", "3", says="进度：3% 低于上次报送的 5%，进度回退须用 --note 写明原因")
    refused(db, "2027-04-01", "project", "progress", "2", "101", says="进度：101 超出范围")
    standing = {p["number"]: p for p in as_json("2027-04-01", "project", "list", "--as-of", "2027-04-01")["projects"]}
    assert (standing[1]["lead_unit"], standing[1]["due_on"], standing[1]["progress"], standing[1]["color"]) == (
        "县农业农村局", "2027-12-31", 20, "white")
    assert (standing[2]["progress"], standing[2]["color"]) == (5, "yellow")
    for month, (one, two) in (("2027-04-01", (35, 20)), ("2027-05-01", (45, 30)), ("2027-06-01", (60, 45))):
        run(month, "project", "progress", "1", str(one))
        run(month, "project", "progress", "2", str(two))

    # satisfaction tests (tallies as in appraisal): per project rate and level, overall pooled
    tallies = [  # (number, stage, group, members, present, satisfied, basic, dissatisfied, abstain, day)
        (1, "mid", "代表", 31, 29, 15, 10, 4, 0, "2027-07-01"),
        (2, "mid", "代表", 31, 29, 20, 5, 2, 2, "2027-07-01"),
        (1, "final", "代表", 100, 95, 80, 10, 5, 0, "2027-12-28"),
        (1, "final", "常委会组成人员", 31, 29, 20, 8, 1, 0, "2027-12-28"),
        (2, "final", "代表", 100, 95, 40, 30, 20, 5, "2027-12-28")]
    for number, stage, group, members, present, sat, basic, dis, abstain, on in tallies:
        run(on, "project", "test", "--stage", stage, str(number), "--group", group, "--members", str(members),
            "--present", str(present), "--satisfied", str(sat), "--basic", str(basic),
            "--dissatisfied", str(dis), "--abstain", str(abstain))
    data = as_json("2027-12-28", "project", "list")
    for stage in ("mid", "final"):
        mine = [t for t in tallies if t[1] == stage]
        per = {}
        for number in (1, 2):
            ts = [t for t in mine if t[0] == number]
            per[number] = (sum(t[5] + t[6] for t in ts), sum(t[5] + t[6] + t[7] for t in ts))
            test = data["projects"][number - 1]["tests"][stage]
            assert (test["valid"], test["rate"]) == (per[number][1], round(per[number][0] / per[number][1], 4))
        pooled = Fraction(sum(p[0] for p in per.values()), sum(p[1] for p in per.values()))
        assert data["tests"][stage]["rate"] == round(float(pooled), 4)
        assert data["tests"][stage]["lowest"] == min(round(p[0] / p[1], 4) for p in per.values())
    assert {(p["number"], st): t["level"] for p in data["projects"][:2] for st, t in p["tests"].items()} == {
        (1, "mid"): "基本满意", (2, "mid"): "满意", (1, "final"): "满意", (2, "final"): "基本满意"}

    # the project report
    report = tmp_path / "民生实事项目通报.docx"
    r = invoke("project", "report", "--out", str(report), today="2027-12-29")
    assert (r.exit_code, r.stderr) == (0, f"已生成 {report}（{SHORT}〔2027〕1号）\n")
    doc = docx.Document(str(report))
    text = [p.text for p in doc.paragraphs]
    assert f"{SHORT}〔2027〕1号" in text
    assert f"关于{PROJECTS}票决和实施情况的通报" in [t.replace("\n", "") for t in text]
    assert any("对12个候选项目进行了无记名投票表决" in t for t in text)
    assert any("名额8个" in t and "共8个项目入选" in t for t in text), text
    assert any("年终测评2个项目" in t and "87.9%" in t for t in text), text

    # -- 向人民报告: docx and the masked xlsx; no person named beyond §14 -------------------
    out = tmp_path / "公开"
    lines = run("2027-12-30", "report", "--public", "--out", str(out)).splitlines()
    docx_path, xlsx_path = (Path(x) for x in lines)
    assert docx_path.suffix == ".docx" and xlsx_path.suffix == ".xlsx"
    doc = docx.Document(str(docx_path))
    text = [p.text for p in doc.paragraphs]
    assert f"{SHORT}〔2027〕2号" in text
    for heading in ("一、代表建议办理情况", "二、民生实事项目实施情况", "三、整改工作情况"):
        assert heading in text
    assert any(t.startswith(f"{ROUND}共列入整改问题2个，已整改2个，整改完成率100") for t in text), text
    tables = ["|".join(c.text for c in row.cells) for t in doc.tables for row in t.rows]
    wb = openpyxl.load_workbook(xlsx_path)
    cells = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert wb["总体情况"] and wb["民生实事项目"]
    everything = "\n".join(text + tables + cells)
    assert [n for n in PEOPLE if n in everything] == []
    assert PHONE not in everything

    assert invoke("audit", "verify").exit_code == 0


# -- defects found on the way (each test failed before its fix) --------------------------------

def test_departments_tied_at_the_cut_all_enter_the_round(tmp_path: Path) -> None:
    """The bottom one of an appraisal whose last two departments tie (both 第3名) is both of
    them, said so; before, one was left out by the order of its name."""
    run("2026-03-20", "init", "--org", ORG, "--short", SHORT)
    for name, short in UNITS:
        run("2026-03-20", "unit", "add", name, "--short", short)
    run("2026-03-20", "appraisal", "new", APPRAISAL, "--group", "代表")
    run("2026-03-20", "appraisal", "add-department", APPRAISAL, *(short for _, short in UNITS))
    for unit, (satisfied, basic, dissatisfied) in {**TALLIES, "教育局": TALLIES["卫健局"]}.items():
        run("2026-03-20", "appraisal", "tally", APPRAISAL, "--department", unit, "--group", "代表",
            "--members", "31", "--present", "29", "--satisfied", str(satisfied), "--basic", str(basic),
            "--dissatisfied", str(dissatisfied))
        run("2026-03-20", "appraisal", "enter", APPRAISAL, "--department", unit, "lawful=88", "policy=82", "service=85")
    run("2026-03-20", "appraisal", "compute", APPRAISAL)
    ranks = {d["department"]: d["rank"] for d in as_json("2026-03-20", "appraisal", "show", APPRAISAL)["departments"]}
    assert (ranks["县卫生健康局"], ranks["县教育局"]) == (3, 3)
    r = invoke("rectify", "new", ROUND, "--from-appraisal", APPRAISAL, "--bottom", "1", today="2026-03-20")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines() == [
        f"已建立整改“{ROUND}”，由评议生成2个问题：第1、2号。",
        f"注意：评议“{APPRAISAL}”第3名有2个部门并列，均已列入（--bottom 1，实际列入2个部门）"]
    assert sorted(r["unit"] for r in ledger("2026-03-20").values()) == ["县卫生健康局", "县教育局"]
    # more than the departments ranked: all of them, said so
    r = invoke("rectify", "new", "另一轮", "--from-appraisal", APPRAISAL, "--bottom", "5", today="2026-03-20")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines()[1:] == [f"注意：评议“{APPRAISAL}”只有4个部门排出名次，--bottom 5 已全部列入"]
    assert len(ledger("2026-03-20", "--round", "另一轮")) == 4


def test_a_plan_dated_before_the_problem_names_the_plan_date(tmp_path: Path) -> None:
    """`rectify plan --on` before the problem was registered: the message names what the clerk
    typed (方案日期), not the 交办日期 of the assignment the plan makes behind the scenes."""
    db = tmp_path / "docket.db"
    run("2026-03-20", "init", "--org", ORG, "--short", SHORT)
    run("2026-03-20", "unit", "add", "县水利局", "--short", "水利局")
    run("2026-03-20", "rectify", "new", ROUND)
    run("2026-03-20", "rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局")
    refused(db, "2026-03-25", "rectify", "plan", "1", "--target", "t", "--measures", "m", "--person", "李明",
            "--on", "2026-03-10", says="方案日期：2026-03-10 早于第1号整改问题的登记日期 2026-03-20")


def test_show_lists_the_late_report_reminder(tmp_path: Path) -> None:
    # the 未按时报送进度 reminder sent on 04-03 is in `show` (text and JSON), as on the item screen
    _, lagging = _until_red(tmp_path / "docket.db")
    shown = as_json("2026-04-20", "--session", ROUND, "show", str(lagging))
    assert ("县教育局", "progress_late", "2026-04-03") in [
        (r["unit"], r["level"], r["sent_on"]) for r in shown["reminders"]]
    text = run("2026-04-20", "--session", ROUND, "show", str(lagging))
    assert "2026-04-03  县教育局  未按时报送进度 第1次" in text
