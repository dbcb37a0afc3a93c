"""The content pass of issue 14 (items 2, 4, 5, 8): names in full, a one-sheet 征询意见表,
the 评议结果通报's tally table, and a 考评结果通报 that does not repeat its 附件.

Checked on the built docx (python-docx and the XML); the one-sheet form and the 评议通报's last
page also by rendering with LibreOffice (skipped where soffice or a Chinese font is missing).
"""
from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import date
from fractions import Fraction
from pathlib import Path

import docx
import pytest

from docket.docgen import circular, form, save, scores, wording
from docket.docgen.cells import cell_width
from docket.docgen.scores import (
    AppraisalReportData, DepartmentRow, GroupTally, ScoreReportData, ScoreRow,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UNITS = ("县教育局", "县财政局", "县水利局", "县住房和城乡建设局", "县交通运输局", "县卫生健康局",
         "县农业农村局", "县自然资源局", "县生态环境局", "县文化广电旅游局", "县民政局",
         "县人力资源和社会保障局", "县市场监督管理局", "县公安局")


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _can_render() -> bool:
    if not (shutil.which("soffice") and shutil.which("pdfinfo") and shutil.which("pdftotext")
            and shutil.which("fc-list")):
        return False
    return bool(subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True,
                               check=False).stdout.strip())


needs_render = pytest.mark.skipif(not _can_render(), reason="soffice, poppler or a CJK font missing")


def render(path: Path) -> tuple[int, list[str]]:
    """(pages, text of each page) of a docx rendered by LibreOffice."""
    out = path.parent
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = out / (path.stem + ".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    n = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    pages = [subprocess.run(["pdftotext", "-f", str(k), "-l", str(k), str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
             for k in range(1, n + 1)]
    return n, pages


# -- 2. names in full ----------------------------------------------------------------------------

def test_a_praised_or_criticised_unit_is_always_named(make, tmp_path):
    data = dataclasses.replace(make.circular(), praised=UNITS[:12], behind=UNITS[2:13])
    text = "".join(paragraphs(save.save(circular.build(data), tmp_path / "通报.docx")))
    praise = "、".join(UNITS[:12]) + "按期答复率和满意率均达到100%，予以通报表扬。"
    behind = "、".join(UNITS[2:13]) + "尚有逾期未答复建议（见附件2）"
    assert praise in text and behind in text
    assert not re.search(r"等\d+个单位", text)


def test_only_a_neutral_list_is_cut_at_ten():
    assert wording.join_names(UNITS) == "、".join(UNITS)
    assert wording.join_some(UNITS) == "、".join(UNITS[:10]) + "等14个单位"
    assert wording.join_some(UNITS[:10]) == "、".join(UNITS[:10])


# -- 8. the 考评结果通报 -------------------------------------------------------------------------

def score_data(make, n: int = 14, model_title: str = "承办单位办理工作考评") -> ScoreReportData:
    bands = ("优秀", "良好", "一般", "较差")
    rows = []
    for i, unit in enumerate(UNITS[:n]):
        grade = "优秀" if i < 6 else "较差" if i >= n - 5 else "良好"
        score = 95.0 - i * 3
        rows.append(ScoreRow(unit, 5, (score, score), score, grade, i + 1))
    return ScoreReportData(make.LH, 2026, 8, date(2027, 1, 15), model_title, 1,
                           (("办理时效", 50), ("代表满意度", 50)), tuple(rows), 3, bands)


def test_score_circular_names_the_method_as_a_document_and_leaves_scores_to_the_annex(make, tmp_path):
    paras = paragraphs(save.save(scores.build_scores(score_data(make)), tmp_path / "考评.docx"))
    body = "".join(paras)
    assert "（第1版）" not in body and "考评办法（第" not in body
    assert "根据《青禾县人大代表建议办理工作考评办法（2026年）》，对2026年度承办代表建议的14个单位进行了考评。" in body
    # no paragraph repeats the units' scores: they are in the 附件's table
    assert not [p for p in paras if len(re.findall(r"\d+\.\d\d分", p)) > 1]
    assert "参与排名的14个单位中，优秀6个、良好3个、较差5个，各单位得分、名次和等次见附件。" in paras
    assert "、".join(UNITS[:6]) + "考评等次为优秀，予以通报表扬。" in paras
    assert any(p.startswith("、".join(UNITS[9:14]) + "考评等次为较差，予以通报批评") for p in paras)
    assert not [p for p in paras if "良好的有" in p]  # the middle grades are counted, not listed


