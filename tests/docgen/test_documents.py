"""Every document type, saved and reopened with python-docx, against documents.md §6."""
from __future__ import annotations

import importlib
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from docket.docgen import save
from docket.docgen.ooxml import PPR_ORDER

ALL = ["notice", "notice_one", "notice_40", "remind_red", "remind_yellow", "circular", "brief",
       "form", "rectify_circular", "project_report", "public_report"]
FILE_FORMAT = ["notice", "notice_one", "notice_40", "circular", "rectify_circular", "project_report",
               "public_report"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def built(samples, name: str, tmp_path: Path):
    mod, data = samples[name]
    doc = importlib.import_module(f"docket.docgen.{mod}").build(data)
    path = save.save(doc, tmp_path / f"{name}.docx")
    return docx.Document(str(path)), path


def styled(doc, style_name: str):
    return [p for p in doc.paragraphs if p.style.name == style_name]


def eff(p, attr: str):
    """A paragraph-format attribute, direct or from its style chain."""
    v = getattr(p.paragraph_format, attr)
    style = p.style
    while v is None and style is not None:
        v = getattr(style.paragraph_format, attr)
        style = style.base_style
    return v


def run_fonts(r) -> tuple[str, str, str]:
    rf = r._r.find(qn("w:rPr")).find(qn("w:rFonts"))
    return rf.get(qn("w:eastAsia")), rf.get(qn("w:ascii")), rf.get(qn("w:hAnsi"))


def text_runs(doc):
    for p in doc.paragraphs:
        for r in p.runs:
            if r.text:
                yield p, r
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for r in p.runs:
                        if r.text:
                            yield p, r


@pytest.mark.parametrize("name", ALL)
def test_page_and_grid(samples, name, tmp_path):
    doc, _ = built(samples, name, tmp_path)
    sec = doc.sections[0]
    for got, want in ((sec.page_width, 210), (sec.page_height, 297), (sec.top_margin, 37),
                      (sec.bottom_margin, 35), (sec.left_margin, 28), (sec.right_margin, 26)):
        assert abs(got - Mm(want)) <= Mm(0.5)
    assert abs(sec.footer_distance - Mm(22)) <= Mm(1)
    grid = sec._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "579")


@pytest.mark.parametrize("name", ["notice", "brief"])
def test_normal_style(samples, name, tmp_path):
    doc, _ = built(samples, name, tmp_path)
    normal = doc.styles["Normal"]
    pf = normal.paragraph_format
    assert normal.font.size == Pt(16)
    assert (pf.line_spacing, str(pf.line_spacing_rule)) == (Pt(28.95), "EXACTLY (4)")
    assert (pf.space_before, pf.space_after, pf.widow_control) == (0, 0, False)
    rpr = normal.element.find(qn("w:rPr"))
    assert rpr.find(qn("w:spacing")).get(qn("w:val")) == "-5"
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


@pytest.mark.parametrize("name", ALL)
def test_no_theme_fonts_and_chinese_language(name, samples, tmp_path):
    _, path = built(samples, name, tmp_path)
    with zipfile.ZipFile(path) as z:
        for part in ("word/document.xml", "word/styles.xml"):
            assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)Theme=", z.read(part).decode())
        assert 'w:eastAsia="zh-CN"' in z.read("word/styles.xml").decode()
        assert 'w:eastAsia="zh-CN"' in z.read("word/settings.xml").decode()


ROLE_FONT = {"标题": "方正小标宋简体", "正文": "仿宋_GB2312", "主送": "仿宋_GB2312",
             "一级标题": "黑体", "表头": "黑体", "附件标记": "黑体", "成文日期": "仿宋_GB2312",
             "署名": "仿宋_GB2312", "发文字号": "仿宋_GB2312", "发文机关标志": "方正小标宋简体",
             "版记": "仿宋_GB2312", "表格文字": "仿宋_GB2312", "表格数字": "仿宋_GB2312"}
ROLE_SIZE = {"标题": 22, "正文": 16, "主送": 16, "一级标题": 16, "表头": 12, "表格文字": 12,
             "表格数字": 12, "版记": 14, "成文日期": 16, "发文机关标志": 42}


