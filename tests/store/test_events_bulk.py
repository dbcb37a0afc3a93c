"""An import writes its items' events together (store.events.append_all): the same chain, in the
same order, as one append per item: each item's event before its assignment's, the head last."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import ok
from tests.store.test_search_bulk import SHEET


def test_an_imports_events_are_one_chain_in_the_order_of_its_rows(office_db: Path,
                                                                   tmp_path: Path) -> None:
    from docket.store.events import GENESIS, _digest

    ok("add", "--title", "关于松林乡文化站的建议", "--proposer", "孙七", "--received", "2026-01-02")
    sheet = tmp_path / "s.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    ok("import", str(sheet), today="2026-01-06")
    conn = sqlite3.connect(office_db)
    try:
        evs = conn.execute("SELECT id, at, by, action, entity, entity_id, item_id, detail, prev_hash,"
                           " hash FROM events ORDER BY id").fetchall()
        head = conn.execute("SELECT last_id, hash FROM event_head").fetchone()
        numbers = dict(conn.execute("SELECT id, number FROM items").fetchall())
    finally:
        conn.close()
    prev = GENESIS
    for e in evs:
        assert e[8] == prev and e[9] == _digest(prev, *e[1:8])
        prev = e[9]
    assert head == (evs[-1][0], evs[-1][9])
    imported = [(e[3], numbers[e[6]]) for e in evs if e[6] and e[3] != "add"]
    firsts = [n for i, (a, n) in enumerate(imported) if a == "import"]
    assert firsts == [2, 3, 4, 5]
    # an assigned row's assignment events follow its own import event, before the next row's
    for n in (3, 5):
        at = imported.index(("import", n))
        assert imported[at + 1][1] == n and imported[at + 1][0] != "import"
    ok("audit", "verify")
