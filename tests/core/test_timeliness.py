"""The on-time rule (domain.md §8), on the worked dataset's cases, as_of 2026-07-31."""
from docket.core.timeliness import NO_OPINION, on_time

AS_OF = "2026-07-31"


def test_a_reply_by_the_yardstick_is_on_time_even_on_the_due_day():
    assert on_time("2026-05-20", "2026-06-22", AS_OF) is True  # item 1
    assert on_time("2026-06-22", "2026-06-22", AS_OF) is True  # item 5: on the due day


def test_a_reply_after_the_yardstick_is_late():
    assert on_time("2026-06-30", "2026-06-22", AS_OF) is False  # item 2


def test_no_reply_is_late_once_past_the_yardstick_and_undecided_before():
    assert on_time(None, "2026-06-22", AS_OF) is False  # item 6
    assert on_time(None, "2026-08-11", AS_OF) is None  # item 8


def test_facts_after_as_of_do_not_count():
    assert on_time("2026-08-01", "2026-08-11", AS_OF) is None
    assert on_time(None, "2026-08-11", AS_OF, ended_on="2026-08-01", end_reason=NO_OPINION) is None


def test_an_assignment_ended_without_an_opinion_is_late_whenever_it_ended():
    assert on_time(None, "2026-04-20", AS_OF, ended_on="2026-04-10", end_reason=NO_OPINION) is False


def test_an_assignment_ended_otherwise_is_late_only_after_the_yardstick():
    assert on_time(None, "2026-08-11", AS_OF, ended_on="2026-07-01") is None  # closed before its due date
    assert on_time(None, "2026-06-22", AS_OF, ended_on="2026-07-01") is False
