"""Reading a secretariat's spreadsheet into a plain grid, and finding its header row.

No database access, no Click. openpyxl is imported inside `_xlsx_grid` only, so importing this
module costs nothing on a command's start-up path. `importer.py` turns grids into checked rows.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from docket.core.dates import parse_date
from docket.core.errors import BadInput, NotFound
from docket.core.text import unescape_ooxml
from docket.core.numbers import MAX_ITEM_NUMBER

HEADER_ROWS = 20  # the header must be among the first 20 non-empty rows
# Excel's own bounds: a reference beyond them is a crafted file, not a spreadsheet
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
MAX_COLUMNS = 500  # more columns than any secretariat's table; merges are clamped to this
NOTE_PREFIXES = ("注", "说明", "备注", "填表", "制表", "合计", "总计")
_SEPARATORS = re.compile(r"[、，,；;\r\n\u2028]+")
_LEADING_MARK = re.compile(r"^[*※]+")
_TRAILING_NOTE = re.compile(r"(\([^()]*\)|【[^【】]*】|\[[^\[\]]*\])$")
_TRAILING_MARK = re.compile(r"[:*]+$")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_NUMBER = re.compile(r"^第?0*([0-9]+)(?:\.0+)?号?$")
_TWO_DIGIT_YEAR = re.compile(r"^\d{2}([-/.年])\d{1,2}([-/.月])\d{1,2}日?$")
_NO_YEAR = re.compile(r"^\d{1,2}(月\d{1,2}日?|[-/.]\d{1,2})$")
_YES = frozenset({"是", "√", "✓", "✔", "y", "yes", "1", "true", "重点", "★", "☑"})
_NO = frozenset({"否", "×", "✗", "n", "no", "0", "false", "-", "无", "/"})
_WINDOWS_EPOCH = date(1899, 12, 30)
_MAC_EPOCH = date(1904, 1, 1)


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
    epoch: date = _WINDOWS_EPOCH
    cleaned: int = 0  # cells that held control characters (see core/text.clean_rows)


@dataclass(frozen=True, slots=True)
class Header:
    """Where the data starts and which columns hold which field."""

    data_start: int  # index into Grid.rows of the first data row
    columns: dict[str, list[int]]  # field -> column indexes, left to right
    labels: dict[int, str]  # column index -> its header as cleaned (for messages)
    ignored: list[str]
    first_col: int


# ---------------------------------------------------------------- cells


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """A cell as text: 12.0 -> "12", a date cell -> ISO, None -> ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def split_values(text: str) -> list[str]:
    """Multi-value cells: split on 、，,；; and line breaks, never on spaces."""
    return [p.strip() for p in _SEPARATORS.split(text) if p.strip()]


_UNIT_SLASH = re.compile(r"[/／]+")
# how the name of a handling unit ends (局, 委员会, 人民政府, 大队, 公司, 镇 …): a space after such
# a name separates units ("县水利局 县农业农村局"); a space inside one ("县委 宣传部") does not
_UNIT_END = re.compile(r"(局|委|办|院|厅|部|署|处|科|室|所|站|队|中心|公司|司|集团|行|馆|社|团|会|"
                       r"联|协|府|庭|校|台|厂|场|镇|乡|街道|社区|村|区|园|组)$")


def split_units(text: str) -> list[str]:
    """Unit cells and boxes: split like `split_values`, and on / and on whitespace between full
    unit names; one rule for the importer, `assign --plan` and the TUI's unit boxes."""
    out: list[str] = []
    for value in split_values(text):
        for part in _UNIT_SLASH.split(value):
            out.extend(_spaced_units(part.strip()))
    return [p for p in out if p]


def _spaced_units(part: str) -> list[str]:
    pieces = part.split()
    if len(pieces) < 2:
        return [part]
    names: list[str] = []
    held = ""
    for piece in pieces:
        held += piece
        # a name is at least three characters: 县委 宣传部 stays one unit
        if len(held) >= 3 and _UNIT_END.search(held):
            names.append(held)
            held = ""
    if held:  # a tail that names no unit ("（主办）", a stray word) belongs to the one before
        if not names:
            return [part]
        names[-1] += held
    return names


def serial_to_date(serial: float, epoch: date) -> date:
    days = int(serial)
    # Excel's 1900 system counts a 29 Feb 1900 that never was; serials 20000+ are past it.
    return epoch + timedelta(days=days)


