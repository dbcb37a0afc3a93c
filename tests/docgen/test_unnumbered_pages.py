"""GB/T 9704 §7.5: where a blank page comes before the 版记 page, neither carries a page number.

The blank page and the 版记 page are a section of their own (a section break to the next page)
whose odd and even footers are an empty footer; the pages before keep theirs (issue 14).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from docket.docgen import batch, notice, save
from docket.docgen.flow import estimate_pages

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _sections(doc) -> list:
    """The sectPr elements in document order (the body's own one last)."""
    return list(doc.element.body.iter(W + "sectPr"))


def _has_blank_page(doc) -> bool:
    """Whether the 版记's frames follow two page starts (a blank page, then the 版记 page)."""
    body = list(doc.element.body)
    first_frame = next(i for i, el in enumerate(body)
                       if el.find(f"{W}pPr/{W}framePr") is not None)
    return body[first_frame - 1].find(f"{W}pPr/{W}pageBreakBefore") is not None and (
        body[first_frame - 2].find(f"{W}pPr/{W}pageBreakBefore") is not None
        or body[first_frame - 3].find(f"{W}pPr/{W}sectPr") is not None)


def _blank_page_notices(make) -> dict[int, object]:
    """n -> notice of n items, for the lengths that need a blank page before the 版记 page."""
    out = {}
    for n in range(1, 41):
        doc = notice.build(make.notice(n_items=n))
        if _has_blank_page(doc):
            out[n] = doc
    return out


def _numbered(part) -> bool:
    return " PAGE " in part._element.xml


def test_the_blank_page_and_the_colophon_page_carry_no_page_number(make):
    # they were numbered like every other page: one section, its footers on every page
    found = _blank_page_notices(make)
    assert found  # lengths 26 and 27 need one (rendered: n26 has 6 pages)
    for n, doc in found.items():
        assert len(doc.sections) == 2, n
        first, last = doc.sections
        assert _numbered(first.footer) and _numbered(first.even_page_footer), n
        assert not last.footer.is_linked_to_previous and not last.even_page_footer.is_linked_to_previous
        assert not _numbered(last.footer) and not _numbered(last.even_page_footer), n
        assert not "".join(p.text for p in last.footer.paragraphs).strip()
        assert not last.different_first_page_header_footer
        sect = _sections(doc)[-1]
        assert sect.find(f"{W}type").get(W + "val") == "nextPage"
        # the section break comes right before the blank page: the 版记 page breaks once more,
        # and nothing but empty paragraphs and the 版记 follow it
        body = list(doc.element.body)
        at = next(i for i, el in enumerate(body) if el.find(f"{W}pPr/{W}sectPr") is not None)
        tail = body[at + 1:-1]
        assert not any(el.tag == W + "tbl" for el in tail)
        assert [el.find(f"{W}pPr/{W}pageBreakBefore") is not None for el in tail[:2]] == [
            False, True]
        unframed = [el for el in tail if el.find(f"{W}pPr/{W}framePr") is None]
        assert not "".join(t.text or "" for el in unframed for t in el.iter(W + "t"))
        # the page count stays even, and the section break counts as a page start
        assert estimate_pages(doc.element.body, make.LH)[0] % 2 == 0, n


def test_the_colophon_on_a_page_of_text_or_after_a_page_break_keeps_one_numbered_section(make):
    # §7.5 exempts the 版记 page only where a blank page comes before it
    blank = _blank_page_notices(make)
    for n in (1, 3, 12, 25, 40):
        assert n not in blank
        doc = notice.build(make.notice(n_items=n))
        assert len(_sections(doc)) == 1, n
        assert _numbered(doc.sections[0].footer)


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
