"""Search (issue 16): terms of any length ANDed over title, content, proposer and co-proposers,
unit names and their pinyin initials, ranked; the index kept in sync on every write."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import as_json, ok


def found(*search: str) -> list[int]:
    return [r["number"] for r in as_json("list", "--search", " ".join(search), "--json")]


def _three() -> None:
    ok("add", "--title", "关于改善梅山镇中心小学教学条件的建议", "--proposer", "张三",
       "--received", "2026-01-02", "--content", "学校操场年久失修，雨天积水。")
    ok("add", "--title", "关于修缮县城道路的建议", "--proposer", "李四", "--co", "王五、赵六",
       "--received", "2026-01-02", "--content", "梅山镇到县城的道路坑洼。")
    ok("add", "--title", "关于治理青禾河污染的建议", "--proposer", "王五",
       "--received", "2026-01-02")


def test_terms_of_one_two_and_three_characters_are_found(office_db: Path) -> None:
    _three()
    assert found("河") == [3]  # one character, in a title
    assert found("王五") == [2, 3]  # two: a co-proposer and a proposer (by number)
    assert found("操场") == []  # a query of short terms only leaves the content out (fast)
    assert found("积水") == []
    assert found("雨天积水") == [1]  # three or more: the content too
    assert found("赵六") == [2]


def test_several_terms_must_all_hold_and_titles_rank_first(office_db: Path) -> None:
    _three()
    # 梅山镇: item 1's title, item 2's content only: the title ranks first
    assert found("梅山镇") == [1, 2]
    assert found("梅山镇 道路") == [2]  # AND: the long term in content, the other in title
    assert found("梅山镇 小学") == [1]  # a short term among the long term's candidates
    assert found("梅山镇 青禾河") == []


def test_units_and_pinyin_initials_are_searched(office_db: Path) -> None:
    _three()
    ok("assign", "1", "--lead", "县卫生健康局", "--on", "2026-01-05")
    assert found("卫生健康") == [1]
    assert found("wsjk") == [1]  # 县卫生健康局 in Latin initials
    assert found("ZS") == [1]  # 张三, any case
    assert [r["number"] for r in as_json("list", "--unit", "wjj", "--json")] == [1]  # 卫健局


def test_a_number_finds_its_item_first(office_db: Path) -> None:
    _three()
    assert found("2")[0] == 2


def test_the_index_follows_assign_merge_import_and_restore(office_db: Path, tmp_path: Path) -> None:
    _three()
    ok("assign", "2", "--lead", "水利局", "--on", "2026-01-05")
    assert found("县水利") == [2]
    ok("review", "3", "--merge-into", "2")
    assert found("青禾河") == [3]  # a merged item is still found by its own text
    csv = tmp_path / "s.csv"
    csv.write_text("标题,领衔代表\n关于建设松林乡文化站的建议,孙七\n", encoding="utf-8")
    ok("import", str(csv))
    assert found("文化站") == [4] and found("sq") == [4]
    backup = tmp_path / "b.db"
    ok("backup", str(backup))
    ok("add", "--title", "关于松林乡文化站二期的建议", "--proposer", "周八", "--received", "2026-01-03")
    assert found("文化站") == [4, 5]
    ok("restore", str(backup))
    assert found("文化站") == [4]
    ok("audit", "verify")


def _tables_read(db: Path, text: str) -> set[str]:
    """The tables SQLite reads while core/search.py searches `text`."""
    import sqlite3

    from docket.core.search import find
    from docket.store.db import connect

    conn = connect(db, readonly=True)
    read: set[str] = set()

    def note(action: int, table: str | None, *_: object) -> int:
        if action == sqlite3.SQLITE_READ and table:
            read.add(table)
        return sqlite3.SQLITE_OK
    try:
        conn.set_authorizer(note)
        find(conn, text)
    finally:
        conn.close()
    return read


def test_a_search_reads_no_item_rows(office_db: Path) -> None:
    """At 100,000 items a join back to `items` per match costs more than the search itself
    (issue 16): item_search_short carries the number (m011_search); short terms are found
    through item_search_chars, not by reading every short row."""
    _three()
    for text in ("王五", "河 王五", "梅山镇 小学"):
        read = _tables_read(office_db, text)
        assert "items" not in read, (text, read)
    assert "item_search_chars" in _tables_read(office_db, "河 王五")


def test_short_terms_match_exactly_and_follow_every_write(office_db: Path) -> None:
    _three()
    ok("review", "3", "--merge-into", "2")
    assert found("河") == [3] and found("治理 河") == [3]
    assert found("四王") == []  # 李四 王五: never across the space between two names
    assert found("五、") == [] and found("、") == []  # punctuation only: looked up as written
    assert found("关于 河") == [3]
    ok("assign", "1", "--lead", "卫健局", "--on", "2026-01-05")
    assert found("卫生") == [1] and found("wj") == [1] and found("小学 卫生") == [1]
    ok("add", "--title", "关于河道清淤的建议", "--proposer", "周八", "--received", "2026-01-03")
    assert found("河") == [3, 4] and found("周八") == [4]


def test_m011_rebuilds_the_short_index_of_an_older_database(office_db: Path) -> None:
    """A database searched before m011_search (item_search_short without the number, no
    item_search_chars) finds the same items, in the same order, once opened by this version."""
    import sqlite3

    from docket.store import migrations

    _three()
    ok("assign", "1", "--lead", "县卫生健康局", "--on", "2026-01-05")
    texts = ("河", "王五", "关于 建议", "梅山镇 小学", "wsjk", "zs", "卫生")
    before = {t: found(t) for t in texts}
    conn = sqlite3.connect(office_db, isolation_level=None)
    try:  # back to m010: m009's short table and triggers
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                    " AND name LIKE 'item_search%'").fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("DROP TABLE item_search_chars")
        conn.execute("DROP TABLE item_search_short")
        for stmt in migrations.SEARCH.split(";\n"):
            if stmt.strip() and "VIRTUAL TABLE" not in stmt:
                conn.execute(stmt)
        conn.execute("INSERT INTO item_search_short (item_id, session_id, title, rest) SELECT"
                     f" {migrations._SHORT_ROW.replace('X.', 'i.')} FROM items i")
        conn.execute("DELETE FROM _docket_migrations WHERE name = 'm011_search'")
    finally:
        conn.close()
    assert {t: found(t) for t in texts} == before
    assert "items" not in _tables_read(office_db, "王五")
