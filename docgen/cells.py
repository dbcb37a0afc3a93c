"""How text fits a table cell: widths on the wide side, and where a date, a unit name, a list
of names or a label breaks when it does not fit (documents.md §1.5; checked by rendering with
wide stand-in fonts).
"""
from __future__ import annotations

from functools import lru_cache
from itertools import combinations
from math import comb

from docket.docgen import wording


def label_cell(text: str, col_mm: float, size: float = 12) -> object:
    """A label too wide for its column on two balanced lines, as a clerk would set it:
    承办/方式, 按期/答复率, 对办理态度/的评价 (not 承办方/式); one that fits stays whole."""
    avail_pt = (col_mm - 2) * 72 / 25.4
    n = len(text)
    if wording.text_width(text) * size <= avail_pt or n < 2:
        return text
    best, best_cost = n // 2, None
    for cut in range(1, n):
        head, tail = text[:cut], text[cut:]
        if max(wording.text_width(head), wording.text_width(tail)) * size > avail_pt:
            continue
        # even halves, the first no longer; a break before 的 or after 否 reads naturally
        cost = abs(cut - n / 2) + (0.1 if cut > n / 2 else 0)
        if tail[0] == "的" or head[-1] == "否":
            cost -= 1.5
        if best_cost is None or cost < best_cost:
            best, best_cost = cut, cost
    return (text[:best], text[best:])


# Widths in a table cell are estimated on the wide side: the fallback fonts a PC may use
# (Noto CJK) have 0.56 em digits, and LibreOffice and Word put about 0.2 em between Chinese
# characters and digits or Latin letters (rendered: 2026 年 10 月 22 日).
_HALF = 0.56
_GAP = 0.2
CELL_MARGIN_MM = 1.0      # the table's side margins (tblCellMar 57 twips)
DATE_MARGIN_MM = 0.5      # a date cell's side margins (tcMar)
DATE_MARGIN_TWIPS = 28    # the same in twips (tcMar)


@lru_cache(maxsize=4096)
def cell_width(text: str) -> float:
    """Width in em of text set in a cell, on the wide side (see _HALF, _GAP)."""
    width, prev = 0.0, None
    for ch in text:
        full = wording.text_width(ch) == 1
        width += 1.0 if full else _HALF
        if prev is not None and prev != full and not ch.isspace():
            width += _GAP
        prev = full
    return width


def _room(col_mm: float, size: float, margin_mm: float = CELL_MARGIN_MM) -> float:
    """The width in em a column leaves for text."""
    return (col_mm - 2 * margin_mm) * 72 / 25.4 / size


_UNIT_SUFFIXES = ("人民政府", "有限公司", "分公司", "委员会", "办公室", "服务中心", "中心", "公司")
_JOINERS = set("和与及")


@lru_cache(maxsize=512)
def unit_tokens(name: str) -> tuple[str, ...]:
    """A unit name in the pieces it may break between: 县/交通/运输局, 梅山镇/人民政府,
    县/人力/资源/和/社会/保障局, 中国/移动/青禾/分公司. Names are mostly two-character words
    after a place prefix, with a one-character ending (局) that never stands alone."""
    rest, head, tail = name, [], []
    i = rest.find("县")
    if 0 <= i <= 4 and i < len(rest) - 1:
        head, rest = [rest[:i + 1]], rest[i + 1:]
    else:
        for j, ch in enumerate(rest[:4]):
            if ch in "镇乡" and rest[j + 1:].startswith(("人民政府", "政府")):
                head, rest = [rest[:j + 1]], rest[j + 1:]
                break
    for suffix in _UNIT_SUFFIXES:
        if rest.endswith(suffix) and (len(rest) > len(suffix) or head):
            tail, rest = [suffix], rest[:-len(suffix)]
            break
    words: list[str] = []
    k = 0
    while k < len(rest):
        if rest[k] in _JOINERS and words:
            words.append(rest[k])
            k += 1
            continue
        words.append(rest[k:k + 2])
        k += 2
    # a lone last character (局, 水) joins the word before it
    if len(words) > 1 and len(words[-1]) == 1 and words[-1] not in _JOINERS:
        words[-2:] = [words[-2] + words[-1]]
    return tuple(t for t in head + words + tail if t)


_SEARCH_CAP = 2000  # most ways to cut a name into its fewest lines that are compared


def _unit_lines(name: str, room: float) -> tuple[str, ...] | None:
    """The fewest balanced lines of whole pieces that fit room (em); None if a piece is too wide.

    Greedy filling gives the fewest lines k; among the ways to cut into exactly k lines the most
    even wins (then the longer first line: 县交通/运输局). Names have a handful of pieces, so
    every such way is compared; a very long name (hundreds of pieces) keeps the greedy lines
    rather than trying 2^(n-1) cuts."""
    tokens = unit_tokens(name)
    if any(cell_width(t) > room for t in tokens):
        return None
    greedy: list[str] = []
    for t in tokens:
        if greedy and cell_width(greedy[-1] + t) <= room:
            greedy[-1] += t
        else:
            greedy.append(t)
    n, k = len(tokens), len(greedy)
    if k == 1 or comb(n - 1, k - 1) > _SEARCH_CAP:
        return tuple(greedy)
    best, best_key = None, None
    for cuts in combinations(range(1, n), k - 1):
        bounds = (0, *cuts, n)
        lines = ["".join(tokens[a:b]) for a, b in zip(bounds, bounds[1:])]
        widths = [cell_width(line) for line in lines]
        if max(widths) > room:
            continue
        # the most even, then the longer line first (县交通/运输局)
        key = (max(widths) - min(widths), -widths[0])
        if best_key is None or key < best_key:
            best, best_key = tuple(lines), key
    return best


