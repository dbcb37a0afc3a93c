"""Defects found by testers in `rectify` (issue 15): the 通报 of a round without problems, and
the ledger xlsx printed with cut rows."""
from __future__ import annotations

from pathlib import Path

from tests.commands.test_rectify import ROUND, everything
from tests.conftest import invoke, ok, rows


def test_a_circular_of_a_round_without_problems_is_refused_and_takes_no_number(
        office_db: Path, tmp_path: Path) -> None:
    ok("rectify", "new", ROUND)
    before = everything(office_db)
    out = tmp_path / "整改通报.docx"
    r = invoke("rectify", "circular", "--out", str(out), today="2026-04-20")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (f"错误：整改“{ROUND}”还没有整改问题，未生成整改情况通报，未占用文号；"
                        "先用 docket rectify add --problem 问题 --unit 责任单位 登记问题\n")
    assert not out.exists() and list(tmp_path.glob("*.docx")) == []
    assert everything(office_db) == before
    # the next document issued takes 1号
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局")
    ok("rectify", "circular", "--out", str(out), today="2026-04-20")
    assert [d[5] for d in rows(office_db, "documents")] == ["青禾人大办〔2026〕1号"]


LONG_PROBLEM = ("河道清淤进展缓慢，部分河段淤积严重，汛期行洪能力不足，群众反映强烈；"
                "需在汛前完成清淤并建立长效管护机制，确保河道畅通")          # 64 characters
LONG_MEASURES = ("一是分三段组织清淤；二是建立巡河制度，每周巡查一次；三是落实管护经费，纳入年度预算；"
                 "四是开展群众满意度回访，结果向社会公开")


def test_the_ledger_rows_are_tall_enough_for_their_wrapped_text_when_printed(
        office_db: Path, tmp_path: Path) -> None:
    import openpyxl

    ok("rectify", "new", ROUND)
    ok("rectify", "add", "--problem", LONG_PROBLEM, "--unit", "水利局", "--source", "2026年度部门工作评议")
    ok("rectify", "plan", "1", "--target", "汛前完成主河道清淤", "--measures", LONG_MEASURES,
       "--person", "李明", "--due", "2026-05-19")
    ok("rectify", "add", "--problem", "窗口服务态度差", "--unit", "卫健局")
    out = tmp_path / "台账.xlsx"
    ok("rectify", "export", str(out), "--as-of", "2026-03-30", today="2026-03-30")
    ws = openpyxl.load_workbook(out)["整改台账"]

    def lines(row: int) -> float:
        return (ws.row_dimensions[row].height or 0) / 15.4   # a line of 11 pt text, in points

    # 整改措施 (40 wide): 目标 + 措施 = 73 characters, at least 4 lines in 仿宋 11 (≈ 18.6 a line)
    assert lines(4) >= 4
    assert lines(5) >= 1 and lines(5) < lines(4)   # a short problem gets a short row
    assert ws.row_dimensions[3].height                     # the header row too
    # printed A4 landscape, one page wide, the header row on every page (documents.md §3.6)
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$3:$3"


def test_wrapped_lines_counts_cjk_as_two_columns() -> None:
    from docket.core.export import row_height, wrapped_lines

    assert wrapped_lines("汉" * 18, 40) == 1             # 18 × 2.1 = 37.8 of 39 usable units
    assert wrapped_lines("汉" * 19, 40) == 2
    assert wrapped_lines("a" * 37, 40) == 1
    assert wrapped_lines("汉" * 10 + "\n" + "汉" * 10, 40) == 2
    assert wrapped_lines("", 10) == wrapped_lines(None, 10) == 1
    assert row_height(["汉" * 40, "x"], [40, 6]) > row_height(["汉" * 18, "x"], [40, 6])


def test_a_rectification_problem_is_not_reviewed_like_a_suggestion(office_db: Path) -> None:
    # 立案 / 并案 / 转来信 mean nothing in a rectification round: its plan starts it (§12)
    ok("rectify", "new", ROUND)
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局")
    before = everything(office_db)
    for args, word in ((("--accept",), "立案"), (("--merge-into", "1"), "并案"),
                       (("--convert", "--reason", "转"), "转来信")):
        r = invoke("--session", ROUND, "review", "1", *args)
        assert (r.exit_code, r.stderr.strip()) == (1, f"错误：第1号整改问题未启动，不能{word}"), r.stderr
    assert everything(office_db) == before
