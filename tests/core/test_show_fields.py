"""What `show` and the queue call an item's fields, by kind (core.records.field_label), and the
lead's colour in core.queue.show_item: the list's, the worse of plan and due date."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from docket.core.queue import list_items, show_item
from docket.core.records import field_label, proposer_label
from docket.store.db import opened
from tests.conftest import ok

ROUND = "2026年部门工作评议整改"


def test_each_kind_names_its_fields_and_leaves_out_those_it_has_no_use_for() -> None:
    fields = ("proposer", "co_proposers", "category", "received_on", "lead_unit")
    assert [field_label(f, "suggestion") for f in fields] == ["领衔人", "附议", "类别", "提出日期", "主办单位"]
    assert [field_label(f, "rectification") for f in fields] == ["问题来源", None, "类别", "登记日期", "责任单位"]
    assert [field_label(f, "project") for f in fields] == ["牵头单位", None, None, "登记日期", "主办单位"]
    assert field_label("co_proposers", "proposal", "附议人") == "附议人"   # a front end's own word
    assert [proposer_label(k) for k in (None, "motion", "rectification", "project")] == [
        "领衔人", "领衔人", "问题来源", "牵头单位"]


def test_show_colours_the_lead_of_a_lagging_item_as_the_list_does(office_db: Path) -> None:
    ok("rectify", "new", ROUND)
    ok("rectify", "add", "--problem", "河道清淤进展缓慢", "--unit", "水利局")
    ok("rectify", "plan", "1", "--target", "汛前完成", "--measures", "分段清淤", "--person", "李明",
       "--due", "2026-05-19")
    ok("rectify", "progress", "1", "30", today="2026-04-01")
    # planned 20, 40, 60 % (12, 24, 36 of 60 days): lag -10, 10 (progress.yellow), 30 (progress.red)
    as_of = {"2026-04-01": "white", "2026-04-13": "yellow", "2026-04-25": "red"}
    with opened(office_db) as conn:
        for day, expected in as_of.items():
            d = date.fromisoformat(day)
            listed = list_items(conn, as_of=d, session=ROUND, numbers=[1])[0]["color"]
            lead = show_item(conn, 1, as_of=d, session=ROUND)["assignments"][0]
            assert (listed, lead["color"], lead["behind_plan"]) == (expected, expected, expected != "white")
