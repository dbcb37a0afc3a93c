"""What the rendered demo pages showed wrong, pinned in the XML (documents.md §1.5, §6 visual)."""
from __future__ import annotations

import zipfile
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn

from docket.docgen import form, notice, reminder, save
from docket.docgen.cells import date_cell, label_cell, list_cell, split_after

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def grid_mm(doc) -> list[int]:
    cols = doc.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))
    return [round(int(c.get(qn("w:w"))) * 25.4 / 1440) for c in cols]


def keeps(p) -> bool:
    return p._p.pPr is not None and p._p.pPr.find(qn("w:keepNext")) is not None


def test_latin_language_is_english_east_asian_chinese(make, tmp_path):
    # a Latin language of zh-CN makes LibreOffice break inside 33.8% and 19.2% (rendered)
    path = save.save(notice.build(make.notice()), tmp_path / "n.docx")
    with zipfile.ZipFile(path) as z:
        styles = z.read("word/styles.xml").decode()
    assert '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>' in styles


def test_notice_date_column_holds_a_two_digit_month_and_day(make, tmp_path):
    doc = docx.Document(str(save.save(notice.build(make.notice()), tmp_path / "n.docx")))
    # 协办单位 gives 2 mm to 办理期限, and 标题 2 more: 10月27日 fits one line under 2026年
    # (at 22 mm it printed as 10月27 / 日: test_two_digit_dates.py)
    assert grid_mm(doc) == [11, 11, 43, 19, 24, 24, 24]
    assert sum(grid_mm(doc)) == 156


def test_reminder_status_column_holds_remaining_workdays(make, tmp_path):
    doc = docx.Document(str(save.save(reminder.build(make.reminder(False)), tmp_path / "r.docx")))
    assert grid_mm(doc) == [11, 11, 52, 12, 24, 32, 14]


@pytest.mark.parametrize("text,mm,size,expected", [
    ("承办方式", 16, 12, ("承办", "方式")),
    ("按期答复率", 22, 12, ("按期", "答复率")),
    ("逾期天数", 16, 12, ("逾期", "天数")),
    ("领衔代表", 19, 12, "领衔代表"),
    ("已答复", 15, 12, "已答复"),
    ("对办理态度的评价", 32, 14, ("对办理态度", "的评价")),
    ("办理前是否与您联系", 32, 14, ("办理前是否", "与您联系")),
    ("意见和建议", 32, 14, "意见和建议"),
])
def test_labels_break_into_balanced_lines(text, mm, size, expected):
    assert label_cell(text, mm, size) == expected


def test_attachment_note_lines_and_last_body_paragraph_stay_with_the_signature(samples,
                                                                              tmp_path):
    _, data = samples["circular"]
    from docket.docgen import circular

    doc = docx.Document(str(save.save(circular.build(data), tmp_path / "c.docx")))
    paras = doc.paragraphs
    sig = next(i for i, p in enumerate(paras) if p.style.name == "署名")
    first_note = next(i for i, p in enumerate(paras) if p.style.name == "附件说明")
    last_body = max(i for i, p in enumerate(paras[:sig]) if p.style.name == "正文")
    # from the 附件说明 to the 署名 everything keeps with the next paragraph, so the 附件说明
    # never parts across pages; the last 正文 paragraph comes along when it is short (issue 14:
    # LibreOffice moves a kept paragraph whole, and a 3-line one left the page before it short)
    assert all(keeps(p) for p in paras[first_note:sig])
    assert keeps(paras[last_body]) == (len(paras[last_body].text) <= 2 * 28 - 2)
    assert [p.text for p in paras[first_note:sig] if p.text] == [
        "附件：1.各承办单位办理情况统计表", "2.逾期未答复代表建议清单"]
    assert not keeps(paras[last_body - 1])


def test_form_with_a_past_return_date_asks_for_a_prompt_return(make, tmp_path):
    data = make.form(return_by=date(2026, 5, 1))  # issued 2026-05-20: already past
    doc = docx.Document(str(save.save(form.build(data), tmp_path / "f.docx")))
    (note,) = [p for p in doc.paragraphs if p.style.name == "表注"]
    assert "3.请于收到本表后及时反馈青禾县人大常委会办公室" in note.text
    labels = ["".join(t.text for t in tc.iter(W + "t")) for tc in doc.tables[0]._tbl.iter(W + "tc")]
    assert "对办理态度的评价" in labels


def test_name_lists_wrap_after_a_comma_not_inside_a_name():
    # the form's 46 mm value column at 14 pt holds 9 characters a line
    assert list_cell(["丁磊", "江金花", "冯玉兰"], 46, 14) == ("丁磊、江金花、", "冯玉兰")
    assert list_cell(["李华", "王芳"], 46, 14) == "李华、王芳"
    assert list_cell([], 46, 14) == ""


def test_dates_and_document_numbers_break_after_their_mark():
    assert date_cell("2026年10月22日", 22) == ("2026年", "10月22日")
    assert date_cell("2026年6月5日", 40) == "2026年6月5日"
    assert split_after("青移函〔2026〕17号", "〕", 46, 14) == ("青移函〔2026〕", "17号")
    assert split_after("青水函〔2026〕5号", "〕", 46, 14) == "青水函〔2026〕5号"
    assert split_after("第十二号文件很长很长很长很长", "〕", 46, 14) == "第十二号文件很长很长很长很长"


def test_remark_stays_with_the_date(make, tmp_path):
    doc = docx.Document(str(save.save(reminder.build(make.reminder(True)), tmp_path / "r.docx")))
    paras = doc.paragraphs
    i = next(i for i, p in enumerate(paras) if p.style.name == "成文日期")
    assert paras[i - 1].style.paragraph_format.keep_with_next and keeps(paras[i])
    assert paras[i + 1].text == "（联系人：李红，联系电话：0839-6212345）"