def test_score_circular_uses_a_model_title_that_names_a_document(make, tmp_path):
    data = score_data(make, model_title="青禾县人大常委会代表建议办理工作考评办法")
    body = "".join(paragraphs(save.save(scores.build_scores(data), tmp_path / "考评.docx")))
    assert "根据《青禾县人大常委会代表建议办理工作考评办法》，" in body


def test_score_annex_keeps_100_00_on_one_line(make, tmp_path):
    doc = scores.build_scores(score_data(make))
    tbl = doc.element.body.findall(W + "tbl")[-1]
    grid = [int(g.get(W + "w")) for g in tbl.find(W + "tblGrid").findall(W + "gridCol")]
    rows = tbl.findall(W + "tr")
    cells = rows[1].findall(W + "tc")
    for col in (3, 4, 5):  # the two indicators and 总分
        mar = cells[col].find(f"{W}tcPr/{W}tcMar/{W}left")
        side_mm = (int(mar.get(W + "w")) if mar is not None else 57) * 25.4 / 1440
        room_pt = (grid[col] * 25.4 / 1440 - 2 * side_mm) * 72 / 25.4
        assert cell_width("100.00") * 12 <= room_pt, col


# -- 5. the 评议结果通报 -------------------------------------------------------------------------

def appraisal_data(make, n: int = 4) -> AppraisalReportData:
    groups = (("常委会组成人员", 50.0), ("代表", 50.0))
    rows = []
    for i, dep in enumerate(UNITS[:n]):
        tallies = tuple(GroupTally(g, 31, 29, 15, 10, 4, 0, 72.41, Fraction(25, 29), "基本满意")
                        for g, _ in groups)
        rows.append(DepartmentRow(dep, (88.0, 82.0, 85.0, 72.41), 83.57 - i, "良好", i + 1,
                                  "基本满意", tallies))
    return AppraisalReportData(make.LH, "2026年度部门工作评议", 9, date(2026, 7, 15),
                               (("依法履职", 25), ("政策落实", 30), ("服务效能", 25), ("群众满意度", 20)),
                               groups, tuple(rows), ("优秀", "良好", "一般", "较差"),
                               cc=("县委办公室", "县人民政府办公室"))


def _tables(doc):
    return doc.element.body.findall(W + "tbl")


def _lines(tc) -> list[str]:
    """A cell's lines: its text split at the w:br."""
    out = [""]
    for el in tc.iter(W + "t", W + "br"):
        if el.tag == W + "br":
            out.append("")
        else:
            out[-1] += el.text or ""
    return out


def test_appraisal_tally_merges_each_department_down_over_its_groups(make, tmp_path):
    built = scores.build_appraisal(appraisal_data(make))
    rows = _tables(built)[1].findall(W + "tr")[1:]
    assert len(rows) == 8
    for k, tr in enumerate(rows):
        first = tr.find(W + "tc")
        vm = first.find(f"{W}tcPr/{W}vMerge")
        assert vm is not None, k
        if k % 2 == 0:  # the department's first group: the merge starts, the rows keep together
            assert vm.get(W + "val") == "restart"
            assert "".join(_lines(first)) == UNITS[k // 2]
            assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(W + "p"))
        else:
            assert vm.get(W + "val") is None and not "".join(_lines(first))
    # python-docx (as Word) reads the one merged cell on both rows
    table = docx.Document(str(save.save(built, tmp_path / "评议.docx"))).tables[1]
    assert table.rows[1].cells[0]._tc is table.rows[2].cells[0]._tc


