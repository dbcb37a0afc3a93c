"""One way to print: JSON for scripts, a rich table on a terminal, aligned text in a pipe.

Whatever reaches the terminal passes core/text first: a stored text with an escape sequence
(from an old database or a path not yet guarded) is printed without it, never run by the terminal.
JSON needs nothing: the encoder writes every control character as a \\u escape."""
from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from datetime import date
from itertools import islice
from typing import Any, Callable, Iterable, Sequence

import click

from docket.core.text import display_width, strip_controls

json_option = click.option("json_", "--json", is_flag=True, help="以 JSON 输出（供脚本使用）。")
dry_run_option = click.option("--dry-run", is_flag=True, help="只检查并显示结果，不写入。")


def pad(text: str, w: int) -> str:
    return text + " " * max(0, w - display_width(text))


def _cell(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "是" if v else ""
    if isinstance(v, (list, tuple)):
        return strip_controls("、".join(str(x) for x in v), multiline=False)
    if isinstance(v, date):
        return v.isoformat()
    return strip_controls(str(v), multiline=False)


# json escapes C0 itself; DEL and C1 (U+009B is CSI to some terminals) it writes raw when
# ensure_ascii=False. They occur only inside strings, where \\u009b is the same text.
_C1 = re.compile("[\x7f-\x9f]")


def _c1_escaped(text: str) -> str:
    return _C1.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) if _C1.search(text) else text