@lru_cache(maxsize=2048)
def unit_cell(name: str, col_mm: float, size: float = 12) -> object:
    """A unit name whole if it fits, else broken between its words on balanced lines:
    县交通/运输局, 梅山镇/人民政府 (not 县交通运输/局, 梅山镇人民政/府)."""
    room = _room(col_mm, size)
    if cell_width(name) <= room:
        return name
    lines = _unit_lines(name, room)
    return lines if lines and len(lines) > 1 else name


_NO_LINE_START = frozenset("、，。；：？！）》」』”’")
_NO_LINE_END = frozenset("（《「『“‘")


def _may_break(text: str, i: int) -> bool:
    """Whether a line may start at text[i]: not after a Latin letter or digit (LibreOffice
    keeps X035线 together, rendered), not at closing punctuation, not after an opening one."""
    a, b = text[i - 1], text[i]
    return (b not in _NO_LINE_START and a not in _NO_LINE_END
            and not (a.isascii() and a.isalnum()))


def _greedy_lines(text: str, room: float) -> list[str]:
    """The lines text wraps into at room em (cell_width), breaking where _may_break allows:
    9 characters a line in the 交办清单's 43 mm 标题 column, as LibreOffice sets them."""
    lines, start, last_ok = [], 0, None
    for i in range(1, len(text) + 1):
        if cell_width(text[start:i]) > room and last_ok is not None:
            lines.append(text[start:last_ok])
            start, last_ok = last_ok, None
        if i < len(text) and _may_break(text, i) and i > start:
            last_ok = i
    lines.append(text[start:])
    return lines


def title_cell(text: str, col_mm: float, size: float = 12) -> object:
    """A title whose last line would hold a single character (…段的建 / 议) takes one or two
    more from the line before, from 的 where it is near: 关于改造提升县道 / X035线杏花乡段 /
    的建议. Other titles wrap as they fall."""
    room = _room(col_mm, size)
    lines = _greedy_lines(text, room)
    if len(lines) < 2 or cell_width(lines[-1]) > 1:
        return text
    prev, last = lines[-2], lines[-1]
    de = prev.rfind("的")
    cut = de if de >= len(prev) - 3 and de > 0 else len(prev) - 1
    offset = len(text) - len(last) - len(prev)
    while cut > 0 and not _may_break(text, offset + cut):
        cut -= 1
    if cut <= 0:
        return text
    return tuple(lines[:-2]) + (prev[:cut], prev[cut:] + last)


def list_cell(names: list[str] | tuple[str, ...], col_mm: float, size: float = 12) -> object:
    """Names joined with 、, wrapped after a 、 rather than inside a name (冯玉/兰) when the
    list does not fit on one line; a name too long for a line breaks between its words
    (县应急/管理局、)."""
    return _list_cell(tuple(names), col_mm, size)


@lru_cache(maxsize=2048)
def _list_cell(names: tuple[str, ...], col_mm: float, size: float) -> object:
    text = "、".join(names)
    room = _room(col_mm, size)
    if cell_width(text) <= room:
        return text
    lines, cur = [], ""
    for i, name in enumerate(names):
        mark = "、" if i < len(names) - 1 else ""
        piece = name + mark
        if cell_width(cur + piece) <= room:
            cur += piece
            continue
        if cur:
            lines.append(cur)
        # the 、 may hang at the line end (it never starts a line)
        if cell_width(name) <= room:
            cur = piece
            continue
        parts = _unit_lines(name, room) or (name,)
        lines.extend(parts[:-1])
        cur = parts[-1] + mark
    lines.append(cur)
    return tuple(lines) if len(lines) > 1 else text


@lru_cache(maxsize=2048)
def date_cell(text: str, col_mm: float, size: float = 12) -> object:
    """A date that does not fit its column breaks after 年 (§1.5); for a 'date' column
    (narrow margins) of the table."""
    room = _room(col_mm, size, DATE_MARGIN_MM)
    if cell_width(text) <= room or "年" not in text.rstrip("年"):
        return text
    head, tail = text.split("年", 1)
    return (head + "年", tail)


def split_after(text: str, mark: str, col_mm: float, size: float = 12) -> object:
    """Text too wide for its column breaks after the first mark: 2026年 / 6月5日,
    青移函〔2026〕 / 17号 (not 青移函〔2026〕17 / 号)."""
    avail_pt = (col_mm - 2) * 72 / 25.4
    if wording.text_width(text) * size <= avail_pt or mark not in text.rstrip(mark):
        return text
    head, tail = text.split(mark, 1)
    return (head + mark, tail)
