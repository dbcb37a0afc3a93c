"""A date cell holds 10月27日 on one line under 2026年 (it printed as 10月27 / 日, rendered)."""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import date

import pytest

from docket.docgen import notice, reminder, save


def _lines(path, out) -> list[str]:
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("soffice or poppler-utils missing")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(out / (path.stem + ".pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout
    return ["".join(line.split()) for line in text.splitlines()]


def test_two_digit_month_and_day_keep_one_line_in_notice_and_reminder(make, tmp_path):
    late = date(2026, 10, 27)
    n = make.notice()
    n = replace(n, items_lead=tuple(replace(i, due_on=late) for i in n.items_lead))
    r = make.reminder()
    r = replace(r, items=tuple(replace(i, due_on=late) for i in r.items))
    for name, doc in (("n", notice.build(n)), ("r", reminder.build(r))):
        lines = _lines(save.save(doc, tmp_path / f"{name}.docx"), tmp_path)
        assert sum("10月27日" in line for line in lines) == len(n.items_lead if name == "n"
                                                                 else r.items), name
        assert not [line for line in lines if line.endswith("10月27")], name
