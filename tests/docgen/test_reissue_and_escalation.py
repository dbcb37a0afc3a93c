"""Issue 14 items 3 and 6: the 督办函 on a second 督办 (抄送 to the escalation office, one
sentence for the items reminded again, 协办 rows asked for their opinion to the lead unit), and
a 交办通知 asked for again: a 补发 of the original (its 文号 and 成文日期, no new number).

Built through the CLI on a temp database and read back with python-docx (paragraphs, the
table, the 版记 frames) and sqlite (documents, assignments, events).
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.conftest import invoke, ok

ESCALATE = "县人民政府督查室"


def texts(path: Path) -> list[str]:
    """Non-empty paragraph texts (a balanced title's w:br and the 版记's tabs dropped)."""
    return [p.text.replace("\n", "").strip("\t") for p in docx.Document(str(path)).paragraphs
            if p.text.strip()]


def table(path: Path) -> list[list[str]]:
    t = docx.Document(str(path)).tables[0]
    return [[c.text.replace("\n", "") for c in row.cells] for row in t.rows]


def db(path: Path, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@pytest.fixture
def assigned(office_db: Path) -> Path:
    """Assigned 2026-03-20: 水利局 leads 1 and 2 (reply due 6-22) and supports 3 (opinion due
    4-20); 卫健局 leads 3; 农业农村局 supports 1. Objection window until 3-27."""
    ok("add", "--title", "关于加快推进城乡供水一体化建设的建议", "--proposer", "张明远")
    ok("add", "--title", "关于加强农村饮用水水源地保护的建议", "--proposer", "王秀兰")
    ok("add", "--title", "关于治理青禾河沿岸内涝点的建议", "--proposer", "陈立新")
    ok("assign", "1", "--lead", "水利局", "--support", "农业农村局")
    ok("assign", "2", "--lead", "水利局")
    ok("assign", "3", "--lead", "卫健局", "--support", "水利局")
    ok("config", "set", "doc.cc", "县人民政府办公室")
    ok("config", "set", "doc.cc.escalate", ESCALATE)
    return office_db


# -- 督办函 (item 3) --------------------------------------------------------------------------------

def remind(out: Path, day: str) -> Path:
    result = invoke("remind", "--out", str(out), today=day)
    assert result.exit_code == 0, result.stderr
    return out


def test_second_supervision_copies_the_escalation_office_and_asks_a_supporter_for_its_opinion(
        assigned: Path, tmp_path: Path) -> None:
    first = remind(tmp_path / "a", "2026-04-21") / "督办函-县水利局-2026-04-21.docx"
    body = texts(first)
    assert "抄送：县人民政府办公室。" in body  # n = 1: not escalated yet
    assert not any("督办，请单位主要负责同志" in t for t in body)
    # 水利局 only supports item 3 here: its opinion goes to the lead unit, not to the member
    ask = [t for t in body if t.startswith("你单位承办的下列代表建议中")]
    assert ask == [("你单位承办的下列代表建议中，有1件已超过规定办理期限，请于2026年4月28日前向主办单位"
                    "提出书面协办意见，并将逾期原因书面报送青禾县人大常委会办公室。逾期情况将在办理情况通报中"
                    "反映，并纳入年度考核。")]
    assert "答复代表" not in ask[0]
    assert table(first)[1][3] == "协办"

    second = remind(tmp_path / "b", "2026-04-28") / "督办函-县水利局-2026-04-28.docx"
    body = texts(second)
    assert "第3号建议已第2次督办，请单位主要负责同志亲自过问。" in body
    assert f"抄送：县人民政府办公室，{ESCALATE}。" in body


def test_a_letter_with_both_roles_says_both_and_lists_the_escalated_items_in_one_sentence(
        assigned: Path, tmp_path: Path) -> None:
    for day in ("2026-04-21", "2026-04-28", "2026-06-23"):
        remind(tmp_path / day, day)
    letter = remind(tmp_path / "last", "2026-06-30") / "督办函-县水利局-2026-06-30.docx"
    body = texts(letter)
    assert ("你单位承办的下列代表建议中，有3件已超过规定办理期限，请于2026年7月7日前办理完毕（主办的答复代表，"
            "协办的向主办单位提出书面协办意见），并将逾期原因书面报送青禾县人大常委会办公室。逾期情况将在"
            "办理情况通报中反映，并纳入年度考核。") in body
    # items 1 and 2 at their 2nd 督办, item 3 (its opinion) at its 4th: one sentence, not three
    escalation = [t for t in body if "督办，请单位主要负责同志亲自过问" in t]
    assert escalation == ["第1、2号建议已第2次督办，第3号建议已第4次督办，请单位主要负责同志亲自过问。"]
    assert f"抄送：县人民政府办公室，{ESCALATE}。" in body
    assert [(r[1], r[3]) for r in table(letter)[1:]] == [("1", "主办"), ("2", "主办"), ("3", "协办")]


def test_escalation_sentence_names_every_item_once(tmp_path: Path) -> None:
    """Five items at their 2nd 督办: one sentence 第46、52、61、70、88号建议已第2次督办 (builder)."""
    from docket.core.docdata import ReminderData, ReminderItem
    from docket.docgen import reminder, save
    from tests.docgen.conftest import LH

    items = tuple(ReminderItem(n, f"关于第{n}号事项的建议", "lead", date(2026, 6, 5), "red",
                               days_overdue=12, times=2) for n in (88, 46, 61, 52, 70))
    data = ReminderData(LH, "县水利局", date(2026, 6, 17), items, reply_by=date(2026, 6, 24),
                        letter_seq=7, cc=("县人民政府办公室",), cc_escalate=(ESCALATE,))
    path = save.save(reminder.build(data), tmp_path / "d.docx")
    body = texts(path)
    assert [t for t in body if "已第2次督办" in t] == [
        "第46、52、61、70、88号建议已第2次督办，请单位主要负责同志亲自过问。"]
    assert "请于2026年6月24日前答复代表" in body[body.index("县水利局：") + 1]
    assert f"抄送：县人民政府办公室，{ESCALATE}。" in body


def test_yellow_notice_to_a_supporter_asks_for_its_opinion_by_its_own_date(tmp_path: Path) -> None:
    from docket.core.docdata import ReminderData, ReminderItem
    from docket.docgen import reminder, save
    from tests.docgen.conftest import LH

    support = ReminderItem(58, "关于治理青禾河沿岸内涝点的建议", "support", date(2026, 4, 7), "yellow",
                           workdays_left=3)
    lead = ReminderItem(12, "关于加快推进城乡供水一体化建设的建议", "lead", date(2026, 6, 5), "yellow",
                        workdays_left=3)
    only = texts(save.save(reminder.build(ReminderData(LH, "县水利局", date(2026, 4, 2), (support,))),
                           tmp_path / "s.docx"))
    assert ("你单位协办的下列代表建议提出协办意见的期限即将届满，请抓紧办理，确保在所列期限前向主办单位提出"
            "书面协办意见；确需延期的，请在期限届满前书面申请。") in only
    both = texts(save.save(reminder.build(ReminderData(LH, "县水利局", date(2026, 4, 2), (lead, support))),
                           tmp_path / "b.docx"))
    assert ("你单位承办的下列代表建议办理期限即将届满，请抓紧办理：主办的，确保按期答复代表；协办的，确保在"
            "所列期限前向主办单位提出书面协办意见。确需延期的，请在期限届满前书面申请。") in both
    leads = texts(save.save(reminder.build(ReminderData(LH, "县水利局", date(2026, 4, 2), (lead,))),
                            tmp_path / "l.docx"))
    assert ("你单位承办的下列代表建议办理期限即将届满，请抓紧办理，确保按期答复；确需延期的，请在期限届满前"
            "书面申请。") in leads


# -- 补发 of a 交办通知 (item 6) ----------------------------------------------------------------------

def notice(*args: str, today: str) -> list[Path]:
    result = invoke("notice", *args, today=today)
    assert result.exit_code == 0, result.stderr
    return [Path(p) for p in result.stdout.splitlines()]


def frames(path: Path) -> list[str]:
    """The 版记 lines (framed paragraphs)."""
    return [p.text.strip("\t") for p in docx.Document(str(path)).paragraphs
            if p._p.pPr is not None and p._p.pPr.find(qn("w:framePr")) is not None]


def test_a_notice_asked_for_again_is_a_reissue_of_the_original(assigned: Path, tmp_path: Path) -> None:
    notice("--out", str(tmp_path / "a"), today="2026-03-20")
    ok("extend", "1", "--unit", "水利局", "--by", "1个月", "--reason", "需等待省厅批复", today="2026-04-01")
    before = db(assigned, "SELECT id, notice_id FROM assignments ORDER BY id")
    result = invoke("notice", "1", "--unit", "水利局", "--out", str(tmp_path / "b"), today="2026-04-10")
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "b" / "交办通知-县水利局-2026-03-20-补发.docx"
    assert result.stdout == f"{path}\n"
    assert result.stderr == "已补发交办通知1份（青禾人大办〔2026〕1号，沿用原文号和成文日期），未占用新文号。\n"
    body = texts(path)
    # the original's 文号, the 补发 mark under the title (楷体), the original 成文日期
    assert body[1:5] == ["青禾人大办〔2026〕1号", "关于交办县十八届人大五次会议代表建议的通知", "（补发）", "县水利局："]
    mark = next(p for p in docx.Document(str(path)).paragraphs if p.text == "（补发）")
    assert mark.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"
    assert "2026年3月20日" in body and "2026年4月10日" not in body
    assert "其中，你单位主办2件、协办1件（详见附件）" in body[5]  # the original's items, all of them
    # the objection window closed on 3-27: the sentence is gone, and no 逾期不再调整 without a date
    assert "请于附件所列期限前答复代表，不得自行转办。" in body
    assert not any("交办不当" in t or "逾期不再调整" in t for t in body)
    # the due dates as they stand: item 1 extended by a month
    assert [(r[1], r[6]) for r in table(path)[1:]] == [
        ("1", "2026年7月22日"), ("2", "2026年6月22日"), ("3", "2026年4月20日")]
    # printed (印发) the day it is sent again
    assert frames(path)[-1] == "青禾县人大常委会办公室\t2026年4月10日印发"

    # recorded: one row with the original's 文号 and no serial; the assignments keep their notice
    rows = db(assigned, "SELECT id, kind, series, year, serial, doc_no, unit_id, issued_on, detail"
                        " FROM documents ORDER BY id")
    assert len(rows) == 4
    did, kind, series, year, serial, doc_no, unit_id, issued_on, detail = rows[-1]
    assert (kind, series, year, serial, doc_no, unit_id, issued_on) == (
        "notice", "青禾人大办", 2026, None, "青禾人大办〔2026〕1号", 1, "2026-04-10")
    assert json.loads(detail) == {"items": [1, 2, 3], "reissue_of": 1, "dated": "2026-03-20"}
    assert db(assigned, "SELECT id, notice_id FROM assignments ORDER BY id") == before
    assert db(assigned, "SELECT item_id FROM document_items WHERE document_id = ? ORDER BY item_id", did) == [
        (1,), (2,), (3,)]
    (event,) = db(assigned, "SELECT detail FROM events WHERE action = 'document.issue' AND entity_id = ?", did)
    assert json.loads(event[0])["reissue_of"] == 1
    # no number consumed: the next new notice takes 2号
    ok("add", "--title", "关于改善乡村卫生室条件的建议", "--proposer", "刘芳")
    ok("assign", "4", "--lead", "卫健局", today="2026-04-10")
    (fresh,) = notice("--out", str(tmp_path / "c"), today="2026-04-10")
    assert "青禾人大办〔2026〕2号" in texts(fresh)
    assert invoke("audit", "verify").exit_code == 0


def test_reissue_inside_the_objection_window_keeps_the_sentence(assigned: Path, tmp_path: Path) -> None:
    notice("--out", str(tmp_path / "a"), today="2026-03-20")
    (path,) = notice("3", "--unit", "卫健局", "--out", str(tmp_path / "b"), today="2026-03-24")
    assert path.name == "交办通知-县卫生健康局-2026-03-20-补发.docx"
    assert ("请于附件所列期限前答复代表。如认为交办不当，请于2026年3月27日前（5个工作日内）书面说明理由，"
            "逾期不再调整，不得自行转办。") in texts(path)


def test_items_of_several_original_notices_give_one_reissue_each_and_new_ones_a_new_number(
        assigned: Path, tmp_path: Path) -> None:
    notice("--out", str(tmp_path / "a"), today="2026-03-20")  # 1号
    ok("add", "--title", "关于改善乡村卫生室条件的建议", "--proposer", "刘芳")
    ok("assign", "4", "--lead", "卫健局", today="2026-03-23")
    notice("--out", str(tmp_path / "b"), today="2026-03-23")  # 2号, 卫健局 for item 4
    ok("add", "--title", "关于建设社区图书室的建议", "--proposer", "赵敏")
    ok("assign", "5", "--lead", "卫健局", today="2026-04-01")  # never noticed
    result = invoke("notice", "3", "4", "5", "--unit", "卫健局", "--out", str(tmp_path / "c"),
                    today="2026-04-10")
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "c"
    assert result.stdout.splitlines() == [str(out / n) for n in (
        "交办通知-县卫生健康局-2026-04-10.docx", "交办通知-县卫生健康局-2026-03-20-补发.docx",
        "交办通知-县卫生健康局-2026-03-23-补发.docx")]
    assert result.stderr == ("已生成交办通知1份（青禾人大办〔2026〕3号）。\n"
                             "已补发交办通知2份（青禾人大办〔2026〕1号、青禾人大办〔2026〕2号，沿用原文号和成文日期），"
                             "未占用新文号。\n")
    new, first, second = (out / n for n in (
        "交办通知-县卫生健康局-2026-04-10.docx", "交办通知-县卫生健康局-2026-03-20-补发.docx",
        "交办通知-县卫生健康局-2026-03-23-补发.docx"))
    assert "（补发）" not in texts(new) and "青禾人大办〔2026〕3号" in texts(new)
    assert [r[1] for r in table(new)[1:]] == ["5"]
    assert "青禾人大办〔2026〕1号" in texts(first) and "2026年3月20日" in texts(first)
    assert [r[1] for r in table(first)[1:]] == ["3"]
    assert "青禾人大办〔2026〕2号" in texts(second) and "2026年3月23日" in texts(second)
    assert [r[1] for r in table(second)[1:]] == ["4"]
    # only the new notice took a number; item 5's assignment now points at it
    assert db(assigned, "SELECT serial, doc_no FROM documents WHERE serial IS NOT NULL ORDER BY id") == [
        (1, "青禾人大办〔2026〕1号"), (2, "青禾人大办〔2026〕2号"), (3, "青禾人大办〔2026〕3号")]
    assert db(assigned, "SELECT d.doc_no FROM assignments a JOIN documents d ON d.id = a.notice_id"
                        " JOIN items i ON i.id = a.item_id WHERE a.unit_id = 3 ORDER BY i.number") == [
        ("青禾人大办〔2026〕1号",), ("青禾人大办〔2026〕2号",), ("青禾人大办〔2026〕3号",)]


def test_a_first_notice_after_the_window_closed_states_no_deadline_it_cannot_keep(
        assigned: Path, tmp_path: Path) -> None:
    (path,) = notice("--unit", "卫健局", "--out", str(tmp_path), today="2026-04-10")
    body = texts(path)
    assert "（补发）" not in body
    assert ("请于附件所列期限前答复代表。如认为交办不当，请及时书面说明理由，不得自行转办。") in body
    assert not any("逾期不再调整" in t for t in body)
