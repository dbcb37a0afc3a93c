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
