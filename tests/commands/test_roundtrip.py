"""The round trip with units (issue 18, contract §3): packets out, replies back in, reviewed before
they count, disclosed. The sheets are filled with openpyxl as a unit would fill them in Excel or
LibreOffice: dates typed as text, rows re-sorted, blank rows added, a wrong class, a date typo."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import invoke, ok, rows

TABLES = ("replies", "reply_reviews", "extension_requests", "assignments", "items", "events")
LATER = "2026-04-15"  # the day the sheets come back


def snap(db: Path) -> dict[str, list[tuple]]:
    return {t: rows(db, t) for t in TABLES}


@pytest.fixture
def county(office_db: Path) -> Path:
    """Five units, eight items assigned on 2026-03-20 (TODAY)."""
    ok("unit", "add", "县教育局", "--short", "教育局", "--contact", "赵敏", "--phone", "0839-6212345")
    ok("unit", "add", "县交通运输局", "--short", "交通局")
    invoke("config", "set", "org.name", "青禾县人大常委会办公室")
    for n in range(1, 9):
        ok("add", "--title", f"关于第{n}项工作的建议", "--proposer", f"代表{n}")
    ok("assign", "1", "2", "--lead", "水利局", "--support", "农业农村局")
    ok("assign", "3", "4", "--lead", "农业农村局")
    ok("assign", "5", "--lead", "卫健局")
    ok("assign", "6", "--lead", "教育局", "--support", "交通局")
    ok("assign", "7", "8", "--lead", "交通局")
    return office_db


def packets(tmp_path: Path, *units: str, today: str | None = None) -> dict[str, Path]:
    out = tmp_path / "packets"
    args = ["packet", "--out", str(out)]
    for u in units:
        args += ["--unit", u]
    printed = ok(*args, today=today).split()
    return {Path(p).name.split("-")[1]: Path(p) for p in printed}


def fill(src: Path, dest: Path, by_number: dict[int, dict[str, object]], *, resort: bool = False,
         blank_rows: bool = False) -> Path:
    """Fill the named columns of the rows with these item numbers, as a unit does."""
    wb = load_workbook(src)
    ws = wb["办理情况反馈表"]
    header = {c.value: c.column for c in ws[4]}
    data = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
    for values in data:
        for name, value in by_number.get(values[0], {}).items():
            values[header[name] - 1] = value
    if resort:
        data.reverse()
    ws.protection.sheet = False  # what a unit does to sort a protected sheet
    r = 5
    for values in data:
        if blank_rows:
            for c in range(1, len(values) + 1):
                ws.cell(row=r, column=c).value = None
            r += 1
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c).value = value
        r += 1
    wb.save(dest)
    return dest


def report() -> dict:
    return json.loads(ok("report", "--format", "json", "--as-of", LATER, today=LATER))


def show(n: int, today: str = LATER) -> dict:
    return json.loads(ok("show", str(n), "--json", today=today))


def test_the_round_trip_as_a_new_user_tries_it(county: Path, tmp_path: Path) -> None:
    sent = packets(tmp_path)
    assert sorted(sent) == sorted(["县水利局", "县农业农村局", "县卫生健康局", "县教育局", "县交通运输局"])
    assert sent["县水利局"].name == "办理情况反馈表-县水利局-2026-03-20.xlsx"

    wb = load_workbook(sent["县水利局"])
    ws = wb["办理情况反馈表"]
    assert [c.value for c in ws[4]][:6] == ["编号", "标题", "角色", "办理期限", "剩余天数", "颜色"]
    assert [ws.cell(row=r, column=1).value for r in (5, 6)] == [1, 2]
    assert ws.protection.sheet and ws.cell(row=5, column=1).protection.locked
    assert not ws.cell(row=5, column=7).protection.locked  # 答复日期 is the unit's to fill
    lists = [dv for dv in ws.data_validations.dataValidation if dv.formula1 == '"A,B,C,D"']
    assert lists and "H5" in str(lists[0].sqref)
    assert wb["_docket"].sheet_state == "veryHidden"

    before, score_before = report(), ok("score", "--json", today=LATER)

    # 水利局: a wrong class and a date typo -> nothing stored, both rows named
    water = fill(sent["县水利局"], tmp_path / "water.xlsx", {
        1: {"答复日期": "2026.4.31", "类别": "A", "答复文号": "青水函〔2026〕3号", "摘要": "已加固，电话13812345678"},
        2: {"答复日期": "2026年4月10日", "类别": "E", "联系人": "王明", "沟通方式": "当面", "沟通日期": "2026.4.2"}})
    kept = snap(county)
    bad = invoke("import", "--replies", str(water), today=LATER)
    assert bad.exit_code == 1
    assert "第5行 答复日期" in bad.stderr and "第6行 类别：“E”不在答复类别 A、B、C、D 中" in bad.stderr
    assert snap(county) == kept

    # fixed and imported again
    fill(sent["县水利局"], water, {
        1: {"答复日期": "2026.4.13", "类别": "A", "答复文号": "青水函〔2026〕3号", "摘要": "已加固，电话13812345678"},
        2: {"答复日期": "2026年4月10日", "类别": "B", "联系人": "王明", "沟通方式": "当面", "沟通日期": "2026.4.2"}})
    done = invoke("import", "--replies", str(water), today=LATER)
    assert done.exit_code == 0, done.stderr
    assert "答复待审核 2 件（第1号、第2号）" in done.stderr
    assert report() == before  # waiting for review: nothing counts
    assert ok("score", "--json", today=LATER) == score_before

    # 农业农村局: re-sorted, with blank rows; an opinion, a reply and an extension request
    farm = fill(sent["县农业农村局"], tmp_path / "farm.xlsx", {
        1: {"协办意见": "同意主办单位意见", "会签": "是", "答复日期": "2026-04-01"},
        3: {"答复日期": "2026年4月8日", "类别": "C", "摘要": "列入明年计划"},
        4: {"申请延期至": "2026-07-31", "延期理由": "需等待省厅批复"}}, resort=True, blank_rows=True)
    done = invoke("import", "--replies", str(farm), today=LATER)
    assert done.exit_code == 0, done.stderr
    assert "协办意见 1 件（第1号）" in done.stderr and "延期申请待批 1 件（第4号）" in done.stderr

    # no lead reply counts yet: the report's totals are as they were (the supporting opinion,
    # which needs no review, counts for 农业农村局 at once)
    assert report()["totals"] == before["totals"]
    score_waiting = ok("score", "--json", today=LATER)
    item1 = show(1)
    assert [(r["unit"], r["review"]) for r in item1["replies"]] == [
        ("县农业农村局", "accepted"), ("县水利局", "pending")]
    assert item1["state"] == "assigned"
    assert show(4)["extension_requests"] == [{"unit": "县农业农村局", "until": "2026-07-31",
                                              "reason": "需等待省厅批复", "state": "pending",
                                              "decided_on": None, "decision_reason": None}]

    # review: return one (the clock keeps running), accept the rest (one class corrected)
    ok("reply", "review", "2", "--return", "--reason", "未答复第二项", today=LATER)
    assert [r["review"] for r in show(2)["replies"]] == ["returned"]
    assert report()["totals"] == before["totals"]
    ok("reply", "review", "1", "--accept", today=LATER)
    ok("reply", "review", "3", "--accept", "--class", "B", today=LATER)
    after = report()
    assert after["totals"]["replied"] == before["totals"]["replied"] + 2
    assert after["totals"]["classes"]["A"] == 1 and after["totals"]["classes"]["B"] == 1
    assert ok("score", "--json", today=LATER) != score_waiting
    assert [(r["class"], r["review"]) for r in show(3)["replies"]] == [("B", "accepted")]
    assert show(1)["state"] == "replied"

    # the returned reply comes back fixed (same packet) and is accepted
    fill(sent["县水利局"], water, {
        2: {"答复日期": "2026年4月14日", "类别": "B", "摘要": "两项均已答复", "联系人": "王明"}})
    again = invoke("import", "--replies", str(water), today=LATER)
    assert "答复待审核 1 件（第2号）" in again.stderr, again.stderr
    ok("reply", "review", "2", "--accept", today=LATER)

    # the extension is approved within deadline.max
    assert ok("extend", "4", "--approve", today=LATER).strip() == "2026-07-31"
    assert show(4)["assignments"][0]["due_on"] == "2026-07-31"
    assert show(4)["extension_requests"][0]["state"] == "approved"

    # disclosure: accepted public replies, masked
    out = tmp_path / "公开.csv"
    ok("export", "--public", str(out), today=LATER)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "编号,标题,主办单位,类别,类别名称,答复文号,答复摘要,答复日期,沟通日期"
    assert [line.split(",")[0] for line in lines[1:]] == ["1", "2", "3"]
    assert "138****5678" in lines[1] and "13812345678" not in out.read_text(encoding="utf-8-sig")
    assert invoke("audit", "verify", today=LATER).exit_code == 0  # every change has its event


def test_a_private_reply_and_the_default_disclosure_stay_out_of_the_public_export(county: Path, tmp_path: Path) -> None:
    sent = packets(tmp_path, "水利局")
    fill(sent["县水利局"], tmp_path / "w.xlsx", {1: {"答复日期": "2026-04-10", "类别": "A"},
                                                2: {"答复日期": "2026-04-11", "类别": "B"}})
    ok("import", "--replies", str(tmp_path / "w.xlsx"), today=LATER)
    ok("reply", "review", "1", "--accept", "--disclosure", "secret", today=LATER)
    ok("reply", "review", "2", "--accept", today=LATER)
    out = tmp_path / "pub.csv"
    ok("export", "--public", str(out), today=LATER)
    assert [line.split(",")[0] for line in out.read_text(encoding="utf-8-sig").splitlines()[1:]] == ["2"]
    ok("config", "set", "reply.public", "private")
    ok("export", "--public", str(out), today=LATER)
    assert [line.split(",")[0] for line in out.read_text(encoding="utf-8-sig").splitlines()[1:]] == ["2"]


def test_with_review_off_an_imported_reply_counts_at_once(county: Path, tmp_path: Path) -> None:
    ok("config", "set", "reply.review", "false")
    sent = packets(tmp_path, "卫健局")
    before = report()
    fill(sent["县卫生健康局"], tmp_path / "h.xlsx", {5: {"答复日期": "2026-04-10", "类别": "A"}})
    assert "答复已登记 1 件（第5号）" in invoke("import", "--replies", str(tmp_path / "h.xlsx"), today=LATER).stderr
    assert report()["totals"]["replied"] == before["totals"]["replied"] + 1
    assert [r["review"] for r in show(5)["replies"]] == ["accepted"]


def test_reimporting_the_same_sheet_records_nothing_twice(county: Path, tmp_path: Path) -> None:
    sent = packets(tmp_path, "水利局")
    f = fill(sent["县水利局"], tmp_path / "w.xlsx", {1: {"答复日期": "2026-04-10", "类别": "A"}})
    ok("import", "--replies", str(f), today=LATER)
    kept = snap(county)
    assert "已登记过（未变） 1 件（第1号）" in invoke("import", "--replies", str(f), today=LATER).stderr
    assert snap(county) == kept


# -- bad input: a clear message naming the file and row, exit 1, nothing stored -------------------

def refused(f: Path, db: Path, *words: str, args: tuple[str, ...] = ()) -> str:
    kept = snap(db)
    result = invoke("import", "--replies", str(f), *args, today=LATER)
    assert result.exit_code == 1, result.stderr
    for w in words:
        assert w in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snap(db) == kept
    return result.stderr


@pytest.mark.parametrize("cells, words", [
    ({1: {"答复日期": "2026-04-10", "类别": "Z"}}, ["第5行 类别：“Z”不在答复类别"]),
    ({1: {"答复日期": "2026-04-10"}}, ["第5行 类别：主办件的答复须填写类别"]),
    ({1: {"类别": "A"}}, ["第5行 答复日期：填写了答复内容，但没有答复日期"]),
    ({1: {"答复日期": "2026-05-01", "类别": "A"}}, ["第5行 答复日期：2026-05-01 晚于今天"]),
    ({1: {"答复日期": "2026-03-01", "类别": "A"}}, ["第5行 答复日期：2026-03-01 早于交办日期 2026-03-20"]),
    ({1: {"申请延期至": "2026-12-31", "延期理由": "太忙"}}, ["第5行 申请延期至：2026-12-31 超过最长期限"]),
    ({1: {"申请延期至": "2026-07-01"}}, ["第5行 延期理由"]),
    ({1: {"答复日期": "2026-04-10", "类别": "A"}, 2: {"答复日期": "2026-04-10", "类别": "A", "摘要": "=HYPERLINK(\"x\")"}},
     ["第6行 摘要：含有公式"]),
    ({1: {"答复日期": "2026-04-10", "类别": "A", "摘要": "好_x001B_[31m的"}}, ["第5行 摘要：含有控制字符"]),
    ({1: {"答复日期": "2026-04-10", "类别": "A", "协办意见": "同意"}}, ["第5行 协办意见：只有协办件填写"]),
])
def test_a_bad_row_stores_nothing_from_its_file(county: Path, tmp_path: Path, cells, words) -> None:
    sent = packets(tmp_path, "水利局")
    refused(fill(sent["县水利局"], tmp_path / "w.xlsx", cells), county, *words)


def test_a_row_whose_number_no_longer_matches_its_title_is_refused(county: Path, tmp_path: Path) -> None:
    """Sorting only some columns in Excel moves 编号 away from its 标题 (and the unit's answers)."""
    sent = packets(tmp_path, "水利局")
    f = fill(sent["县水利局"], tmp_path / "w.xlsx", {1: {"答复日期": "2026-04-10", "类别": "A"}})
    wb = load_workbook(f)
    ws = wb["办理情况反馈表"]
    ws["A5"], ws["A6"] = 2, 1
    wb.save(f)
    refused(f, county, "第5行 标题：与第2号的标题不符")


def test_a_supporting_row_with_a_class_is_refused(county: Path, tmp_path: Path) -> None:
    sent = packets(tmp_path, "农业农村局")
    f = fill(sent["县农业农村局"], tmp_path / "f.xlsx", {1: {"协办意见": "同意", "类别": "A"},
                                                         3: {"答复日期": "2026-04-10", "类别": "A"}})
    refused(f, county, "第5行 类别：协办件不填类别")


def test_a_sheet_from_another_unit_or_an_old_packet_is_refused(county: Path, tmp_path: Path) -> None:
    old = packets(tmp_path, "水利局")["县水利局"]
    f = fill(old, tmp_path / "w.xlsx", {1: {"答复日期": "2026-04-10", "类别": "A"}})
    refused(f, county, "是县水利局的反馈表，不是县卫生健康局的", args=("--unit", "卫健局"))
    packets(tmp_path, "水利局", today="2026-04-01")  # a newer packet supersedes the old one
    refused(f, county, "旧反馈表（第1号", "第2号")


def test_a_tampered_or_foreign_sheet_is_refused(county: Path, tmp_path: Path) -> None:
    src = packets(tmp_path, "水利局")["县水利局"]
    wb = load_workbook(src)
    wb["_docket"]["B3"] = 3  # claim to be another unit
    wb.save(tmp_path / "t.xlsx")
    refused(tmp_path / "t.xlsx", county, "身份信息与发出时不符")
    from openpyxl import Workbook

    plain = Workbook()
    plain.active.append(["编号", "答复日期"])
    plain.save(tmp_path / "plain.xlsx")
    refused(tmp_path / "plain.xlsx", county, "不是 docket 发出的办理情况反馈表")


def test_one_bad_file_does_not_stop_the_others(county: Path, tmp_path: Path) -> None:
    sent = packets(tmp_path)
    good = fill(sent["县卫生健康局"], tmp_path / "h.xlsx", {5: {"答复日期": "2026-04-10", "类别": "A"}})
    bad = fill(sent["县水利局"], tmp_path / "w.xlsx", {1: {"答复日期": "2026-04-10", "类别": "Q"}})
    result = invoke("import", "--replies", str(bad), str(good), today=LATER)
    assert result.exit_code == 1
    assert "w.xlsx" in result.stderr and "答复待审核 1 件（第5号）" in result.stderr
    assert [r["review"] for r in show(5)["replies"]] == ["pending"]
    assert show(1)["replies"] == []


def test_review_and_extension_decisions_need_something_to_decide(county: Path) -> None:
    r = invoke("reply", "review", "1", "--accept", today=LATER)
    assert (r.exit_code, r.stderr) == (1, "错误：第1号没有待审核的答复\n")
    r = invoke("extend", "1", "--approve", today=LATER)
    assert (r.exit_code, r.stderr) == (1, "错误：第1号没有待批的延期申请\n")
    # the plain commands are as they were
    assert ok("extend", "1", "--unit", "水利局", "--until", "2026-07-01", "--reason", "等待批复").strip() == "2026-07-01"
    ok("reply", "1", "--unit", "水利局", "--class", "A")


def test_a_refused_extension_and_a_returned_reply_need_and_keep_their_reasons(county: Path, tmp_path: Path) -> None:
    sent = packets(tmp_path, "水利局")
    f = fill(sent["县水利局"], tmp_path / "w.xlsx", {1: {"答复日期": "2026-04-10", "类别": "A"},
                                                     2: {"申请延期至": "2026-07-01", "延期理由": "等待批复"}})
    ok("import", "--replies", str(f), today=LATER)
    r = invoke("reply", "review", "1", "--return", today=LATER)
    assert r.exit_code == 1 and "退回答复需要写明理由" in r.stderr
    ok("extend", "2", "--refuse", "--reason", "不符合延期条件", today=LATER)
    req = show(2)["extension_requests"][0]
    assert (req["state"], req["decision_reason"]) == ("refused", "不符合延期条件")
    assert show(2)["assignments"][0]["due_on"] == "2026-06-22"
    conn = sqlite3.connect(county)
    actions = [a for (a,) in conn.execute("SELECT action FROM events WHERE action LIKE 'extension.%'"
                                          " OR action LIKE 'reply.submit'")]
    conn.close()
    assert actions == ["reply.submit", "extension.request", "extension.refuse"]


def test_a_paper_reply_typed_in_for_review_counts_only_once_accepted(county: Path) -> None:
    before = report()
    ok("reply", "5", "--unit", "卫健局", "--class", "A", "--on", "2026-04-10", "--for-review", today=LATER)
    assert report() == before
    assert [r["review"] for r in show(5)["replies"]] == ["pending"]
    assert "（待审核）" in ok("show", "5", today=LATER)
    again = invoke("reply", "5", "--unit", "卫健局", "--class", "B", "--for-review", today=LATER)
    assert (again.exit_code, again.stderr) == (1, "错误：第5号已有一份待审核的答复（2026-04-10），请先审核\n")
    support = invoke("reply", "1", "--unit", "农业农村局", "--class", "A", "--for-review", today=LATER)
    assert support.exit_code == 1 and "协办单位" in support.stderr
    ok("reply", "review", "5", "--accept", today=LATER)
    assert report()["totals"]["replied"] == before["totals"]["replied"] + 1
    # without --for-review, `reply` records at once as it always did
    ok("reply", "6", "--unit", "教育局", "--class", "B", today=LATER)
    assert report()["totals"]["replied"] == before["totals"]["replied"] + 2


def test_no_open_assignment_no_packet_and_exit_0(county: Path, tmp_path: Path) -> None:
    ok("reply", "5", "--unit", "卫健局", "--class", "A")
    result = invoke("packet", "--unit", "卫健局", "--out", str(tmp_path / "none"))
    assert (result.exit_code, result.stdout) == (0, "")
    assert "县卫生健康局没有尚未答复的交办件" in result.stderr
    assert not (tmp_path / "none").exists()
    assert rows(county, "packets") == []


# -- the commands' shapes: `reply` with its subcommand `review`, the other forms plain options -----

def test_reply_is_a_command_with_the_subcommand_review(county: Path) -> None:
    from docket.cli import cli
    from docket.commands.handling import reply as reply_to_item

    helped = ok("reply", "--help")
    assert "Usage: cli reply [OPTIONS] NUMBER" in helped and "--for-review" in helped
    assert "review  审核单位报来的答复" in helped
    assert ok("reply", "review", "--help").startswith("Usage: cli reply review [OPTIONS] NUMBER")
    assert ok("reply", "3", "--help").startswith("Usage: cli reply [OPTIONS] NUMBER")
    alone = invoke("reply")  # as before: the missing argument named, exit 2
    assert alone.exit_code == 2 and alone.stderr.splitlines()[-1] == "错误：缺少参数 NUMBER"
    bad = invoke("reply", "review", "x")
    assert bad.exit_code == 2 and "错误：NUMBER：“x”不是整数" in bad.stderr
    # options before the number go to `reply N` too, not taken for a subcommand's name
    ok("reply", "--unit", "水利局", "--class", "A", "1")
    assert [r["review"] for r in show(1, today=None)["replies"]] == ["accepted"]
    group = cli.get_command(None, "reply")
    assert group.default is reply_to_item and list(group.commands) == ["review"]


@pytest.mark.parametrize("args, message", [
    (("import", "a.xlsx", "b.xlsx"), "一次导入一个汇总表（导入多个反馈表请加 --replies）"),
    (("import", "a.xlsx", "--unit", "水利局"), "--unit 只用于 --replies（导入反馈表）"),
    (("import", "--replies", "a.xlsx", "--dry-run", "--create-units"),
     "--create-units、--dry-run 只用于导入汇总表，不能与 --replies 同用"),
    (("extend", "1", "--approve", "--until", "2026-07-01"), "批复延期申请按单位申请的期限，不能再给 --until 或 --by"),
    (("extend", "1", "--until", "2026-07-01", "--reason", "等待"),
     "请用 --unit 指明申请延期的单位（批复反馈表中的申请请用 --approve 或 --refuse）"),
    (("extend", "1", "--unit", "水利局", "--until", "2026-07-01"), "请用 --reason 写明延期理由"),
    (("reply", "1", "--fix-class", "B", "--for-review"), "--fix-class 不能与 --for-review 同用"),
])
def test_the_round_trip_options_mixed_wrongly_are_usage_errors(county: Path, args, message: str) -> None:
    kept = snap(county)
    r = invoke(*args, today=LATER)
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr.splitlines()[-1] == f"错误：{message}"
    assert snap(county) == kept


# -- the deputy's 征询意见表 on acceptance ----------------------------------------------------------

def test_accepting_a_reply_issues_the_form_into_out_or_says_how(county: Path, tmp_path: Path) -> None:
    for n, unit in ((1, "水利局"), (2, "水利局"), (5, "卫健局")):
        ok("reply", str(n), "--unit", unit, "--class", "A", "--on", "2026-04-10", "--for-review", today=LATER)
    out = tmp_path / "forms"
    done = invoke("reply", "review", "1", "--accept", "--out", str(out), today=LATER)
    assert done.exit_code == 0, done.stderr
    printed = done.stdout.split()
    assert len(printed) == 1 and Path(printed[0]).parent == out and Path(printed[0]).exists()
    assert "已生成该件的征询意见表1份" in done.stderr
    from docx import Document

    text = "\n".join(p.text for p in Document(printed[0]).paragraphs)
    assert "征询意见表" in text
    assert rows(county, "documents") == []  # as `docket form`: forms take no number, are not recorded

    # without --out: accepted, no file, the hint; a returned reply never issues a form
    plain = invoke("reply", "review", "2", "--accept", today=LATER)
    assert (plain.exit_code, plain.stdout) == (0, "")
    assert "请用 docket form 2 生成征询意见表" in plain.stderr
    r = invoke("reply", "review", "5", "--return", "--reason", "重报", "--out", str(out), today=LATER)
    assert r.exit_code == 2 and "--out 只用于 --accept" in r.stderr
    as_json = json.loads(ok("reply", "review", "5", "--accept", "--out", str(out), "--json", today=LATER))
    assert len(as_json["forms"]) == 1 and Path(as_json["forms"][0]).exists()


# -- the cover letter (packet --letter) --------------------------------------------------------------

def test_packet_letter_is_a_numbered_letter_of_the_letter_series(county: Path, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "out"
    printed = ok("packet", "--unit", "水利局", "--unit", "农业农村局", "--letter", "--out", str(out)).split()
    letters = [Path(p) for p in printed if p.endswith(".docx")]
    assert [p.name for p in letters] == ["反馈表函-县水利局-2026-03-20.docx", "反馈表函-县农业农村局-2026-03-20.docx"]
    text = [p.text for p in Document(letters[1]).paragraphs if p.text.strip()]
    assert text[:3] == ["青禾人大办函〔2026〕2号", "关于填报代表建议办理情况反馈表的函", "县农业农村局："]
    assert "（第2号，共4件次，其中主办2件、协办2件）" in text[3]
    assert "办理情况反馈表-县农业农村局-2026-03-20.xlsx" in text[4]
    assert any("（第1号，共2件次，均为主办件）" in p.text for p in Document(letters[0]).paragraphs)
    docs = [(k, no) for k, no in sqlite3.connect(county).execute("SELECT kind, doc_no FROM documents ORDER BY id")]
    assert docs == [("packet_letter", "青禾人大办函〔2026〕1号"), ("packet_letter", "青禾人大办函〔2026〕2号")]
    # without --letter: the workbook only, no number taken
    assert ok("packet", "--unit", "卫健局", "--out", str(out)).split() == [str(out / "办理情况反馈表-县卫生健康局-2026-03-20.xlsx")]
    assert len(rows(county, "documents")) == 2
