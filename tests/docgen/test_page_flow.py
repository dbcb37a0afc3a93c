"""Page flow and package hygiene of the built documents (issue 14: items 1, 7, 10, 11, 12)."""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from docket.docgen import batch, notice, reminder, save

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_package_names_docket_and_carries_no_template_thumbnail(make, tmp_path):
    # python-docx's template said "Microsoft Macintosh Word" and shipped a blank thumbnail.jpeg
    for i, doc in enumerate((notice.build(make.notice()), reminder.build(make.reminder()),
                             batch.Skeletons().build(make.notice()))):
        parts = _parts(save.save(doc, tmp_path / f"d{i}.docx"))
        app = parts["docProps/app.xml"].decode()
        assert "<Application>docket</Application>" in app
        assert "<Company>青禾县人大常委会办公室</Company>" in app
        assert "Microsoft" not in app
        assert not any("thumbnail" in n for n in parts)
        assert b"thumbnail" not in parts["_rels/.rels"]
        assert b"thumbnail" not in parts["[Content_Types].xml"]


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def test_letterhead_geometry_follows_gb9704(make):
    # measured at 200 dpi (LibreOffice 7.4, Noto stand-ins): the 标志's top was 39.7 mm below the
    # text block's top (35 mm), the red line 6.2 mm below the 文号 (4 mm)
    doc = notice.build(make.notice())
    styles = doc.styles.element
    mark = styles.find(f"{W}style[@{W}styleId='Mark']")
    assert mark.find(f"{W}pPr/{W}spacing").get(W + "before") == "1714"
    body = doc.element.body
    doc_no = next(p for p in body.iter(W + "p")
                  if p.find(f"{W}pPr/{W}pStyle[@{W}val='DocNo']") is not None)
    red = doc_no.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert (red.get(W + "sz"), red.get(W + "space")) == ("12", "5")


def test_letter_footer_line_lies_20_mm_above_the_paper_edge(make):
    # the 函's bottom double line was ~22.2 mm above the edge (the 22 mm footer distance belongs
    # to the page numbers): it is now a frame placed from the page top, 170 mm wide
    doc = reminder.build(make.reminder())
    sec = doc.sections[0]
    assert abs(sec.footer_distance.mm - 22) < 0.1
    assert abs(sec.header_distance.mm - 27.1) < 0.1  # the 标志's top 30 mm from the edge
    mark = doc.styles.element.find(f"{W}style[@{W}styleId='LetterMark']")
    line = mark.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert line.get(W + "space") == "6"  # 4 mm below the 标志 (11 pt measured 5.8 mm)
    ftr = sec.first_page_footer._element
    ps = ftr.findall(W + "p")
    frame = ps[0].find(f"{W}pPr/{W}framePr")
    assert frame.get(W + "vAnchor") == "page" and frame.get(W + "xAlign") == "center"
    assert int(frame.get(W + "w")) == _twips(170)
    bottom = int(frame.get(W + "y")) + int(frame.get(W + "h"))
    assert abs(bottom - _twips(297 - 20)) <= 2
    # LibreOffice drops a frame with no unframed paragraph after it to anchor to
    assert len(ps) == 2 and ps[1].find(f"{W}pPr/{W}framePr") is None


UNITS = ("县人力资源和社会保障局", "县住房和城乡建设局", "县财政局", "县发展和改革局", "县自然资源局",
         "梅山镇人民政府", "县市场监督管理局", "县交通运输局")


def test_support_units_break_only_between_units_and_every_line_fits_with_its_mark(make):
    # a line 城乡建设局、 is 6 em in the 5.2 em of the 24 mm column: LibreOffice printed 局、 alone
    from dataclasses import replace

    from docket.docgen.cells import cell_width

    data = make.notice()
    item = replace(data.items_lead[0], support_units=UNITS)
    doc = notice.build(replace(data, items_lead=(item,) + data.items_lead[1:]))
    cell = doc.tables[0].rows[1].cells[5].text.split("\n")
    room = (24 - 2) * 72 / 25.4 / 12
    assert all(cell_width(line) <= room for line in cell), cell
    assert "".join(cell) == "、".join(UNITS)
    assert "县财政局、" in cell  # a name that fits a line is never cut
    assert not any(len(line.rstrip("、")) <= 1 for line in cell), cell
    assert "县住房和\n城乡\n建设局、" in "\n".join(cell)


# -- item 1: a row taller than a page ------------------------------------------------------------

TITLE_324 = ("关于进一步加强青禾河流域水生态保护与综合治理、推进城乡供水一体化和农村饮水安全巩固提升工程建设、"
             "完善乡镇污水处理设施运行管理机制、加大河道采砂和非法排污整治力度、落实河湖长制考核问责、"
             "统筹山水林田湖草系统治理、建立健全跨乡镇水质监测体系加强") * 3
