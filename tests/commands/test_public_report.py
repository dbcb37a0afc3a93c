"""向人民报告 (domain.md §14, issue 15; `report --public`): one public report of the year's results
as a numbered docx (issued through docgen/issue.py like every 通报) and a masked xlsx with the same
figures; no person named."""
from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import invoke, ok, rows

TODAY = "2026-11-20"
ROUND = "2026年民生实事项目"


@pytest.fixture
def county(demo_county, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo county (replies, evaluations, disclosure) with a 民生实事 round and a rectification
    round, in a copy this test may write."""
    db = tmp_path / "county.db"
    shutil.copy(demo_county(today=date.fromisoformat(TODAY), n_items=60).path, db)
    monkeypatch.setenv("DOCKET_DB", str(db))
    monkeypatch.setenv("DOCKET_TODAY", TODAY)
    ok("project", "new", ROUND, "--places", "2")
    ok("project", "add", "城区老旧小区改造", "--unit", "教育局", "--budget", "1200")
    ok("project", "add", "=SUM(A1)农村饮水", "--unit", "发改局")     # formula-like: written as text
    ok("project", "add", "城乡公交一体化", "--unit", "公安局")
    ok("project", "vote", "--members", "100", "--present", "90", "--valid", "88", "1=80/5/3", "2=70/10/8",
       "3=30/50/8")
    s = ("--session", ROUND)
    ok(*s, "assign", "1", "--lead", "教育局", "--due", "2026-12-31")
    ok(*s, "assign", "2", "--lead", "发改局", "--due", "2026-12-31")
    ok("project", "progress", "1", "70")
    ok("project", "test", "--stage", "mid", "1", "--group", "代表", "--members", "31", "--present", "29",
       "--satisfied", "15", "--basic", "10", "--dissatisfied", "4")
    ok("rectify", "new", "2026年部门评议整改")
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "教育局")
    ok("rectify", "add", "--problem", "窗口服务不规范", "--unit", "公安局")
    ok("rectify", "plan", "1", "--target", "完成清淤", "--measures", "分段施工", "--person", "张三", "--due", "2026-12-20")
    ok("rectify", "progress", "1", "100")
    return db


def _texts(path: Path) -> tuple[list[str], list[list[str]]]:
    import docx

    doc = docx.Document(str(path))
    tables = [["|".join(c.text for c in row.cells) for row in t.rows] for t in doc.tables]
    return [p.text for p in doc.paragraphs], tables


def _people(db: Path) -> list[str]:
    """Every person's name the database knows that §14 masks (proposers, co-proposers, raters,
    contacts)."""
    from docket.core.privacy import Masker

    con = sqlite3.connect(db)
    proposals = ("FROM items i JOIN sessions s ON s.id = i.session_id WHERE s.kind = 'proposal'")
    names = {r[0] for r in con.execute(f"SELECT proposer {proposals} AND proposer IS NOT NULL")}
    for (co,) in con.execute(f"SELECT co_proposers {proposals} AND co_proposers IS NOT NULL"):
        names.update(n.strip() for n in co.replace("，", ",").replace("、", ",").split(",") if n.strip())
    con.close()
    return sorted(n for n in names if len(n) >= 2 and Masker.name(n) != n)


def test_the_public_report_is_issued_with_the_next_number_and_a_masked_workbook(county: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "公开"
    r = invoke("report", "--public", "--out", str(out))
    assert r.exit_code == 0, r.stderr
    docx_path, xlsx_path = (Path(line) for line in r.stdout.splitlines())
    assert docx_path.name == "向人民报告-2026-2026-11-20.docx" and xlsx_path.suffix == ".xlsx"
    assert sorted(p.name for p in out.iterdir()) == sorted([docx_path.name, xlsx_path.name])  # no temp left
    recorded = [d for d in rows(county, "documents") if d[1] == "public_report"]
    assert len(recorded) == 1
    doc_no = recorded[0][5] if isinstance(recorded[0][5], str) and "〔" in recorded[0][5] else \
        next(v for v in recorded[0] if isinstance(v, str) and "〔2026〕" in v)

    text, tables = _texts(docx_path)
    assert doc_no in text
    assert "关于2026年代表建议办理、民生实事项目实施和整改工作情况的报告" in [t.replace("\n", "") for t in text]
    for heading in ("一、代表建议办理情况", "二、民生实事项目实施情况", "三、整改工作情况", "四、答复公开情况"):
        assert heading in text
    # the figures are report's (core/stats), rectification's and the projects' own
    rep = json.loads(ok("report", "--json"))["totals"]
    from docket.core.numbers import percent
    from fractions import Fraction

    sat = percent(Fraction(rep["satisfied"] + rep["basic"], rep["evaluated"]))
    assert any(f"满意率{sat}" in t and f"满意{rep['satisfied']}件" in t for t in text), text
    assert any(f"共交办代表建议{rep['assigned']}件，已答复{rep['replied']}件" in t for t in text)
    assert ("2026年民生实事项目经代表票决产生2个项目（名额2个）：“城区老旧小区改造”、“=SUM(A1）农村饮水”。"
            "各项目实施进度和测评结果见附件1。") in text
    assert "年中满意度测评1个项目，总体满意率（满意和基本满意票占有效票的比例）为86.2%。" in text
    assert [t for t in text if "整改问题" in t] == ["2026年部门评议整改共列入整改问题2个，已整改1个，整改完成率50.0%；按期整改1个，按期整改率100%。"]
    assert tables[0][1:] == ["1|城区老旧小区改造|县教育局|2026年\n12月31日|70%|86.2%|—",
                             "2|=SUM(A1）农村\n饮水|县发展和改革局|2026年\n12月31日|—|—|—"]  # wording.user's brackets
    # the disclosed replies are export --public's selection, in its order
    public = tmp_path / "公开答复.csv"
    ok("export", "--public", str(public))
    listed = [line.split(",")[0] for line in public.read_text(encoding="utf-8-sig").splitlines()[1:]]
    assert listed and [row.split("|")[1] for row in tables[1][1:]] == listed
    assert f"经审核，{len(listed)}件代表建议的答复依法向社会公开，目录见附件2；涉及个人信息的内容已作脱敏处理。" in text

    # no person named anywhere: not in the docx, not in the workbook
    wb = openpyxl.load_workbook(xlsx_path)
    cells = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    everything = "\n".join(text + [r for t in tables for r in t] + cells)
    people = _people(county)
    assert people
    assert [n for n in people if n in everything] == []
    assert "张三" not in everything                            # a rectification's person is not published
    # the workbook: the same figures, the projects, the disclosed replies (as export --public)
    assert wb.sheetnames == ["总体情况", "民生实事项目", "答复公开"]
    figures = {r[0]: r[1] for r in wb["总体情况"].iter_rows(min_row=3, values_only=True)}
    assert figures["交办件数"] == rep["assigned"] and figures["满意率"] == sat
    assert figures["整改完成率"] == "50.0%" and figures["公开答复件数"] == len(listed)
    assert [r[0] for r in wb["答复公开"].iter_rows(min_row=2, values_only=True)] == [int(n) for n in listed]
    title = wb["民生实事项目"].cell(row=4, column=2)
    assert title.value == "=SUM(A1)农村饮水" and title.data_type == "s" and title.quotePrefix  # inert
    # a second report takes the next number
    again = invoke("report", "--public", "--out", str(tmp_path / "二"))
    assert again.exit_code == 0, again.stderr
    assert len([d for d in rows(county, "documents") if d[1] == "public_report"]) == 2


def test_public_report_wants_a_folder_and_no_format(county: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    before = rows(county, "documents")
    r = invoke("report", "--public", "--format", "docx", "--out", str(tmp_path))
    assert (r.exit_code, r.stderr) == (
        1, "错误：--public 生成 docx 和 xlsx 两个文件，--out 应为输出目录；不能与 --format、--json 同用\n")
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    r = invoke("report", "--public", "--out", str(blocker))
    assert r.exit_code == 1 and "不是目录" in r.stderr
    assert rows(county, "documents") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_without_projects_or_rectification_the_report_says_so(office_db: Path, tmp_path: Path) -> None:
    r = invoke("report", "--public", "--out", str(tmp_path), today=TODAY)
    assert r.exit_code == 0, r.stderr
    text, tables = _texts(Path(r.stdout.splitlines()[0]))
    assert "本年度尚未开展民生实事项目票决。" in text and "本年度未开展整改工作。" in text
    assert "本年度暂无公开的建议答复。" in text
    assert tables[0][1:] == ["|无|||||"] and tables[1][1:] == ["||无|||"]