@pytest.mark.parametrize("name", ALL)
def test_every_run_names_its_role_font_and_size(samples, name, tmp_path):
    doc, _ = built(samples, name, tmp_path)
    seen = set()
    for p, r in text_runs(doc):
        east, ascii_, hansi = run_fonts(r)
        assert east and ascii_ == hansi == east, (p.style.name, r.text)
        role = p.style.name
        if role in ROLE_FONT and not (name == "form" and role.startswith("表格")):
            if any(not _gb2312(c) for c in r.text):
                assert east == "仿宋"
            else:
                assert east == ROLE_FONT[role], (role, r.text)
            if role in ROLE_SIZE and name != "form":
                assert r.font.size == Pt(ROLE_SIZE[role]), (role, r.text)
            seen.add(role)
    assert "标题" in seen or name == "brief"


def _gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def test_characters_outside_gb2312_get_fangsong(samples, tmp_path):
    doc, _ = built(samples, "notice_40", tmp_path)
    runs = [r for _, r in text_runs(doc) if "堃" in r.text]
    assert runs and all(r.text == "堃" and run_fonts(r)[0] == "仿宋" for r in runs)


TITLES = {
    "notice": "关于交办县十八届人大五次会议代表建议的通知",
    "notice_40": "关于交办县十八届人大五次会议提案的通知",
    "remind_red": "关于督促办理逾期代表建议的函",
    "remind_yellow": "关于抓紧办理代表建议的通知",
    "circular": "关于县十八届人大五次会议代表建议办理情况的通报",
    "rectify_circular": "关于2026年部门工作评议整改情况的通报",
    "project_report": "关于2026年民生实事项目票决和实施情况的通报",
    "public_report": "关于2026年代表建议办理、民生实事项目实施和整改工作情况的报告",
    "form": "代表建议办理情况征询意见表",
}


@pytest.mark.parametrize("name", sorted(TITLES))
def test_title(samples, name, tmp_path):
    doc, _ = built(samples, name, tmp_path)
    title = styled(doc, "标题")[0]
    assert title.text.replace("\n", "") == TITLES[name]
    assert str(eff(title, "alignment")) == "CENTER (1)"
    assert all(r.font.bold is None and run_fonts(r)[0] == "方正小标宋简体"
               for r in title.runs if r.text)
    assert doc.core_properties.title == TITLES[name]


@pytest.mark.parametrize("name,expected,align", [
    ("notice", "青人大办〔2026〕3号", "CENTER (1)"),
    ("circular", "青人大办〔2026〕9号", "CENTER (1)"),
    ("remind_red", "青人大办函〔2026〕7号", "RIGHT (2)"),
])
def test_doc_number(samples, name, expected, align, tmp_path):
    doc, _ = built(samples, name, tmp_path)
    (p,) = styled(doc, "发文字号")
    assert p.text == expected
    assert re.fullmatch(r"\S+〔20\d\d〕[1-9]\d*号", p.text)
    assert str(eff(p, "alignment")) == align
    border = p._p.pPr.find(qn("w:pBdr"))
    if name == "remind_red":
        assert border is None
    else:
        assert border.find(qn("w:bottom")).get(qn("w:color")) == "FF0000"


# 青禾县人大常委会办公室 is 11 wide; 2026年3月5日 is 6 and 2026年6月17日 6.5:
# 4 + (6 - 11) / 2 = 1.5 characters = 24 pt; 4 + (6.5 - 11) / 2 = 1.75 = 28 pt
@pytest.mark.parametrize("name,when,sig_indent", [("notice", "2026年3月5日", 24),
                                                  ("remind_red", "2026年6月17日", 28),
                                                  ("circular", "2026年6月30日", 28)])