TITLE_324 = TITLE_324[:310] + "水源地保护和应急供水保障的建议"


def _cant_split(tr) -> bool:
    return tr.find(f"{W}trPr/{W}cantSplit") is not None


def _keeps(p) -> bool:
    return p.find(f"{W}pPr/{W}keepNext") is not None


def test_a_row_taller_than_half_a_page_may_split_the_others_never(make):
    # under cantSplit a row taller than a page is cut at the page foot: the 标题 ended at
    # "…水质监测体系加强" and the last characters were on no page (rendered)
    doc = notice.build(make.notice(title=TITLE_324))
    rows = doc.tables[0]._tbl.findall(W + "tr")
    long_row = next(r for r in rows if TITLE_324[-10:] in "".join(t.text for t in r.iter(W + "t")))
    assert not _cant_split(long_row)
    assert all(_cant_split(r) for r in rows if r is not long_row)
    # an ordinary notice: every row whole (§1.5)
    assert all(_cant_split(r) for r in notice.build(make.notice()).tables[0]._tbl.iter(W + "tr"))


def test_row_height_estimate_splits_at_half_a_page():
    from docket.docgen.flow import SPLIT_ROW_PT, row_height_pt

    cols = list(zip("abc", (11, 52, 22), ("num", "text", "date")))
    room = (52 - 2) * 72 / 25.4 / 12  # 11.8 characters a line
    assert row_height_pt(["1", "字" * 11, ("2026年", "6月5日")], cols) == 40
    assert row_height_pt(["1", "字" * 12, ""], cols) == 40
    half = int(SPLIT_ROW_PT // 20)  # 15 lines of 20 pt
    assert row_height_pt(["1", "字" * int(room * half), ""], cols) <= SPLIT_ROW_PT
    assert row_height_pt(["1", "字" * (int(room * half) + 1), ""], cols) > SPLIT_ROW_PT


def test_the_annex_title_keeps_with_its_table(make):
    # a page held only 附件 and the annex title when the table's first row moved on (rendered)
    doc = notice.build(make.notice(title=TITLE_324))
    body = list(doc.element.body)
    label = next(i for i, el in enumerate(body) if el.tag == W + "p" and
                 el.find(f"{W}pPr/{W}pStyle[@{W}val='AttachLabel']") is not None)
    table = next(i for i, el in enumerate(body) if el.tag == W + "tbl")
    assert table > label
    assert all(_keeps(p) for p in body[label:table])


def test_signature_keeps_with_the_last_row_of_a_reminder_with_a_long_title(make):
    # a 催办通知 with a 300-character title had a page holding only the 署名 and the date
    from dataclasses import replace

    data = make.reminder(red=False)
    items = (replace(data.items[0], title=TITLE_324[:300]),) + data.items[1:]
    doc = reminder.build(replace(data, items=items))
    rows = doc.tables[0]._tbl.findall(W + "tr")
    assert not _cant_split(rows[1]) and _cant_split(rows[2])
    assert all(_keeps(p) for p in rows[-1].iter(W + "p"))
    body = list(doc.element.body)
    after = body[body.index(doc.tables[0]._tbl) + 1:]
    sig = next(i for i, el in enumerate(after)
               if el.find(f"{W}pPr/{W}pStyle[@{W}val='Signature']") is not None)
    assert all(_keeps(p) for p in after[:sig])  # the 署名 keeps with the date by its style


def _render(path: Path, out: Path) -> tuple[int, str]:
    """(pages, text) of a LibreOffice render; skips where soffice or poppler is missing."""
    if not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip("soffice or poppler-utils missing")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = out / (path.stem + ".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(line.split()[1] for line in info.stdout.splitlines()
                     if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return pages, text


def test_rendered_long_title_is_printed_whole(make, tmp_path):
    path = save.save(notice.build(make.notice(title=TITLE_324)), tmp_path / "n.docx")
    _, text = _render(path, tmp_path)
    flat = "".join(text.split())
    assert TITLE_324[-20:] in flat  # the row's end was on no page under cantSplit
    pages = [p for p in text.split("\f") if p.strip()]
    # no page holds only 附件 and the annex title
    assert not any(p.split()[0] == "附件" and len(p.split()) <= 3 for p in pages)


# -- item 7: page flow ----------------------------------------------------------------------------

def _flow_samples(make):
    from docket.docgen import circular

    return {"notice": notice.build(make.notice()),
            "notice_one": notice.build(make.notice(n_items=1)),
            "notice_40": notice.build(make.notice(make.LH_CPPCC, n_items=40)),
            "notice_long": notice.build(make.notice(title=TITLE_324)),
            "circular": circular.build(make.circular())}


def _gap_breaks(doc) -> bool:
    """Whether the 版记 has a page of its own: a section (no page numbers) from the empty line
    before it on (test_unnumbered_pages.py)."""
    return len(list(doc.element.body.iter(W + "sectPr"))) == 2


def test_the_colophon_is_estimated_on_an_even_page(make):
    # GB/T 9704 §7.4: the 版记 on the last, even page; the demo notice put it on page 3
    from docket.docgen.flow import estimate_pages

    broke = set()
    for name, doc in _flow_samples(make).items():
        pages, _ = estimate_pages(doc.element.body, make.LH)
        assert pages % 2 == 0, (name, pages)
        if _gap_breaks(doc):
            broke.add(name)
    assert broke and broke != set(_flow_samples(make))  # a page is added only where needed
    # any length: where a full even page leaves the 版记 no room, a blank page comes between
    blank = 0
    for n in range(1, 41):
        doc = notice.build(make.notice(n_items=n))
        assert estimate_pages(doc.element.body, make.LH)[0] % 2 == 0, n
        body = list(doc.element.body)
        first_frame = next(i for i, el in enumerate(body)
                           if el.find(f"{W}pPr/{W}framePr") is not None)
        # a blank page, then the 版记's page: two page starts before the frames
        breaks = [el.find(f"{W}pPr/{W}pageBreakBefore") is not None
                  or el.getprevious().find(f"{W}pPr/{W}sectPr") is not None
                  for el in body[first_frame - 2:first_frame]]
        blank += breaks == [True, True]
    assert blank


def test_a_long_last_paragraph_splits_its_last_lines_into_the_signature_chain(make):
    # the 办理情况通报's 3-line last paragraph kept whole with the 署名 left page 2 ~5 lines
    # short; out of the chain, page 3 held the 附件说明 and 署名 with no 正文 (rendered).
    # Now its last 2 lines are a paragraph of their own (no first-line indent) in the chain.
    from docket.docgen import circular

    doc = circular.build(make.circular())
    ps = [el for el in doc.element.body if el.tag == W + "p"]
    style = [(_style_of(p), "".join(t.text for t in p.iter(W + "t"))) for p in ps]
    sig = next(i for i, (s, _) in enumerate(style) if s == "Signature")
    note = next(i for i, (s, _) in enumerate(style) if s == "AttachNote")
    last = max(i for i, (s, _) in enumerate(style[:sig]) if s == "BodyText")
    head, tail = style[last - 1][1], style[last][1]
    assert (head + tail).startswith("要坚持") and tail.startswith("推动")  # 1 line + 2 lines
    assert 28 < len(tail) <= 2 * 28
    assert ps[last].find(f"{W}pPr/{W}ind[@{W}firstLine='0']") is not None
    assert not _keeps(ps[last - 1])  # the first line stays on its page
    assert all(_keeps(p) for p in ps[last:sig])
    assert note > last
    # a short last paragraph (the notice's: 2 lines) keeps with the 署名 whole
    doc = notice.build(make.notice())
    ps = [el for el in doc.element.body if el.tag == W + "p"]
    sig = next(i for i, p in enumerate(ps) if _style_of(p) == "Signature")
    last = max(i for i, p in enumerate(ps[:sig]) if _style_of(p) == "BodyText")
    assert all(_keeps(p) for p in ps[last:sig])
    assert ps[last].find(f"{W}pPr/{W}ind") is None


def test_rendered_signature_page_carries_body_text(make, tmp_path):
    # GB/T 9704: the page with the 署名 holds 正文; the page before it is not left short
    from docket.docgen import circular

    path = save.save(circular.build(make.circular()), tmp_path / "c.docx")
    _, text = _render(path, tmp_path)
    pages = text.split("\f")
    at = next(i for i, p in enumerate(pages) if "附件：1." in p)
    before = "".join(pages[at].split("附件：1.")[0].split())
    assert before.startswith("推动") and before.endswith("进展。"), before
    assert "".join(pages[at - 1].split()).rstrip("—0123456789").endswith("沟通联系，")


def _style_of(p) -> str:
    st = p.find(f"{W}pPr/{W}pStyle")
    return "" if st is None else st.get(W + "val")


def test_rendered_colophon_falls_on_the_last_even_page(make, tmp_path):
    # a check of the estimate against LibreOffice: page count even, the 版记 on the last page
    docs = _flow_samples(make)
    for name in ("notice", "notice_long", "circular"):
        path = save.save(docs[name], tmp_path / f"{name}.docx")
        pages, text = _render(path, tmp_path)
        assert pages % 2 == 0, (name, pages)
        assert "印发" in text.split("\f")[pages - 1], name
        from docket.docgen.flow import estimate_pages

        assert estimate_pages(docs[name].element.body, make.LH)[0] == pages, name
