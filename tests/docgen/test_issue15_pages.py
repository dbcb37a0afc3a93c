"""Issue 15's documents at the others' standard: the 整改情况通报, the 民生实事 project report and
the 向人民报告 (rendered and looked at; each check below failed before its fix)."""
from __future__ import annotations

import re

import docx
from docx.oxml.ns import qn

from docket.docgen import page, projects, public_report, rectify_circular, save
from docket.docgen.flow import Writer

from tests.docgen.test_page_flow import _render, _style_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _keeps(el) -> bool:
    return el.find(f"{W}pPr/{W}keepNext") is not None


def _row_keeps(tr) -> bool:
    return all(_keeps(p) for p in tr.iter(W + "p"))


def _data_rows(tbl) -> list:
    return [tr for tr in tbl.findall(W + "tr") if tr.find(f"{W}trPr/{W}tblHeader") is None]


def _texts(p) -> str:
    return "".join(t.text or "" for t in p.iter(W + "t"))


def test_no_table_row_stands_alone_on_its_last_page(make):
    # the project report's 附件1 of 13 candidates put 1 row alone on page 4 (rendered): the last
    # two rows of every table keep together, under the header that repeats on each page
    docs = {"rectify": rectify_circular.build(make.rectify()), "projects": projects.build(make.projects(13)),
            "public": public_report.build(make.public())}
    for name, doc in docs.items():
        tables = doc.element.body.findall(W + "tbl")
        assert len(tables) == 2, name
        for k, tbl in enumerate(tables):
            head = tbl.find(W + "tr")
            assert head.find(f"{W}trPr/{W}tblHeader") is not None, name
            rows = _data_rows(tbl)
            assert len(rows) >= 2, name
            assert [_row_keeps(tr) for tr in rows[:-1]] == [False] * (len(rows) - 2) + [True], (name, k)
            # the project report's 注 under 附件2 keeps with the table's last row
            assert _row_keeps(rows[-1]) == (name == "projects" and k == 1), (name, k)


def test_rendered_project_ballot_table_leaves_no_row_alone(make, tmp_path):
    path = save.save(projects.build(make.projects(13)), tmp_path / "p.docx")
    _, text = _render(path, tmp_path)
    pages = text.split("\f")
    # each of the 13 rows of 附件1 holds 入选 or 未入选 once; the body pages have 入选 too
    rows = [p.count("入选") for p in pages]
    first = next(i for i, p in enumerate(pages) if "民生实事项目票决结果表" in p)
    assert sum(rows[first:first + 2]) == 13 and min(rows[first:first + 2]) >= 2, rows


def test_public_report_dates_are_written_in_chinese(make, tmp_path):
    # 办理期限 and 答复日期 printed 2026-09-01 (documents.md §4: 2026年9月1日, broken after 年)
    path = save.save(public_report.build(make.public()), tmp_path / "r.docx")
    doc = docx.Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows[1:] for c in r.cells]
    everything = "\n".join([p.text for p in doc.paragraphs] + cells)
    assert not re.search(r"\d{4}-\d\d-\d\d", everything)
    due = [r.cells[3].text for r in doc.tables[0].rows[1:]]
    assert due[:3] == ["2026年\n9月1日", "2026年\n9月1日", "—"]
    replied = [r.cells[5].text for r in doc.tables[1].rows[1:]]
    assert replied[:2] == ["2026年\n2月10日", "2026年\n3月11日"]
    assert all(re.fullmatch(r"2026年\n[1-9]\d?月[1-9]\d?日", d) for d in replied)


def test_public_report_names_no_contact(make):
    # the 附注 named the office's clerk and phone: personal data (domain.md §14) in a report
    # published to the public
    doc = public_report.build(make.public())
    text = "\n".join(_texts(p) for p in doc.element.body.iter(W + "p"))
    assert make.LH.contact not in text and make.LH.phone not in text
    assert not [p for p in doc.element.body.iter(W + "p") if _style_of(p) == "Remark"]


def _signature_chain(doc):
    ps = [el for el in doc.element.body if el.tag == W + "p"]
    sig = next(i for i, p in enumerate(ps) if _style_of(p) == "Signature")
    last = max(i for i, p in enumerate(ps[:sig]) if _style_of(p) == "BodyText")
    return ps, last, sig


def test_public_report_signature_page_starts_with_a_whole_sentence(make):
    # the closing paragraph was split 2 lines from its end, mid-name: page 3 began 会办公室将…
    # (…青禾县人大常 / 委会办公室, rendered). The split now falls after its first sentence.
    doc = public_report.build(make.public())
    ps, last, sig = _signature_chain(doc)
    head, tail = _texts(ps[last - 1]), _texts(ps[last])
    assert head == "欢迎社会各界对上述工作提出意见和建议。"
    assert tail == "青禾县人大常委会办公室将继续督促有关单位抓好落实，办理和测评结果按规定向社会公开。"
    assert len(tail) > 28  # at least 2 lines of 正文 go with the 署名
    assert ps[last].find(f"{W}pPr/{W}ind[@{W}firstLine='0']") is not None
    assert not _keeps(ps[last - 1]) and all(_keeps(p) for p in ps[last:sig])


