"""Secretariat spreadsheets (xlsx/csv) -> checked rows, for `import`, `unit import`, `assign --plan`.

Pure reading and checking: no database, no Click. Every problem becomes one Chinese line naming
the row and column (`第12行 标题：不能为空`), so the caller can refuse the whole file at once.
Header synonyms are in import_headers.py, the cleaning rules of domain.md §3 in cleaning.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from docket.core.cleaning import clean_name, clean_text, clean_unit, title_key
from docket.core.errors import BadInput
from docket.core.import_headers import (
    FALLBACK_HEADERS,
    FIELD_LABELS,
    ITEM_SYNONYMS,
    MULTI_VALUE,
    PLAN_SYNONYMS,
    UNIT_SYNONYMS,
)
from docket.core.messages import CONTROL_CLEANED
from docket.core.sheets.grid import TOO_MANY_ROWS, Grid, Limits
from docket.core.sheets.header import Header, find_header, is_note
from docket.core.sheets.read import load_grids
from docket.core.sheets.values import (
    BadCell,
    cell_text,
    is_blank,
    parse_cell_date,
    parse_flag,
    parse_number,
    split_units,
    split_values,
)
from docket.core.text import clean_rows

# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class ImportRow:
    row: int
    number: int | None
    title: str
    proposer: str
    co_proposers: tuple[str, ...] = ()
    category: str | None = None
    content: str | None = None
    lead: str | None = None
    support: tuple[str, ...] = ()
    received_on: date | None = None
    assigned_on: date | None = None
    due_on: date | None = None
    delegation: str | None = None
    phone: str | None = None
    address: str | None = None
    key: bool = False
    fast: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class Parsed:
    rows: list[ImportRow]
    errors: list[str]
    warnings: list[str]
    ignored_headers: list[str]
    # in-file duplicates (第12行 与第5行重复…): check_against reports them unless allow_duplicates
    duplicates: list[str] = field(default_factory=list)
    # every data row as far as it could be read, bad ones too: units and duplicates are checked
    # on all of them, so one run lists every problem
    all_rows: list[ImportRow] = field(default_factory=list)
    sheet: str = ""


@dataclass(frozen=True, slots=True)
class UnitRow:
    row: int
    name: str
    short: str | None
    contact: str | None
    phone: str | None


@dataclass(frozen=True, slots=True)
class PlanRow:
    row: int
    number: int
    lead: str
    support: tuple[str, ...]


_ROLE_TAG = re.compile(r"\((主办|牵头|协办|会办|配合)(单位)?\)$")

# A sheet names a few dozen units and a few hundred people thousands of times: each cleaned once.
_clean_unit = lru_cache(maxsize=4096)(clean_unit)
_clean_name = lru_cache(maxsize=16384)(clean_name)


# ---------------------------------------------------------------- cell values


def _units(cells: list[object]) -> tuple[list[str], list[str], list[str]]:
    """(tagged lead, tagged support, untagged) unit names from one or more cells."""
    lead: list[str] = []
    support: list[str] = []
    plain: list[str] = []
    for cell in cells:
        for part in split_units(cell_text(cell)):
            name = _clean_unit(part)
            m = _ROLE_TAG.search(name)
            if m:
                name = name[: m.start()]
                (lead if m.group(1) in ("主办", "牵头") else support).append(name)
            elif name:
                plain.append(name)
    return lead, support, plain


def _dedupe(names: list[str], *, drop: set[str] = frozenset()) -> tuple[str, ...]:
    out: list[str] = []
    for n in names:
        if n and n not in out and n not in drop:
            out.append(n)
    return tuple(out)


# ---------------------------------------------------------------- items


def read_items(path: str | Path, sheet: str | None = None, limits: Limits | None = None) -> Parsed:
    """Read every row; problems are collected in `errors`, never raised (the file's shape is)."""
    grid, header = _open(path, sheet, ITEM_SYNONYMS, ("title", "proposer"), FALLBACK_HEADERS, limits)
    parsed = Parsed(rows=[], errors=[], warnings=[], ignored_headers=list(header.ignored),
                    sheet=grid.name)
    if header.ignored:
        parsed.warnings.append(f"以下列未识别，已忽略：{'、'.join(header.ignored)}")
    if grid.cleaned:
        parsed.warnings.append(CONTROL_CLEANED.format(count=grid.cleaned))
    number_only = header.columns.get("number", [])
    for number, cells in grid.rows[header.data_start:]:
        if _skip(cells, header, number_only):
            continue
        row, errors = _item_row(number, cells, header, grid)
        parsed.errors.extend(errors)
        parsed.all_rows.append(row)
        parsed.warnings.extend(row.warnings)
    _check_numbers(parsed, header)
    bad = {row_of(e) for e in parsed.errors}  # rows is what could be imported: good rows only
    parsed.rows = [r for r in parsed.all_rows if r.row not in bad]
    _find_duplicates(parsed)
    return parsed


def _skip(cells: list[object], header: Header, number_only: list[int]) -> bool:
    filled = [c for c, v in enumerate(cells) if not is_blank(v)]
    if not filled or is_note(cells, header.first_col):
        return True
    # templates pre-fill 序号 1..100 down bordered blank rows: a lone 序号 is no item
    label = header.labels.get(filled[0], "")
    return len(filled) == 1 and filled[0] in number_only and label == "序号"


def _item_row(number: int, cells: list[object], header: Header,
              grid: Grid) -> tuple[ImportRow, list[str]]:
    """The row as far as it can be read (bad cells left empty), and its problems."""
    errors: list[str] = []
    warnings: list[str] = []
    cols = header.columns

    def values(name: str) -> list[object]:
        return [cells[c] for c in cols.get(name, []) if c < len(cells) and not is_blank(cells[c])]

    def first(name: str) -> object:
        found = values(name)
        return found[0] if found else None

    def label(name: str) -> str:
        return _label(header, name)

    def convert(name: str, fn: Callable[[object], object]) -> object:
        try:
            return fn(first(name))
        except BadCell as e:
            errors.append(f"第{number}行 {label(name)}：{e}")
            return None

    item_no = convert("number", parse_number)
    title = clean_text(first("title"))
    if not title:
        errors.append(f"第{number}行 {label('title')}：不能为空")
    names = [n for cell in values("proposer") for n in split_values(cell_text(cell))]
    proposer, note = _clean_name(names[0]) if names else ("", None)
    if note:
        warnings.append(f"第{number}行 {label('proposer')}：{note}")
    if not proposer:
        errors.append(f"第{number}行 {label('proposer')}：不能为空")
    if len(names) > 1:
        warnings.append(f"第{number}行 {label('proposer')}：有多人，第一位“{proposer}”作领衔，"
                        "其余作附议")
    co: list[str] = []
    for raw in names[1:] + [n for cell in values("co_proposers") for n in split_values(cell_text(cell))]:
        name, note = _clean_name(raw)
        if note:
            warnings.append(f"第{number}行 {label('co_proposers')}：{note}")
        co.append(name)

    tagged_lead, tagged_support, plain = _units(values("lead"))
    if len(tagged_lead) > 1:
        errors.append(f"第{number}行 {label('lead')}：只能有一个主办单位"
                      f"（{'、'.join(tagged_lead)}）")
    lead = tagged_lead[0] if tagged_lead else (plain.pop(0) if plain else None)
    more_lead, more_support, more_plain = _units(values("support"))
    support = _dedupe(tagged_support + plain + more_lead + more_support + more_plain,
                      drop={lead} if lead else set())

    def dated(name: str) -> date | None:
        return convert(name, lambda v: parse_cell_date(v, grid.epoch, label(name)))  # type: ignore[return-value]

    received, assigned, due = dated("received_on"), dated("assigned_on"), dated("due_on")
    if assigned and due and due < assigned:
        errors.append(f"第{number}行 {label('due_on')}：{due.isoformat()} 早于交办日期 "
                      f"{assigned.isoformat()}")
    flags = {}
    for name in ("key", "fast"):
        raw = first(name)
        flags[name] = parse_flag(raw)
        if flags[name] is None:
            warnings.append(f"第{number}行 {label(name)}：“{cell_text(raw).strip()}”不是“是”或“否”，"
                            "按“否”处理")
            flags[name] = False

    def text(name: str, *, multiline: bool = False) -> str | None:
        return clean_text(first(name), multiline=multiline) or None

    return ImportRow(
        row=number, number=item_no, title=title, proposer=proposer,  # type: ignore[arg-type]
        co_proposers=_dedupe(co, drop={proposer}), category=text("category"),
        content=text("content", multiline=True), lead=lead, support=support,
        received_on=received, assigned_on=assigned, due_on=due, delegation=text("delegation"),
        phone=text("phone"), address=text("address"), key=bool(flags["key"]),
        fast=bool(flags["fast"]), warnings=tuple(warnings),
    ), errors


def _check_numbers(parsed: Parsed, header: Header) -> None:
    if "number" not in header.columns:
        return
    numbers = [(r.row, r.number) for r in parsed.all_rows]
    label = _label(header, "number")
    bad = {row_of(e) for e in parsed.errors if e.split(" ", 1)[1].startswith(f"{label}：")}
    if any(n is not None for _r, n in numbers):
        for row, n in numbers:
            if n is None and row not in bad:
                parsed.errors.append(f"第{row}行 {label}：不能为空（本表其他行都有编号）")
    seen: dict[int, int] = {}
    for row, n in numbers:
        if n is not None and n in seen:
            parsed.errors.append(f"第{row}行 {label}：{n} 与第{seen[n]}行重复")
        elif n is not None:
            seen[n] = row
    parsed.errors.sort(key=row_of)  # stable: a row's own errors keep their column order


def _find_duplicates(parsed: Parsed) -> None:
    seen: dict[tuple[str, str], int] = {}
    for r in parsed.all_rows:
        if not r.title or not r.proposer:
            continue
        key = (title_key(r.title), r.proposer)
        if key in seen:
            parsed.duplicates.append(f"第{r.row}行 与第{seen[key]}行重复（标题、领衔代表相同）")
        else:
            seen[key] = r.row


def row_of(message: str) -> int:
    """The row a message opens with; others (unknown units) sort last: `sorted(errors, key=row_of)`."""
    m = re.match(r"第(\d+)行", message)
    return int(m.group(1)) if m else 1 << 30


def check_against(parsed: Parsed, *, known_units: Callable[[str], str | None],
                  close_matches: Callable[[str], list[str]], session_keys: set[tuple[str, str]],
                  session_numbers: set[int], create_units: bool,
                  allow_duplicates: bool) -> list[str]:
    """Problems only the database can show: unknown units, used numbers, duplicates."""
    errors: list[str] = []
    rows = parsed.all_rows or parsed.rows
    for r in rows:
        if r.number is not None and r.number in session_numbers:
            errors.append(f"第{r.row}行 编号：第{r.number}号已存在，请改用其他编号")
        if not r.title or not r.proposer:
            continue
        if not allow_duplicates and (title_key(r.title), r.proposer) in session_keys:
            errors.append(f"第{r.row}行 与本届已有建议重复（标题、领衔代表相同），"
                          "确需导入请加 --allow-duplicates")
    if not allow_duplicates:
        errors.extend(parsed.duplicates)
    errors.sort(key=row_of)
    if not create_units:
        unknown: dict[str, list[int]] = {}
        for r in rows:
            for name in ([r.lead] if r.lead else []) + list(r.support):
                if known_units(name) is None:
                    where = unknown.setdefault(name, [])
                    if r.row not in where:
                        where.append(r.row)
        for name, where in unknown.items():
            errors.append(unknown_unit_message(name, where, close_matches(name)))
    return errors


def unknown_unit_message(name: str, rows: list[int], close: list[str]) -> str:
    where = "、".join(str(n) for n in rows)
    hint = f"，相近的有：{'、'.join(close[:3])}。" if close else "。"
    return f"单位“{name}”不存在（第{where}行）{hint}可先用 docket unit add 添加，或加 --create-units"


# ---------------------------------------------------------------- units and plans


def read_units(path: str | Path, sheet: str | None = None,
               limits: Limits | None = None) -> list[UnitRow]:
    """Rows of a unit list; any bad row -> BadInput with every problem in `details`."""
    grid, header = _open(path, sheet, UNIT_SYNONYMS, ("name",), None, limits)
    out: list[UnitRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, cells in grid.rows[header.data_start:]:
        if _skip(cells, header, []):
            continue
        get = _getter(cells, header)
        name = clean_unit(get("name"))
        if not name:
            errors.append(f"第{number}行 {_label(header, 'name')}：不能为空")
            continue
        if name in seen:
            errors.append(f"第{number}行 {_label(header, 'name')}：“{name}”与第{seen[name]}行重复")
            continue
        seen[name] = number
        out.append(UnitRow(row=number, name=name, short=clean_unit(get("short")) or None,
                           contact=clean_name(get("contact"))[0] or None,
                           phone=clean_text(get("phone")) or None))
    if errors:
        raise BadInput(f"单位表有 {len(errors)} 处错误，未导入任何单位：", details=errors)
    return out


def read_plan(path: str | Path, sheet: str | None = None,
              limits: Limits | None = None) -> list[PlanRow]:
    """Rows of an assignment plan (number, lead, support); any bad row -> BadInput."""
    grid, header = _open(path, sheet, PLAN_SYNONYMS, ("number", "lead"), FALLBACK_HEADERS, limits)
    out: list[PlanRow] = []
    errors: list[str] = []
    seen: dict[int, int] = {}
    for number, cells in grid.rows[header.data_start:]:
        if _skip(cells, header, header.columns.get("number", [])):
            continue
        get = _getter(cells, header)
        try:
            item_no = parse_number(get("number"))
        except BadCell as e:
            errors.append(f"第{number}行 {_label(header, 'number')}：{e}")
            item_no = -1
        if item_no is None:
            errors.append(f"第{number}行 {_label(header, 'number')}：不能为空")
        elif item_no in seen:
            errors.append(f"第{number}行 {_label(header, 'number')}：{item_no} 与第{seen[item_no]}行重复")
        elif item_no > 0:
            seen[item_no] = number
        lead_cols = [cells[c] for c in header.columns.get("lead", []) if c < len(cells)]
        sup_cols = [cells[c] for c in header.columns.get("support", []) if c < len(cells)]
        tagged, tagged_support, plain = _units(lead_cols)
        lead = tagged[0] if tagged else (plain.pop(0) if plain else None)
        if len(tagged) > 1:
            errors.append(f"第{number}行 {_label(header, 'lead')}：只能有一个主办单位（{'、'.join(tagged)}）")
        if not lead:
            errors.append(f"第{number}行 {_label(header, 'lead')}：不能为空")
        a, b, c = _units(sup_cols)
        if lead and clean_unit(lead) in {clean_unit(x) for x in tagged_support + plain + a + b + c}:
            errors.append(f"第{number}行 {_label(header, 'support')}：主办单位“{lead}”不能同时是协办单位")
        if item_no and item_no > 0 and lead:
            out.append(PlanRow(row=number, number=item_no, lead=lead,
                               support=_dedupe(tagged_support + plain + a + b + c, drop={lead})))
    if errors:
        raise BadInput(f"交办方案有 {len(errors)} 处错误，未交办任何建议：", details=errors)
    return out


def _getter(cells: list[object], header: Header) -> Callable[[str], object]:
    def get(name: str) -> object:
        for c in header.columns.get(name, []):
            if c < len(cells) and not is_blank(cells[c]):
                return cells[c]
        return None
    return get


def _label(header: Header, name: str) -> str:
    where = header.columns.get(name)
    written = header.labels[where[0]] if where else ""
    return written if written and not written.isascii() else FIELD_LABELS.get(name, name)


def _open(path: str | Path, sheet: str | None, synonyms: dict[str, str],
          required: tuple[str, ...], fallback: dict[str, str] | None = None,
          limits: Limits | None = None) -> tuple[Grid, Header]:
    grids = load_grids(path, sheet, limits)
    for grid in grids:  # escape sequences out before any cell is split, parsed or shown
        grid.cleaned = clean_rows(grid.rows)
    if not grids:
        raise BadInput("文件中没有可读取的工作表")
    limits = limits or Limits()
    for grid in grids:
        header = find_header(grid, synonyms, MULTI_VALUE, required, fallback)
        if header is not None:
            data = sum(1 for _n, cells in grid.rows[header.data_start:] if cells)
            if data > limits.max_rows:  # the grid's own bound has slack for titles and notes
                raise BadInput(TOO_MANY_ROWS.format(name=Path(path).name, limit=limits.max_rows))
            return grid, header
    wanted = "、".join(f"“{FIELD_LABELS.get(r, r)}”" for r in required)
    where = f"工作表“{grids[0].name}”" if len(grids) == 1 and sheet else "文件"
    raise BadInput(f"{where}的前20行中没有找到表头：需要有一行同时含{wanted}列"
                   f"（或其同义词，如 案由、提案人）。请检查表头或用 --sheet 指定工作表")
