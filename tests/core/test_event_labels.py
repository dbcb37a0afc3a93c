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
