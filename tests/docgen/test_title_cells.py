"""A title in a table never leaves one character alone on its last line (…段的建 / 议, rendered
in the 交办清单's 43 mm column)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from docket.docgen import notice, save
from docket.docgen.cells import title_cell

X035 = "关于改造提升县道X035线杏花乡段的建议"


def test_a_lone_last_character_takes_the_words_before_it_along():
    assert title_cell(X035, 43) == ("关于改造提升县道", "X035线杏花乡段", "的建议")
    # no 的 near the end: one character more
    assert title_cell("关于解决白沙乡中心小学教师不足问题之议", 43)[-1] == "之议"
    # 9 characters a line in the 43 mm column, as LibreOffice sets them (rendered)
    assert title_cell("关于开通松林乡至县城农村客运班线的建议", 43) == (
        "关于开通松林乡至县", "城农村客运班线", "的建议")


def test_titles_that_wrap_well_stay_as_they_are():
    for title in ("关于加快推进城乡供水一体化建设的建议", "关于整治柳溪河松林乡段河道的建议",
                  X035):
        assert title_cell(title, 52) == title  # two lines, the last of several characters
    assert title_cell("关于修路的建议", 43) == "关于修路的建议"


def test_a_break_never_splits_latin_or_digits_nor_starts_with_closing_punctuation():
    for mm in range(30, 60):
        for title in (X035, "关于加快推进G318线、S205线改造的建议", "关于改造县道X035、Y108线的建议"):
            lines = title_cell(title, mm)
            if isinstance(lines, str):
                continue
            assert "".join(lines) == title
            for a, b in zip(lines, lines[1:]):
                assert b[0] not in "、，。）》"
                assert not (a[-1].isascii() and a[-1].isalnum() and b[0].isascii()
                            and b[0].isalnum())


def test_rendered_notice_title_has_no_lone_last_character(make, tmp_path):
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("soffice or poppler-utils missing")
    path = save.save(notice.build(make.notice(title=X035)), tmp_path / "n.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "n.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines()]
    assert "议" not in lines
    assert any(line.endswith("的建议") for line in lines)
