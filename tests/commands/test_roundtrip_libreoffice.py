"""Issue 18's "Done when": units fill the 反馈表 in LibreOffice Calc. A packet typed into and saved
by Calc (through UNO, as a person types: 2026-04-10 becomes a real date, 2026/4/11 stays text), or
filled elsewhere and re-saved by Calc (`soffice --convert-to xlsx`), still imports: the hidden
identity sheet and its checksum, the class drop-down, the locked columns and dates typed as text
all survive. Calc 7.x writes the identity sheet back as "hidden" (it has no "veryHidden"); the
importer does not rely on the hidden level, only on the checksum.

Skipped, saying why, when soffice or Calc is not installed (`apt-get install libreoffice-calc`)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.commands.test_roundtrip import LATER, county, fill, packets, show, snap  # noqa: F401
from tests.conftest import invoke

FILLER = Path(__file__).parents[1] / "data" / "libreoffice_fill.py"
SHEET = "办理情况反馈表"


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice 未安装（soffice 不在 PATH 中）：apt-get install libreoffice-calc")
    return exe


def resave(src: Path, out: Path, profile: Path) -> Path:
    """What a unit's Calc does on Save (keep the xlsx format); each call its own profile (xdist)."""
    exe = _soffice()
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "xlsx", "--outdir", str(out), str(src)],
                   capture_output=True, timeout=120, check=False)
    done = out / src.name
    if not done.exists():
        pytest.skip("LibreOffice Calc 未安装（soffice 无法转换 xlsx）：apt-get install libreoffice-calc")
    return done


def uno_python() -> str:
    for exe in ("/usr/bin/python3", shutil.which("python3")):
        if exe and subprocess.run([exe, "-c", "import uno"], capture_output=True).returncode == 0:
            return exe
    pytest.skip("没有带 uno 模块的 Python（Debian：apt-get install python3-uno）")


