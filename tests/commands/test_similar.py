"""Look-alike items and routing hints (issue 16): `similar`, the intake lines, `assign --suggest`."""
from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import invoke, ok

BASE = ("关于解决柳溪镇上坝村饮水安全问题的建议",
        "柳溪镇上坝村旱季水源不足，部分农户需要外出拉水，水质也不稳定，群众反映强烈。"
        "建议县水利局实施农村供水保障工程，延伸集镇供水管网。")
# the same request, edited: words changed, phrases reordered
NEAR = ("关于尽快解决柳溪镇上坝村群众饮水安全问题的建议",
        "建议县水利局延伸集镇供水管网，实施农村供水保障工程。柳溪镇上坝村旱季水源严重不足，"
        "不少农户需要外出拉水，水质也不稳定。")
# the same topic from another place: not a repeat
ELSEWHERE = ("关于解决石桥镇杨柳村饮水安全问题的建议",
             "石桥镇杨柳村旱季水源不足，部分农户需要外出拉水，水质也不稳定，群众反映强烈。"
             "建议县水利局实施农村供水保障工程，延伸集镇供水管网。")
OTHER = ("关于提升河口镇卫生院诊疗服务能力的建议",
         "河口镇卫生院缺少影像和检验设备，专业技术人员留不住。建议县卫生健康局加强医共体建设。")


def _add(title: str, content: str, *extra: str):
    return invoke("add", "--title", title, "--proposer", "张三", "--content", content, *extra)


def test_similar_finds_a_near_copy_and_not_the_same_topic_elsewhere(office_db: Path) -> None:
    for t, c in (BASE, ELSEWHERE, OTHER):
        assert _add(t, c).exit_code == 0
    assert _add(*NEAR).stdout.strip() == "4"
    found = json.loads(ok("similar", "4", "--json"))
    assert [x["number"] for x in found] == [1]
    assert found[0]["score"] >= 0.5 and found[0]["title"] == BASE[0]
    assert any("供水保障工程" in p for p in found[0]["shared"])
    text = ok("similar", "4")
    assert "第1号" in text and "第2号" not in text
    # the different-place item is not a look-alike of the first either
    assert json.loads(ok("similar", "2", "--json")) == []


def test_add_prints_a_line_per_look_alike_and_still_registers(office_db: Path) -> None:
    assert _add(*BASE).exit_code == 0
    first = _add(*OTHER)
    assert "相似" not in first.stderr
    result = _add(*NEAR)
    assert result.exit_code == 0 and result.stdout.strip() == "3"
    assert "提示：第3号与第1号相似" in result.stderr


def test_import_says_a_summary_per_file(office_db: Path, tmp_path: Path) -> None:
    assert _add(*BASE).exit_code == 0
    sheet = tmp_path / "汇总.csv"
    rows = ["标题,领衔代表,内容"] + [f"{NEAR[0]},李四{i},{NEAR[1].replace('，', '、')}" for i in range(3)]
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = invoke("import", str(sheet))
    assert result.exit_code == 0, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if "相似" in ln]
    assert len(lines) == 1 and "汇总.csv 中 3 件与在先件相似" in lines[0]


def test_suggest_names_the_lead_of_a_look_alike_past_item_with_the_reason(office_db: Path) -> None:
    assert _add(*BASE, "--category", "农业农村").exit_code == 0
    assert _add(*OTHER, "--category", "教科文卫").exit_code == 0
    ok("assign", "1", "--lead", "县水利局", "--on", "2026-03-20")
    ok("assign", "2", "--lead", "县卫生健康局", "--on", "2026-03-20")
    assert _add(*ELSEWHERE).exit_code == 0  # another place, the same bureau's work
    found = json.loads(ok("assign", "--suggest", "3", "--json"))
    best = found[0]["suggestions"][0]
    assert best["unit"] == "县水利局"
    assert "相似件第1号" in best["reasons"][0] and "由其主办" in best["reasons"][0]
    text = ok("assign", "--suggest", "3")
    assert "1. 县水利局" in text
    # nothing was assigned
    assert json.loads(ok("show", "3", "--json"))["state"] == "registered"


def test_items_written_before_the_sketches_existed_are_found_too(office_db: Path) -> None:
    """A database migrated to m010 has items without sketches: the first search makes them."""
    import sqlite3

    for t, c in (BASE, OTHER, NEAR):
        assert _add(t, c).exit_code == 0
    conn = sqlite3.connect(office_db)
    with conn:
        conn.execute("DELETE FROM item_sketch")
    conn.close()
    assert [x["number"] for x in json.loads(ok("similar", "3", "--json"))] == [1]
