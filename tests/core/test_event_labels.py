"""One table of event labels and one describe_event for `docket history`/`show` and the TUI."""
from docket.core.event_labels import EVENT_OTHER, describe_event, event_label


def test_a_state_change_and_the_details_a_clerk_looks_for():
    e = {"action": "assign", "detail": {"number": 12, "lead": "县水利局", "due_on": "2026-06-22",
                                        "before": {"state": "accepted"}, "after": {"state": "assigned"}}}
    assert event_label("assign") == "交办"
    assert describe_event(e) == "第12号；状态：已立案 → 办理中；主办：县水利局；期限：2026-06-22"


def test_a_score_reads_without_its_decimal_and_nothing_reads_as_a_dash():
    e = {"action": "score.quality", "detail": {"number": 1, "before": {"quality": None},
                                               "after": {"quality": 78.0}}}
    assert describe_event(e) == "第1号；质量分：— → 78"


def test_an_unknown_action_is_its_id_on_the_command_line_and_never_in_the_tui():
    assert event_label("future.thing") == "future.thing"
    assert event_label("future.thing", EVENT_OTHER) == "其他操作"



def test_a_screen_about_one_item_can_leave_its_number_out():
    e = {"action": "opinion", "detail": {"number": 3, "unit": "县商务局"}}
    assert describe_event(e) == "第3号；单位：县商务局"
    assert describe_event(e, number=False) == "单位：县商务局"


def test_a_state_change_reads_in_the_words_of_the_items_kind():
    """A project's ballot is 候选 → 已入选 (not 已登记 → 已立案); a rectification item's plan
    starts 未启动 → 整改中 (domain.md §12, §13): the same state words as `show` and the lists."""
    def line(kind, before, after):
        return describe_event({"action": "x", "kind": kind, "detail": {"before": {"state": before},
                                                                         "after": {"state": after}}})

    assert line("project", "registered", "accepted") == "状态：候选 → 已入选"
    assert line("project", "registered", "converted") == "状态：候选 → 未入选"
    assert line("project", "revote", "accepted") == "状态：待再次表决 → 已入选"
    assert line("project", "accepted", "assigned") == "状态：已入选 → 实施中"
    assert line("rectification", "registered", "assigned") == "状态：未启动 → 整改中"
    assert line("rectification", "replied", "rechecked") == "状态：已整改 → 复查通过"
    assert line("suggestion", "registered", "accepted") == "状态：已登记 → 已立案"
    assert line(None, "accepted", "assigned") == "状态：已立案 → 办理中"  # no item: the plain words


def test_history_and_show_word_a_ballot_as_the_project_list_does(office_db) -> None:
    """`docket history`, `history N`, `show N` and its --json all carry the item's kind."""
    import json

    from tests.conftest import ok

    r = "2027年民生实事项目"
    ok("project", "new", r, "--places", "1", today="2027-01-20")
    ok("project", "add", "城区老旧小区改造", "--unit", "水利局", today="2027-01-20")
    ok("project", "add", "城乡公交一体化", "--unit", "卫健局", today="2027-01-20")
    ok("project", "vote", "--members", "100", "--present", "90", "--valid", "88", "1=80/5/3", "2=40/40/8",
       today="2027-01-20")
    one = ok("--session", r, "history", "1", today="2027-01-20")
    assert "票决  第1号；状态：候选 → 已入选；赞成：80；反对：5；弃权：3；名次：1" in one and "已登记" not in one
    assert "票决  第2号；状态：候选 → 未入选" in ok("--session", r, "history", "2", today="2027-01-20")
    assert "状态：候选 → 已入选" in ok("--session", r, "show", "1", today="2027-01-20")
    latest = ok("history", today="2027-01-20")
    assert "第1号；状态：候选 → 已入选" in latest and "第2号；状态：候选 → 未入选" in latest
    events = json.loads(ok("--session", r, "history", "1", "--json", today="2027-01-20"))
    assert {e["kind"] for e in events} == {"project"}
