"""The 函's 抄送 never stands alone on a page (issue 14: a 督办函 of two rows printed its 抄送
alone on page 2)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from docket.docgen import reminder, save

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _style(p) -> str:
    st = p.find(f"{W}pPr/{W}pStyle")
    return "" if st is None else st.get(W + "val")


def test_the_signature_chain_runs_on_through_the_cc(make):
    body = [el for el in reminder.build(make.reminder()).element.body if el.tag == W + "p"]
    remark = next(i for i, p in enumerate(body) if _style(p) == "Remark")
    frame = next(i for i, p in enumerate(body) if p.find(f"{W}pPr/{W}framePr") is not None)
    assert frame == remark + 2  # the 附注, the empty line, the 抄送
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in body[remark:frame + 1])
    assert body[frame + 1].find(f"{W}pPr/{W}keepNext") is None  # the frames' anchor


def test_rendered_cc_shares_its_page_with_the_signature(make, tmp_path):
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("soffice or poppler-utils missing")
    # one 督办 (no escalation paragraph): the 抄送 had no room under the 附注 on page 1
    path = save.save(reminder.build(make.reminder(times=1)), tmp_path / "r.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = ["".join(p.split()) for p in text.split("\f")[:-1]]
    (cc_page,) = [p for p in pages if "抄送：" in p]
    assert "联系人" in cc_page and "青禾县人大常委会办公室" in cc_page
