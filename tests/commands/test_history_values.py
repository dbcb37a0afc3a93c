"""`docket history` prints values as a clerk writes them: no None, no 78.0 (issue 17 item 3)."""
from __future__ import annotations

from tests.conftest import ok


def test_history_shows_a_first_quality_score_without_none_or_decimals(office_db):
    ok("add", "--title", "关于加固山塘的建议", "--proposer", "张三")
    ok("assign", "1", "--lead", "水利局")
    ok("reply", "1", "--unit", "水利局", "--class", "A")
    ok("score", "quality", "1=78")
    line = ok("history", "1").splitlines()[-1]
    assert "答复质量评分" in line and "质量分：— → 78" in line
    assert "None" not in line and "78.0" not in line
