"""audit verify checks assignments and evaluations against the events that made them (issue 12,
attack item 7): a unit, role or due date, or a rating, edited behind docket's back is named."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import invoke, ok, rows
from tests.helpers import audit_refused, raw_sql


def _handled(office_db: Path) -> None:
    """Item 1: assigned with a supporter, extended, replied, rated 不满意 -> re-handled (round 2);
    item 2: assigned, replied, rated 满意 -> closed."""
    for n, title in ((1, "关于加固城东河堤的建议"), (2, "关于改善农村饮水的建议")):
        ok("add", "--title", title, "--proposer", "张三", "--received", "2026-01-05")
    ok("assign", "1", "--lead", "水利局", "--support", "农业农村局", "--on", "2026-01-06")
    ok("assign", "2", "--lead", "卫健局", "--on", "2026-01-06")
    ok("extend", "1", "--unit", "水利局", "--by", "10个工作日", "--reason", "需等待省厅批复",
       today="2026-01-20")
    ok("reply", "1", "--unit", "农业农村局", "--on", "2026-02-01")
    ok("reply", "1", "--unit", "水利局", "--class", "B", "--on", "2026-02-10")
    ok("reply", "2", "--unit", "卫健局", "--class", "A", "--on", "2026-02-10")
    ok("evaluate", "1", "--result", "不满意", "--on", "2026-02-20", "--note", "未解决")
    ok("evaluate", "2", "--result", "满意", "--on", "2026-02-20")


def test_a_handled_office_verifies_and_verify_prints_the_head(office_db: Path) -> None:
    _handled(office_db)
    result = invoke("audit", "verify")
    assert result.exit_code == 0, result.stderr
    last = rows(office_db, "events")[-1]
    assert result.stderr.splitlines()[-1] == (
        f"记录头：{last[0]}:{last[-1]}（可另行记下，日后用 docket audit verify --expect 核对）")
    assert invoke("audit", "verify", "--expect", f"{last[0]}:{last[-1]}").exit_code == 0


def test_an_edited_due_date_is_caught(office_db: Path) -> None:
    _handled(office_db)
    raw_sql(office_db, "UPDATE assignments SET due_on = '2027-01-01' WHERE role = 'support'")
    audit_refused("第1号件的交办（县农业农村局，协办，期限 2027-01-01）与操作记录不符，"
             "承办单位、主协办或期限被直接改动")


def test_an_edited_extension_is_caught(office_db: Path) -> None:
    _handled(office_db)
    raw_sql(office_db, "UPDATE assignments SET due_on = '2026-12-31' WHERE round = 1 AND role = 'lead'"
                    " AND item_id = (SELECT id FROM items WHERE number = 1)")
    result = invoke("audit", "verify")
    assert result.exit_code == 1 and "第1号件的交办（县水利局，主办，期限 2026-12-31）" in result.stderr


def test_a_swapped_unit_or_role_is_caught(office_db: Path) -> None:
    _handled(office_db)
    raw_sql(office_db, "UPDATE assignments SET unit_id = (SELECT id FROM units WHERE name = '县水利局')"
                    " WHERE item_id = (SELECT id FROM items WHERE number = 2)")
    result = invoke("audit", "verify")
    assert result.exit_code == 1 and "第2号件的交办" in result.stderr
    raw_sql(office_db, "UPDATE assignments SET unit_id = (SELECT id FROM units WHERE name = '县卫生健康局')"
                    " WHERE item_id = (SELECT id FROM items WHERE number = 2)",
         "UPDATE assignments SET role = 'lead' WHERE role = 'support'")
    result = invoke("audit", "verify")
    assert result.exit_code == 1 and "第1号件的交办" in result.stderr


def test_an_assignment_slipped_in_is_caught(office_db: Path) -> None:
    _handled(office_db)
    raw_sql(office_db, "INSERT INTO assignments (item_id, unit_id, role, round, assigned_on, due_on,"
                    " first_due_on, yardstick_due_on, created_at) SELECT item_id, unit_id, 'support', 1,"
                    " assigned_on, due_on, first_due_on, yardstick_due_on, created_at FROM assignments"
                    " WHERE item_id = (SELECT id FROM items WHERE number = 2)")
    result = invoke("audit", "verify")
    assert result.exit_code == 1 and "第2号件的交办（县卫生健康局，协办" in result.stderr


def test_an_edited_rating_is_caught(office_db: Path) -> None:
    _handled(office_db)
    raw_sql(office_db, "UPDATE evaluations SET result = 'satisfied' WHERE result = 'dissatisfied'")
    audit_refused("第1号件的评价（结果、轮次或日期）与操作记录不符，被直接改动")


def test_a_deleted_rating_is_caught(office_db: Path) -> None:
    _handled(office_db)
    raw_sql(office_db, "DELETE FROM evaluations WHERE item_id = (SELECT id FROM items WHERE number = 2)")
    audit_refused("第2号件的评价（结果、轮次或日期）与操作记录不符，被直接改动")