def test_signature_and_date(samples, name, when, sig_indent, tmp_path):
    doc, _ = built(samples, name, tmp_path)
    (sig,) = styled(doc, "署名")
    (date_p,) = styled(doc, "成文日期")
    assert date_p.text == when and re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", date_p.text)
    assert str(eff(date_p, "alignment")) == "RIGHT (2)"
    assert abs(eff(date_p, "right_indent") - Pt(64)) <= Pt(1)
    paras = [p._p for p in doc.paragraphs]
    assert paras.index(date_p._p) == paras.index(sig._p) + 1
    assert sig.text == "青禾县人大常委会办公室"
    assert sig.paragraph_format.right_indent == Pt(sig_indent)


@pytest.mark.parametrize("name", ["notice", "remind_yellow", "circular"])
def test_addressee_and_body(samples, name, tmp_path):
    doc, _ = built(samples, name, tmp_path)
    (to,) = styled(doc, "主送")
    assert to.text.endswith("：") and not eff(to, "first_line_indent")
    body = styled(doc, "正文")
    for p in body:
        if p._p is body[-1]._p and p.paragraph_format.first_line_indent == 0:
            continue  # the last paragraph's lines split off to go with the 署名 (flow)
        assert abs(eff(p, "first_line_indent") - Pt(32)) <= Pt(0.5)
        assert str(eff(p, "alignment")) == "JUSTIFY (3)"


def test_headings_in_heiti(samples, tmp_path):
    doc, _ = built(samples, "notice", tmp_path)
    heads = styled(doc, "一级标题")
    assert [h.text for h in heads] == ["一、明确办理责任", "二、严格办理时限", "三、加强沟通协商"]
    assert {run_fonts(r)[0] for h in heads for r in h.runs} == {"黑体"}


def _footer_check(footer, align: str, side: str):
    (p,) = footer.paragraphs
    assert str(eff(p, "alignment")) == align
    indent = getattr(p.paragraph_format, side)
    assert Pt(14) <= indent <= Pt(16)
    xml = p._p.xml
    begin, instr, end = (xml.index('fldCharType="begin"'), xml.index(" PAGE "),
                         xml.index('fldCharType="end"'))
    assert begin < instr < end
    assert re.fullmatch(r"— \d+ —", p.text)
    assert {run_fonts(r)[0] for r in p.runs} == {"宋体"}
    assert {r.font.size for r in p.runs} == {Pt(14)}


@pytest.mark.parametrize("name", ALL)
def test_page_numbers_alternate(samples, name, tmp_path):
    doc, _ = built(samples, name, tmp_path)
    sec = doc.sections[0]
    if name == "form":  # one sheet: no page number (issue 14, test_content_pass.py)
        assert " PAGE " not in sec.footer._element.xml + sec.even_page_footer._element.xml
        return
    assert doc.settings.odd_and_even_pages_header_footer
    _footer_check(sec.footer, "RIGHT (2)", "right_indent")
    _footer_check(sec.even_page_footer, "LEFT (0)", "left_indent")


def test_letter_first_page(samples, tmp_path):
    doc, _ = built(samples, "remind_red", tmp_path)
    sec = doc.sections[0]
    assert sec.different_first_page_header_footer
    assert " PAGE " not in sec.first_page_footer._element.xml
    (mark,) = [p for p in sec.first_page_header.paragraphs if p.text]
    assert mark.text == "青禾县人大常委会办公室"
    assert {r.font.color.rgb for r in mark.runs} == {docx.shared.RGBColor(0xFF, 0, 0)}


TABLE_HEADS = {
    "notice": ["序号", "编号", "标题", "领衔代表", "主办单位", "协办单位", "办理期限"],
    "notice_40": ["序号", "编号", "标题", "提案人", "主办单位", "协办单位", "办理期限"],
    # a header too wide for its column is set on two balanced lines (承办/方式, not 承办方/式)
    "remind_red": ["序号", "编号", "标题", "承办\n方式", "办理期限", "办理状态", "预警"],
    "circular": ["序号", "承办单位", "主办\n件数", "协办\n件数", "已答复", "按期\n答复率", "满意率",
                 "逾期\n件数"],
    "project_report": ["编号", "项目", "牵头单位", "预算\n万元", "赞成", "反对", "弃权", "名次", "结果"],
    "public_report": ["编号", "项目", "牵头单位", "办理期限", "进度", "年中\n满意率", "年终\n满意率"],
}


