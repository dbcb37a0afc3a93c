"""Leftovers of the attack run (issue 12, item 11 and the import bounds): every argument a clerk
can get wrong is refused in Chinese with exit 1 before any work, and every file read obeys the
office's own import limits (config import.max_rows / import.max_mb)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke, ok, rows


def refused(*args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.stderr.startswith("错误：") and "内部错误" not in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize("args", [["export", "/proc/x.xlsx"], ["backup", "/proc/x.db"]])
def test_a_file_where_none_can_be_made_is_refused_up_front(office_db: Path, args: list[str]) -> None:
    err = refused(*args)
    assert "/proc" in err


def test_calendar_year_that_is_no_number_is_a_chinese_data_error(office_db: Path) -> None:
    err = refused("calendar", "show", "--year", "abc")
    assert "--year" in err and "整数" in err


def _csv(path: Path, header: str, lines: list[str]) -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


# a file beyond max_rows (+ the reader's slack of 1,000 rows for titles and notes)
MANY = 1_200


def test_unit_import_obeys_the_office_row_limit(office_db: Path, tmp_path: Path) -> None:
    ok("config", "set", "import.max_rows", "10")
    units_before = rows(office_db, "units")
    f = _csv(tmp_path / "单位.csv", "单位名称", [f"县第{i}测试中心" for i in range(MANY)])
    err = refused("unit", "import", str(f))
    assert "未导入" in err  # refused up front: the rows (10) or cells (60 a row) bound
    assert rows(office_db, "units") == units_before


def test_assign_plan_obeys_the_office_row_limit(office_db: Path, tmp_path: Path) -> None:
    ok("add", "--title", "关于整治城南菜市场周边交通秩序的建议", "--proposer", "张三")
    ok("config", "set", "import.max_rows", "10")
    f = _csv(tmp_path / "方案.csv", "编号,主办单位", ["1,县水利局"] + [f"{i + 2},县水利局" for i in range(MANY)])
    before = rows(office_db, "assignments")
    err = refused("assign", "--plan", str(f))
    assert "未导入" in err and "不存在" not in err  # refused before any row is looked at
    assert rows(office_db, "assignments") == before
