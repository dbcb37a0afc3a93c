from __future__ import annotations

from datetime import date, timedelta

import pytest

from docket.core.calendar import (Due, WorkCalendar, add_months, fallback_warning,
                                  statutory_days)
from docket.core.durations import parse_duration

D = date.fromisoformat
OFFICIAL = WorkCalendar()

# domain.md §6, every row. chinesecalendar 1.11.0, 2026: off 1/1-3, 2/15-23, 4/4-6, 5/1-5,
# 6/19-21, 9/25-27, 10/1-7; make-up Sun 1/4, Sat 2/14, Sat 2/28, Sat 5/9, Sun 9/20, Sat 10/10.
EXAMPLES = [
    ("2026-03-20", "3 months", "2026-06-22"),     # 06-20 Sat in 端午 06-19-21 -> Mon
    ("2026-03-20", "6 months", "2026-09-20"),     # Sun make-up workday: stays
    ("2026-01-30", "1 months", "2026-02-28"),     # Feb 30 -> 28, a Sat make-up workday
    ("2026-01-31", "1 months", "2026-02-28"),     # month-end clamp
    ("2026-03-05", "1 months", "2026-04-07"),     # 04-05 in 清明 -> Tue
    ("2026-07-01", "3 months", "2026-10-08"),     # 10-01 in 国庆 10-01-07
    ("2026-05-27", "1 months", "2026-06-29"),     # 06-27 Sat -> Mon
    ("2026-02-01", "15日", "2026-02-24"),          # 02-16 in 春节 02-15-23
    ("2026-02-10", "5 workdays", "2026-02-24"),   # 11, 12, 13, Sat 14, 24
    ("2026-09-18", "5 workdays", "2026-09-24"),   # Sun 09-20 counts; 09-25 中秋 not reached
    ("2026-09-29", "3 workdays", "2026-10-09"),   # 09-30, 10-08, 10-09
    ("2026-04-30", "4个工作日", "2026-05-09"),      # 5/1-5 skipped; Sat 05-09 counts
    ("2025-12-31", "2 workdays", "2026-01-05"),   # 1/1-3 skipped; Sun 01-04 counts
    ("2026-03-07", "2 workdays", "2026-03-10"),   # starts on a Saturday
    ("2026-03-20", "20 workdays", "2026-04-20"),  # fast track; Mon 04-06 skipped
]


@pytest.mark.parametrize("start, duration, due", EXAMPLES)
def test_domain_examples(start: str, duration: str, due: str) -> None:
    assert OFFICIAL.due(D(start), parse_duration(duration)) == Due(D(due), False, ())


def test_without_roll_forward_a_month_deadline_stays_on_the_holiday() -> None:
    assert OFFICIAL.due(D("2026-03-20"), parse_duration("3 months"), roll_forward=False) == Due(D("2026-06-20"))


def test_without_roll_forward_workdays_are_unchanged() -> None:
    assert OFFICIAL.due(D("2026-09-29"), parse_duration("3 workdays"), roll_forward=False).date == D("2026-10-09")


@pytest.mark.parametrize("day, expected", [
    ("2026-01-04", True),    # Sun make-up for 元旦
    ("2026-02-14", True),    # Sat make-up for 春节
    ("2026-02-28", True),
    ("2026-05-09", True),
    ("2026-09-20", True),
    ("2026-10-10", True),
    ("2026-02-23", False),   # Mon in 春节
    ("2026-04-06", False),   # Mon in 清明
    ("2026-10-08", True),
    ("2026-03-21", False),   # plain Saturday
    ("2026-03-23", True),
])
def test_is_workday_2026(day: str, expected: bool) -> None:
    assert OFFICIAL.is_workday(D(day)) is expected


def test_add_months_clamps_to_month_end() -> None:
    assert [add_months(D("2026-01-31"), n) for n in (1, 2, 3, 13)] == \
        [D("2026-02-28"), D("2026-03-31"), D("2026-04-30"), D("2027-02-28")]
    assert add_months(D("2027-12-31"), 2) == D("2028-02-29")


def test_next_workday_and_add_workdays() -> None:
    assert OFFICIAL.next_workday(D("2026-10-01")) == D("2026-10-08")
    assert OFFICIAL.next_workday(D("2026-10-08")) == D("2026-10-08")
    assert OFFICIAL.add_workdays(D("2026-10-08"), 0) == D("2026-10-08")
    assert OFFICIAL.add_workdays(D("2026-09-30"), 1) == D("2026-10-08")
    # across a year end: 2025-12-31 Wed, 2026-01-01..03 off, Sun 01-04 make-up
    assert OFFICIAL.add_workdays(D("2025-12-30"), 3) == D("2026-01-05")


