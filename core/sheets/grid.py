"""What a read sheet is (`Grid`) and how big a file may be (`Limits`), with the guard that refuses
a file at the first bound it passes while it streams."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from docket.core.errors import BadInput
from docket.core.sheets.values import WINDOWS_EPOCH, is_blank

# Excel's own bounds: a reference beyond them is a crafted file, not a spreadsheet
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
MAX_COLUMNS = 500  # more columns than any secretariat's table; merges are clamped to this


@dataclass(frozen=True, slots=True)
class Limits:
    """What a file may hold before it is refused up front (settings import.max_mb, import.max_rows)."""

    max_mb: int = 20
    max_rows: int = 50_000

    @property
    def max_bytes(self) -> int:
        return self.max_mb * 1024 * 1024

    @property
    def max_unzipped(self) -> int:
        # an xlsx's XML is 5-10x its zip; beyond 5x the size limit it is a zip bomb or too big
        return self.max_bytes * 5

    @property
    def max_row_number(self) -> int:
        # title rows, blank rows and notes around the data: a little slack beyond max_rows
        return self.max_rows + 1_000

    @property
    def max_cells(self) -> int:
        return self.max_rows * 60


TOO_BIG = ("文件“{name}”有 {size} MB，超过导入上限 {limit} MB（设置 import.max_mb），未导入。"
           "请分成几个文件导入，或调大上限：docket config set import.max_mb 50")
TOO_BIG_UNZIPPED = ("文件“{name}”解压后有 {size} MB，超过上限 {limit} MB（import.max_mb 的 5 倍），"
                    "可能是损坏或恶意构造的文件，未导入。请在 Excel 中打开后另存为 .xlsx 或 .csv")
TOO_MANY_ROWS = ("文件“{name}”超过 {limit} 行（设置 import.max_rows），未导入。"
                 "请分成几个文件导入，或调大上限：docket config set import.max_rows 100000")
TOO_MANY_CELLS = "文件“{name}”的单元格超过 {limit} 个，未导入。请删去多余的行列后重新导入"
BAD_REF = ("文件“{name}”中有超出 Excel 范围的单元格引用（{ref}），可能是损坏或恶意构造的文件，"
           "未导入。请在 Excel 中打开后另存为 .xlsx 或 .csv")
TOO_WIDE = ("文件“{name}”第{row}行有超过 {limit} 列的内容，未导入。请删去多余的列，"
            "或把数据复制到新工作表后重新导入")


@dataclass(slots=True)
class Grid:
    """A sheet as rows of raw cell values; `merges` are 0-based (row index, col) boxes."""

    name: str
    rows: list[tuple[int, list[object]]]  # (spreadsheet row number, cells)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    epoch: date = WINDOWS_EPOCH
    cleaned: int = 0  # cells that held control characters (see core/text.clean_rows)


def mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")


class Guard:
    """Counts what a sheet holds while it streams; raises BadInput at the first bound passed."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name, self.limits, self.cells = name, limits, 0

    def row(self, number: int) -> None:
        if number > EXCEL_ROWS or number < 1:
            raise BadInput(BAD_REF.format(name=self.name, ref=f"第{number}行"))
        if number > self.limits.max_row_number:
            raise BadInput(TOO_MANY_ROWS.format(name=self.name, limit=self.limits.max_rows))

    def cell(self, row: int, col: int) -> None:
        if col >= EXCEL_COLUMNS or col < 0:
            raise BadInput(BAD_REF.format(name=self.name, ref=f"第{row}行第{col + 1}列"))
        if col >= MAX_COLUMNS:
            raise BadInput(TOO_WIDE.format(name=self.name, row=row, limit=MAX_COLUMNS))

    def count(self, cells: int) -> None:
        self.cells += cells
        if self.cells > self.limits.max_cells:
            raise BadInput(TOO_MANY_CELLS.format(name=self.name, limit=self.limits.max_cells))

    def keep(self, rows: list, number: int, cells: list[object]) -> None:
        """Append a read row to `rows`: trailing blank cells dropped, its width and cells counted
        against the bounds (the one rule of the xlsx and csv readers)."""
        while cells and is_blank(cells[-1]):
            cells.pop()
        if cells:
            self.cell(number, len(cells) - 1)
        self.count(len(cells) + 1)
        rows.append((number, cells))

    def merge(self, ref: str, r1: int, c1: int, r2: int, c2: int) -> tuple[int, int, int, int]:
        """A merge inside Excel's bounds, clamped to the columns we read; anything else refused."""
        if not (0 <= r1 <= r2 < EXCEL_ROWS and 0 <= c1 <= c2 < EXCEL_COLUMNS):
            raise BadInput(BAD_REF.format(name=self.name, ref=ref))
        return r1, c1, r2, min(c2, MAX_COLUMNS - 1)