def _closing_doc(make, last: str, whole: bool):
    """18 lines of 正文, then `last`, the 附件说明 and the 署名 (over the page: split)."""
    doc = page.new_document("file", make.LH)
    w = Writer(doc, make.LH)
    w.p("BodyText", "办" * (28 * 18 - 2))
    w.p("BodyText", last)
    w.empty()
    w.attachment_note(["交办清单"])
    w.empty(2)
    w.signature(make.LH.signer_name, "2026年12月3日", whole_sentences=whole)
    return doc


def test_whole_sentence_split_falls_after_a_sentence_or_takes_one_whole(make):
    two = "甲" * 30 + "。" + "乙" * 60 + "。"  # 4 lines (32 pt indent): a sentence of ~2 lines last
    ps, last, _ = _signature_chain(_closing_doc(make, two, True))
    assert _texts(ps[last]) == "乙" * 60 + "。" and _texts(ps[last - 1]) == "甲" * 30 + "。"
    # without it (every other document): the last 2 lines, wherever they start
    ps, last, _ = _signature_chain(_closing_doc(make, two, False))
    assert _texts(ps[last - 1]) + _texts(ps[last]) == two and _texts(ps[last]) != "乙" * 60 + "。"
    # one sentence of 4 lines goes on whole
    one = "丙" * 100 + "。"
    ps, last, _ = _signature_chain(_closing_doc(make, one, True))
    assert _texts(ps[last]) == one and _style_of(ps[last - 1]) == "BodyText" and not _keeps(ps[last - 1])
    assert _keeps(ps[last])


def test_rendered_public_report_signature_page(make, tmp_path):
    path = save.save(public_report.build(make.public()), tmp_path / "r.docx")
    _, text = _render(path, tmp_path)
    pages = text.split("\f")
    at = next(i for i, p in enumerate(pages) if "附件：1." in p)
    before = "".join(pages[at].split("附件：1.")[0].split())
    assert before == "青禾县人大常委会办公室将继续督促有关单位抓好落实，办理和测评结果按规定向社会公开。"
    assert "".join(pages[at - 1].split()).rstrip("—0123456789").endswith("意见和建议。")
    # the 公开答复目录's header row repeats on every page it runs over
    first = next(i for i, p in enumerate(pages) if "公开答复目录" in p and "附件2" in p.replace(" ", ""))
    listing = [p for p in pages[first:] if "关于加强" in p]
    assert len(listing) >= 2 and all("答复日期" in p for p in listing)


def test_tables_repeat_their_header_row(make, tmp_path):
    for doc in (rectify_circular.build(make.rectify()), projects.build(make.projects()),
                public_report.build(make.public())):
        path = save.save(doc, tmp_path / "t.docx")
        for t in docx.Document(str(path)).tables:
            rows = t._tbl.findall(qn("w:tr"))
            assert rows[0].trPr.find(qn("w:tblHeader")) is not None
            assert all(r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])


def test_public_report_names_its_projects_and_counts_beside_rates(make):
    # documents.md §4: counts always accompany a rate (the A类 share and the rectification's
    # rates stood alone); the public reads which projects were chosen, not only how many
    from docket.docgen.public_report import items_text, projects_text, rectify_text

    data = make.public()
    assert items_text(data)[-1] == "所提问题已经解决或基本解决的（A类）84件，占已答复件数的31.6%。"
    assert rectify_text(data) == ["2026年部门工作评议整改共列入整改问题4个，已整改1个，整改完成率25.0%；"
                                  "按期整改1个，按期整改率50.0%；已复查1个，复查通过1个，复查通过率100%。"]
    assert projects_text(data)[0] == (
        "2026年民生实事项目经代表票决产生8个项目（名额8个）：“城区老旧小区改造”、“农村饮水安全巩固提升”、"
        "“城乡公交一体化”、“中小学校舍改扩建”、“乡镇卫生院能力提升”、“农村公路提档升级”、“城区停车场建设”、"
        "“高标准农田建设”。已完成1个，各项目实施进度和测评结果见附件1。")


def test_rendered_rectify_due_dates_keep_month_and_day_on_one_line(make, tmp_path):
    # at 22 mm the 整改时限 column set 2026年 / 12月31 / 日 (rendered); 24 mm as the others
    import dataclasses

    data = make.rectify()
    item = dataclasses.replace(data.items[0], due_on=__import__("datetime").date(2026, 12, 31))
    path = save.save(rectify_circular.build(dataclasses.replace(data, items=(item,))), tmp_path / "r.docx")
    _, text = _render(path, tmp_path)
    lines = [line.replace(" ", "") for line in text.splitlines()]
    assert "12月31日" in lines and "12月31" not in lines, lines


def test_project_and_problem_cells_leave_no_character_alone(make):
    # 城乡公交一体 / 化 and 高标准农田建 / 设 in the project report's 附件2 (rendered): titles
    # take a character along as in the 交办清单 (cells.title_cell)
    doc = projects.build(make.projects())
    column = [r.cells[1].text for r in _tables(doc)[1].rows[1:]]
    assert column[2] == "城乡公交一\n体化" and column[7] == "高标准农田\n建设"
    assert [r.cells[1].text for r in _tables(doc)[0].rows[1:]][3] == "中小学校舍改\n扩建"
    doc = public_report.build(make.public())
    # 项目 at 38 mm: at 40 LibreOffice set 9 characters where the estimate counts 8 (…巩固提 / 升)
    column = [r.cells[1].text for r in _tables(doc)[0].rows[1:]]
    assert column[1] == "农村饮水安全巩固提升" and column[4] == "乡镇卫生院能力\n提升"


def _tables(doc):
    return doc.tables
