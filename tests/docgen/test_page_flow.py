"""Page flow and package hygiene of the built documents (issue 14: items 1, 7, 10, 11, 12)."""
from __future__ import annotations

import zipfile

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
