"""Table columns and the 考评通报 as the review of issue 6 found them rendered
(wider CJK stand-in fonts): each file is saved, reopened with python-docx and checked."""
from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from docket.docgen import notice, reminder, save, scores
from docket.docgen.cells import cell_width, list_cell, unit_cell, unit_tokens
from docket.docgen.data import NoticeItem

OCT = date(2026, 10, 22)


def cells(path: Path, index: int = 0) -> list[list[str]]:
    t = docx.Document(str(path)).tables[index]
    return [[c.text for c in row.cells] for row in t.rows]


def margins(path: Path, column: int, index: int = 0) -> set[tuple[str, str]]:
    """(left, right) tcMar widths of a column's body cells."""
    tbl = docx.Document(str(path)).tables[index]._tbl
    out = set()
    for tr in tbl.findall(qn("w:tr"))[1:]:
        tc = tr.findall(qn("w:tc"))[column]
        mar = tc.tcPr.find(qn("w:tcMar"))
        out.add(("", "") if mar is None else
                (mar.find(qn("w:left")).get(qn("w:w")), mar.find(qn("w:right")).get(qn("w:w"))))
    return out


def wide_notice(make):
    """县交通运输局's notice: two-digit months, a town government, a list of supporters."""
    base = make.notice(unit="县交通运输局")
    lead = (NoticeItem(62, "关于开通松林乡至县城农村客运班线的建议", "尹晓燕", "县交通运输局",
                       ("县应急管理局", "杏花乡人民政府"), OCT),)
    support = (NoticeItem(297, "关于在柳溪镇集镇主要路口增设监控设施的建议", "郭晓东", "梅山镇人民政府",
                          ("县交通运输局",), date(2026, 11, 9)),)
    return dataclasses.replace(base, items_lead=lead, items_support=support)


# -- 3. columns -----------------------------------------------------------------------------------

def test_notice_dates_break_after_the_year_and_unit_names_between_words(make, tmp_path):
    path = save.save(notice.build(wide_notice(make)), tmp_path / "n.docx")
    assert cells(path)[1:] == [
        # 9 characters a line left 议 alone: it takes 的建 along (test_title_cells.py)
        ["1", "62", "关于开通松林乡至县\n城农村客运班线\n的建议", "尹晓燕", "县交通\n运输局",
         "县应急\n管理局、\n杏花乡\n人民政府", "2026年\n10月22日"],
        ["2", "297", "关于在柳溪镇集镇主要路口增设监控设施的建议", "郭晓东", "梅山镇\n人民政府",
         "县交通\n运输局", "2026年\n11月9日"],
    ]
    # the date column's side margins are 0.5 mm (28 twips) instead of the table's 1 mm
    assert margins(path, 6) == {("28", "28")}
    assert margins(path, 4) == {("", "")}


def test_reminder_date_column_has_narrow_margins(make, tmp_path):
    data = make.reminder(True)
    data = dataclasses.replace(data, items=tuple(dataclasses.replace(i, due_on=OCT) for i in data.items))
    path = save.save(reminder.build(data), tmp_path / "r.docx")
    assert [r[4] for r in cells(path)[1:]] == ["2026年\n10月22日"] * 2
    assert margins(path, 4) == {("28", "28")}


@pytest.mark.parametrize("name,mm,expected", [
    ("县交通运输局", 24, ("县交通", "运输局")),
    ("梅山镇人民政府", 30, ("梅山镇", "人民政府")),
    ("县人力资源和社会保障局", 43, ("县人力资源和", "社会保障局")),
    ("县市场监督管理局", 43, "县市场监督管理局"),
    ("县人力资源和社会保障局", 30, ("县人力资源和", "社会保障局")),
    ("县住房和城乡建设局", 24, ("县住房和", "城乡建设局")),
    ("县文化和旅游局", 30, ("县文化和", "旅游局")),
    ("青禾县自来水有限公司", 30, ("青禾县自来水", "有限公司")),
    ("中国移动青禾分公司", 24, ("中国移动", "青禾分公司")),
    ("县财政局", 24, "县财政局"),
])
def test_unit_names_break_between_their_words(name, mm, expected):
    assert unit_cell(name, mm) == expected


def test_unit_name_pieces_and_cell_widths():
    assert unit_tokens("县人力资源和社会保障局") == ("县", "人力", "资源", "和", "社会", "保障局")
    assert unit_tokens("梅山镇人民政府") == ("梅山镇", "人民政府")
    # 10月22日: four 0.56 em digits, two characters, three Chinese/digit gaps of 0.2 em
    assert round(cell_width("10月22日"), 2) == 4.84
    assert list_cell(["县财政局", "县住建局"], 42) == "县财政局、县住建局"


