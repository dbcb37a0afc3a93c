"""Privacy in every output (issue 12, domain.md §14): the demo county with personal data planted
where a clerk would type it, then every public and unit-facing file it produces, opened and
scanned whole for phone numbers, ID numbers, people's full names and raters."""
from __future__ import annotations

import csv
import re
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from docket.cli import cli

TODAY = date(2026, 6, 22)  # a Monday: reminders go out
OFFICE_PHONE = "0839-6212345"  # the office's own contact (doc.phone): printed in 附注 by design
OFFICE_CONTACT = "李红"         # doc.contact, likewise

# planted people: names the demo's name pool never draws (compound surnames)
DEPUTY = "司马光明"       # a proposer: full name only in internal output
OTHER_DEPUTY = "诸葛云亮"  # a co-proposer, named in a close reason
CONTACT = "慕容雪梅"      # a unit's and a reply's contact, written beside the phone
RATER = "欧阳多多"        # a rater: never in unit-facing output, masked anywhere
MOBILE, MOBILE2, LANDLINE = "13912345678", "13812345678", "0736-6212888"
ID18, ID15 = "110101199001011234", "51010119800101123X"
PLANTED_NAMES = (DEPUTY, OTHER_DEPUTY, CONTACT, RATER)

PHONE = re.compile(r"(?<!\d)(?:1[3-9]\d[- ]?\d{4}[- ]?\d{4}|0\d{2,3}[-－ ]?\d{7,8})(?!\d)")
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])")


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False,
                                env={"DOCKET_TODAY": TODAY.isoformat(), "DOCKET_USER": "测试员"})
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


def plant(db: Path) -> dict[str, int]:
    """Personal data where clerks put it: in a title and a close reason, beside a phone."""
    from docket.core.stats import report
    from docket.store.db import opened

    with opened(db) as conn:
        overdue = report(conn, as_of=TODAY).overdue_items[0]
    conn = sqlite3.connect(db)
    try:
        closed = conn.execute("SELECT number FROM items WHERE close_reason IS NOT NULL"
                              " ORDER BY number LIMIT 1").fetchone()[0]
        unit = conn.execute("SELECT id FROM units WHERE name = ?", (overdue.unit,)).fetchone()[0]
        conn.execute("UPDATE items SET title = ?, proposer = ?, phone = ? WHERE number = ?",
                     (f"关于{DEPUTY}、{RATER}（电话{MOBILE}，身份证{ID18}）反映道路损毁的建议", DEPUTY,
                      f"{DEPUTY} {MOBILE}", overdue.number))
        conn.execute("UPDATE items SET close_reason = ?, co_proposers = ? WHERE number = ?",
                     (f"已与{OTHER_DEPUTY}（{MOBILE2}，身份证{ID15}）及{CONTACT}（{LANDLINE}）当面沟通，办结",
                      f'["{OTHER_DEPUTY}"]', closed))
        conn.execute("UPDATE units SET contact = ?, phone = ? WHERE id = ?",
                     (CONTACT, f"{CONTACT} {MOBILE2}", unit))
        conn.execute("UPDATE replies SET contact = ?, phone = ? WHERE id = (SELECT MAX(id) FROM replies"
                     " WHERE role = 'lead')", (f"{CONTACT}（办公室）", f"{CONTACT} {LANDLINE}"))
        conn.execute("UPDATE evaluations SET rater = ? WHERE id = (SELECT MIN(id) FROM evaluations)",
                     (RATER,))
        conn.commit()
    finally:
        conn.close()
    return {"overdue": overdue.number, "closed": closed}


def docx_text(path: Path) -> str:
    """Every text of a document: body paragraphs, tables (nested too), headers and footers."""
    import docx

    doc = docx.Document(str(path))

    def cells(tables) -> Iterator[str]:
        for t in tables:
            for row in t.rows:
                for cell in row.cells:
                    yield cell.text
                    yield from cells(cell.tables)

    parts = [p.text for p in doc.paragraphs] + list(cells(doc.tables))
    for s in doc.sections:
        for hf in (s.header, s.footer, s.first_page_header, s.first_page_footer,
                   s.even_page_header, s.even_page_footer):
            parts += [p.text for p in hf.paragraphs] + list(cells(hf.tables))
    return "\n".join(parts)


def xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    text = "\n".join("\t".join("" if v is None else str(v) for v in row)
                     for ws in wb.worksheets for row in ws.iter_rows(values_only=True))
    wb.close()
    return text


def csv_text(path: Path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return "\n".join("\t".join(row) for row in csv.reader(fh))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, demo_county) -> tuple[Path, dict[str, int], list[str]]:
    """One demo county for the module, with planted data; returns db, planted numbers, raters."""
    root = tmp_path_factory.mktemp("privacy")
    db = root / "demo.db"
    shutil.copy(demo_county(today=TODAY).path, db)
    planted = plant(db)
    conn = sqlite3.connect(db)
    raters = sorted({r for (r,) in conn.execute("SELECT DISTINCT rater FROM evaluations") if r})
    conn.close()
    return db, planted, raters