def test_appraisal_tally_group_and_rank_columns_fit(make):
    doc = scores.build_appraisal(appraisal_data(make))
    summary, tally = _tables(doc)
    # 常委会/组成人员 on two lines, never a character alone
    group = tally.findall(W + "tr")[1].findall(W + "tc")[1]
    assert _lines(group) == ["常委会", "组成人员"]
    grid = [int(g.get(W + "w")) for g in tally.find(W + "tblGrid").findall(W + "gridCol")]
    assert (grid[1] * 25.4 / 1440 - 2) * 72 / 25.4 >= 4 * 12
    # every header line fits its column with the cell's own side margins (no 应/到, 不满/意)
    for tc, col in zip(tally.findall(W + "tr")[0].findall(W + "tc"), grid):
        mar = tc.find(f"{W}tcPr/{W}tcMar/{W}left")
        side = int(mar.get(W + "w")) if mar is not None else 57
        for line in _lines(tc):
            assert cell_width(line) * 12 * 20 <= col - 2 * side, line
    # the level 基本满意 on one line in the last column
    assert _lines(tally.findall(W + "tr")[1].findall(W + "tc")[-1]) == ["基本满意"]
    assert (grid[-1] * 25.4 / 1440 - 2) * 72 / 25.4 >= 4 * 12
    # 名次 in one line: two characters of 12 pt and the margins
    head = summary.findall(W + "tr")[0].findall(W + "tc")[0]
    assert _lines(head) == ["名次"]
    grid = [int(g.get(W + "w")) for g in summary.find(W + "tblGrid").findall(W + "gridCol")]
    assert (grid[0] * 25.4 / 1440 - 2) * 72 / 25.4 >= 2 * 12 + 2


def test_appraisal_opening_lists_who_took_part_and_grades_everyone(make, tmp_path):
    data = appraisal_data(make, n=12)
    paras = paragraphs(save.save(scores.build_appraisal(data), tmp_path / "评议.docx"))
    body = "".join(paras)
    assert "对" + "、".join(UNITS[:10]) + "等12个部门开展了2026年度部门工作评议" in body
    assert "评定等次为良好的有" + "、".join(UNITS[:12]) + "。" in body


@needs_render
def test_appraisal_circular_has_no_page_holding_only_the_colophon(make, tmp_path):
    path = save.save(scores.build_appraisal(appraisal_data(make)), tmp_path / "评议.docx")
    n, pages = render(path)
    last = pages[-1].replace(" ", "")
    assert "印发" in last
    assert "注：得分" in last, f"page {n} holds only the 版记"


# -- 4. the 征询意见表 ---------------------------------------------------------------------------

def demo_form(make, **kw):
    """The demo's two-page case: three supporting units, a 文号 that broke after 〕."""
    base = dict(title="关于改造提升省道S312线东坝镇段的建议", co_signers=("许秀英", "贺斌", "邓磊"),
                lead_unit="县交通运输局", support_units=("县财政局", "县自然资源局", "县住房和城乡建设局"),
                reply_no="青交函〔2026〕16号")
    base.update(kw)
    return dataclasses.replace(make.form(), **base)


LONG_TITLE = ("关于进一步加强青禾河流域水环境综合治理、完善沿岸生态修复和防洪排涝设施、"
              "建立健全跨乡镇水质监测体系加强农村饮用水水源地保护的建议") * 3


def many_form(make):
    return demo_form(make, title=LONG_TITLE,
                     co_signers=tuple(f"代表{chr(0x4e00 + 20 * i)}{chr(0x4e01 + 7 * i)}" for i in range(14)),
                     support_units=UNITS[:9], lead_unit="县人力资源和社会保障局",
                     reply_no="青禾县人力资源和社会保障局函〔2026〕116号")


def _form_cells(doc) -> dict[str, object]:
    """label -> value cell of the form's table."""
    out = {}
    for tr in _tables(doc)[0].findall(W + "tr"):
        tcs = tr.findall(W + "tc")
        for lab, val in zip(tcs[::2], tcs[1::2]):
            out["".join(_lines(lab))] = val
    return out


def test_form_has_no_page_number(make):
    doc = form.build(demo_form(make))
    sec = doc.sections[0]
    for footer in (sec.footer, sec.even_page_footer, sec.first_page_footer):
        xml = footer._element.xml
        assert " PAGE " not in xml and "fldChar" not in xml
        assert not "".join(p.text for p in footer.paragraphs).strip()


@pytest.mark.parametrize("reply_no", ["青交函〔2026〕16号", "青禾住建函〔2026〕116号"])
def test_form_document_number_is_one_unbroken_line(make, reply_no):
    doc = form.build(demo_form(make, reply_no=reply_no))
    cell = _form_cells(doc)["答复文号"]
    assert cell.find(f".//{W}br") is None
    (run,) = [r for r in cell.iter(W + "r") if r.find(W + "t") is not None]
    assert run.find(W + "t").text == reply_no
    size = int(run.find(f"{W}rPr/{W}sz").get(W + "val")) / 2
    room_pt = (form.WIDTHS_MM[3] - 2) * 72 / 25.4
    assert cell_width(reply_no) * size <= room_pt and size >= 10.5  # it fits: nothing to wrap


