"""答复公开 (`export --public`, the 向人民报告's 答复公开 sheet): one row per item."""
from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import ok


def _public(out: Path, today: str) -> list[list[str]]:
    ok("export", "--public", str(out), today=today)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))[1:]


def test_a_rehandled_item_is_listed_once_with_its_last_reply(office_db: Path, tmp_path: Path) -> None:
    ok("add", "--title", "关于加固城东河堤的建议", "--proposer", "张三", today="2026-03-20")
    ok("add", "--title", "关于增设公交站点的建议", "--proposer", "李四", today="2026-03-20")
    ok("assign", "1", "2", "--lead", "水利局", today="2026-03-20")
    ok("reply", "1", "--unit", "水利局", "--class", "C", "--doc-no", "青水函〔2026〕21号", today="2026-05-11")
    ok("reply", "2", "--unit", "水利局", "--class", "A", "--doc-no", "青水函〔2026〕22号", today="2026-05-12")
    ok("evaluate", "1", "--result", "不满意", "--note", "未到现场查看", today="2026-05-25")
    ok("reply", "1", "--unit", "水利局", "--class", "B", "--doc-no", "青水函〔2026〕30号", today="2026-06-18")
    got = [(r[0], r[3], r[5], r[7]) for r in _public(tmp_path / "pub.csv", "2026-07-01")]
    assert got == [("1", "B", "青水函〔2026〕30号", "2026-06-18"), ("2", "A", "青水函〔2026〕22号", "2026-05-12")]