@pytest.fixture(scope="module")
def outputs(demo) -> dict[str, str]:
    """The text of every public or unit-facing file, by a label naming it."""
    db, _, _ = demo
    out = db.parent / "out"
    out.mkdir()
    texts: dict[str, str] = {}
    run(db, "export", str(out / "公开台账.xlsx"), "--masked")
    texts["export --masked xlsx"] = xlsx_text(out / "公开台账.xlsx")
    run(db, "export", str(out / "公开台账.csv"), "--masked")
    texts["export --masked csv"] = csv_text(out / "公开台账.csv")
    run(db, "report", "--format", "docx", "--out", str(out / "通报.docx"))
    texts["办理情况通报"] = docx_text(out / "通报.docx")
    run(db, "brief", "--out", str(out / "简报.docx"))
    texts["工作简报"] = docx_text(out / "简报.docx")
    run(db, "score", "--out", str(out / "考评.docx"))
    texts["考评结果通报"] = docx_text(out / "考评.docx")
    rnd = "2026年度部门工作评议"
    run(db, "appraisal", "new", rnd, "--group", "代表")
    run(db, "appraisal", "add-department", rnd, "县水利局", "县交通运输局")
    for unit in ("县水利局", "县交通运输局"):
        run(db, "appraisal", "tally", rnd, "--department", unit, "--group", "代表", "--members", "31",
            "--present", "29", "--satisfied", "15", "--basic", "10", "--dissatisfied", "4")
    run(db, "appraisal", "compute", rnd, "--allow-missing")
    run(db, "appraisal", "circular", rnd, "--out", str(out / "评议.docx"), "--allow-missing")
    texts["评议结果通报"] = docx_text(out / "评议.docx")
    (out / "催办").mkdir()
    run(db, "remind", "--out", str(out / "催办"))
    letters = sorted((out / "催办").glob("*.docx"))
    assert any(p.name.startswith("督办函") for p in letters) and any(p.name.startswith("催办通知") for p in letters)
    for p in letters:
        texts[p.name] = docx_text(p)
    return texts


UNIT_FACING = ("办理情况通报", "工作简报", "考评结果通报", "评议结果通报", "催办通知", "督办函")


def test_no_phone_or_id_number_in_any_output(outputs: dict[str, str]) -> None:
    found = {label: [m for m in PHONE.findall(text) if m != OFFICE_PHONE] + ID_NUMBER.findall(text)
             for label, text in outputs.items()}
    assert {k: v for k, v in found.items() if v} == {}


def test_no_planted_full_name_in_any_output(outputs: dict[str, str]) -> None:
    found = {label: [n for n in PLANTED_NAMES if n in text] for label, text in outputs.items()}
    assert {k: v for k, v in found.items() if v} == {}


def test_raters_never_in_unit_facing_output(outputs: dict[str, str], demo) -> None:
    _, _, raters = demo
    assert RATER in raters and len(raters) > 100
    found = {label: [r for r in raters if r in text and r != OFFICE_CONTACT]
             for label, text in outputs.items() if label.startswith(UNIT_FACING)}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_planted_texts_reach_the_outputs_masked(outputs: dict[str, str], demo) -> None:
    """The scan is worth something only if the planted texts are there, masked as §14 says."""
    _, planted, _ = demo
    masked_title = "关于司***、欧***（电话139****5678，身份证110***********1234）反映道路损毁的建议"
    assert masked_title in outputs["办理情况通报"].replace("\n", "")
    assert any(masked_title in t.replace("\n", "") for k, t in outputs.items() if k.startswith("督办函"))
    for label in ("export --masked xlsx", "export --masked csv"):
        rows = {line.split("\t")[0]: line.split("\t") for line in outputs[label].splitlines()}
        header = rows["编号"]
        row = rows[str(planted["overdue"])]
        assert row[header.index("标题")] == masked_title
        assert row[header.index("领衔人")] == "司***"
        assert row[header.index("联系电话")] == "司*** 139****5678"
        reason = rows[str(planted["closed"])][header.index("办结理由")]
        assert reason == "已与诸***（138****5678，身份证510***********123X）及慕***（073*-***2888）当面沟通，办结"
        assert "慕*** 073*-***2888" in outputs[label]          # the reply's phone field, whole
        assert "慕*******" in outputs[label]                    # 慕容雪梅（办公室） as a contact
        assert "评价人" not in header and "通讯地址" not in header and "内容" not in header


def test_every_proposer_masked_in_the_export(outputs: dict[str, str], demo) -> None:
    db, _, _ = demo
    conn = sqlite3.connect(db)
    people = {p for (p,) in conn.execute("SELECT proposer FROM items")}
    conn.close()
    for label in ("export --masked xlsx", "export --masked csv"):
        lines = [line.split("\t") for line in outputs[label].splitlines()]
        col = lines[0].index("领衔人")
        shown = {row[col] for row in lines[1:]}
        assert shown and not shown & people
        assert all(set(name[1:]) <= {"*", "·"} for name in shown)


# -- the masking rules themselves ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "masked"), [
    ("关于张三反映13812345678问题的建议", "关于张*反映138****5678问题的建议"),
    ("身份证110101199001011234号", "身份证110***********1234号"),
    ("电话：0839-6212345，手机 138 1234 5678", "电话：083*-***2345，手机 138 **** 5678"),
    ("座机6212345，(0839)6212345", "座机*****45，(083*)***2345"),
    ("欧阳明远和欧阳同志", "欧***和欧*同志"),            # the longer name first
    ("2026-03-20办结，青人大办〔2026〕12号，投资12000000元", "2026-03-20办结，青人大办〔2026〕12号，投资12000000元"),
    ("县政协委员会回复", "县政协委员会回复"),             # a body, not a person
])
def test_masker_text(text: str, masked: str) -> None:
    from docket.core.privacy import Masker

    assert Masker(["张三", "欧阳明远", "欧阳", "县政协委员会", "李"]).text(text) == masked


@pytest.mark.parametrize(("phone", "masked"), [
    ("13812345678", "138****5678"), ("0839-6212345", "083*-***2345"), ("6212345", "*****45"),
    ("王明 13812345678", "王* 138****5678"),
    ("手机13812345678；办公0839-6212345", "手机138****5678；办公083*-***2345"),
])
def test_masker_phone_field_whole(phone: str, masked: str) -> None:
    from docket.core.privacy import Masker

    assert Masker.phone(phone) == masked