@pytest.mark.parametrize("name", sorted(TABLE_HEADS))
def test_tables(samples, name, tmp_path):
    doc, _ = built(samples, name, tmp_path)
    for table in doc.tables:
        tbl = table._tbl
        rows = tbl.findall(qn("w:tr"))
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        widths = sum(int(g.get(qn("w:w"))) for g in tbl.tblGrid.findall(qn("w:gridCol")))
        assert abs(widths - Mm(156) / 635) <= Mm(1) / 635
    assert [c.text for c in doc.tables[0].rows[0].cells] == TABLE_HEADS[name]


def test_notice_table_rows_and_date_break(samples, tmp_path):
    doc, _ = built(samples, "notice", tmp_path)
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows[1:]]
    assert rows == [
        # two names do not fit a 24 mm line: the list breaks after the 、, not inside a name
        ["1", "12", "关于加快推进城乡供水一体化建设的建议", "张明远", "县水利局", "县财政局、\n县住建局",
         "2026年\n6月5日"],
        ["2", "100", "关于第1项民生实事的建议", "李堃", "县水利局", "县财政局", "2026年\n6月5日"],
        ["3", "58", "关于治理青禾河沿岸内涝点的建议", "陈立新", "县住建局", "县水利局", "2026年\n4月7日"],
    ]


def test_notice_body_text(samples, tmp_path):
    doc, _ = built(samples, "notice", tmp_path)
    body = [p.text for p in styled(doc, "正文")]
    assert body[0] == ("县十八届人大五次会议期间代表提出的建议，经县人大常委会主任会议研究，现交由有关"
                       "单位办理。其中，你单位主办2件、协办1件（详见附件）。现将有关事项通知如下。")
    assert body[2] == ("请于附件所列期限前答复代表。如认为交办不当，请于2026年3月12日前（5个工作日内）"
                       "书面说明理由，逾期不再调整，不得自行转办。")
    assert [p.text for p in styled(doc, "附件说明")] == ["附件：县十八届人大五次会议代表建议交办清单"]
    assert [p.text for p in styled(doc, "附注")] == ["（联系人：李红，联系电话：0839-6212345）"]


@pytest.mark.parametrize("name,labels", [("notice", ["附件"]), ("circular", ["附件1", "附件2"])])
def test_attachments_start_new_pages(samples, name, labels, tmp_path):
    doc, _ = built(samples, name, tmp_path)
    marks = styled(doc, "附件标记")
    assert [m.text for m in marks] == labels
    assert all(eff(m, "page_break_before") for m in marks)
    assert all(run_fonts(r)[0] == "黑体" for m in marks for r in m.runs)
    notes = "".join(p.text for p in doc.paragraphs if p.style.name.startswith("附件说明"))
    assert notes.startswith("附件：")


@pytest.mark.parametrize("name", ["notice", "circular"])
def test_colophon(samples, name, tmp_path):
    doc, _ = built(samples, name, tmp_path)
    framed = [p for p in doc.paragraphs if p._p.pPr is not None
              and p._p.pPr.find(qn("w:framePr")) is not None]
    assert len(framed) == 2
    assert all(p._p.pPr.find(qn("w:framePr")).get(qn("w:vAnchor")) == "margin" for p in framed)
    top = framed[0]._p.pPr.find(qn("w:pBdr")).find(qn("w:top"))
    bottom = framed[-1]._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert (top.get(qn("w:sz")), bottom.get(qn("w:sz"))) == ("8", "8")
    cc, issued = (p.text.strip("\t") for p in framed)
    assert cc.startswith("抄送：") and cc.endswith("。")
    signer, printed = issued.split("\t")
    (date_p,) = styled(doc, "成文日期")
    assert (signer, printed) == ("青禾县人大常委会办公室", date_p.text + "印发")
    # only the 1 pt frame anchor follows the frames
    tail = doc.paragraphs[[p._p for p in doc.paragraphs].index(framed[-1]._p) + 1:]
    assert [p.text for p in tail] == [""]


