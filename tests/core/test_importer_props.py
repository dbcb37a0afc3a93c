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


# -- issue 12: mangled files, and whole-or-nothing through the database -------------------------------

def _valid_xlsx(folder: Path) -> bytes:
    header = ["编号", "标题", "领衔代表", "主办单位", "提出日期"]
    rows = [[i, f"关于第{i}条河的建议", "张三", "县水利局", datetime(2026, 3, 1)] for i in range(1, 6)]
    return _write(header, rows, "xlsx", folder).read_bytes()


@st.composite
def mangled(draw, data: bytes) -> bytes:
    how = draw(st.sampled_from(["truncate", "flip", "splice", "zero"]))
    if how == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))]
    at = draw(st.integers(0, len(data) - 1))
    if how == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    if how == "zero":
        span = draw(st.integers(1, 64))
        return data[:at] + b"\x00" * span + data[at + span:]
    return data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]


_XLSX: dict[str, bytes] = {}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mangled_xlsx_is_read_or_refused_never_a_crash(data) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if "good" not in _XLSX:
            _XLSX["good"] = _valid_xlsx(Path(folder))
        path = Path(folder) / "m.xlsx"
        path.write_bytes(data.draw(mangled(_XLSX["good"])))
        try:
            parsed = read_items(path)
        except BadInput as e:
            assert e.message and not e.message.isascii()
            return
        assert all(r.title and r.proposer for r in parsed.rows)


CSV_BYTES = st.one_of(
    st.text(alphabet="标题领衔代表编号甲乙,\"\n\r\t 、123", max_size=200).map(
        lambda s: ("标题,领衔代表,编号\n" + s).encode("utf-8")),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "latin-1"]).flatmap(
        lambda enc: st.text(alphabet="标题领衔代表甲,\n" if enc != "latin-1" else "éàü,\nab",
                            max_size=80).map(lambda s, enc=enc: ("标题,领衔代表\n" + s).encode(
                                enc, errors="replace"))),
    st.binary(max_size=400),
)


@settings(max_examples=150, deadline=None)
@given(CSV_BYTES, st.booleans())
def test_mangled_csv_is_read_or_refused_never_a_crash(data: bytes, cut: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.csv"
        path.write_bytes(data[: len(data) - 1] if cut and data else data)
        try:
            read_items(path)
        except BadInput as e:
            assert e.message and not e.message.isascii()


_DB: dict[str, Path] = {}


def _fresh_db(folder: Path) -> Path:
    """A copy of one initialised database with two units (made once per run)."""
    import shutil

    from docket.core.intake import init_db
    from docket.core.units import add_unit
    from docket.store.db import opened

    if "template" not in _DB:
        template = Path(tempfile.mkdtemp()) / "template.db"
        init_db(template, actor="测试员", today=date(2026, 3, 20))
        with opened(template) as conn:
            add_unit(conn, "县水利局", actor="测试员", today=date(2026, 3, 20))
            add_unit(conn, "县农业农村局", actor="测试员", today=date(2026, 3, 20))
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _DB["template"] = template
    db = folder / "docket.db"
    shutil.copy(_DB["template"], db)
    return db


def _tables(db: Path) -> dict[str, list[tuple]]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
                for t in ("items", "assignments", "units", "events", "settings")}
    finally:
        conn.close()


@st.composite
def good_tables(draw) -> tuple[list[str], list[list[object]]]:
    """Tables that mostly import: distinct titles, known or new units, now and then one bad cell."""
    header = ["标题", "领衔代表", "主办单位", "协办单位", "提出日期"]
    n = draw(st.integers(1, 8))
    rows: list[list[object]] = [
        [f"关于第{i}件事的建议", draw(st.sampled_from(["张三", "李四", "王 五"])),
         draw(st.sampled_from(["县水利局", "水利局", "县农业农村局", "县新设局", None])),
         draw(st.sampled_from([None, "县农业农村局", "县水利局 县农业农村局", "县新设局、县另设局"])),
         datetime(2026, 3, draw(st.integers(1, 20)))] for i in range(n)]
    if draw(st.booleans()):
        rows[draw(st.integers(0, n - 1))][draw(st.integers(0, 4))] = draw(CELL)
    return header, rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(tables(), good_tables()), st.sampled_from(["xlsx", "csv"]), st.booleans())
def test_random_tables_import_whole_or_leave_the_database_as_it_was(table, fmt, create_units) -> None:
    from docket.core.errors import DocketError
    from docket.core.intake import import_file
    from docket.store.db import opened

    header, rows = table
    with tempfile.TemporaryDirectory() as folder:
        db = _fresh_db(Path(folder))
        path = _write(header, rows, fmt, Path(folder))
        before = _tables(db)
        with opened(db) as conn:
            try:
                done = import_file(conn, path, create_units=create_units, actor="测试员",
                                   today=date(2026, 3, 20), assigned_on=date(2026, 3, 20))
            except DocketError as e:
                assert e.message and not e.message.isascii()
                done = None
        after = _tables(db)
    if done is None:
        assert after == before
    else:
        assert len(after["items"]) == len(before["items"]) + len(done.numbers) > 0
        assert len(after["units"]) == len(before["units"]) + len(done.created_units)