def dump_json(data: Any) -> None:
    if isinstance(data, list) and data and all(isinstance(r, dict) for r in data):
        dump_json_rows(data)
        return
    sys.stdout.write(_c1_escaped(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"))


def dump_json_rows(rows: Iterable[dict | bytes]) -> None:
    """A listing as a JSON array, written as its rows come (a reader of a pipe gets the first at
    once; no list of every row, no string of the whole array): one compact row per line, as
    json's C encoder runs only without indent= (the pure-Python one took 0.14-0.23 s of
    `list --json` on 10,000 items). A row may come as bytes: its JSON text already, in UTF-8
    (core/queue.py `iter_json`, built by SQLite), written as it is. No rows: `[]`, as json.dumps
    writes it."""
    encode = json.JSONEncoder(ensure_ascii=False, default=str).encode
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        sys.stdout.write("[]\n")
        return
    write = _writer()
    errors = sys.stdout.errors or "strict"

    def utf8(r: dict | bytes) -> bytes:
        return r if isinstance(r, bytes) else encode(r).encode("utf-8", errors)
    write(b"[\n  ")
    batch = [utf8(first)]
    append = batch.append
    for r in rows:
        append(r if isinstance(r, bytes) else utf8(r))
        if len(batch) > 256:  # about 256 rows a write
            write(b",\n  ".join(batch))
            batch[:] = [b""]  # the next write begins with the separator
    write(b",\n  ".join(batch) + b"\n]\n")


def _writer() -> Callable[[bytes], None]:
    """Writes UTF-8 text to stdout with DEL and C1 escaped (`_c1_escaped`). On a UTF-8 stdout
    it looks for them in the bytes (a memchr for 0x7f and 0xc2, the lead byte of
    U+0080-U+00BF), which is ten times faster than the regular expression on a long text."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    errors = out.errors or "strict"
    if buffer is None or codecs.lookup(out.encoding or "ascii").name != "utf-8":
        return lambda data: out.write(_c1_escaped(data.decode("utf-8", errors)))
    out.flush()  # what was written as text goes first
    _widen_pipe(buffer)

    def write(data: bytes) -> None:
        if b"\x7f" in data or b"\xc2" in data:
            data = _c1_escaped(data.decode("utf-8", errors)).encode("utf-8", errors)
        buffer.write(data)
    return write


def emit(rows: Sequence[dict], columns: Sequence[tuple[str, str]], json_: bool = False,
         title: str | None = None, styles: dict[str, Any] | None = None) -> None:
    """Render rows: JSON when asked, a rich table on a TTY, CJK-aligned plain text otherwise."""
    if json_:
        dump_json(list(rows))
        return
    if not rows:
        return
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, header_style="bold", show_lines=False)
        for _, header in columns:
            table.add_column(header, overflow="fold")
        for r in rows:
            style = styles(r) if callable(styles) else None
            # Text, not str: rich would read "[/x]" in a title as markup (and fail on it)
            table.add_row(*(Text(_cell(r.get(k))) for k, _ in columns), style=style)
        Console().print(table)
        return
    _Plain(columns).page(rows)


def emit_rows(rows: Iterable[dict], columns: Sequence[tuple[str, str]],
              styles: Callable[[dict], Any] | None = None, *, pages: tuple[int, int]) -> None:
    """A listing as it is read: on a TTY the rich table of `emit` (its widths need every row);
    in a pipe aligned lines, page by page, so that `docket list | head` prints at once: the
    header and the first `pages[0]` rows (a screen) aligned together and written before more is
    read, then each `pages[1]` rows aligned with them, a column widening (never narrowing) where
    a later page holds a wider cell. Every line keeps the header's columns in order, two spaces
    or more apart."""
    if sys.stdout.isatty():
        emit(list(rows), columns, styles=styles)
        return
    plain = _Plain(columns)
    rows = iter(rows)
    first, page = pages
    size = first
    while chunk := list(islice(rows, size)):
        plain.page(chunk)
        size = page


_HASHED = {str, int, float, bool, type(None), date}  # values whose cells are kept by value


class _Plain:
    """Aligned lines in a pipe (CJK width-aware, `display_width`), written a page at a time:
    each distinct value's text and each character's width worked out once (100,000 rows); the
    header goes with the first page, the widths grow with the pages."""

    def __init__(self, columns: Sequence[tuple[str, str]]) -> None:
        self.keys = [k for k, _ in columns]
        self.header: list[str] | None = [header for _, header in columns]
        self.cells: dict[tuple, str] = {}
        self.widths = [0] * len(columns)
        self.width = _Widths().width

    def cell(self, v: Any) -> str:
        if isinstance(v, (list, tuple, dict)):
            return _cell(v)
        key = (type(v), v)  # True == 1 == 1.0, but their cells differ
        got = self.cells.get(key)
        if got is None:
            got = self.cells[key] = _cell(v)
        return got

    def page(self, rows: Iterable[dict]) -> None:
        cell, keys, known = self.cell, self.keys, self.cells.get
        # a value seen before costs one lookup (most cells of a long listing: units, states, dates)
        lines = [[known((v.__class__, v)) or cell(v) if v.__class__ in _HASHED else cell(v)
                  for v in map(r.get, keys)] for r in rows]
        if self.header is not None:
            lines.insert(0, self.header)
            self.header = None
        if not lines:
            return
        width = self.width
        sizes = {c: width(c) for c in {c for line in lines for c in line}}
        widths = self.widths = [max(w, *(sizes[line[i]] for line in lines)) for i, w in enumerate(self.widths)]
        # each column's distinct cells padded once, the lines zipped back from the columns
        padded = [map({c: c + " " * (w - sizes[c]) for c in set(column)}.__getitem__, column)
                  for w, column in zip(widths, zip(*lines))]
        sys.stdout.write("".join("  ".join(line).rstrip() + "\n" for line in zip(*padded)))
        sys.stdout.flush()  # a pipe's reader gets the page now, not when a buffer fills


class _Widths(dict):
    """display_width, one character at a time, each character's width asked for once."""

    def __missing__(self, ch: str) -> int:
        got = self[ch] = display_width(ch)
        return got

    def width(self, text: str) -> int:
        return sum(map(self.__getitem__, text))


def on_terminal() -> bool:
    """Someone reads stdout (not a pipe or cron): the place for the closing sentence on stderr."""
    return sys.stdout.isatty()


def say(message: str) -> None:
    """A sentence for the person at the terminal: stderr, never mixed with data."""
    click.echo(strip_controls(message), err=True)


def echo(text: object) -> None:
    """A line (or lines) of data on stdout, without control characters or escape sequences."""
    click.echo(strip_controls(str(text)))


def warn_all(warnings: Iterable[str]) -> None:
    for w in dict.fromkeys(warnings):
        if w:
            say(f"注意：{w}")


def progress_bar(total: int, label: str):
    """A progress bar on a terminal (stderr) for several files, else nothing: (context, callback)."""
    from contextlib import nullcontext

    if not (sys.stderr.isatty() and total > 1):
        return nullcontext(), None
    bar = click.progressbar(length=total, label=label, file=sys.stderr)
    return bar, lambda done, total_, name: bar.update(done - bar.pos)


def _widen_pipe(buffer) -> None:
    """A stdout that is a pipe gets a 1 MiB buffer (Linux; 64 KiB by default): `list --json` of
    100,000 items (55 MB) then waits for its reader some 50 times instead of some 850."""
    try:
        import fcntl

        fd = buffer.fileno()
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError, ValueError):
        pass  # not a pipe, another system, or a lower limit: the pipe as it is