def test_letter_cc_escalates_from_second_reminder(samples, make, tmp_path):
    doc, _ = built(samples, "remind_red", tmp_path)
    texts = [p.text.strip("\t") for p in doc.paragraphs]
    assert "第12号建议已第2次督办，请单位主要负责同志亲自过问。" in texts
    assert "抄送：县人民政府办公室，县人民政府分管副县长。" in texts
    from docket.docgen import reminder

    first = docx.Document(str(save.save(reminder.build(make.reminder(True, times=1)),
                                        tmp_path / "first.docx")))
    texts = [p.text.strip("\t") for p in first.paragraphs]
    assert "抄送：县人民政府办公室。" in texts
    assert not any("督办，请单位主要负责同志" in t for t in texts)


def test_reminder_rows(samples, tmp_path):
    doc, _ = built(samples, "remind_red", tmp_path)
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows[1:]]
    assert rows == [
        ["1", "12", "关于加快推进城乡供水一体化建设的建议", "主办", "2026年\n6月5日", "逾期12天", "红色"],
        ["2", "58", "关于治理青禾河沿岸内涝点的建议", "协办", "2026年\n6月17日", "今日到期", "黄色"],
    ]
    yellow, _ = built(samples, "remind_yellow", tmp_path)
    assert [c.text for c in yellow.tables[0].rows[1].cells][5] == "剩余3个工作日"
    assert not styled(yellow, "发文字号") and not styled(yellow, "发文机关标志")


@pytest.mark.parametrize("name", ALL)
def test_clean_text_and_no_latin(samples, name, tmp_path):
    doc, path = built(samples, name, tmp_path)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]", xml)
    for p in doc.paragraphs:
        # the reply classes A–D are the only Latin letters in the data
        assert not re.search(r"[A-Za-z]", re.sub("[A-D]类", "", p.text)), p.text
        assert not re.search(r"[\u4e00-\u9fff][,;:?!()]|[,;:?!()][\u4e00-\u9fff]", p.text)


@pytest.mark.parametrize("name", ALL)
def test_no_more_than_two_empty_lines_and_no_trailing_break(samples, name, tmp_path):
    doc, _ = built(samples, name, tmp_path)
    run = 0
    for el in doc.element.body:
        empty = el.tag == W + "p" and not el.xpath(".//w:t") and not el.xpath(".//w:drawing")
        run = run + 1 if empty else 0
        assert run <= 2
    assert 'w:type="page"' not in doc.paragraphs[-1]._p.xml


@pytest.mark.parametrize("name", ALL)
def test_ppr_children_in_schema_order(samples, name, tmp_path):
    _, path = built(samples, name, tmp_path)
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        for part in [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]:
            root = etree.fromstring(z.read(part))
            for ppr in root.iter(W + "pPr"):
                order = [PPR_ORDER.index(etree.QName(c).localname) for c in ppr]
                assert order == sorted(order), (part, [etree.QName(c).localname for c in ppr])


@pytest.mark.parametrize("name", ALL)
def test_deterministic_parts_and_core_properties(samples, name, tmp_path):
    _, a = built(samples, name, tmp_path / "a" if (tmp_path / "a").mkdir() is None else None)
    _, b = built(samples, name, tmp_path / "b" if (tmp_path / "b").mkdir() is None else None)
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        assert za.namelist() == zb.namelist()
        for n in za.namelist():
            assert za.read(n) == zb.read(n), n
    cp = docx.Document(str(a)).core_properties
    _, data = samples[name]
    on = getattr(data, "issued_on")
    assert cp.created.date() == cp.modified.date() == cp.last_printed.date() == on
    signer = data.letterhead.signer_name
    assert (cp.created.hour, cp.author, cp.last_modified_by, cp.revision) == (0, signer, signer, 1)


