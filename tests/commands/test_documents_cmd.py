"""notice, brief, form through the CLI: files reopened with python-docx, what the store records."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import docx
import pytest

from tests.conftest import invoke, ok, rows
from tests.docgen.charting import read_chart, workbook_rows

NOTICE_TITLE = "关于交办县十八届人大五次会议代表建议的通知"
NOTHING = "没有需要发交办通知的承办件（新的交办都已发过通知），未生成文件。\n"


def paragraphs(path: Path) -> list[str]:
    """Non-empty paragraph texts; a title balanced over two lines (w:br) reads as one."""
    return [p.text.replace("\n", "") for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def table(path: Path, index: int = 0) -> list[list[str]]:
    """Cell texts; a date broken after 年 (w:br) reads as one line."""
    t = docx.Document(str(path)).tables[index]
    return [[c.text.replace("\n", "") for c in row.cells] for row in t.rows]


def db_rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def assigned(office_db: Path) -> Path:
    """Three items assigned on 2026-03-20: reply due 6-22, opinion 4-20, objection until 3-27."""
    ok("add", "--title", "关于加快推进城乡供水一体化建设的建议", "--proposer", "张明远",
       "--co", "李华", "--co", "王芳")
    ok("add", "--title", "关于加强农村饮用水水源地保护的建议", "--proposer", "王秀兰")
    ok("add", "--title", "关于治理青禾河沿岸内涝点的建议", "--proposer", "陈立新")
    ok("assign", "1", "--lead", "水利局", "--support", "农业农村局")
    ok("assign", "2", "--lead", "水利局")
    ok("assign", "3", "--lead", "卫健局", "--support", "水利局")
    return office_db


# -- 交办通知 -------------------------------------------------------------------------------------

def test_notice_one_per_unit_with_items_dates_and_number(assigned: Path, tmp_path: Path) -> None:
    out = tmp_path / "通知"
    result = invoke("notice", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    names = ["交办通知-县水利局-2026-03-20.docx", "交办通知-县农业农村局-2026-03-20.docx",
             "交办通知-县卫生健康局-2026-03-20.docx"]
    assert result.stdout.splitlines() == [str(out / n) for n in names]
    assert result.stderr == "已生成交办通知3份（青禾人大办〔2026〕1号）。\n"
    assert sorted(p.name for p in out.iterdir()) == sorted(names)

    water = paragraphs(out / names[0])
    assert water[:4] == ["青禾县人大常委会办公室文件", "青禾人大办〔2026〕1号", NOTICE_TITLE, "县水利局："]
    assert water[4] == ("县十八届人大五次会议期间代表提出的建议，经青禾县人大常委会主任会议研究，"
                        "现交由有关单位办理。其中，你单位主办2件、协办1件（详见附件）。现将有关事项通知如下。")
    assert ("请于附件所列期限前答复代表。如认为交办不当，请于2026年3月27日前（5个工作日内）书面说明理由，"
            "逾期不再调整，不得自行转办。") in water
    assert "2026年3月20日" in water
    assert table(out / names[0]) == [
        ["序号", "编号", "标题", "领衔代表", "主办单位", "协办单位", "办理期限"],
        ["1", "1", "关于加快推进城乡供水一体化建设的建议", "张明远", "县水利局", "县农业农村局", "2026年6月22日"],
        ["2", "2", "关于加强农村饮用水水源地保护的建议", "王秀兰", "县水利局", "", "2026年6月22日"],
        ["3", "3", "关于治理青禾河沿岸内涝点的建议", "陈立新", "县卫生健康局", "县水利局", "2026年4月20日"],
    ]
    farm = out / names[1]
    assert "其中，你单位协办1件（详见附件）" in paragraphs(farm)[4]
    assert table(farm)[1:] == [["1", "1", "关于加快推进城乡供水一体化建设的建议", "张明远", "县水利局",
                                "县农业农村局", "2026年4月20日"]]
    # one 文号 for the run, on its first row; every assignment points at its unit's notice
    docs = db_rows(assigned, "SELECT kind, series, year, serial, doc_no, unit_id, issued_on FROM documents"
                             " ORDER BY id")
    assert docs == [("notice", "青禾人大办", 2026, 1, "青禾人大办〔2026〕1号", 1, "2026-03-20"),
                    ("notice", "青禾人大办", 2026, None, "青禾人大办〔2026〕1号", 2, "2026-03-20"),
                    ("notice", "青禾人大办", 2026, None, "青禾人大办〔2026〕1号", 3, "2026-03-20")]
    linked = db_rows(assigned, "SELECT u.name, i.number, a.role, d.doc_no FROM assignments a"
                               " JOIN documents d ON d.id = a.notice_id AND d.unit_id = a.unit_id"
                               " JOIN units u ON u.id = a.unit_id JOIN items i ON i.id = a.item_id ORDER BY a.id")
    assert [r[:3] for r in linked] == [("县水利局", 1, "lead"), ("县农业农村局", 1, "support"),
                                       ("县水利局", 2, "lead"), ("县卫生健康局", 3, "lead"),
                                       ("县水利局", 3, "support")]
    assert len(db_rows(assigned, "SELECT * FROM document_items")) == 5
    events = db_rows(assigned, "SELECT action, detail FROM events WHERE action = 'document.issue' ORDER BY id")
    assert [(a, json.loads(d)["unit"], json.loads(d)["items"]) for a, d in events] == [
        ("document.issue", "县水利局", [1, 2, 3]), ("document.issue", "县农业农村局", [1]),
        ("document.issue", "县卫生健康局", [3])]
    assert invoke("audit", "verify").exit_code == 0


def test_second_run_covers_only_new_assignments_and_takes_the_next_number(assigned: Path, tmp_path: Path) -> None:
    ok("notice", "--out", str(tmp_path / "a"))
    ok("add", "--title", "关于改善乡村卫生室条件的建议", "--proposer", "刘芳")
    ok("assign", "4", "--lead", "卫健局")
    second = invoke("notice", "--out", str(tmp_path / "b"), today="2026-03-23")
    assert second.exit_code == 0, second.stderr
    path = tmp_path / "b" / "交办通知-县卫生健康局-2026-03-23.docx"
    assert second.stdout == f"{path}\n"
    assert second.stderr == "已生成交办通知1份（青禾人大办〔2026〕2号）。\n"
    assert "青禾人大办〔2026〕2号" in paragraphs(path)
    assert [r[1] for r in table(path)[1:]] == ["4"]
    # a third run has nothing to cover: a message, exit 0, no file, no folder
    third = invoke("notice", "--out", str(tmp_path / "c"))
    assert (third.exit_code, third.stdout, third.stderr) == (0, "", NOTHING)
    assert not (tmp_path / "c").exists()
    assert len(rows(assigned, "documents")) == 4


def test_dry_run_writes_and_records_nothing(assigned: Path, tmp_path: Path) -> None:
    out = tmp_path / "试运行"
    result = invoke("notice", "--out", str(out), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [str(out / f"交办通知-{u}-2026-03-20.docx")
                                          for u in ("县水利局", "县农业农村局", "县卫生健康局")]
    assert result.stderr == "试运行：将生成交办通知3份（青禾人大办〔2026〕1号），未写文件，未占用文号，未记录。\n"
    assert not out.exists()
    assert rows(assigned, "documents") == []
    assert db_rows(assigned, "SELECT COUNT(*) FROM assignments WHERE notice_id IS NOT NULL") == [(0,)]
    # the dry run took no number: the real run still gets 1
    assert "已生成交办通知3份（青禾人大办〔2026〕1号）。" in invoke("notice", "--out", str(out)).stderr


def test_named_items_and_one_unit_reissue(assigned: Path, tmp_path: Path) -> None:
    """Items already noticed: a 补发 of the unit's original notice (issue 14 item 6), not a new
    文号; tests/docgen/test_reissue_and_escalation.py checks its content."""
    ok("notice", "--out", str(tmp_path / "a"))
    result = invoke("notice", "3", "--unit", "水利局", "--out", str(tmp_path / "b"))
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "b" / "交办通知-县水利局-2026-03-20-补发.docx"
    assert result.stdout == f"{path}\n"
    assert [r[1] for r in table(path)[1:]] == ["1", "2", "3"]  # the original notice, as it stands
    assert table(path)[3] == ["3", "3", "关于治理青禾河沿岸内涝点的建议", "陈立新", "县卫生健康局",
                              "县水利局", "2026年4月20日"]
    assert "青禾人大办〔2026〕1号" in paragraphs(path) and "（补发）" in paragraphs(path)
    latest = db_rows(assigned, "SELECT d.doc_no, d.serial FROM assignments a JOIN documents d ON d.id = a.notice_id"
                               " WHERE a.id = 5")
    assert latest == [("青禾人大办〔2026〕1号", 1)]  # still points at the original


def test_reissue_dry_run_names_the_reissue_and_records_nothing(assigned: Path, tmp_path: Path) -> None:
    ok("notice", "--out", str(tmp_path / "a"))
    result = invoke("notice", "1", "--dry-run", "--out", str(tmp_path / "b"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [str(tmp_path / "b" / f"交办通知-{u}-2026-03-20-补发.docx")
                                          for u in ("县水利局", "县农业农村局")]
    assert not (tmp_path / "b").exists()
    assert len(rows(assigned, "documents")) == 3


def test_named_item_without_assignment_selects_nothing(assigned: Path, tmp_path: Path) -> None:
    ok("add", "--title", "关于建设社区图书室的建议", "--proposer", "赵敏")
    result = invoke("notice", "4", "--out", str(tmp_path / "x"))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"注意：第4号建议没有在办的承办单位，未生成交办通知\n{NOTHING}"
    assert not (tmp_path / "x").exists() and rows(assigned, "documents") == []


def test_nothing_selected_is_a_message_not_an_error(office_db: Path, tmp_path: Path) -> None:
    result = invoke("notice", "--out", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", NOTHING)
    unit = invoke("notice", "--unit", "水利局", "--out", str(tmp_path))
    assert unit.stderr == "水利局没有需要发交办通知的承办件，未生成文件。\n"
    assert list(tmp_path.glob("*.docx")) == []


def test_unwritable_output_is_refused_before_any_work(assigned: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "一个文件"
    blocker.write_text("x")
    target = blocker / "通知"  # below a regular file: cannot be created, even by root
    for args in (["notice", "--out", str(target)], ["form", "1", "--out", str(target)],
                 ["brief", "--out", str(target / "简报.docx")]):
        result = invoke(*args)
        assert (result.exit_code, result.stdout) == (1, ""), args
        assert result.stderr.startswith(f"错误：输出目录 {target} 无法写入："), result.stderr
        assert result.stderr.endswith("，请换一个目录或检查权限\n")
    assert rows(assigned, "documents") == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docket.db", "docket.db.head", "一个文件"]


def test_letterhead_contact_and_cc_come_from_settings(assigned: Path, tmp_path: Path) -> None:
    ok("config", "set", "doc.contact", "李红")
    ok("config", "set", "doc.phone", "0839-6212345")
    ok("config", "set", "doc.cc.notice", "县人民政府办公室,县政府督查室")
    ok("notice", "--unit", "卫健局", "--out", str(tmp_path))
    text = paragraphs(tmp_path / "交办通知-县卫生健康局-2026-03-20.docx")
    assert "（联系人：李红，联系电话：0839-6212345）" in text
    assert "抄送：县人民政府办公室，县政府督查室。" in [t.strip() for t in text]


def test_a_number_taken_while_building_is_rebuilt_with_the_next(assigned: Path, tmp_path: Path) -> None:
    """Another run records 〔2026〕1号 while this one builds: this run plans and builds again with
    2号 (the number is printed in the documents); no gap, no leftover temp file."""
    from datetime import date

    from docket.core import documents
    from docket.docgen import issue
    from docket.store.db import opened

    def other_run(done, total, name):
        if not taken:
            with opened(assigned) as other:
                other.execute("INSERT INTO documents (kind, series, year, serial, doc_no, issued_on,"
                              " created_at, by) VALUES ('circular', '青禾人大办', 2026, 1,"
                              " '青禾人大办〔2026〕1号', '2026-03-20', '', '他人')")
            taken.append(name)

    taken: list[str] = []
    out = tmp_path / "out"
    with opened(assigned) as conn:
        done = issue.issue(conn, lambda: documents.notice_data(conn, today=date(2026, 3, 20)), out,
                           actor="测试员", today=date(2026, 3, 20), progress=other_run)
    assert done.doc_no == "青禾人大办〔2026〕2号"
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in done.paths)
    assert "青禾人大办〔2026〕2号" in paragraphs(done.paths[0])
    assert db_rows(assigned, "SELECT serial, doc_no FROM documents WHERE serial IS NOT NULL ORDER BY id") == [
        (1, "青禾人大办〔2026〕1号"), (2, "青禾人大办〔2026〕2号")]


def test_a_batch_that_stays_stale_records_nothing_and_leaves_nothing(assigned: Path, tmp_path: Path) -> None:
    from datetime import date

    from docket.core import documents
    from docket.core.errors import Conflict
    from docket.docgen import issue
    from docket.store.db import opened

    with opened(assigned) as conn:
        batch = documents.notice_data(conn, today=date(2026, 3, 20))
        conn.execute("INSERT INTO documents (kind, series, year, serial, doc_no, issued_on, created_at, by)"
                     " VALUES ('circular', '青禾人大办', 2026, 1, '青禾人大办〔2026〕1号', '2026-03-20', '', '他人')")
        with pytest.raises(Conflict) as err:
            issue.issue(conn, batch, tmp_path / "out", actor="测试员", today=date(2026, 3, 20))
    assert str(err.value) == "另一次生成一直在占用文号，本次未记录，未生成文件；请稍后重新运行"
    assert list((tmp_path / "out").iterdir()) == []
    assert db_rows(assigned, "SELECT COUNT(*) FROM assignments WHERE notice_id IS NOT NULL") == [(0,)]


# -- 工作简报 -------------------------------------------------------------------------------------

def test_brief_masthead_figures_chart_and_issue_numbers(assigned: Path, tmp_path: Path) -> None:
    ok("reply", "1", "--unit", "水利局", "--class", "A", "--on", "2026-03-20")
    ok("config", "set", "brief.send_to", "县人民政府办公室")
    target = tmp_path / "简报.docx"
    result = invoke("brief", "--out", str(target))
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == (f"{target}\n", "已生成代表建议办理工作简报第1期。\n")
    d = docx.Document(str(target))
    text = [p.text for p in d.paragraphs if p.text.strip()]
    assert text[:3] == ["代表建议办理工作简报", "第1期", "青禾县人大常委会办公室\t2026年3月20日"]
    red = [r.text for p in d.paragraphs for r in p.runs if r.font.color.rgb is not None
           and str(r.font.color.rgb) == "FF0000"]
    assert "代表建议办理工作简报" in red
    assert "截至2026年3月20日，县十八届人大五次会议代表建议共3件，已全部交由3个单位办理。" in text
    assert any(t.startswith("已答复1件，答复率33.3%；按期答复1件，按期答复率100%；逾期未答复0件。")
               for t in text)
    assert "图1　各承办单位答复进度（截至2026年3月20日）" in text  # every unit is shown
    assert len(d.inline_shapes) == 1
    # the chart is a native chart part: the units' figures cached in it and in its workbook
    chart = read_chart(target)
    assert not [n for n in chart.names if n.startswith("word/media/")]
    shown = [("县水利局", 2, 1), ("县卫生健康局", 1, 0)]  # lead units: assigned, replied
    assert chart.categories == [u[0] for u in shown]
    assert chart.series == {"交办件数": [u[1] for u in shown], "已答复件数": [u[2] for u in shown]}
    assert workbook_rows(chart.workbook)[1:] == shown
    assert min(chart.sizes) >= 900
    assert "各承办单位办理情况" in text and "目前没有逾期未答复的建议。" in text
    assert "送：县人民政府办公室。" in [t.strip() for t in text]
    # the next issue counts up, in the current folder by default
    second = invoke("brief", "--out", str(tmp_path), today="2026-04-01")
    assert second.stdout == f"{tmp_path / '工作简报-第2期-2026-04-01.docx'}\n"
    assert db_rows(assigned, "SELECT kind, series, serial, doc_no, issued_on FROM documents ORDER BY id") == [
        ("brief", "代表建议办理工作简报", 1, "第1期", "2026-03-20"),
        ("brief", "代表建议办理工作简报", 2, "第2期", "2026-04-01")]
    again = invoke("brief", "--issue", "1", "--out", str(tmp_path))
    assert (again.exit_code, again.stdout) == (1, "")
    assert again.stderr == ("错误：代表建议办理工作简报第1期已于2026年3月20日生成，不能重复使用期号；"
                            "下一期为第3期\n")
    bad = invoke("brief", "--issue", "三", "--out", str(tmp_path))
    assert (bad.exit_code, bad.stderr) == (1, "错误：--issue：“三”应为正整数期号，例如 3\n")
    chosen = invoke("brief", "--issue", "7", "--out", str(tmp_path))
    assert chosen.stdout == f"{tmp_path / '工作简报-第7期-2026-03-20.docx'}\n"


def test_brief_as_of_and_file_name(assigned: Path, tmp_path: Path) -> None:
    result = invoke("brief", "--as-of", "2026-03-25", "--out", str(tmp_path / "x.txt"))
    assert (result.exit_code, result.stderr) == (1, f"错误：--out：“{tmp_path / 'x.txt'}”应为 .docx 文件，例如 工作简报-第3期.docx\n")
    result = invoke("brief", "--as-of", "2026-03-25", "--out", str(tmp_path))
    path = tmp_path / "工作简报-第1期-2026-03-25.docx"
    assert result.stdout == f"{path}\n"
    assert "代表建议办理工作简报" in paragraphs(path)[0] and "2026年3月25日" in paragraphs(path)[2]


# -- 征询意见表 -----------------------------------------------------------------------------------

def test_form_one_per_item(assigned: Path, tmp_path: Path) -> None:
    ok("reply", "1", "--unit", "水利局", "--class", "A", "--doc-no", "青水函〔2026〕15号")
    result = invoke("form", "1", "2", "--out", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    first, second = tmp_path / "征询意见表-1-张明远.docx", tmp_path / "征询意见表-2-王秀兰.docx"
    assert result.stdout.splitlines() == [str(first), str(second)]
    assert result.stderr == "已生成征询意见表2份。\n"
    assert paragraphs(first)[0] == "代表建议办理情况征询意见表"
    cells = table(first)
    assert cells[0] == ["建议编号", "第1号", "类别", ""]
    assert cells[1] == ["建议标题"] + ["关于加快推进城乡供水一体化建设的建议"] * 3
    assert cells[2] == ["领衔代表", "张明远", "联名代表", "李华、王芳"]
    assert cells[3] == ["主办单位", "县水利局", "协办单位", "县农业农村局"]
    assert cells[4] == ["答复日期", "2026年3月20日", "答复文号", "青水函〔2026〕15号"]
    flat = [c for row in cells for c in row]
    assert flat.count("□满意　　□基本满意　　□不满意") == 6  # two rows, the value merged over 3 cells
    # return date = reply + deadline.evaluation (15 workdays)
    assert paragraphs(first)[-1].startswith("说明：1.请在相应“□”内打“√”。")
    assert "3.请于2026年4月13日前反馈青禾县人大常委会办公室。" in paragraphs(first)[-1]
    assert "3.请于收到本表后及时反馈青禾县人大常委会办公室。" in paragraphs(second)[-1]
    assert rows(assigned, "documents") == []  # forms take no number and are not recorded


def test_form_for_an_unassigned_item_writes_nothing(assigned: Path, tmp_path: Path) -> None:
    ok("add", "--title", "关于建设社区图书室的建议", "--proposer", "赵敏")
    out = tmp_path / "表"
    result = invoke("form", "1", "4", "--out", str(out))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "错误：第4号建议尚未交办（没有主办单位），不能生成征询意见表\n"
    assert not out.exists()  # an error before writing leaves no empty folder either
    missing = invoke("form", "99", "--out", str(tmp_path))
    assert missing.exit_code == 1 and missing.stderr.startswith("错误：")
