"""Random tables import whole or give errors: never a crash, never a silently lost row."""
from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from docket.core.errors import BadInput
from docket.core.importer import read_items
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HEADERS = ["标题", "领衔代表", "建议编号", "附议代表", "主办单位", "协办单位", "提出日期", "办理期限",
           "是否重点", "类别", "内容", "联系电话", "未知列"]
# no character a note row (注、说明、合计…) or a header could start with
TEXT = st.text(alphabet="甲乙丙丁戊abc0123456789 、,;，；\n\u3000-/.年月日号第等人（）()主协办", max_size=12)
CELL = st.one_of(
    st.none(), TEXT, st.integers(-5, 90000),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
    st.dates(date(1950, 1, 1), date(2090, 12, 31)).map(lambda d: datetime(d.year, d.month, d.day)),
)


@st.composite
def tables(draw) -> tuple[list[str], list[list[object]]]:
    extra = draw(st.lists(st.sampled_from(HEADERS[2:]), unique=True, max_size=6))
    header = draw(st.permutations(["标题", "领衔代表", *extra]))
    rows = draw(st.lists(st.lists(CELL, min_size=len(header), max_size=len(header)), max_size=12))
    return list(header), rows


def _write(header: list[str], rows: list[list[object]], fmt: str, folder: Path) -> Path:
    if fmt == "csv":
        import csv

        path = folder / "t.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            for row in rows:
                w.writerow(["" if v is None else (v.date().isoformat() if isinstance(v, datetime)
                                                  else v) for v in row])
        return path
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    path = folder / "t.xlsx"
    wb.save(path)
    return path


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from(["xlsx", "csv"]))
def test_random_tables_import_whole_or_name_their_errors(table, fmt) -> None:
    header, rows = table
    with tempfile.TemporaryDirectory() as folder:
        path = _write(header, rows, fmt, Path(folder))
        parsed = read_items(path)  # any exception but these fails the test
    read = {r.row for r in parsed.rows}
    # the line each record starts on: rows with line breaks take more lines in a CSV
    first_lines, line = [], 2
    for row in rows:
        first_lines.append(line)
        line += 1 + (sum(str(v).count("\n") for v in row if isinstance(v, str)) if fmt == "csv" else 0)
    for number, row in zip(first_lines, rows):
        if all(_blank(v) for v in row):
            assert number not in read
            continue
        named = any(e.startswith(f"第{number}行 ") for e in parsed.errors)
        assert (number in read) != named, (number, row, parsed.errors)
    assert all(r.title and r.proposer for r in parsed.rows)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".xlsx", ".csv", ".xls"]))
def test_random_bytes_are_refused_cleanly(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t{suffix}"
        path.write_bytes(data)
        try:
            read_items(path)
        except BadInput:
            pass