def test_percentages_in_circular(samples, tmp_path):
    doc, _ = built(samples, "circular", tmp_path)
    body = "".join(p.text for p in styled(doc, "正文"))
    assert "已答复142件，答复率91.0%；按期答复138件，按期答复率94.5%；逾期未答复4件。" in body
    assert "满意105件、基本满意11件、不满意4件，满意率96.7%（含基本满意）。" in body
    assert "A类（所提问题已经解决或者基本解决）48件，占33.8%；" in body
    assert "县交通运输局、县住建局尚有逾期未答复建议（见附件2），请于2026年7月7日前办结并书面说明原因。" in body
    for table in doc.tables[:1]:
        for row in table.rows[1:]:
            for cell in (row.cells[5], row.cells[6]):
                assert re.fullmatch(r"(\d{1,2}\.\d|100)%|—", cell.text)
    assert [c.text for c in doc.tables[0].rows[-1].cells][0] == "合计"


def test_briefing(samples, tmp_path):
    from tests.docgen.charting import read_chart

    doc, path = built(samples, "brief", tmp_path)
    (shape,) = doc.inline_shapes  # the chart, a c:chart part (no picture)
    assert shape.width <= Mm(156)
    chart = read_chart(path)
    rows = sorted(samples["brief"][1].chart, key=lambda r: (-r.assigned, r.unit))[:15]
    assert chart.categories == [r.unit for r in rows]
    assert chart.series == {"交办件数": [r.assigned for r in rows],
                            "已答复件数": [r.replied for r in rows]}
    assert min(chart.sizes) >= 900
    pic_p = [p for p in doc.paragraphs if p._p.xpath(".//w:drawing")][0]
    assert str(eff(pic_p, "line_spacing_rule")) != "EXACTLY (4)"
    (name,) = styled(doc, "简报名称")
    assert name.text == "代表建议办理工作简报"
    assert {r.font.color.rgb for r in name.runs} == {docx.shared.RGBColor(0xFF, 0, 0)}
    assert [p.text for p in styled(doc, "期号")] == ["第3期（总第27期）"]
    assert [p.text for p in styled(doc, "编印行")] == ["县人大常委会代表工作委员会\t2026年6月30日"]
    assert [p.text for p in styled(doc, "图注")] == [
        "图1　交办件数前15位承办单位答复进度（截至2026年6月30日）"]
    tail = [p.text.strip("\t") for p in doc.paragraphs if p.style.name == "版记"]
    assert tail == ["报：县委办公室。", "送：县人民政府办公室。", "发：各承办单位。\t（共印30份）"]


def cell_texts(table) -> list[str]:
    """Each w:tc once (row.cells repeats a merged cell for every grid column)."""
    return ["".join(t.text for t in tc.iter(W + "t")) for tc in table._tbl.iter(W + "tc")]


def test_form(samples, make, tmp_path):
    doc, _ = built(samples, "form", tmp_path)
    texts = cell_texts(doc.tables[0])
    assert texts.count("□满意\u3000\u3000□基本满意\u3000\u3000□不满意") == 2
    assert "第12号" in texts and "□是\u3000\u3000□否" in texts
    (note,) = styled(doc, "表注")
    assert note.text == ("说明：1.请在相应“□”内打“√”。2.评价为“不满意”的，请在“意见和建议”栏说明"
                         "理由。3.请于2026年6月10日前反馈青禾县人大常委会办公室（联系人：李红，电话："
                         "0839-6212345）。")
    from docket.docgen import form

    one = docx.Document(str(save.save(form.build(make.form(1, None)), tmp_path / "one.docx")))
    texts = cell_texts(one.tables[0])
    assert "对办理情况的评价" in texts and "对办理态度的评价" not in texts
    assert texts.count("□满意\u3000\u3000□基本满意\u3000\u3000□不满意") == 1
    assert "请于收到本表后及时反馈" in styled(one, "表注")[0].text


def test_long_title_with_control_characters(make, tmp_path):
    from docket.docgen import notice

    data = make.notice(title=make.LONG_TITLE, unit="县水利局\x00\x1f\ud800")
    path = save.save(notice.build(data), tmp_path / "long.docx")
    doc = docx.Document(str(path))
    cell = doc.tables[0].rows[1].cells[2].text
    expected = re.sub("[\x00\x07\x1b\ufffe\u200b]", "", make.LONG_TITLE)
    assert cell == expected and len(cell) > 1500
    assert styled(doc, "主送")[0].text == "县水利局："