def normalise_header(text: object) -> str:
    """NFKC, no whitespace, no leading */※, no trailing ：, no trailing （note）."""
    s = unicodedata.normalize("NFKC", cell_text(text))
    s = "".join(ch for ch in s if not ch.isspace())
    s = _LEADING_MARK.sub("", s)
    for _ in range(3):  # "标题（必填）：" and "标题：（必填）" alike
        before = s
        s = _TRAILING_MARK.sub("", s)
        s = _TRAILING_NOTE.sub("", s) or s  # a header that is only "(备注)" stays
        if s == before:
            break
    return s


def lookup(label: str, synonyms: Mapping[str, str], multi: frozenset[str]) -> str | None:
    """The field a cleaned header names; `协办单位2` names a multi-value field."""
    if not label:
        return None
    hit = synonyms.get(label) or synonyms.get(label.lower())
    if hit:
        return hit
    bare = label.rstrip("0123456789")
    if bare != label:
        hit = synonyms.get(bare) or synonyms.get(bare.lower())
        if hit in multi:
            return hit
    return None


class BadCell(Exception):
    """One cell's problem, turned into `第N行 列：…` by the row reader."""


TOO_HIGH = "“{text}”不是有效编号（最大为 {max}；这像是填错列的身份证号或电话号码）"


def parse_number(value: object) -> int | None:
    """An item number, 1..MAX_ITEM_NUMBER: 12, 12.0, "012", "第12号"."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise BadCell(f"“{cell_text(value)}”不是有效编号")
    if isinstance(value, (int, float)):
        if float(value).is_integer() and value > 0:
            if value > MAX_ITEM_NUMBER:
                raise BadCell(TOO_HIGH.format(text=cell_text(value), max=MAX_ITEM_NUMBER))
            return int(value)
        raise BadCell(f"“{cell_text(value)}”不是有效编号（应为正整数）")
    s = unicodedata.normalize("NFKC", cell_text(value))
    s = "".join(ch for ch in s if not ch.isspace())
    m = _NUMBER.match(s)
    if not m or not m.group(1).strip("0"):
        raise BadCell(f"“{cell_text(value).strip()}”不是有效编号（应为正整数，如 12 或 第12号）")
    if len(m.group(1)) > len(str(MAX_ITEM_NUMBER)) or int(m.group(1)) > MAX_ITEM_NUMBER:
        raise BadCell(TOO_HIGH.format(text=cell_text(value).strip(), max=MAX_ITEM_NUMBER))
    return int(m.group(1))


def parse_cell_date(value: object, epoch: date, label: str) -> date | None:
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise BadCell(f"“{cell_text(value)}”不是日期")
    if isinstance(value, (int, float)):
        if 20000 <= value <= 80000:  # an Excel serial day number
            return serial_to_date(value, epoch)
        raise BadCell(f"{cell_text(value)} 不是有效日期，请写作 2026-03-05")
    raw = cell_text(value).strip()
    s = unicodedata.normalize("NFKC", raw).strip()
    if s.isascii() and s.isdigit() and len(s) == 5 and 20000 <= int(s) <= 80000:
        return serial_to_date(int(s), epoch)
    bare = re.sub(r"[ T]\d{1,2}[:：]\d{2}.*$", "", s).strip()
    if _TWO_DIGIT_YEAR.match(bare):
        raise BadCell(f"“{raw}”的年份只有两位，请写四位年份，如 2026-03-05")
    if _NO_YEAR.match(bare):
        raise BadCell(f"“{raw}”缺少年份，请写作 2026-03-05")
    try:
        return parse_date(s, label)
    except BadInput as e:
        message = e.message
        if "该月没有这一天" in message:
            raise BadCell(f"{raw} 不是有效日期（该月没有这一天）") from None
        raise BadCell(f"无法识别的日期“{raw}”，请写作 2026-03-05 或 2026年3月5日") from None


def parse_flag(value: object) -> bool | None:
    """True/False for 是/否 and friends; None for anything else."""
    if value is True or value is False:
        return value
    s = unicodedata.normalize("NFKC", cell_text(value)).strip().casefold()
    if not s or s in _NO:
        return False
    return True if s in _YES else None


# ---------------------------------------------------------------- files


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
        raise BadInput(TOO_BIG.format(name=p.name, size=_mb(size), limit=limits.max_mb))
    suffix = p.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise BadInput(f"文件“{p.name}”是旧版 .xls 格式（或已加密），无法读取。"
                       "请在 Excel 中另存为 .xlsx 或 .csv 后再导入")
    if head.startswith(b"PK"):
        _check_zip(p, limits)
        try:
            return _fast_xlsx_grids(p, sheet, limits)
        except BadInput:
            raise
        except Exception:  # noqa: BLE001 -- an unusual file: let openpyxl try, or explain
            return _xlsx_grids(p, sheet, limits)
    if suffix in (".xlsx", ".xlsm", ".xls", ".et", ".ods"):
        raise BadInput(f"文件“{p.name}”不是有效的 Excel（.xlsx）文件，无法读取。"
                       "请在 Excel 中打开后另存为 .xlsx 或 .csv")
    if suffix in (".csv", ".tsv", ".txt"):
        return [_csv_grid(p, limits)]
    raise BadInput(f"不支持的文件类型“{p.suffix or p.name}”：请使用 .xlsx 或 .csv 文件")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")


def _check_zip(p: Path, limits: Limits) -> None:
    """The sizes the zip declares for its parts (zipfile never inflates past them): a sheet that
    would unpack to hundreds of MB is refused before one byte of it is inflated."""
    try:
        with zipfile.ZipFile(p) as z:
            total = sum(i.file_size for i in z.infolist())
    except Exception:  # noqa: BLE001 -- truncated or not a zip: the readers below explain
        return
    if total > limits.max_unzipped:
        raise BadInput(TOO_BIG_UNZIPPED.format(name=p.name, size=_mb(total),
                                               limit=limits.max_unzipped // 1024 // 1024))


class _Guard:
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

    def merge(self, ref: str, r1: int, c1: int, r2: int, c2: int) -> tuple[int, int, int, int]:
        """A merge inside Excel's bounds, clamped to the columns we read; anything else refused."""
        if not (0 <= r1 <= r2 < EXCEL_ROWS and 0 <= c1 <= c2 < EXCEL_COLUMNS):
            raise BadInput(BAD_REF.format(name=self.name, ref=ref))
        return r1, c1, r2, min(c2, MAX_COLUMNS - 1)


