"""Finding a grid's header row and which columns hold which field; telling notes from items."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from docket.core.sheets.grid import Grid
from docket.core.sheets.values import cell_text, is_blank

HEADER_ROWS = 20  # the header must be among the first 20 non-empty rows
NOTE_PREFIXES = ("注", "说明", "备注", "填表", "制表", "合计", "总计")
_LEADING_MARK = re.compile(r"^[*※]+")
_TRAILING_NOTE = re.compile(r"(\([^()]*\)|【[^【】]*】|\[[^\[\]]*\])$")
_TRAILING_MARK = re.compile(r"[:*]+$")


@dataclass(frozen=True, slots=True)
class Header:
    """Where the data starts and which columns hold which field."""

    data_start: int  # index into Grid.rows of the first data row
    columns: dict[str, list[int]]  # field -> column indexes, left to right
    labels: dict[int, str]  # column index -> its header as cleaned (for messages)
    ignored: list[str]
    first_col: int


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
