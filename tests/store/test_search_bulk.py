"""An import builds its items' search rows in one pass at the end (store.search.rows_built_after)
instead of by the insert trigger row by row: the rows must be those the triggers make, the
trigger must be back afterwards, and a refused or dry-run import must leave all as it was."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import invoke, ok

SHEET = ("标题,领衔代表,附议代表,内容,主办单位,协办单位,提出日期,交办日期\n"
         "关于改善梅山镇中心小学教学条件的建议,张三,李四、王五,学校操场年久失修，雨天积水。,,,2026-01-02,\n"
         "关于修缮县城道路的建议,李四,,梅山镇到县城的道路坑洼。,县水利局,县卫生健康局,2026-01-02,2026-01-05\n"
         "关于治理青禾河污染的建议,王五,赵六,,,,2026-01-02,\n"
         "关于河道清淤的建议,周八,,,卫健局,,2026-01-02,2026-01-05\n")


def _search_state(db: Path) -> dict[str, list[tuple]]:
    """Everything the three search tables hold: item_search and item_search_short by row, the
    contentless item_search_chars by its every token instance (fts5vocab)."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.chars_vocab USING fts5vocab(main, item_search_chars,"
                     " instance)")
        return {
            "item_search": conn.execute("SELECT rowid, * FROM item_search ORDER BY rowid").fetchall(),
            "item_search_short": conn.execute("SELECT * FROM item_search_short ORDER BY item_id").fetchall(),
            "item_search_chars": conn.execute("SELECT * FROM chars_vocab ORDER BY doc, col, offset, term").fetchall(),
            "triggers": conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                                     " ORDER BY name").fetchall(),
        }
    finally:
        conn.close()


def _rebuilt_row_by_row(db: Path) -> None:
    """Every item's search rows made again by the update trigger, one item at a time."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        for (item_id,) in conn.execute("SELECT id FROM items ORDER BY id").fetchall():
            conn.execute("UPDATE items SET title = title WHERE id = ?", (item_id,))
    finally:
        conn.close()


def test_an_imports_search_rows_equal_those_the_triggers_make(office_db: Path, tmp_path: Path) -> None:
    ok("add", "--title", "关于松林乡文化站的建议", "--proposer", "孙七", "--received", "2026-01-02")
    sheet = tmp_path / "s.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    ok("import", str(sheet), today="2026-01-06")
    ok("add", "--title", "关于河道绿化的建议", "--proposer", "吴九", "--received", "2026-01-06",
       today="2026-01-06")  # the insert trigger is back: a single add after the import
    bulk = _search_state(office_db)
    assert len(bulk["item_search"]) == 6 and len(bulk["item_search_short"]) == 6
    assert bulk["item_search_chars"]
    _rebuilt_row_by_row(office_db)
    assert _search_state(office_db) == bulk
    from tests.core.test_search import found  # the searches themselves, short and long terms

    assert found("河") == [4, 5, 6] and found("王五") == [2, 4] and sorted(found("wsjk")) == [3, 5]
    assert found("雨天积水") == [2] and found("县水利") == [3]
    ok("audit", "verify")


def test_a_refused_or_dry_run_import_leaves_the_search_tables_and_trigger(office_db: Path,
                                                                          tmp_path: Path) -> None:
    ok("add", "--title", "关于松林乡文化站的建议", "--proposer", "孙七", "--received", "2026-01-02")
    before = _search_state(office_db)
    sheet = tmp_path / "s.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    ok("import", str(sheet), "--dry-run", today="2026-01-06")
    assert _search_state(office_db) == before
    bad = tmp_path / "bad.csv"  # refused inside the transaction, by the assignment of its last row
    bad.write_text("标题,领衔代表,主办单位,提出日期,交办日期,办理期限\n"
                   "关于治理青禾河污染的建议,王五,县水利局,2026-01-02,2026-01-05,2026-03-01\n"
                   "关于新建文化广场的建议,郑十,,2026-01-02,,\n"
                   "关于河道清淤的建议,周八,卫健局,2026-01-02,2026-01-05,2026-01-03\n", encoding="utf-8")
    result = invoke("import", str(bad), today="2026-01-06")
    assert result.exit_code == 1 and "第4行" in result.stderr, result.stderr
    assert _search_state(office_db) == before
