"""Defects found by testers in `rectify` (issue 15): the 通报 of a round without problems, and
the ledger xlsx printed with cut rows."""
from __future__ import annotations

from pathlib import Path

from tests.commands.test_rectify import ROUND, everything
from tests.conftest import invoke, ok, rows


def test_a_circular_of_a_round_without_problems_is_refused_and_takes_no_number(
        office_db: Path, tmp_path: Path) -> None:
    ok("rectify", "new", ROUND)
    before = everything(office_db)
    out = tmp_path / "整改通报.docx"
    r = invoke("rectify", "circular", "--out", str(out), today="2026-04-20")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (f"错误：整改“{ROUND}”还没有整改问题，未生成整改情况通报，未占用文号；"
                        "先用 docket rectify add --problem 问题 --unit 责任单位 登记问题\n")
    assert not out.exists() and list(tmp_path.glob("*.docx")) == []
    assert everything(office_db) == before
    # the next document issued takes 1号
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局")
    ok("rectify", "circular", "--out", str(out), today="2026-04-20")
    assert [d[5] for d in rows(office_db, "documents")] == ["青禾人大办〔2026〕1号"]