def test_workdays_after_counts_like_days_left() -> None:
    assert OFFICIAL.workdays_after(D("2026-06-22"), D("2026-06-22")) == 0
    assert OFFICIAL.workdays_after(D("2026-06-23"), D("2026-06-22")) == 0
    # domain.md §7 example 1: due 06-22; 06-04 has 11 left, 06-05 has 10
    assert OFFICIAL.workdays_after(D("2026-06-04"), D("2026-06-22")) == 11
    assert OFFICIAL.workdays_after(D("2026-06-05"), D("2026-06-22")) == 10
    # §7 example 2: due 04-07; Sun 03-22 has 11, Mon 03-23 has 10 (04-06 清明 skipped)
    assert OFFICIAL.workdays_after(D("2026-03-22"), D("2026-04-07")) == 11
    assert OFFICIAL.workdays_after(D("2026-03-23"), D("2026-04-07")) == 10
    # across the year end: 12-31, Sun 01-04, 01-05
    assert OFFICIAL.workdays_after(D("2025-12-30"), D("2026-01-05")) == 3


def test_workdays_after_agrees_with_add_workdays() -> None:
    start = D("2025-11-03")
    for n in range(0, 400, 7):
        assert OFFICIAL.workdays_after(start, OFFICIAL.add_workdays(start, n)) == n


def test_year_sources() -> None:
    cal = WorkCalendar(imported_years=[2027])
    assert [OFFICIAL.year_source(y) for y in (2026, 2027, 2060)] == ["official", "fallback", "fallback"]
    assert cal.year_source(2027) == "import"


def test_statutory_fallback_2027() -> None:
    # 2024 rules: 13 days; lunar dates 除夕 02-05, 清明 04-05, 端午 06-09, 中秋 09-15
    assert statutory_days(2027) == {
        D("2027-01-01"): "元旦", D("2027-02-05"): "春节", D("2027-02-06"): "春节",
        D("2027-02-07"): "春节", D("2027-02-08"): "春节", D("2027-04-05"): "清明节",
        D("2027-05-01"): "劳动节", D("2027-05-02"): "劳动节", D("2027-06-09"): "端午节",
        D("2027-09-15"): "中秋节", D("2027-10-01"): "国庆节", D("2027-10-02"): "国庆节",
        D("2027-10-03"): "国庆节"}
    # 2028: 中秋 falls on 10-03, inside 国庆
    assert statutory_days(2028)[D("2028-10-03")] == "中秋节、国庆节"


def test_fallback_year_is_provisional_and_says_so() -> None:
    # 2027-02-04 Thu + 3 workdays: Fri 02-05 除夕 to Mon 02-08 off -> 02-09, 02-10, 02-11
    due = OFFICIAL.due(D("2027-02-04"), parse_duration("3 workdays"))
    assert due == Due(D("2027-02-11"), True, (2027,))
    assert due.warnings() == ["2027年放假安排尚未载入，期限按周一至周五扣除法定节日推算，为暂定日期。"]
    # a count from 2026 that reaches into 2027 is provisional too: 12-20 + 1 month = 2027-01-20
    assert OFFICIAL.due(D("2026-12-20"), parse_duration("1 months")) == Due(D("2027-01-20"), True, (2027,))


def test_due_in_last_week_is_provisional_while_next_year_is_missing() -> None:
    # 2026-12-28 is official, but the 2027 schedule may move it
    assert OFFICIAL.due(D("2026-12-21"), parse_duration("5 workdays")) == Due(D("2026-12-28"), True, (2027,))
    assert OFFICIAL.due(D("2026-12-10"), parse_duration("5 workdays")) == Due(D("2026-12-17"), False, ())
    # once 2027 is loaded, neither is provisional
    loaded = WorkCalendar(imported_years=[2027])
    assert loaded.due(D("2026-12-21"), parse_duration("5 workdays")) == Due(D("2026-12-28"))


def test_fallback_warning_text() -> None:
    assert fallback_warning(2027) == "2027年放假安排尚未载入，期限按周一至周五扣除法定节日推算，为暂定日期。"
    assert OFFICIAL.upcoming_warning(D("2026-10-01")) == fallback_warning(2027)
    assert OFFICIAL.upcoming_warning(D("2026-09-30")) is None
    assert WorkCalendar(imported_years=[2027]).upcoming_warning(D("2026-10-01")) is None


def test_imported_year_uses_its_own_days_on_plain_weekdays() -> None:
    overrides = {D("2027-01-01"): False, D("2027-02-05"): False, D("2027-02-06"): False,
                 D("2027-02-07"): False, D("2027-02-08"): False, D("2027-02-09"): False,
                 D("2027-02-10"): False, D("2027-02-11"): False, D("2027-02-20"): True}
    cal = WorkCalendar(overrides, imported_years=[2027], notes={D("2027-02-20"): "春节调休上班"})
    # Thu 02-04 + 3 workdays: 02-05..11 off -> Fri 02-12, Sat 02-20 make-up is later
    assert cal.due(D("2027-02-04"), parse_duration("3 workdays")) == Due(D("2027-02-16"))
    assert cal.is_workday(D("2027-02-20")) and not cal.is_workday(D("2027-02-10"))
    # 清明 is not in this (partial) schedule: an imported year drops the statutory fallback
    assert cal.is_workday(D("2027-04-05"))


