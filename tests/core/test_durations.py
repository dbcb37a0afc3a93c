from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docket.core.durations import FORMS, Duration, parse_duration
from docket.core.errors import BadInput


@pytest.mark.parametrize("text, expected", [
    ("3 months", Duration(3, "months")),
    ("1 month", Duration(1, "months")),
    ("1 months", Duration(1, "months")),
    ("3个月", Duration(3, "months")),
    ("3月", Duration(3, "months")),
    ("3 个月", Duration(3, "months")),
    ("20 workdays", Duration(20, "workdays")),
    ("1 workday", Duration(1, "workdays")),
    ("20工作日", Duration(20, "workdays")),
    ("7个工作日", Duration(7, "workdays")),
    ("15 days", Duration(15, "days")),
    ("1 day", Duration(1, "days")),
    ("15日", Duration(15, "days")),
    ("15天", Duration(15, "days")),
    ("15days", Duration(15, "days")),
    ("  15 Days ", Duration(15, "days")),
    ("１５日", Duration(15, "days")),          # full-width digits
    ("３ months", Duration(3, "months")),
    ("１０　个工作日", Duration(10, "workdays")),  # full-width space
])
def test_accepted_forms(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("d, english, chinese", [
    (Duration(3, "months"), "3 months", "3个月"),
    (Duration(1, "months"), "1 months", "1个月"),
    (Duration(20, "workdays"), "20 workdays", "20个工作日"),
    (Duration(15, "days"), "15 days", "15日"),
])
def test_canonical_forms(d: Duration, english: str, chinese: str) -> None:
    assert (str(d), d.label_cn()) == (english, chinese)
    assert parse_duration(str(d)) == d
    assert parse_duration(d.label_cn()) == d


@pytest.mark.parametrize("text", ["3 fortnights", "", "months", "3", "-3 days", "3.5 months",
                                  "三个月", "3 months 2 days", "3 weeks"])
def test_unknown_forms_are_refused_naming_the_field(text: str) -> None:
    with pytest.raises(BadInput) as e:
        parse_duration(text, field="deadline.reply")
    assert e.value.message == f"deadline.reply：无法识别的期限“{text.strip()}”，应写作{FORMS}"


def test_zero_is_refused_unless_allowed() -> None:
    with pytest.raises(BadInput) as e:
        parse_duration("0 workdays")
    assert e.value.message == "期限：期限“0 workdays”不能为 0，至少为 1"
    assert parse_duration("0 workdays", allow_zero=True) == Duration(0, "workdays")


def test_absurd_lengths_are_refused() -> None:
    with pytest.raises(BadInput) as e:
        parse_duration("99999 months")
    assert e.value.message == "期限：期限“99999 months”过长（不得超过10年）"
    assert parse_duration("120 months") == Duration(120, "months")


def test_duration_passes_through() -> None:
    assert parse_duration(Duration(5, "workdays")) == Duration(5, "workdays")


@given(st.text(max_size=12))
def test_any_text_gives_a_duration_or_bad_input(text: str) -> None:
    try:
        d = parse_duration(text)
    except BadInput:
        return
    assert d.n >= 1 and d.unit in ("days", "workdays", "months")


@given(st.integers(1, 120), st.sampled_from(["days", "workdays", "months"]))
def test_round_trip(n: int, unit: str) -> None:
    d = Duration(n, unit)  # type: ignore[arg-type]
    assert parse_duration(str(d)) == d == parse_duration(d.label_cn())


def test_the_message_shows_the_chinese_forms_first() -> None:
    """Issue 17 item 3: the TUI shows this message as it is; the Chinese forms come first."""
    with pytest.raises(BadInput) as e:
        parse_duration("3 fortnights", "延长时长")
    assert e.value.message.startswith("延长时长：无法识别的期限“3 fortnights”，应写作“3个月”“15日”“20个工作日”之类")
    assert e.value.message.index("3个月") < e.value.message.index("3 months")