def type_in_calc(src: Path, dest: Path, profile: Path, **cells: str) -> Path:
    """Type each cell's text in Calc (G5="2026-04-10") and save the workbook as xlsx."""
    _soffice()
    python = uno_python()
    done = subprocess.run([python, str(FILLER), str(src), str(dest), str(profile), SHEET,
                           *(f"{ref}={text}" for ref, text in cells.items())],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and dest.exists(), done.stderr
    return dest


def validations(ws) -> dict[str, set[tuple[int, int]]]:
    """Each drop-down's list and the cells it covers (Calc writes "H7 H8" back as "H7:H8")."""
    return {dv.formula1: {cell for rng in dv.sqref.ranges for cell in rng.cells}
            for dv in ws.data_validations.dataValidation}


def survived(path: Path, packet: Path, *, protected: bool = True) -> None:
    wb, sent = load_workbook(path), load_workbook(packet)
    ws = wb[SHEET]
    assert wb["_docket"].sheet_state in ("hidden", "veryHidden")  # Calc 7.x: hidden
    assert [list(r) for r in wb["_docket"].values] == [list(r) for r in sent["_docket"].values]
    assert validations(ws) == validations(sent[SHEET]) and '"A,B,C,D"' in validations(ws)
    assert ws.protection.sheet == protected and ws.cell(row=5, column=1).protection.locked
    assert not ws.cell(row=5, column=7).protection.locked


def test_sheets_typed_in_libreoffice_import_fixed_and_reimported(county: Path, tmp_path: Path) -> None:
    sent = packets(tmp_path)
    # 水利局 types into Calc: a class outside the list and an impossible date
    water = type_in_calc(sent["县水利局"], tmp_path / "water.xlsx", tmp_path / "lo-1",
                         G5="2026-4-31", H5="A", I5="青水函〔2026〕3号", G6="2026-04-10", H6="E")
    survived(water, sent["县水利局"])
    kept = snap(county)
    bad = invoke("import", "--replies", str(water), today=LATER)
    assert bad.exit_code == 1
    assert "第5行 答复日期" in bad.stderr and "第6行 类别：“E”不在答复类别" in bad.stderr
    assert snap(county) == kept

    # fixed in Calc: one date typed the ISO way (Calc makes it a date), one as text Calc keeps
    type_in_calc(water, tmp_path / "water2.xlsx", tmp_path / "lo-2", G5="2026-04-13", H6="B", G6="2026/4/11")
    assert load_workbook(tmp_path / "water2.xlsx")[SHEET]["G6"].value == "2026/4/11"
    done = invoke("import", "--replies", str(tmp_path / "water2.xlsx"), today=LATER)
    assert done.exit_code == 0, done.stderr
    assert "答复待审核 2 件（第1号、第2号）" in done.stderr
    assert [(r["on"], r["class"]) for r in show(1)["replies"] if r["unit"] == "县水利局"] == [("2026-04-13", "A")]
    assert [(r["on"], r["class"]) for r in show(2)["replies"]] == [("2026-04-11", "B")]


def test_a_resorted_sheet_resaved_by_libreoffice_imports(county: Path, tmp_path: Path) -> None:
    sent = packets(tmp_path)
    filled = fill(sent["县农业农村局"], tmp_path / "farm.xlsx", {
        1: {"协办意见": "同意主办单位意见", "会签": "是", "答复日期": "2026-04-01"},
        3: {"答复日期": "2026年4月8日", "类别": "C", "摘要": "列入明年计划"},
        4: {"申请延期至": "2026-07-31", "延期理由": "需等待省厅批复"}}, resort=True, blank_rows=True)
    farm = resave(filled, tmp_path / "calc", tmp_path / "lo")
    survived(farm, sent["县农业农村局"], protected=False)  # fill() unprotects to sort
    done = invoke("import", "--replies", str(farm), today=LATER)
    assert done.exit_code == 0, done.stderr
    assert "协办意见 1 件（第1号）" in done.stderr and "延期申请待批 1 件（第4号）" in done.stderr
    assert "答复待审核 1 件（第3号）" in done.stderr
    assert [(r["on"], r["class"]) for r in show(3)["replies"]] == [("2026-04-08", "C")]


def test_a_sheet_of_another_unit_is_still_refused_after_libreoffice(county: Path, tmp_path: Path) -> None:
    """The checksum survives Calc: a changed unit in the identity sheet is caught."""
    sent = packets(tmp_path)
    wb = load_workbook(sent["县卫生健康局"])
    wb["_docket"]["B3"].value = 1  # claim to be another unit
    wb.save(tmp_path / "forged.xlsx")
    forged = resave(tmp_path / "forged.xlsx", tmp_path / "calc", tmp_path / "lo")
    kept = snap(county)
    r = invoke("import", "--replies", str(forged), today=LATER)
    assert r.exit_code == 1 and "forged.xlsx" in r.stderr
    assert snap(county) == kept


def test_a_sheet_saved_as_ods_or_xls_is_refused_with_a_clear_message(county: Path, tmp_path: Path) -> None:
    """Only .xlsx comes back (docs/documents.md): Calc's other formats are named, nothing stored."""
    sent = packets(tmp_path, "水利局")
    kept = snap(county)
    for fmt, says in (("ods", "不是有效的 Excel（.xlsx）文件"), ("xls", "旧版 .xls 格式")):
        exe = _soffice()
        out = tmp_path / fmt
        subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                        "--convert-to", fmt, "--outdir", str(out), str(sent["县水利局"])],
                       capture_output=True, timeout=120, check=False)
        converted = out / f"{sent['县水利局'].stem}.{fmt}"
        if not converted.exists():
            pytest.skip("LibreOffice Calc 未安装（soffice 无法转换）：apt-get install libreoffice-calc")
        r = invoke("import", "--replies", str(converted), today=LATER)
        assert r.exit_code == 1 and says in r.stderr and converted.name in r.stderr
    assert snap(county) == kept
