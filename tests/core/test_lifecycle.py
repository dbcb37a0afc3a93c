"""Every transition and guard of domain.md §5, through the commands over core/handling and
core/intake. A refusal is exit 1, the exact Chinese message on stderr, and no row written."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import as_json, invoke, ok, rows
from docket.core import lifecycle
from docket.core.records import State

TABLES = ("items", "assignments", "replies", "evaluations", "events", "settings")
TITLE = "关于加固城东河堤的建议"


def snapshot(db: Path) -> dict[str, list[tuple]]:
    return {t: rows(db, t) for t in TABLES}


def refused(db: Path, *args: str, message: str, today: str | None = None) -> None:
    """The command fails as a user error with exactly `message`, and nothing is written."""
    before = snapshot(db)
    result = invoke(*args, today=today)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"错误：{message}\n")
    assert snapshot(db) == before


def add(title: str = TITLE, proposer: str = "张三", *extra: str, today: str | None = None) -> int:
    return int(ok("add", "--title", title, "--proposer", proposer, *extra, today=today))


def show(number: int = 1, today: str | None = None) -> dict:
    return as_json("show", str(number), today=today)


def state(number: int = 1) -> str:
    return show(number)["state"]


def actions(number: int = 1) -> list[str]:
    return [e["action"] for e in show(number)["events"]]


def assigned(number: int = 1, *support: str, on: str = "2026-03-20") -> None:
    args = ["assign", str(number), "--lead", "水利局", "--on", on]
    for s in support:
        args += ["--support", s]
    ok(*args)


def units(number: int = 1) -> list[tuple]:
    """(unit, role, round, assigned_on, due_on, replied_on, returned_on, ended_on, end_reason)."""
    return [(a["unit"], a["role"], a["round"], a["assigned_on"], a["due_on"], a["replied_on"],
             a["returned_on"], a["ended_on"], a["end_reason"]) for a in show(number)["assignments"]]


# -- the table itself --------------------------------------------------------------------------

S = State
EXPECTED = {  # domain.md §5, column "from"
    "accept": {S.REGISTERED},
    "merge": {S.REGISTERED, S.ACCEPTED},
    "convert": {S.REGISTERED, S.ACCEPTED},
    "as_kind": {S.REGISTERED, S.ACCEPTED},
    "withdraw": {S.REGISTERED, S.ACCEPTED, S.ASSIGNED, S.REHANDLING},
    "assign": {S.REGISTERED, S.ACCEPTED},
    "add_support": {S.ASSIGNED},
    "return": {S.ASSIGNED},
    "extend": {S.ASSIGNED, S.REHANDLING},
    "opinion": {S.ASSIGNED, S.REHANDLING},
    "reply": {S.ASSIGNED, S.REHANDLING},
    "evaluate": {S.REPLIED},
    "fix_class": {S.REPLIED, S.REHANDLING, S.CLOSED},
    "close": {S.ASSIGNED, S.REPLIED, S.REHANDLING, S.RECHECKED},
    # domain.md §12 (rectification)
    "plan": {S.ASSIGNED, S.REHANDLING},
    "progress": {S.ASSIGNED, S.REHANDLING},
    "recheck": {S.REPLIED},
    "lookback": {S.RECHECKED},
    "accountability": set(S),
    # domain.md §13 (livelihood projects): the ballot decides accepted, converted or revote
    "vote": {S.REGISTERED, S.REVOTE},
}


def test_transition_table_is_domain_md_section_5() -> None:
    assert {a: set(src) for a, (src, _) in lifecycle.TRANSITIONS.items()} == EXPECTED
    assert {a: t for a, (_, t) in lifecycle.TRANSITIONS.items() if t} == {
        "accept": S.ACCEPTED, "merge": S.MERGED, "convert": S.CONVERTED, "withdraw": S.WITHDRAWN,
        "assign": S.ASSIGNED, "reply": S.REPLIED, "close": S.CLOSED}
    assert lifecycle.actions_for("replied") == ["evaluate", "fix_class", "close"]
    assert lifecycle.actions_for("withdrawn") == []
    assert lifecycle.actions_for("replied", "rectification") == ["close", "recheck", "accountability"]


# -- review ------------------------------------------------------------------------------------

def test_accept_then_accept_again_is_refused(office_db: Path) -> None:
    add()
    invoke_ok = invoke("review", "1", "--accept")
    assert (invoke_ok.exit_code, invoke_ok.stdout, invoke_ok.stderr) == (0, "", "第1号：已立案\n")
    assert state() == "accepted"
    assert show()["events"][-1]["detail"] == {"number": 1, "reason": None, "before": {"state": "registered"},
                                              "after": {"state": "accepted"}}
    refused(office_db, "review", "1", "--accept", message="第1号建议已立案，不能立案")


def test_merge_records_events_on_both_items(office_db: Path) -> None:
    add()
    add("关于城东河堤加高加固的建议", "李四")
    ok("review", "2", "--merge-into", "1")
    two, one = show(2), show(1)
    assert (two["state"], two["merged_into"], one["merged_items"]) == ("merged", 1, [2])
    assert actions(1) == ["add", "merge.master"]
    assert actions(2) == ["add", "review.merge"]
    assert two["events"][-1]["detail"]["merged_into"] == 1


def test_merge_guards(office_db: Path) -> None:
    for i in range(4):
        add(f"{TITLE}{i}", f"代表{i}")
    add("关于设立县级农业保险的议案", "赵六", "--kind", "motion")  # 5
    refused(office_db, "review", "1", "--merge-into", "1", message="不能把第1号并入它自己")
    refused(office_db, "review", "5", "--merge-into", "1", message="第5号与第1号类型不同，不能并案")
    refused(office_db, "review", "1", "--merge-into", "9",
            message="第9号不存在（县第十八届人民代表大会第五次会议）。用 docket list 查看已有编号")
    ok("review", "2", "--merge-into", "1")
    # neither may already be merged, and nothing may be merged into N
    refused(office_db, "review", "3", "--merge-into", "2", message="第2号建议已并案，不能作为并案的主件")
    refused(office_db, "review", "2", "--merge-into", "3", message="第2号建议已并案，不能并案")
    refused(office_db, "review", "1", "--merge-into", "3", message="已有其他件并入第1号，它不能再并入别的件")
    # a master that is already closed cannot take members; an assigned one can
    ok("review", "4", "--withdraw", "--reason", "代表撤回")
    refused(office_db, "review", "3", "--merge-into", "4", message="第4号建议已撤案，不能作为并案的主件")
    assigned(1)
    ok("review", "3", "--merge-into", "1")
    assert show(1)["merged_items"] == [2, 3]


def test_convert_needs_a_reason_and_ends_the_item(office_db: Path) -> None:
    add()
    refused(office_db, "review", "1", "--convert", message="转来信需要写明理由（--reason）")
    ok("review", "1", "--convert", "--reason", "涉及具体司法案件")
    item = show()
    assert (item["state"], item["state_label"], item["close_reason"]) == ("converted", "已转来信", "涉及具体司法案件")
    refused(office_db, "assign", "1", "--lead", "水利局", message="第1号建议已转来信，不能交办")


def test_motion_handled_as_suggestion_keeps_its_number_in_ref_no(office_db: Path) -> None:
    add()
    add("关于制定县城市容管理办法的议案", "王五", "--kind", "motion")
    ok("review", "2", "--as", "suggestion")
    item = show(2)
    assert (item["number"], item["kind"], item["ref_no"], item["state"]) == (2, "suggestion", "2", "registered")
    assert item["events"][-1]["detail"]["before"] == {"state": "registered", "kind": "motion"}
    assert item["events"][-1]["detail"]["after"] == {"kind": "suggestion"}
    refused(office_db, "review", "1", "--as", "suggestion", message="只有议案可以转为建议处理（第1号是建议）")


def test_withdraw_ends_assignments_and_frees_merged_items(office_db: Path) -> None:
    add()
    add("关于城东河堤加高加固的建议", "李四")
    ok("review", "2", "--merge-into", "1")
    assigned(1, "农业农村局")
    refused(office_db, "review", "1", "--withdraw", message="撤案需要写明理由（--reason）")
    ok("review", "1", "--withdraw", "--reason", "代表撤回", today="2026-03-25")
    item = show()
    assert (item["state"], item["closed_on"], item["close_reason"]) == ("withdrawn", "2026-03-25", "代表撤回")
    assert units() == [
        ("县水利局", "lead", 1, "2026-03-20", "2026-06-22", None, None, "2026-03-25", "代表撤回"),
        ("县农业农村局", "support", 1, "2026-03-20", "2026-04-20", None, None, "2026-03-25", "代表撤回")]
    assert (state(2), show(2)["merged_into"]) == ("accepted", None)
    assert actions(2)[-1] == "unmerge"
    refused(office_db, "reply", "1", "--unit", "水利局", "--class", "A", message="第1号建议已撤案，不能答复")


def test_withdraw_from_replied_is_refused(office_db: Path) -> None:
    add()
    assigned()
    ok("reply", "1", "--unit", "水利局", "--class", "A")
    refused(office_db, "review", "1", "--withdraw", "--reason", "代表撤回", message="第1号建议已答复，不能撤案")


# -- assign ------------------------------------------------------------------------------------

def test_assign_accepts_implicitly_and_computes_every_due_date(office_db: Path) -> None:
    add()
    out = as_json("assign", "1", "--lead", "水利局", "--support", "农业农村局")
    assert out == [{"number": 1, "state": "assigned", "lead": "县水利局", "assigned_on": "2026-03-20",
                    "due_on": "2026-06-22",  # 06-20 Sat inside 端午 06-19–21 → Mon 06-22
                    "provisional": False, "objection_until": "2026-03-27",  # 5 workdays
                    "support": [{"unit": "县农业农村局", "due_on": "2026-04-20", "provisional": False}],
                    "before": {"state": "registered"}, "after": {"state": "assigned"}}]
    assert units() == [
        ("县水利局", "lead", 1, "2026-03-20", "2026-06-22", None, None, None, None),
        ("县农业农村局", "support", 1, "2026-03-20", "2026-04-20", None, None, None, None)]


def test_assign_guards(office_db: Path) -> None:
    add()
    refused(office_db, "assign", "1", "--lead", "水利局", "--support", "县水利局",
            message="主办单位“县水利局”不能同时是协办单位")
    refused(office_db, "assign", "1", "--lead", "水利局", "--on", "2026-03-21",
            message="交办日期：2026-03-21 晚于今天（2026-03-20），不能预先登记")
    refused(office_db, "assign", "1", "--lead", "水利局", "--due", "2026-03-19",
            message="期限：2026-03-19 早于交办日期 2026-03-20")
    # cap = assignment + 6 months = 09-20, a Sunday make-up workday
    refused(office_db, "assign", "1", "--lead", "水利局", "--due", "2026-09-21",
            message="期限：2026-09-21 超过最长期限 2026-09-20（deadline.max）")
    refused(office_db, "assign", "1", "--lead", "市公安局",
            message="单位“市公安局”不存在。可用 docket unit add 添加")
    out = as_json("assign", "1", "--lead", "水利局", "--support", "卫健局", "--due", "2026-09-20")
    assert (out[0]["due_on"], out[0]["support"]) == (
        "2026-09-20", [{"unit": "县卫生健康局", "due_on": "2026-04-20", "provisional": False}])


def test_assign_before_the_item_was_received_is_refused(office_db: Path) -> None:
    add(today="2026-03-20")
    refused(office_db, "assign", "1", "--lead", "水利局", "--on", "2026-03-19",
            message="交办日期 2026-03-19 早于第1号建议的提出日期 2026-03-20")


def test_assigning_again_adds_supporters_and_never_changes_the_lead(office_db: Path) -> None:
    add()
    assigned()
    out = as_json("assign", "1", "--lead", "县水利局", "--support", "农业农村局", "--on", "2026-04-01",
                  today="2026-04-01")
    # 04-01 + 1 month = 05-01, inside 劳动节 05-01–05 → 05-06; below the lead's 06-22
    assert out == [{"number": 1, "state": "assigned", "lead": "县水利局",
                    "support": [{"unit": "县农业农村局", "due_on": "2026-05-06", "provisional": False}]}]
    assert units()[1] == ("县农业农村局", "support", 1, "2026-04-01", "2026-05-06", None, None, None, None)
    assert show()["assignments"][1]["objection_until"] == "2026-04-09"  # 04-06 清明 skipped
    refused(office_db, "assign", "1", "--lead", "水利局", "--support", "农业农村局", today="2026-04-01",
            message="县农业农村局已是第1号的协办单位")
    refused(office_db, "assign", "1", "--lead", "农业农村局", "--support", "卫健局",
            message="第1号的主办单位是县水利局，不是县农业农村局。更换主办单位需先退回"
                    "（docket return 1 --unit 县水利局 --reason 理由）")
    refused(office_db, "assign", "1", "--lead", "水利局",
            message="第1号建议已交办给县水利局；增加协办单位请用 --support")


def test_assigning_several_items_is_all_or_nothing(office_db: Path) -> None:
    add()
    add(f"{TITLE}（二）", "李四")
    ok("review", "2", "--withdraw", "--reason", "代表撤回")
    refused(office_db, "assign", "1", "2", "--lead", "水利局", message="第2号建议已撤案，不能交办")
    refused(office_db, "assign", "1", "99", "--lead", "水利局",
            message="第99号不存在（县第十八届人民代表大会第五次会议）。用 docket list 查看已有编号")
    assert state(1) == "registered"


def test_assign_dry_run_shows_the_dates_and_writes_nothing(office_db: Path) -> None:
    add()
    before = snapshot(office_db)
    r = invoke("assign", "1", "--lead", "水利局", "--support", "卫健局", "--dry-run")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0, "第1号  主办 县水利局  期限 2026-06-22  协办 县卫生健康局 期限 2026-04-20\n", "（演练，未写入）\n")
    assert snapshot(office_db) == before


def test_fast_items_and_a_given_due_date_bound_the_supporters(office_db: Path) -> None:
    add()
    add(f"{TITLE}（小微急）", "李四", "--fast")
    out = as_json("assign", "1", "--lead", "水利局", "--support", "卫健局", "--due", "2026-04-10")
    assert (out[0]["due_on"], out[0]["support"]) == ("2026-04-10", [{"unit": "县卫生健康局", "due_on": "2026-04-10", "provisional": False}])
    out = as_json("assign", "2", "--lead", "水利局", "--support", "卫健局")
    # 20 workdays (Mon 04-06 清明 skipped) and 10 workdays for the supporter
    assert (out[0]["due_on"], out[0]["support"]) == ("2026-04-20", [{"unit": "县卫生健康局", "due_on": "2026-04-03", "provisional": False}])


def test_a_due_date_in_a_year_without_a_schedule_is_provisional(office_db: Path) -> None:
    add(today="2026-12-21")
    r = invoke("assign", "1", "--lead", "水利局", today="2026-12-21")
    # 03-21 is a Sunday; 2027 by the statutory-days fallback
    assert (r.exit_code, r.stdout) == (0, "第1号  主办 县水利局  期限 2027-03-22（暂定）\n")
    assert r.stderr == "注意：2027年放假安排尚未载入，期限按周一至周五扣除法定节日推算，为暂定日期。\n"
    assert show(today="2026-12-21")["assignments"][0]["provisional"] is True


# -- return ------------------------------------------------------------------------------------

def test_support_return_on_the_last_day_of_the_window(office_db: Path) -> None:
    add()
    assigned(1, "农业农村局")
    ok("return", "1", "--unit", "农业农村局", "--reason", "职责不符", today="2026-03-27")
    assert state() == "assigned"
    assert units()[1] == ("县农业农村局", "support", 1, "2026-03-20", "2026-04-20", None, "2026-03-27", None, None)
    assert show()["support_units"] == []
    assert show()["events"][-1]["detail"] == {
        "number": 1, "unit": "县农业农村局", "role": "support", "reason": "职责不符", "on": "2026-03-27",
        "forced": False, "before": {"state": "assigned"}, "after": {"state": "assigned"}}


def test_return_outside_the_window_needs_force(office_db: Path) -> None:
    add()
    assigned(1, "农业农村局")
    refused(office_db, "return", "1", "--unit", "农业农村局", "--reason", "职责不符", today="2026-03-30",
            message="第1号县农业农村局的异议期已于2026-03-27届满；确需退回请加 --force")
    refused(office_db, "return", "1", "--unit", "卫健局", "--reason", "职责不符",
            message="第1号没有交办给县卫生健康局（或已退回、已结束）")
    ok("return", "1", "--unit", "农业农村局", "--reason", "职责不符", "--force", today="2026-03-30")
    assert show()["events"][-1]["detail"]["forced"] is True


def test_lead_return_sends_the_item_back_to_accepted_and_reassignment_restarts_the_clock(office_db: Path) -> None:
    add()
    assigned(1, "农业农村局")
    ok("return", "1", "--unit", "水利局", "--reason", "职责不符，建议由县农业农村局主办", today="2026-03-24")
    item = show(today="2026-03-24")
    assert (item["state"], item["lead_unit"], item["color"]) == ("accepted", None, None)
    assert units() == [
        ("县水利局", "lead", 1, "2026-03-20", "2026-06-22", None, "2026-03-24", None, None),
        ("县农业农村局", "support", 1, "2026-03-20", "2026-04-20", None, None, "2026-03-24", "主办单位退回")]
    ok("assign", "1", "--lead", "农业农村局", "--on", "2026-03-30", today="2026-03-30")
    item = show(today="2026-03-30")
    assert (item["state"], item["lead_unit"], item["due_on"]) == ("assigned", "县农业农村局", "2026-06-30")


def test_return_after_an_opinion_is_refused(office_db: Path) -> None:
    add()
    assigned(1, "农业农村局")
    ok("reply", "1", "--unit", "农业农村局", today="2026-03-23")
    refused(office_db, "return", "1", "--unit", "农业农村局", "--reason", "职责不符", today="2026-03-24",
            message="县农业农村局已就第1号答复，不能退回")


# -- extend ------------------------------------------------------------------------------------

def test_extend_by_a_duration_and_until_a_date(office_db: Path) -> None:
    add()
    assigned(1, "农业农村局")
    r = invoke("extend", "1", "--unit", "水利局", "--by", "1个月", "--reason", "需等待省厅批复", today="2026-06-10")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "2026-07-22\n", "")  # 06-22 + 1 month
    assert ok("extend", "1", "--unit", "水利局", "--until", "2026-08-03", "--reason", "再等批复",
              today="2026-06-10") == "2026-08-03\n"
    assert ok("extend", "1", "--unit", "农业农村局", "--until", "2026-05-06", "--reason", "补充调研",
              today="2026-04-10") == "2026-05-06\n"
    item = show(today="2026-06-10")
    assert (item["due_on"], [a["due_on"] for a in item["assignments"]]) == ("2026-08-03", ["2026-08-03", "2026-05-06"])
    assert item["events"][-1]["detail"] == {"number": 1, "unit": "县农业农村局", "role": "support",
                                            "reason": "补充调研", "before": {"due_on": "2026-04-20"},
                                            "after": {"due_on": "2026-05-06"}}
    # both lead extensions were granted before the due date then in force: the yardstick moved
    yard = [r[8] for r in rows(office_db, "assignments")]
    assert yard == ["2026-08-03", "2026-05-06"]


def test_extension_after_the_due_date_keeps_the_on_time_yardstick(office_db: Path) -> None:
    add()
    assigned()
    ok("extend", "1", "--unit", "水利局", "--until", "2026-07-20", "--reason", "逾期补办", today="2026-06-23")
    assert [(r[6], r[7], r[8]) for r in rows(office_db, "assignments")] == [
        ("2026-07-20", "2026-06-22", "2026-06-22")]


def test_extend_guards(office_db: Path) -> None:
    add()
    assigned(1, "农业农村局")
    refused(office_db, "extend", "1", "--unit", "水利局", "--until", "2026-09-21", "--reason", "x",
            message="期限：2026-09-21 超过最长期限 2026-09-20（deadline.max）")
    refused(office_db, "extend", "1", "--unit", "水利局", "--by", "4 months", "--reason", "x",
            message="期限：2026-10-22 超过最长期限 2026-09-20（deadline.max）")
    refused(office_db, "extend", "1", "--unit", "水利局", "--until", "2026-06-22", "--reason", "x",
            message="新期限 2026-06-22 不晚于现在的期限 2026-06-22")
    refused(office_db, "extend", "1", "--unit", "水利局", "--until", "2026-06-01", "--reason", "x",
            message="新期限 2026-06-01 不晚于现在的期限 2026-06-22")
    refused(office_db, "extend", "1", "--unit", "农业农村局", "--until", "2026-06-23", "--reason", "x",
            message="协办期限 2026-06-23 不能晚于主办期限 2026-06-22")
    refused(office_db, "extend", "1", "--unit", "水利局", "--until", "2026-07-01", "--reason", " ",
            message="延期需要写明理由（--reason）")
    ok("reply", "1", "--unit", "水利局", "--class", "A")
    refused(office_db, "extend", "1", "--unit", "水利局", "--until", "2026-07-01", "--reason", "x",
            message="第1号建议已答复，不能延期")


def test_rehandling_cap_runs_from_the_evaluation(office_db: Path) -> None:
    add()
    assigned()
    ok("reply", "1", "--unit", "水利局", "--class", "C", today="2026-05-20")
    ok("evaluate", "1", "--result", "不满意", today="2026-06-01")
    # round 2 started 06-01: cap 12-01, not the first round's 09-20
    assert ok("extend", "1", "--unit", "水利局", "--until", "2026-12-01", "--reason", "跨年度项目",
              today="2026-06-02") == "2026-12-01\n"
    refused(office_db, "extend", "1", "--unit", "水利局", "--until", "2026-12-02", "--reason", "x",
            today="2026-06-02", message="期限：2026-12-02 超过最长期限 2026-12-01（deadline.max）")


# -- reply -------------------------------------------------------------------------------------

def test_reply_class_rules(office_db: Path) -> None:
    add()
    assigned(1, "农业农村局")
    refused(office_db, "reply", "1", "--unit", "水利局", message="主办单位答复须写明类别（A、B、C、D）")
    refused(office_db, "reply", "1", "--unit", "水利局", "--class", "E", message="类别：未知的代码“E”，可用：A、B、C、D")
    refused(office_db, "reply", "1", "--unit", "农业农村局", "--class", "A",
            message="协办意见不写类别（县农业农村局是协办单位）")
    refused(office_db, "reply", "1", "--unit", "卫健局", "--class", "A",
            message="第1号没有交办给县卫生健康局（或已退回、已结束）")
    refused(office_db, "reply", "1", "--unit", "水利局", "--class", "A", "--on", "2026-03-19",
            message="答复日期 2026-03-19 早于交办日期 2026-03-20")
    refused(office_db, "reply", "1", "--unit", "水利局", "--class", "A", "--on", "2026-03-21",
            message="答复日期：2026-03-21 晚于今天（2026-03-20），不能预先登记")


def test_opinion_then_reply(office_db: Path) -> None:
    add()
    assigned(1, "农业农村局")
    r = invoke("reply", "1", "--unit", "农业农村局", "--on", "2026-04-10", today="2026-04-10")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "第1号：已登记县农业农村局的协办意见。\n")
    assert state() == "assigned"
    r = invoke("reply", "1", "--unit", "水利局", "--class", "A", "--doc-no", "青水函〔2026〕15号",
               today="2026-05-20")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "第1号：已登记县水利局的答复（A类）。\n")
    item = show(today="2026-05-20")
    assert (item["state"], item["replied_on"], item["reply_class"], item["color"]) == ("replied", "2026-05-20", "A", None)
    assert [(r["unit"], r["role"], r["round"], r["class"], r["on"], r["doc_no"]) for r in item["replies"]] == [
        ("县农业农村局", "support", 1, None, "2026-04-10", None),
        ("县水利局", "lead", 1, "A", "2026-05-20", "青水函〔2026〕15号")]
    refused(office_db, "reply", "1", "--unit", "水利局", "--class", "B", today="2026-05-21",
            message="第1号建议已答复，不能答复")


def test_countersign_warning_ends_missing_opinions(office_db: Path) -> None:
    add()
    assigned(1, "农业农村局", "卫健局")
    ok("reply", "1", "--unit", "卫健局", today="2026-04-01")
    r = invoke("reply", "1", "--unit", "水利局", "--class", "B", today="2026-05-20")
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr == ("注意：县农业农村局 未提供协办意见，已按“未提供意见”结束其协办\n"
                        "第1号：已登记县水利局的答复（B类）。\n")
    assert [u[5:] for u in units()] == [("2026-05-20", None, None, None),
                                        (None, None, "2026-05-20", "未提供意见"),
                                        ("2026-04-01", None, None, None)]


def test_require_support_refuses_the_reply(office_db: Path) -> None:
    add()
    assigned(1, "农业农村局")
    ok("config", "set", "reply.require_support", "true")
    refused(office_db, "reply", "1", "--unit", "水利局", "--class", "A",
            message="会签：县农业农村局 尚未提供协办意见（reply.require_support）")
    ok("reply", "1", "--unit", "农业农村局")
    ok("reply", "1", "--unit", "水利局", "--class", "A")
    assert state() == "replied"


def test_fix_class(office_db: Path) -> None:
    add()
    assigned()
    refused(office_db, "reply", "1", "--fix-class", "B", "--reason", "复核",
            message="第1号还没有主办单位的答复，无法更正类别")
    ok("reply", "1", "--unit", "水利局", "--class", "A")
    refused(office_db, "reply", "1", "--fix-class", "E", "--reason", "复核", message="类别：未知的代码“E”，可用：A、B、C、D")
    refused(office_db, "reply", "1", "--fix-class", "B", message="更正答复类别需要写明理由（--reason）")
    r = invoke("reply", "1", "--fix-class", "B", "--reason", "经审核应为正在解决")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "第1号答复类别：A → B\n")
    item = show()
    assert (item["state"], item["reply_class"]) == ("replied", "B")
    assert item["events"][-1]["action"] == "reply.fix_class"
    assert item["events"][-1]["detail"]["before"] == {"class": "A"}
    assert item["events"][-1]["detail"]["after"] == {"class": "B"}
    ok("evaluate", "1", "--result", "满意")
    ok("reply", "1", "--fix-class", "C", "--reason", "再次复核")  # allowed on a closed item
    assert (state(), show()["reply_class"]) == ("closed", "C")


def test_fix_class_on_a_withdrawn_item_is_refused(office_db: Path) -> None:
    add()
    assigned()
    ok("reply", "1", "--unit", "水利局", "--class", "A")
    ok("evaluate", "1", "--result", "不满意")
    ok("review", "1", "--withdraw", "--reason", "代表撤回")
    refused(office_db, "reply", "1", "--fix-class", "B", "--reason", "复核",
            message="第1号建议已撤案，不能更正答复类别")


# -- evaluate ----------------------------------------------------------------------------------

def test_evaluate_before_reply_is_refused(office_db: Path) -> None:
    add()
    refused(office_db, "evaluate", "1", "--result", "满意", message="第1号建议已登记，不能评价")
    assigned()
    refused(office_db, "evaluate", "1", "--result", "满意", message="第1号建议办理中，不能评价")


def test_evaluate_guards(office_db: Path) -> None:
    add()
    assigned()
    ok("reply", "1", "--unit", "水利局", "--class", "A", today="2026-05-20")
    refused(office_db, "evaluate", "1", "--result", "很好", today="2026-05-21",
            message="办理结果：未知的等次“很好”，应为 满意、基本满意 或 不满意")
    refused(office_db, "evaluate", "1", "--result", "满意", "--on", "2026-05-19", today="2026-05-21",
            message="评价日期 2026-05-19 早于答复日期 2026-05-20")
    refused(office_db, "evaluate", "1", "--result", "满意", "--contacted", "maybe", today="2026-05-21",
            message="--contacted：应为 yes 或 no")


@pytest.mark.parametrize("level", ["满意", "基本满意", "satisfied", "basic"])
def test_satisfied_or_basic_closes(office_db: Path, level: str) -> None:
    add()
    assigned()
    ok("reply", "1", "--unit", "水利局", "--class", "A", today="2026-05-20")
    ok("evaluate", "1", "--result", level, "--attitude", "满意", "--contacted", "yes", today="2026-06-01")
    item = show(today="2026-06-01")
    value = {"满意": "satisfied", "基本满意": "basic"}.get(level, level)
    assert (item["state"], item["closed_on"], item["result"], item["attitude"]) == (
        "closed", "2026-06-01", value, "satisfied")
    assert item["evaluations"] == [{"round": 1, "result": value, "attitude": "satisfied", "on": "2026-06-01",
                                    "rater": "张三", "decisive": True, "contacted": True, "note": None}]
    assert actions()[-2:] == ["evaluate", "close.evaluated"]
    refused(office_db, "evaluate", "1", "--result", "满意", message="第1号建议已办结，不能评价")


def test_dissatisfied_starts_rehandling_due_one_month_after_the_evaluation(office_db: Path) -> None:
    add()
    assigned(1, "农业农村局")
    ok("reply", "1", "--unit", "农业农村局", today="2026-04-10")
    ok("reply", "1", "--unit", "水利局", "--class", "C", today="2026-05-11")
    r = invoke("evaluate", "1", "--result", "不满意", "--note", "未到现场查看", today="2026-05-25")
    assert (r.exit_code, r.stderr) == (0, "第1号：评价“不满意”，现为“重新办理”。\n")
    item = show(today="2026-05-25")
    assert (item["state"], item["round"], item["lead_unit"], item["due_on"], item["color"]) == (
        "rehandling", 2, "县水利局", "2026-06-25", "white")
    # supporters are not re-assigned; round 2 is a new lead row
    assert units()[-1] == ("县水利局", "lead", 2, "2026-05-25", "2026-06-25", None, None, None, None)
    assert len(units()) == 3
    assert item["events"][-1]["detail"] == {"number": 1, "round": 2, "due_on": "2026-06-25", "unit": "县水利局",
                                            "before": {"state": "replied"}, "after": {"state": "rehandling"}}
    refused(office_db, "evaluate", "1", "--result", "满意", today="2026-05-26", message="第1号建议重新办理，不能评价")
    # the last round: 不满意 closes (counted as dissatisfied)
    ok("reply", "1", "--unit", "水利局", "--class", "B", today="2026-06-18")
    ok("evaluate", "1", "--result", "不满意", today="2026-07-01")
    item = show(today="2026-07-01")
    assert (item["state"], item["result"], item["closed_on"]) == ("closed", "dissatisfied", "2026-07-01")
    assert [(e["round"], e["result"]) for e in item["evaluations"]] == [(1, "dissatisfied"), (2, "dissatisfied")]


def test_basic_rehandles_when_configured_and_one_round_closes(office_db: Path) -> None:
    add()
    add(f"{TITLE}（二）", "李四")
    assigned(1)
    assigned(2)
    ok("config", "set", "evaluation.rehandle_on", "basic")
    ok("reply", "1", "--unit", "水利局", "--class", "B")
    ok("evaluate", "1", "--result", "基本满意")
    assert state(1) == "rehandling"
    ok("config", "set", "evaluation.rounds", "1")
    ok("reply", "2", "--unit", "水利局", "--class", "B")
    ok("evaluate", "2", "--result", "不满意")
    assert state(2) == "closed"


# -- close -------------------------------------------------------------------------------------

@pytest.mark.parametrize("stage", ["assigned", "replied", "rehandling"])
def test_close_from_each_open_state(office_db: Path, stage: str) -> None:
    add()
    assigned(1, "农业农村局")
    if stage != "assigned":
        ok("reply", "1", "--unit", "水利局", "--class", "C")
    if stage == "rehandling":
        ok("evaluate", "1", "--result", "不满意")
    assert state() == stage
    refused(office_db, "close", "1", "--reason", " ", message="办结需要写明理由（--reason）")
    r = invoke("close", "1", "--reason", "已通过其他途径解决", today="2026-07-01")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "第1号：已办结。\n")
    item = show(today="2026-07-01")
    assert (item["state"], item["closed_on"], item["close_reason"], item["color"]) == (
        "closed", "2026-07-01", "已通过其他途径解决", None)
    assert all(a["ended_on"] or a["replied_on"] for a in item["assignments"])
    assert item["events"][-1]["detail"]["before"] == {"state": stage}


def test_close_from_registered_is_refused(office_db: Path) -> None:
    add()
    refused(office_db, "close", "1", "--reason", "逾期未反馈评价", message="第1号建议已登记，不能办结")


# -- merged groups -----------------------------------------------------------------------------

def group() -> None:
    add()
    add("关于城东河堤加高加固的建议", "李四")
    add("关于河堤防汛通道的建议", "王五")
    ok("review", "2", "--merge-into", "1")
    ok("review", "3", "--merge-into", "1")
    assigned(1)


def test_assignment_lives_only_on_the_master(office_db: Path) -> None:
    group()
    refused(office_db, "assign", "2", "--lead", "水利局", message="第2号建议已并案，不能交办")
    refused(office_db, "reply", "2", "--unit", "水利局", "--class", "A", message="第2号建议已并案，不能答复")
    refused(office_db, "extend", "2", "--unit", "水利局", "--by", "1个月", "--reason", "x",
            message="第2号建议已并案，不能延期")
    refused(office_db, "return", "2", "--unit", "水利局", "--reason", "x", message="第2号建议已并案，不能退回")
    member = show(2)
    assert (member["state"], member["lead_unit"], member["due_on"], member["color"]) == (
        "merged", "县水利局", "2026-06-22", None)


def test_a_reply_naming_a_merged_item_replaces_its_copy(office_db: Path) -> None:
    """domain.md §5: a lead reply naming the merged item replaces its copy; that proposer rates it."""
    group()
    ok("reply", "1", "--unit", "水利局", "--class", "B", today="2026-05-20")
    ok("reply", "2", "--unit", "水利局", "--class", "A", "--doc-no", "青水函〔2026〕9号", today="2026-05-22")
    member = show(2)
    assert [(r["class"], r["on"], r["copied"]) for r in member["replies"]] == [
        ("B", "2026-05-20", True), ("A", "2026-05-22", False)]
    assert (member["state"], member["reply_class"], actions(2)[-1]) == ("merged", "A", "reply.member")
    assert show(3)["reply_class"] == "B"  # the other member keeps the master's reply
    refused(office_db, "reply", "3", "--unit", "卫健局", "--class", "A", today="2026-05-22",
            message="第3号没有交办给县卫生健康局（或已退回、已结束）")
    ok("evaluate", "2", "--result", "满意", today="2026-05-25")
    refused(office_db, "reply", "2", "--unit", "水利局", "--class", "C", today="2026-05-26",
            message="第2号本轮已评价")


def test_group_reply_is_copied_and_each_member_rates(office_db: Path) -> None:
    group()
    ok("reply", "1", "--unit", "水利局", "--class", "A", today="2026-05-20")
    for n in (2, 3):
        copy = show(n)["replies"]
        assert [(r["unit"], r["class"], r["on"], r["copied"]) for r in copy] == [("县水利局", "A", "2026-05-20", True)]
        assert actions(n)[-1] == "reply.copy"
    refused(office_db, "evaluate", "2", "--result", "满意", "--on", "2026-05-19", today="2026-05-21",
            message="评价日期 2026-05-19 早于答复日期 2026-05-20")
    ok("evaluate", "2", "--result", "满意", today="2026-05-25")
    refused(office_db, "evaluate", "2", "--result", "满意", today="2026-05-26", message="第2号本轮已评价")
    ok("evaluate", "1", "--result", "满意", today="2026-05-26")
    assert (state(1), state(2), state(3)) == ("replied", "merged", "merged")
    ok("evaluate", "3", "--result", "基本满意", today="2026-05-27")
    assert (state(1), state(2), state(3)) == ("closed", "merged", "merged")
    assert show(1)["closed_on"] == "2026-05-27"
    assert show(3)["result"] == "basic"


def test_one_unhappy_member_sends_the_group_to_rehandling_and_only_it_rates_again(office_db: Path) -> None:
    group()
    ok("reply", "1", "--unit", "水利局", "--class", "C", today="2026-05-20")
    ok("evaluate", "1", "--result", "满意", today="2026-05-25")
    ok("evaluate", "2", "--result", "不满意", today="2026-05-25")
    ok("evaluate", "3", "--result", "满意", today="2026-05-25")
    master = show(1, today="2026-05-25")
    assert (master["state"], master["round"], master["due_on"]) == ("rehandling", 2, "2026-06-25")
    refused(office_db, "evaluate", "2", "--result", "满意", today="2026-05-26", message="第2号建议已并案，不能评价")
    ok("reply", "1", "--unit", "水利局", "--class", "B", today="2026-06-18")
    assert [r["round"] for r in show(2)["replies"]] == [1, 2]
    ok("evaluate", "2", "--result", "满意", today="2026-07-01")
    assert (state(1), show(1)["closed_on"]) == ("closed", "2026-07-01")
    assert [(e["round"], e["result"]) for e in show(2)["evaluations"]] == [(1, "dissatisfied"), (2, "satisfied")]


def test_members_satisfied_in_round_one_do_not_rate_again(office_db: Path) -> None:
    group()
    ok("reply", "1", "--unit", "水利局", "--class", "C", today="2026-05-20")
    for n, level in ((1, "满意"), (2, "不满意"), (3, "满意")):
        ok("evaluate", str(n), "--result", level, today="2026-05-25")
    ok("reply", "1", "--unit", "水利局", "--class", "B", today="2026-06-18")
    refused(office_db, "evaluate", "3", "--result", "不满意", today="2026-06-20", message="第3号上一轮已评价“满意”，本轮重新办理后无需再评价")


def test_close_master_closes_the_group(office_db: Path) -> None:
    group()
    ok("close", "1", "--reason", "已通过其他途径解决")
    assert (state(1), state(2), state(3)) == ("closed", "merged", "merged")
    refused(office_db, "evaluate", "2", "--result", "满意", message="第2号建议已并案，不能评价")