def test_overrides_win_over_chinesecalendar() -> None:
    cal = WorkCalendar({D("2026-10-08"): False, D("2026-10-10"): False},
                       notes={D("2026-10-08"): "本地放假"})
    assert cal.due(D("2026-09-29"), parse_duration("3 workdays")) == Due(D("2026-10-12"))
    assert cal.year_days(2026)[-2:] == [(D("2026-10-08"), False, "本地放假"), (D("2026-10-10"), False, "放假")]


def test_year_days_2026_lists_holidays_and_make_up_days() -> None:
    days = OFFICIAL.year_days(2026)
    assert days[:4] == [(D("2026-01-01"), False, "元旦"), (D("2026-01-02"), False, "元旦"),
                        (D("2026-01-03"), False, "元旦"), (D("2026-01-04"), True, "元旦调休上班")]
    assert [d for d, w, _ in days if w] == [D("2026-01-04"), D("2026-02-14"), D("2026-02-28"),
                                            D("2026-05-09"), D("2026-09-20"), D("2026-10-10")]
    assert len([d for d, w, _ in days if not w]) == 3 + 9 + 3 + 5 + 3 + 3 + 7


def test_explain_across_national_day() -> None:
    assert OFFICIAL.explain(D("2026-09-29"), parse_duration("3 workdays")) == [
        "起算日：2026年9月29日（周二），当日不计入期限。",
        "期限3个工作日：自次日起逐日计算，只数工作日。",
        "计入 2026年9月30日（周三）：第1个工作日",
        "跳过 2026年10月1日（周四）至10月7日（周三）：国庆节，共7天",
        "计入 2026年10月8日（周四）至10月9日（周五）：第2–3个工作日",
        "到期日：2026年10月9日（周五）。",
    ]


def test_explain_counts_make_up_days() -> None:
    assert OFFICIAL.explain(D("2026-02-10"), parse_duration("5 workdays")) == [
        "起算日：2026年2月10日（周二），当日不计入期限。",
        "期限5个工作日：自次日起逐日计算，只数工作日。",
        "计入 2026年2月11日（周三）至2月13日（周五）：第1–3个工作日",
        "计入 2026年2月14日（周六）：春节调休上班，第4个工作日",
        "跳过 2026年2月15日（周日）至2月23日（周一）：春节，共9天",
        "计入 2026年2月24日（周二）：第5个工作日",
        "到期日：2026年2月24日（周二）。",
    ]


def test_explain_roll_forward_and_month_end() -> None:
    assert OFFICIAL.explain(D("2026-03-20"), parse_duration("3 months")) == [
        "起算日：2026年3月20日（周五），当日不计入期限。",
        "期限3个月：届满日为3个月后的同一日2026年6月20日（周六）。",
        "2026年6月20日（周六）不是工作日，顺延至其后第一个工作日（民法典第二百零三条）：",
        "跳过 2026年6月20日（周六）至6月21日（周日）：端午节，共2天",
        "到期日：2026年6月22日（周一）。",
    ]
    assert OFFICIAL.explain(D("2026-01-31"), parse_duration("1 months"))[1:] == [
        "期限1个月：2026年2月没有31日，以该月最后一日2026年2月28日（周六）为期限届满日（民法典第二百零二条）。",
        "2026年2月28日（周六）是春节调休上班，为工作日，不顺延。",
        "到期日：2026年2月28日（周六）。",
    ]
    assert OFFICIAL.explain(D("2026-03-20"), parse_duration("3 months"), roll_forward=False)[2:] == [
        "2026年6月20日（周六）不是工作日（端午节），但未启用顺延（deadline.roll_forward = false），期限即为该日。",
        "到期日：2026年6月20日（周六）。",
    ]


def test_explain_provisional() -> None:
    assert OFFICIAL.explain(D("2026-12-20"), parse_duration("1 months"))[-2:] == [
        "到期日：2027年1月20日（周三）（暂定）。",
        "2027年放假安排尚未载入，期限按周一至周五扣除法定节日推算，为暂定日期。",
    ]


def test_workday_counts_are_consistent_over_a_decade() -> None:
    # is_workday, add_workdays and workdays_after agree day by day, fallback years included
    cal = WorkCalendar()
    start = d = D("2024-01-01")
    count = 0
    while d < D("2034-01-01"):
        d += timedelta(days=1)
        if cal.is_workday(d):
            count += 1
            assert cal.add_workdays(start, count) == d
        if d.day == 1:
            assert cal.workdays_after(start, d) == count


def test_fallback_2027_has_254_workdays() -> None:
    # 261 weekdays (Fri 01-01 starts 52 weeks + 1 day) minus the statutory days on weekdays:
    # 01-01 Fri, 02-05 Fri, 02-08 Mon, 04-05 Mon, 06-09 Wed, 09-15 Wed, 10-01 Fri
    assert OFFICIAL.workdays_after(D("2026-12-31"), D("2027-12-31")) == 254
