"""Intake at scale (issue 16): the duplicate check keys only the session titles that may repeat a
row, and the look-alike notes of a file are found for all rows at once. Both must say exactly
what the row-by-row versions say."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from docket.core import similar
from docket.store import items
from docket.store.db import opened
from tests.conftest import invoke, ok, rows


def test_a_row_repeating_an_item_with_other_punctuation_width_or_enclosed_forms_is_refused(
        office_db: Path, tmp_path: Path) -> None:
    ok("add", "--title", "关于㈠号路口增设G205信号灯的建议", "--proposer", "张三")
    ok("add", "--title", "关于加强农村道路建设的建议", "--proposer", "李四")
    before = rows(office_db, "items")
    sheet = tmp_path / "汇总.csv"
    sheet.write_text("标题,领衔代表\n"
                     "关于（一）号路口增设ｇ２０５信号灯的建议,张三\n"   # ㈠ is (一) under NFKC; width, case
                     "关于“加强” 农村道路，建设的建议。,李四\n"         # quotes, spaces, commas
                     "关于加强农村道路建设的建议,王五\n"                # another proposer: no repeat
                     "关于加强农村公路建设的建议,李四\n", encoding="utf-8")  # another title
    result = invoke("import", str(sheet))
    assert result.exit_code == 1
    lines = [ln.strip() for ln in result.stderr.splitlines()[1:]]
    assert lines == ["第2行 与本届已有建议重复（标题、领衔代表相同），确需导入请加 --allow-duplicates",
                     "第3行 与本届已有建议重复（标题、领衔代表相同），确需导入请加 --allow-duplicates"]
    assert rows(office_db, "items") == before


def _row_by_row(conn, numbers: list[int]) -> list[similar.IntakeNote]:
    """What intake_notes said before it read a file's candidates at once: two queries a row."""
    sess = items.current_session(conn, None)
    notes, texts = [], {}
    for n in numbers:
        item = items.item_by_number(conn, sess, n)
        found = [x for x in similar.candidates_of(conn, item, threshold=similar.THRESHOLD,
                                                  most=similar.INTAKE_CANDIDATES, texts=texts, titles=False)
                 if x.score >= similar.THRESHOLD][:3]
        if found:
            notes.append(similar.IntakeNote(n, found))
    return notes


def test_a_files_look_alike_notes_are_the_row_by_row_ones(tmp_path: Path) -> None:
    """Near-copies, reordered phrases, other places and many rows sharing bands (ties at the cut of
    INTAKE_CANDIDATES): the file at once finds the same candidates, scores and order."""
    from docket.core import intake
    from docket.fixtures import county
    from docket.fixtures.lookalikes import _request

    rng = random.Random(16)
    towns = [t for t, _ in county.TOWNS]
    sheet = tmp_path / "rows.csv"
    lines = ["标题,领衔代表,类别,内容"]
    for i in range(300):
        t = rng.randrange(6)  # few topics: many rows share bands, so the cut at 20 falls among ties
        title, content, _ = _request(t, rng.choice(towns), rng)
        lines.append(f"{title},代表{i},{county.TOPICS[t].category},{content if i % 3 else ''}")
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "intake.db"
    today = date(2026, 3, 20)
    intake.init_db(db, actor="test", today=today)
    with opened(db) as conn:
        first = intake.import_file(conn, sheet, allow_duplicates=True, actor="test", today=today)
        done = intake.import_file(conn, sheet, allow_duplicates=True, actor="test", today=today)
        at_once = similar.intake_notes(conn, first.numbers + done.numbers)
        assert at_once == _row_by_row(conn, first.numbers + done.numbers)
        assert len(at_once) > 300 and any(len(n.alikes) == 3 for n in at_once)