def _render(docx_path: Path, out: Path, family: str) -> str:
    conf = out / f"fonts-{family.split()[1]}.conf"
    aliases = "".join(f"<alias binding=\"strong\"><family>{n}</family><prefer><family>{family}"
                      "</family></prefer></alias>"
                      for n in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"))
    conf.write_text('<?xml version="1.0"?><fontconfig><include ignore_missing="yes">'
                    f"/etc/fonts/fonts.conf</include>{aliases}</fontconfig>", encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    target = out / family.split()[1]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(target), str(docx_path)],
                   env=env, check=True, capture_output=True, timeout=120)
    pdf = target / (docx_path.stem + ".pdf")
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _have(family: str) -> bool:
    if not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("fc-list")):
        return False
    return family in subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                                     check=False).stdout


@pytest.mark.parametrize("family", ["Noto Sans CJK SC", "Noto Serif CJK SC"])
def test_rendered_with_wide_stand_in_fonts_the_cells_keep_their_lines(make, tmp_path, family):
    if not _have(family):
        pytest.skip(f"soffice, pdftotext or {family} missing")
    path = save.save(notice.build(wide_notice(make)), tmp_path / "通知.docx")
    text = _render(path, tmp_path, family).replace(" ", "")
    lines = text.splitlines()
    # each forced line stays one rendered line: nothing wraps again inside it
    for line in ("10月22日", "11月9日", "县交通", "运输局", "梅山镇", "人民政府", "管理局、"):
        assert line in lines, (line, family)


# -- 4. the 简报 chart: see test_chart.py (a native chart part since issue 11) ------------------

# -- 5. the 考评结果通报 ------------------------------------------------------------------------

def score_result() -> dict:
    """The review's case: 梅山镇 with 1 lead item (unranked, its own score 92.00 would be 优秀) and
    南塘乡 with none (its support indicator alone gave 80.00 良好)."""
    def unit(name, lead, support, score, grade, rank, ranked, values):
        return {"unit": name, "lead_items": lead, "support_items": support, "score": score,
                "grade": grade, "rank": rank, "ranked": ranked,
                "indicators": [{"name": n, "weight": w, "level": 1, "value": v}
                               for (n, w), v in zip(INDICATORS, values)]}
    return {"year": 2026, "model_title": "承办单位办理工作考评", "model_version": 1, "min_items": 3,
            "bands": {"优秀": 90.0, "良好": 80.0, "一般": 60.0, "较差": 0.0},
            "units": [unit("县水利局", 12, 3, 91.5, "优秀", 1, True, [95.0, 88.0]),
                      unit("县交通运输局", 20, 4, 84.0, "良好", 2, True, [80.0, 88.0]),
                      unit("南塘乡人民政府", 0, 5, 80.0, "良好", None, False, [80.0, None]),
                      unit("梅山镇人民政府", 1, 4, 92.0, "优秀", None, False, [100.0, 84.0])]}


INDICATORS = (("办理时效", 50), ("代表满意度", 50))


def test_score_circular_grades_ranked_units_only(make, tmp_path):
    data = scores.score_report(score_result(), make.LH, doc_seq=4, issued_on=date(2027, 1, 15))
    path = save.save(scores.build_scores(data), tmp_path / "考评.docx")
    paras = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "参与排名的2个单位中，优秀1个、良好1个，各单位得分、名次和等次见附件。" in paras
    assert "县水利局考评等次为优秀，予以通报表扬。" in paras
    assert ("梅山镇人民政府主办建议少于3件，列出得分，不参与排名，不评定等次；"
            "南塘乡人民政府没有主办建议，只承担协办，不计综合得分。") in paras
    assert not [p for p in paras if "优秀" in p and "梅山镇" in p]
    table = cells(path)
    assert table[1:] == [
        ["1", "县水利局", "12", "95.00", "88.00", "91.50", "优秀"],
        ["2", "县交通运输局", "20", "80.00", "88.00", "84.00", "良好"],
        ["未排名（主办件少于3件）"] * 7,
        ["—", "梅山镇\n人民政府", "1", "100.00", "84.00", "92.00", "—"],
        ["—", "南塘乡\n人民政府", "0", "80.00", "—", "—", "—"],
    ]
    assert ("注：主办件少于3件的单位列在“未排名”之下，不参与排名，不评定等次；没有主办件的单位不计总分。"
            "指标栏“—”表示该项无数据。") in paras
