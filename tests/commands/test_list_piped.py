"""`docket list` in a pipe (contract.md §1: plain, space-aligned, CJK width-aware text): written a
page at a time as it is read, so `docket list | head` prints at once; each line still holds the
header's columns, two spaces or more apart, aligned within a page and never narrower than the
page before."""
from __future__ import annotations

import json
import re

import pytest

from docket.commands.output import emit_rows
from docket.core.text import display_width
from tests.conftest import invoke

COLUMNS = [("number", "编号"), ("title", "标题")]


def test_the_first_page_is_written_before_the_rest_is_read(capsys: pytest.CaptureFixture) -> None:
    def rows():
        for n in range(1, 61):
            yield {"number": n, "title": "关于" + "长" * (n % 7) + "的建议"}
        raise RuntimeError("still reading")  # the listing is not finished

    with pytest.raises(RuntimeError):
        emit_rows(rows(), COLUMNS, pages=(50, 2000))
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 51 and out[0].startswith("编号  标题") and out[50].startswith("50  ")


def test_pages_are_aligned_and_widen_only(capsys: pytest.CaptureFixture) -> None:
    rows = [{"number": n, "title": "短"} for n in range(1, 4)] + [{"number": 4, "title": "很长很长的标题"},
                                                                  {"number": 10, "title": "短"}]
    emit_rows(iter(rows), COLUMNS, pages=(3, 2))
    assert capsys.readouterr().out.splitlines() == [
        "编号  标题",
        "1     短",
        "2     短",
        "3     短",
        "4     很长很长的标题",
        "10    短",
    ]


def cells(line: str) -> list[str]:
    return re.split(r" {2,}", line.rstrip())


def columns_at(line: str) -> list[int]:
    """The display column where each cell of a line begins."""
    return [display_width(line[:m.start()]) for m in re.finditer(r"(?:^|(?<=  ))\S", line)]


def test_list_in_a_pipe_is_what_json_says_aligned_page_by_page(demo_county, monkeypatch) -> None:
    demo = demo_county()
    monkeypatch.setenv("DOCKET_DB", str(demo.path))
    rows = json.loads(invoke("list", "--json").stdout)
    assert len(rows) > 50
    lines = invoke("list").stdout.splitlines()
    assert len(lines) == len(rows) + 1 and cells(lines[0]) == ["编号", "标题", "领衔人", "主办单位", "状态",
                                                                "期限", "剩余", "颜色"]
    colour = {"white": "白", "yellow": "黄", "red": "红", None: "—"}
    for line, r in zip(lines[1:], rows):
        want = [str(r["number"]), r["title"], r["proposer"], r["lead_unit"] or "—", r["state_label"],
                r["due_on"] or "—", "—" if r["days_left"] is None else str(r["days_left"]), colour[r["color"]]]
        assert cells(line) == want, line
    first = {tuple(columns_at(line)) for line in lines[:51]}
    assert len(first) == 1  # the header and the first page: one set of columns
    header = columns_at(lines[0])
    assert all(a >= b for line in lines[51:] for a, b in zip(columns_at(line), header))


def test_a_whole_listing_read_page_by_page_is_the_listing(demo_county, monkeypatch) -> None:
    """The first pages read on their own (here 5 rows, then 7), then the rest at once: the
    same rows, in the same order, as the listing read in one go, on two days."""
    from datetime import date

    from docket.core import queue
    from docket.store.db import opened

    monkeypatch.setattr(queue, "FIRST_PAGES", (5, 7))
    with opened(demo_county().path) as conn:
        for as_of in (date(2026, 3, 20), date(2026, 2, 10)):
            whole = queue.list_items(conn, as_of=as_of, with_units=True)
            assert len(whole) > 12
            assert list(queue.iter_items(conn, as_of=as_of, with_units=True)) == whole
            assert list(queue.iter_items(conn, as_of=as_of)) == [
                {k: v for k, v in r.items() if k != "units"} for r in whole]


def test_list_json_into_a_real_pipe_is_the_same_text(demo_county) -> None:
    """`list --json` writing into a pipe (widened to 1 MiB where the system allows) gives its
    reader the very bytes written in-process, and the reader may read slowly."""
    import os
    import subprocess
    import sys

    demo = demo_county()
    want = invoke("--db", str(demo.path), "list", "--json").stdout_bytes
    p = subprocess.Popen([sys.executable, "-m", "docket", "--db", str(demo.path), "list", "--json"],
                         stdout=subprocess.PIPE, env=os.environ.copy())
    assert p.stdout is not None
    got = b"".join(iter(lambda: p.stdout.read(4096), b""))
    assert p.wait() == 0 and got == want and json.loads(got)
