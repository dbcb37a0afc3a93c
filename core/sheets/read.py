"""Reading a secretariat's spreadsheet (xlsx or csv) into plain grids, refused up front when it is
too big or not a spreadsheet. `header.py` finds the header row; `core/importer.py` turns grids
into checked rows. No database access, no Click."""
from __future__ import annotations

from pathlib import Path

from docket.core.errors import BadInput, NotFound
from docket.core.sheets.csvfile import csv_grid
from docket.core.sheets.grid import TOO_BIG, Grid, Limits, mb
from docket.core.sheets.xlsx import check_zip, fast_xlsx_grids, openpyxl_grids


def load_grids(path: str | Path, sheet: str | None = None,
               limits: Limits | None = None) -> list[Grid]:
    """The sheets to try, best first: the named one, else the active one then the rest.

    A file beyond `limits` (bytes, unzipped bytes, rows, cells) is refused before it is parsed,
    or as soon as a streamed sheet passes a bound: never a long wait, never a MemoryError."""
    limits = limits or Limits()
    p = Path(path)
    if not p.exists():
        raise NotFound(f"找不到文件“{p}”，请检查路径")
    if p.is_dir():
        raise BadInput(f"“{p}”是文件夹，不是表格文件")
    try:
        size = p.stat().st_size
        with p.open("rb") as f:
            head = f.read(8)
    except OSError as e:
        raise BadInput(f"无法读取文件“{p.name}”：{e.strerror or e}") from None
    if size > limits.max_bytes:
        raise BadInput(TOO_BIG.format(name=p.name, size=mb(size), limit=limits.max_mb))
    suffix = p.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise BadInput(f"文件“{p.name}”是旧版 .xls 格式（或已加密），无法读取。"
                       "请在 Excel 中另存为 .xlsx 或 .csv 后再导入")
    if head.startswith(b"PK"):
        check_zip(p, limits)
        try:
            return fast_xlsx_grids(p, sheet, limits)
        except BadInput:
            raise
        except Exception:  # noqa: BLE001 -- an unusual file: let openpyxl try, or explain
            return openpyxl_grids(p, sheet, limits)
    if suffix in (".xlsx", ".xlsm", ".xls", ".et", ".ods"):
        raise BadInput(f"文件“{p.name}”不是有效的 Excel（.xlsx）文件，无法读取。"
                       "请在 Excel 中打开后另存为 .xlsx 或 .csv")
    if suffix in (".csv", ".tsv", ".txt"):
        return [csv_grid(p, limits)]
    raise BadInput(f"不支持的文件类型“{p.suffix or p.name}”：请使用 .xlsx 或 .csv 文件")
