"""GB/T 9704 §7.3.5.4: where the 署名 chain is over the page by about a line, its empty lines
close up so it stays with its 正文 (the 评议通报's page 2 ended 9 lines early, rendered)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from docket.docgen import page, save
from docket.docgen.flow import TIGHT_LINE, Writer, estimate_pages
from docket.docgen.letterhead import remark

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document(make, first_lines: int):
    """正文 of first_lines lines, a last paragraph of 4, the 附件说明 and the 署名 block:
    the chain after the last paragraph takes 7 lines, the page 22."""
    doc = page.new_document("file", make.LH)
    w = Writer(doc, make.LH)
    w.p("BodyText", "办" * (28 * first_lines - 2))
    w.p("BodyText", "理" * (28 * 4 - 2 - 5))
    w.empty()
    w.attachment_note(["交办清单"])
    w.empty(2)
    w.signature(make.LH.signer_name, "2026年12月3日", remark(make.LH))
    return doc


def _tight(doc) -> list[bool]:
    return [p.find(f"{W}pPr/{W}spacing[@{W}line='{TIGHT_LINE}']") is not None
            for p in doc.element.body.iter(W + "p")]


def test_a_chain_over_by_one_line_closes_up_and_stays_on_the_page(make):
    doc = _document(make, 12)  # 12 + 4 + 7 = 23 lines: one over
    assert sum(_tight(doc)) == 3  # the empty line before the 附件说明, the two before the 署名
    assert estimate_pages(doc.element.body, make.LH)[0] == 1
    # two lines over: the last paragraph's last lines go on with the 署名, nothing closes up
    doc = _document(make, 13)
    assert not any(_tight(doc))
    assert estimate_pages(doc.element.body, make.LH)[0] == 2


def test_rendered_chain_over_by_one_line_stays_on_the_page(make, tmp_path):
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("soffice or poppler-utils missing")
    path = save.save(_document(make, 12), tmp_path / "t.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == 1 and "联系人" in pages[0]