def _fast_xlsx_grids(p: Path, sheet: str | None, limits: Limits | None = None) -> list[Grid]:
    """Stream the sheet XML with ElementTree: about twice openpyxl's speed on 5,000 rows, and
    without its 130 ms import. Anything unexpected raises, and openpyxl reads the file instead."""
    from xml.etree.ElementTree import fromstring, iterparse

    with zipfile.ZipFile(p) as z:
        book = fromstring(z.read("xl/workbook.xml"))
        ns = book.tag[: book.tag.index("}") + 1]
        rels = {r.get("Id"): (r.get("Type", ""), _part(r.get("Target", "")))
                for r in fromstring(z.read("xl/_rels/workbook.xml.rels"))}
        by_type = {kind.rsplit("/", 1)[-1]: target for kind, target in rels.values()}
        sheets = [(e.get("name"), rels[_rel_id(e)][1]) for e in book.iter(f"{ns}sheet")]
        names = [n for n, _ in sheets]
        pr = book.find(f"{ns}workbookPr")
        epoch = _MAC_EPOCH if pr is not None and pr.get("date1904") in ("1", "true") else _WINDOWS_EPOCH
        view = book.find(f"{ns}bookViews/{ns}workbookView")
        active = int(view.get("activeTab", "0")) if view is not None else 0
        if sheet is not None:
            if sheet not in names:
                raise BadInput(f"工作表“{sheet}”不存在，文件中有：{'、'.join(names)}")
            order = [sheet]
        else:
            first = names[active] if active < len(names) else names[0]
            order = [first] + [n for n in names if n != first]
        strings = _shared_strings(z, by_type.get("sharedStrings"), ns, iterparse)
        dates = _date_styles(z, by_type.get("styles"), ns, fromstring)
        targets = dict(sheets)
        grids = []
        for name in order:
            if not targets[name].startswith("xl/worksheets/"):
                continue  # a chart sheet
            with z.open(targets[name]) as f:
                grids.append(_stream_sheet(f, name, ns, strings, dates, epoch, iterparse,
                                           _Guard(p.name, limits or Limits())))
        return grids