def test_form_document_number_with_a_full_unit_name_keeps_its_number_whole(make):
    reply_no = "青禾县人力资源和社会保障局函〔2026〕116号"
    cell = _form_cells(form.build(demo_form(make, reply_no=reply_no)))["答复文号"]
    assert _lines(cell) == ["青禾县人力资源和社会保障局", "函〔2026〕116号"]
    size = int(next(cell.iter(W + "sz")).get(W + "val")) / 2
    room_pt = (form.WIDTHS_MM[3] - 2) * 72 / 25.4
    assert all(cell_width(line) * size <= room_pt for line in _lines(cell))


def test_form_title_is_cut_gracefully_and_a_short_one_kept(make):
    cells = _form_cells(form.build(many_form(make)))
    text = "".join(_lines(cells["建议标题"]))
    assert text.endswith("……的建议") and text.startswith("关于进一步加强青禾河流域")
    wide = sum(form.WIDTHS_MM[1:])
    assert cell_width(text) <= 3 * (wide - 2) * 72 / 25.4 / 14
    short = _form_cells(form.build(demo_form(make)))["建议标题"]
    assert "".join(_lines(short)) == "关于改造提升省道S312线东坝镇段的建议"


def test_form_cells_take_two_lines_at_most(make):
    cells = _form_cells(form.build(many_form(make)))
    for label, most in (("联名代表", 2), ("协办单位", 3), ("主办单位", 2), ("建议标题", 3)):
        tc = cells[label]
        size = int(next(tc.iter(W + "sz")).get(W + "val")) / 2
        col = {"主办单位": form.WIDTHS_MM[1], "建议标题": sum(form.WIDTHS_MM[1:])}.get(label, form.WIDTHS_MM[3])
        pitch = int(tc.find(f".//{W}spacing").get(W + "line")) / 20
        assert form.lines(tuple(_lines(tc)), col, size) * pitch <= most * 17 + 0.01, label
    # the title keeps the form's 14 pt (it is cut, not shrunk)
    assert next(cells["建议标题"].iter(W + "sz")).get(W + "val") == "28"
    # six supporting units are all named (on three lines, smaller)
    six = _form_cells(form.build(demo_form(make, support_units=UNITS[3:9])))["协办单位"]
    assert "".join(_lines(six)) == "、".join(UNITS[3:9])
    # the supporting units are all named while they fit two lines at 五号
    assert "".join(_lines(_form_cells(form.build(demo_form(make)))["协办单位"])) == \
        "县财政局、县自然资源局、县住房和城乡建设局"


def plain_form(make):
    return make.form()


@pytest.mark.parametrize("build", [plain_form, demo_form, many_form])
def test_form_remarks_box_takes_what_the_sheet_leaves_and_never_less_than_60_mm(make, build):
    doc = form.build(build(make))
    (row,) = [tr for tr in _tables(doc)[0].findall(W + "tr")
              if "".join(_lines(tr.find(W + "tc"))) == "意见和建议"]
    mm = int(row.find(f"{W}trPr/{W}trHeight").get(W + "val")) * 25.4 / 1440
    assert mm >= 59.9
    if build is plain_form:
        assert mm > 65  # an ordinary item leaves the box more room


@needs_render
@pytest.mark.parametrize("case", ["demo", "long", "cppcc_one_dimension"])
def test_form_renders_on_one_sheet(make, tmp_path, case):
    data = {"demo": lambda: demo_form(make), "long": lambda: many_form(make),
            "cppcc_one_dimension": lambda: dataclasses.replace(
                many_form(make), letterhead=make.LH_CPPCC, dimensions=1,
                extra_levels=("不了解",))}[case]()
    path = save.save(form.build(data), tmp_path / "表.docx")
    n, pages = render(path)
    assert n == 1, f"{case}: {n} pages"
    text = pages[0].replace(" ", "")
    assert "说明：" in text and "填表日期" in text
    assert not re.search(r"—\d+—", text)  # no page number
