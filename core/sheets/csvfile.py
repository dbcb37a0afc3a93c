"""Reading a .csv/.tsv/.txt file into a grid: its encoding (UTF-8, GBK, UTF-16) and delimiter."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from docket.core.errors import BadInput
from docket.core.sheets.grid import Grid, Guard, Limits
from docket.core.sheets.header import HEADER_ROWS

NOT_TEXT = "文件“{name}”不是文本格式的 CSV 文件，无法读取。请使用 .xlsx 或 .csv 文件"
BAD_ENCODING = "文件“{name}”的编码无法识别：请另存为 UTF-8 或 GBK 编码的 CSV"
BAD_UTF16 = "文件“{name}”是 UTF-16 编码，但内容不完整（可能被截断），无法读取。请重新另存为 UTF-8 编码的 CSV"
BAD_CSV = "文件“{name}”第{line}行无法按 CSV 读取（引号不配对或含有无法识别的字符），请在 Excel 中打开后另存为 .csv"


def _decode(raw: bytes, name: str) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:  # an odd byte count, a lone surrogate: a cut-off file
            raise BadInput(BAD_UTF16.format(name=name)) from None
    if b"\x00" in raw[:4096]:
        raise BadInput(NOT_TEXT.format(name=name))
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")  # what Excel in China writes for "CSV"
    except UnicodeDecodeError:
        raise BadInput(BAD_ENCODING.format(name=name)) from None


def csv_grid(p: Path, limits: Limits | None = None) -> Grid:
    limits = limits or Limits()
    text = _decode(p.read_bytes(), p.name)
    lines = text[:65536].splitlines()[:HEADER_ROWS]
    busiest = max(lines, key=lambda s: s.count("\t") + s.count(","), default="")
    delimiter = "\t" if busiest.count("\t") > busiest.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    guard = Guard(p.name, limits or Limits())
    rows: list[tuple[int, list[object]]] = []
    previous = 0
    # a long 正文 may pass csv's 128 KB field limit; the file's size is already bounded
    field_limit = csv.field_size_limit()
    csv.field_size_limit(max(field_limit, limits.max_bytes))
    try:
        for record in reader:
            first_line = previous + 1  # rows as the file numbers its lines: a record's first line
            previous = reader.line_num
            guard.row(len(rows) + 1)
            guard.keep(rows, first_line, list(record))
    except csv.Error:
        raise BadInput(BAD_CSV.format(name=p.name, line=reader.line_num)) from None
    finally:
        csv.field_size_limit(field_limit)
    return Grid(name=p.stem, rows=rows)


# ---------------------------------------------------------------- header
