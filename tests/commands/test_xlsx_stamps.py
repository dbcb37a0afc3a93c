"""Every xlsx docket writes carries the as-of day, never the wall clock, as its created and
modified properties (documents.md §3.6): the ledger, `export`, `export --masked`, `export
--public`, `report --format xlsx`, `score --out`, the 办理情况反馈表 of `packet`. One helper
stamps them all (core.export.xlsx_bytes)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ok

DAY = "2026-04-01"
ROUND = "2026年部门工作评议整改"


def stamps(path: Path) -> tuple[str, str]:
    with zipfile.ZipFile(path) as z:
        core = z.read("docProps/core.xml").decode()
    created = re.search(r"<dcterms:created[^>]*>([^<]*)<", core).group(1)
    modified = re.search(r"<dcterms:modified[^>]*>([^<]*)<", core).group(1)
    return created, modified


@pytest.fixture
def assigned(office_db: Path) -> Path:
    ok("add", "--title", "修缮乡村道路", "--proposer", "张三", today="2026-03-20")
    ok("assign", "1", "--lead", "水利局", today="2026-03-20")
    return office_db


@pytest.mark.parametrize("args", [
    ("export", "{out}/台账.xlsx"),
    ("export", "{out}/公开台账.xlsx", "--masked"),
    ("export", "--public", "{out}/答复公开.xlsx"),
    ("report", "--format", "xlsx", "--out", "{out}/统计.xlsx"),
    ("score", "--out", "{out}/考评.xlsx"),
])
def test_the_workbooks_carry_the_as_of_day(assigned: Path, tmp_path: Path, args) -> None:
    out = tmp_path / "out"
    out.mkdir()
    ok(*(a.format(out=out) for a in args), today=DAY)
    (path,) = out.glob("*.xlsx")
    assert stamps(path) == (f"{DAY}T00:00:00Z", f"{DAY}T00:00:00Z")


def test_the_packet_and_the_ledger_carry_the_day_too(assigned: Path, tmp_path: Path) -> None:
    ok("packet", "--out", str(tmp_path / "p"), today=DAY)
    (path,) = (tmp_path / "p").glob("*.xlsx")
    assert stamps(path) == (f"{DAY}T00:00:00Z", f"{DAY}T00:00:00Z")
    ok("rectify", "new", ROUND)
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局")
    ok("rectify", "export", str(tmp_path / "整改台账.xlsx"), today=DAY)
    assert stamps(tmp_path / "整改台账.xlsx") == (f"{DAY}T00:00:00Z", f"{DAY}T00:00:00Z")
