"""GB/T 9704 §7.5: a page that holds only the 版记, and a blank page before it, carry no page
number.

The 版记 stays at the foot of the last page of text where that page is even and has room;
otherwise its page (and a blank page added for parity) is a section of its own, starting on
the next page, whose odd and even footers are an empty footer; the pages before keep their
numbers (issue 14).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from docket.docgen import batch, circular, notice, save
from docket.docgen.flow import estimate_pages

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _sections(doc) -> list:
    """The sectPr elements in document order (the body's own one last)."""
    return list(doc.element.body.iter(W + "sectPr"))


def _tail(doc) -> list:
    """The body after the paragraph that ends the numbered section."""
    body = list(doc.element.body)
    at = next(i for i, el in enumerate(body) if el.find(f"{W}pPr/{W}sectPr") is not None)
    return body[at + 1:-1]


def _notices(make) -> dict[int, object]:
    return {n: notice.build(make.notice(n_items=n)) for n in range(1, 41)}


def _blank_page_notices(make) -> dict[int, object]:
    """n -> notice of n items, for the lengths that need a blank page before the 版记 page."""
    out = {}
    for n, doc in _notices(make).items():
        if len(_sections(doc)) == 2 and _tail(doc)[1].find(f"{W}pPr/{W}pageBreakBefore") is not None:
            out[n] = doc
    return out


def _numbered(part) -> bool:
    return " PAGE " in part._element.xml


def test_the_colophon_page_and_a_blank_page_before_it_carry_no_page_number(make):
    # they were numbered like every other page: one section, its footers on every page
    kinds = set()
    for n, doc in _notices(make).items():
        pages = estimate_pages(doc.element.body, make.LH)[0]
        assert pages % 2 == 0, n
        if len(_sections(doc)) == 1:  # the 版记 at the foot of the last page of text
            kinds.add("shared")
            assert _numbered(doc.sections[0].footer), n
            continue
        assert len(doc.sections) == 2, n
        first, last = doc.sections
        assert _numbered(first.footer) and _numbered(first.even_page_footer), n
        assert not last.footer.is_linked_to_previous
        assert not last.even_page_footer.is_linked_to_previous
        assert not _numbered(last.footer) and not _numbered(last.even_page_footer), n
        assert not "".join(p.text for p in last.footer.paragraphs).strip()
        assert not last.different_first_page_header_footer
        assert _sections(doc)[-1].find(f"{W}type").get(W + "val") == "nextPage"
        # nothing but empty lines and the 版记 after the section break; a second page start
        # where a blank page comes first
        tail = _tail(doc)
        assert not any(el.tag == W + "tbl" for el in tail)
        unframed = [el for el in tail if el.find(f"{W}pPr/{W}framePr") is None]
        assert not "".join(t.text or "" for el in unframed for t in el.iter(W + "t"))
        assert tail[0].find(f"{W}pPr/{W}pageBreakBefore") is None
        blank = tail[1].find(f"{W}pPr/{W}pageBreakBefore") is not None
        kinds.add("blank" if blank else "own")
        # the estimate counts the section break as a page start
        text_pages = estimate_pages(doc.element.body, make.LH, until=tail[0])[0]
        assert pages == text_pages + (2 if blank else 1), n
    assert kinds == {"shared", "own", "blank"}


def test_the_circular_colophon_page_of_its_own_carries_no_page_number(make):
    # the 通报's annexes end on page 5: its 版记 stood alone on page 6 under "— 6 —"
    doc = circular.build(make.circular())
    first, last = doc.sections
    assert _numbered(first.footer) and _numbered(first.even_page_footer)
    assert not _numbered(last.footer) and not _numbered(last.even_page_footer)
    assert estimate_pages(doc.element.body, make.LH)[0] == 6


def test_a_batch_gives_the_same_documents_as_building_each_alone(make, tmp_path):
    # the skeleton of a batch is reused: its blank footer is made once, and a document with a
    # blank page leaves nothing behind for the next one
    n = next(iter(_blank_page_notices(make)))
    skeletons = batch.Skeletons()
    for i, data in enumerate((make.notice(n_items=n), make.notice(n_items=3),
                              make.notice(n_items=n))):
        alone = save.save(notice.build(data), tmp_path / f"alone{i}.docx").read_bytes()
        reused = save.save(skeletons.build(data), tmp_path / f"batch{i}.docx").read_bytes()
        assert alone == reused, i


def _render_pages(path: Path, out: Path) -> list[str]:
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("soffice or poppler-utils missing")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(out / (path.stem + ".pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_rendered_blank_page_and_colophon_page_have_no_number(make, tmp_path):
    n = next(iter(_blank_page_notices(make)))
    path = save.save(notice.build(make.notice(n_items=n)), tmp_path / "n.docx")
    pages = _render_pages(path, tmp_path)
    assert len(pages) % 2 == 0
    numbers = [re.findall(r"—\s*(\d+)\s*—", p) for p in pages]
    assert numbers[:-2] == [[str(i)] for i in range(1, len(pages) - 1)]
    assert numbers[-2:] == [[], []]
    assert not pages[-2].strip()  # the blank page
    assert "印发" in pages[-1]


def test_rendered_colophon_page_of_its_own_has_no_number(make, tmp_path):
    path = save.save(circular.build(make.circular()), tmp_path / "c.docx")
    pages = _render_pages(path, tmp_path)
    numbers = [re.findall(r"—\s*(\d+)\s*—", p) for p in pages]
    assert numbers == [["1"], ["2"], ["3"], ["4"], ["5"], []]
    assert "印发" in pages[-1]


def test_a_cell_with_narrow_margins_is_estimated_at_its_own_width(make):
    # the 评议 annex's count columns (10 mm, 0.5 mm margins) hold 基本/满意 on 2 lines; the
    # estimate took the table's 1 mm margins, counted 3 lines (4 for the header row) and put the annex's note on a
    # page 6 LibreOffice never made: the 版记, alone on page 6, kept its number (rendered)
    from docket.docgen import flow, ooxml

    def row(side: int):
        tr = ooxml.element(flow.tr_xml(454))
        tc = ooxml.element(flow._tc_xml(567, "TableHead", side=side))
        p = tc.find(W + "p")
        p.append(ooxml.element('<w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t>基本满意</w:t></w:r>'))
        tr.append(tc)
        return flow._row_height(tr, flow._style_metrics(make.LH))

    assert row(28) == 2 * 400 + 10
    assert row(0) == 3 * 400 + 10  # at the table's 1 mm margins: under 2 characters a line