def _part(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _rel_id(e) -> str:
    return next(v for k, v in e.attrib.items() if k.endswith("}id"))


def _shared_strings(z: zipfile.ZipFile, part: str | None, ns: str, iterparse) -> list[str]:
    if not part:
        return []
    out = []
    with z.open(part) as f:
        for _event, el in iterparse(f):
            if el.tag == f"{ns}si":
                out.append(_rich_text(el, ns))
                el.clear()
    return out


def _rich_text(el, ns: str) -> str:
    """<t> or runs of <r><t>; phonetic <rPh> guides are not part of the text."""
    parts = []
    for child in el:
        if child.tag == f"{ns}t":
            parts.append(child.text or "")
        elif child.tag == f"{ns}r":
            parts.extend(t.text or "" for t in child.iter(f"{ns}t"))
    return unescape_ooxml("".join(parts))


_DATE_IDS = frozenset([14, 15, 16, 17, 22, *range(27, 32), 34, 35, 36, *range(50, 59)])


def _date_styles(z: zipfile.ZipFile, part: str | None, ns: str, fromstring) -> list[bool]:
    """For each cell style: does it show a number as a date?"""
    if not part:
        return []
    root = fromstring(z.read(part))
    custom = {}
    for fmt in root.iter(f"{ns}numFmt"):
        code = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", fmt.get("formatCode", "")).lower()
        custom[int(fmt.get("numFmtId", "0"))] = "y" in code or "d" in code
    xfs = root.find(f"{ns}cellXfs")
    return [custom.get(int(xf.get("numFmtId", "0")), int(xf.get("numFmtId", "0")) in _DATE_IDS)
            for xf in (xfs if xfs is not None else [])]


def _stream_sheet(f, name: str, ns: str, strings: list[str], dates: list[bool], epoch: date,
                  iterparse, guard: _Guard) -> Grid:
    rows: list[tuple[int, list[object]]] = []
    merges: list[tuple[int, int, int, int]] = []
    base = datetime(epoch.year, epoch.month, epoch.day)
    row_tag, merge_tag, v_tag, is_tag = f"{ns}row", f"{ns}mergeCell", f"{ns}v", f"{ns}is"
    for _event, el in iterparse(f):
        if el.tag == row_tag:
            number = int(el.get("r") or len(rows) + 1)
            guard.row(number)
            while len(rows) < number - 1:  # rows the file leaves out are empty
                rows.append((len(rows) + 1, []))
            cells: list[object] = []
            for c in el:
                kind = c.get("t", "n")
                if kind == "inlineStr":
                    node = c.find(is_tag)
                    value: object = _rich_text(node, ns) if node is not None else None
                else:
                    v = c.find(v_tag)
                    text = v.text if v is not None else None
                    if text is None:
                        continue
                    if kind == "s":
                        value = strings[int(text)]
                    elif kind == "b":
                        value = text == "1"
                    elif kind in ("str", "e"):
                        value = unescape_ooxml(text)
                    elif kind == "d":
                        value = datetime.fromisoformat(text)
                    else:
                        num = float(text)
                        style = int(c.get("s", "0"))
                        if style < len(dates) and dates[style] and 0 < num < 2958466:
                            value = base + timedelta(days=num)
                        else:
                            value = int(num) if num.is_integer() else num
                ref = c.get("r")
                col = _column(ref) if ref else len(cells)
                guard.cell(number, col)
                if value is not None:
                    cells.extend([None] * (col + 1 - len(cells)))
                    cells[col] = value
            while cells and is_blank(cells[-1]):
                cells.pop()
            guard.count(len(cells) + 1)
            rows.append((number, cells))
            el.clear()
        elif el.tag == merge_tag:
            a, _, b = el.get("ref", "").partition(":")
            if b:
                (r1, c1), (r2, c2) = _cell_ref(a), _cell_ref(b)
                merges.append(guard.merge(el.get("ref", ""), r1, c1, r2, c2))
    grid = Grid(name=name, rows=rows, epoch=epoch)
    _apply_merges(grid, merges)
    return grid


def _column(ref: str) -> int:
    n = 0
    for ch in ref:
        if ch.isdigit():
            break
        n = n * 26 + ord(ch) - 64
        if n > EXCEL_COLUMNS:  # ZZZZZZ...: stop counting, the guard refuses it
            return EXCEL_COLUMNS
    return n - 1


def _cell_ref(ref: str) -> tuple[int, int]:
    digits = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return int(digits) - 1, _column(ref)


def _xlsx_grids(p: Path, sheet: str | None, limits: Limits | None = None) -> list[Grid]:
    from openpyxl import load_workbook

    try:
        handle = p.open("rb")
        # read_only streams cells (5,000 rows in a fraction of a second) but hides merged cells;
        # those are read straight from each sheet's XML below.
        wb = load_workbook(handle, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 -- openpyxl raises KeyError, BadZipFile, XML errors...
        raise BadInput(f"文件“{p.name}”不是有效的 Excel（.xlsx）文件，无法读取"
                       f"（{type(e).__name__}）。请在 Excel 中打开后另存为 .xlsx 或 .csv") from None
    try:
        names = list(wb.sheetnames)
        if sheet is not None:
            if sheet not in names:
                raise BadInput(f"工作表“{sheet}”不存在，文件中有：{'、'.join(names)}")
            order = [sheet]
        else:
            try:
                active = wb.active.title if wb.active is not None else names[0]
            except Exception:  # noqa: BLE001 -- a broken workbook view
                active = names[0] if names else None
            order = [n for n in [active] if n] + [n for n in names if n != active]
        epoch = _MAC_EPOCH if getattr(wb, "epoch", None) and wb.epoch.year == 1904 else _WINDOWS_EPOCH
        grids = []
        for name in order:
            ws = wb[name]
            if not hasattr(ws, "reset_dimensions"):  # a chart sheet
                continue
            try:
                grids.append(_read_sheet(wb, ws, name, epoch, _Guard(p.name, limits or Limits())))
            except BadInput:
                raise
            except Exception as e:  # noqa: BLE001 -- any parse failure is a bad file
                raise BadInput(f"工作表“{name}”无法读取（{type(e).__name__}），"
                               "请在 Excel 中另存为 .xlsx 或 .csv 后再导入") from None
        return grids
    finally:
        wb.close()
        handle.close()


def _read_sheet(wb, ws, name: str, epoch: date, guard: _Guard) -> Grid:
    # Some writers record a wrong <dimension>; forget it so no rows are cut off. Rows stream
    # (read-only mode fills a gap lazily), so a <row r="200000000"> is refused at the bound.
    ws.reset_dimensions()
    rows: list[tuple[int, list[object]]] = []
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        guard.row(number)
        cells = [unescape_ooxml(v) if isinstance(v, str) else v for v in values]
        while cells and is_blank(cells[-1]):
            cells.pop()
        if cells:
            guard.cell(number, len(cells) - 1)
        guard.count(len(cells) + 1)
        rows.append((number, cells))
    merges = [guard.merge(ref, *box) for ref, box in _merges(wb, ws)]
    grid = Grid(name=name, rows=rows, epoch=epoch)
    _apply_merges(grid, merges)
    return grid


def _merges(wb, ws) -> list[tuple[str, tuple[int, int, int, int]]]:
    """Merged ranges (as written, and as 0-based (row, col) boxes), read from the sheet's XML."""
    path = getattr(ws, "_worksheet_path", None)
    archive = getattr(wb, "_archive", None)
    if not path or archive is None:
        return []
    data = archive.read(path)
    if b"mergeCell" not in data:
        return []
    start = max(data.rfind(b"sheetData>"), 0)  # merges follow the cells: scan the tail only
    found = []
    for m in _MERGE.finditer(data, start):
        c1, r1, c2, r2 = m.groups()
        found.append((m.group(0).decode(errors="replace"),
                      (int(r1) - 1, _column(c1.decode()), int(r2) - 1, _column(c2.decode()))))
    return found


def _apply_merges(grid: Grid, merges: list[tuple[int, int, int, int]]) -> None:
    """A vertically merged cell fills every row of its range (in its first column)."""
    grid.merges = merges
    rows = grid.rows
    # an empty row a merge happens to span stays empty: it holds no item of its own
    empty = {r for r1, _c1, r2, _c2 in merges if r2 > r1
             for r in range(r1 + 1, min(r2, len(rows) - 1) + 1)
             if all(is_blank(v) for v in rows[r][1])}
    for r1, c1, r2, _c2 in merges:
        if r2 <= r1 or r1 >= len(rows):
            continue
        top = rows[r1][1]
        value = top[c1] if c1 < len(top) else None
        if is_blank(value):
            continue
        for r in range(r1 + 1, min(r2, len(rows) - 1) + 1):
            if r in empty:
                continue
            cells = rows[r][1]
            if len(cells) <= c1:
                cells.extend([None] * (c1 + 1 - len(cells)))
            if is_blank(cells[c1]):
                cells[c1] = value


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


def _csv_grid(p: Path, limits: Limits | None = None) -> Grid:
    limits = limits or Limits()
    text = _decode(p.read_bytes(), p.name)
    lines = text[:65536].splitlines()[:HEADER_ROWS]
    busiest = max(lines, key=lambda s: s.count("\t") + s.count(","), default="")
    delimiter = "\t" if busiest.count("\t") > busiest.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    guard = _Guard(p.name, limits or Limits())
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
            cells: list[object] = list(record)
            while cells and is_blank(cells[-1]):
                cells.pop()
            if cells:
                guard.cell(first_line, len(cells) - 1)
            guard.count(len(cells) + 1)
            rows.append((first_line, cells))
    except csv.Error:
        raise BadInput(BAD_CSV.format(name=p.name, line=reader.line_num)) from None
    finally:
        csv.field_size_limit(field_limit)
    return Grid(name=p.stem, rows=rows)


# ---------------------------------------------------------------- header


def find_header(grid: Grid, synonyms: Mapping[str, str], multi: frozenset[str],
                required: tuple[str, ...], fallback: Mapping[str, str] | None = None) -> Header | None:
    """The row (among the first 20 non-empty) with most recognised headers, `required` among them."""
    fallback = fallback or {}
    best: tuple[int, int] | None = None  # (score, index)
    seen = 0
    for index, (_number, cells) in enumerate(grid.rows):
        if all(is_blank(c) for c in cells):
            continue
        seen += 1
        if seen > HEADER_ROWS:
            break
        fields = {lookup(normalise_header(c), synonyms, multi) for c in cells} - {None}
        if all(f in fields for f in required) and (best is None or len(fields) > best[0]):
            best = (len(fields), index)
    if best is None:
        return None
    index = best[1]
    cells = list(grid.rows[index][1])
    spans = _horizontal_spans(grid, index)
    labels: dict[int, str] = {}
    for c1, c2 in spans:  # a header merged across columns names each of them
        if c1 < len(cells):
            for c in range(c1 + 1, c2 + 1):
                labels[c] = normalise_header(cells[c1])
    for c, value in enumerate(cells):
        if not is_blank(value):
            labels[c] = normalise_header(value)
    data_start = index + 1
    sub = _sub_headers(grid, index, labels, spans, synonyms, multi)
    if sub:
        labels.update(sub)
        data_start = index + 2
    columns: dict[str, list[int]] = {}
    ignored: list[tuple[int, str]] = []
    spare: list[tuple[int, str, str]] = []
    for c in sorted(labels):
        label = labels[c]
        name = lookup(label, synonyms, multi)
        if name is not None:
            columns.setdefault(name, []).append(c)
        elif label in fallback:
            spare.append((c, label, fallback[label]))
        elif label:
            ignored.append((c, label))
    for c, label, name in spare:  # 序号 is the number only when no number column exists
        if name in columns:
            ignored.append((c, label))
        else:
            columns[name] = [c]
    unknown = list(dict.fromkeys(label for _c, label in sorted(ignored)))
    first_col = min(labels) if labels else 0
    return Header(data_start=data_start, columns=columns, labels=labels, ignored=unknown,
                  first_col=first_col)


def _horizontal_spans(grid: Grid, index: int) -> list[tuple[int, int]]:
    return [(c1, c2) for r1, c1, r2, c2 in grid.merges if r1 <= index <= r2 and c2 > c1]


def _sub_headers(grid: Grid, index: int, labels: dict[int, str], spans: list[tuple[int, int]],
                 synonyms: Mapping[str, str], multi: frozenset[str]) -> dict[int, str]:
    """`主办`/`协办` under a merged `承办单位`: the row below names those columns."""
    if index + 1 >= len(grid.rows):
        return {}
    below = grid.rows[index + 1][1]
    spanned = {c for c1, c2 in spans for c in range(c1, c2 + 1)}
    found: dict[int, str] = {}
    for c, value in enumerate(below):
        if is_blank(value):
            continue
        label = normalise_header(value)
        if label == labels.get(c):  # a vertically merged header cell repeated
            continue
        if lookup(label, synonyms, multi) is None:
            return {}
        found[c] = label
    if found and any(c in spanned or c not in labels for c in found):
        return found
    return {}


def is_note(cells: list[object], first_col: int) -> bool:
    """注：…, 说明…, 合计… alone at the left of a row: a note, not an item."""
    filled = [(c, v) for c, v in enumerate(cells) if not is_blank(v)]
    if not filled:
        return False
    c, value = filled[0]
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    text = "".join(ch for ch in text if not ch.isspace())
    if text.startswith(("合计", "总计")):
        return True
    return len(filled) == 1 and c <= first_col and text.startswith(NOTE_PREFIXES)
