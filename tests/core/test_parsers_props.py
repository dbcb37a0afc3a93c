"""Every parser of typed or imported text (issue 12): any text gives a value or a DocketError
(BadInput, NotFound), never another exception; what docket writes, it reads back."""
from __future__ import annotations

import re
from datetime import date, datetime
from fractions import Fraction

import pytest
from docket.core.dates import format_cn, parse_date
from docket.core.durations import Duration, parse_duration
from docket.core.errors import BadInput, DocketError
from docket.core.cleaning import clean_name, clean_text, clean_unit, title_key
from docket.core.numbers import MAX_ITEM_NUMBER, percent
from docket.core.settings import SPECS, validate
from docket.core.sheets.header import normalise_header
from docket.core.sheets.values import (
    BadCell,
    parse_cell_date,
    parse_flag,
    parse_number,
    split_units,
    split_values,
)
from docket.core.units import Directory, Unit, norm
from hypothesis import given, settings
from hypothesis import strategies as st

FAST = settings(max_examples=200, deadline=None)
SLOW = settings(max_examples=100, deadline=None)

# text a clerk or a spreadsheet could hand us: digits of every script, the date and number
# marks, separators, control and zero-width characters, and anything else
MARKS = "0123456789０１２３４５６７８９٣०〇一二十年月日号第-/.:： T+Z个工作天自然months days workday" \
        "、，,;；／/ \u3000\t\n\r\x00\u200b\ufeff局委县市"
TEXT = st.one_of(st.text(max_size=30), st.text(alphabet=MARKS, max_size=30))
DATES = st.dates(date(1, 1, 1), date(9999, 12, 31))


# -- dates ---------------------------------------------------------------------------------------

@FAST
@given(TEXT)
def test_any_text_is_a_date_or_bad_input(text: str) -> None:
    try:
        assert isinstance(parse_date(text), date)
    except BadInput as e:
        assert e.message.startswith("日期：")


@FAST
@given(DATES.filter(lambda d: d.year >= 1000))
def test_every_written_date_form_reads_back(d: date) -> None:
    assert parse_date(format_cn(d)) == d
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.year}/{d.month}/{d.day}") == d
    assert parse_date(f"{d.year}.{d.month:02}.{d.day:02}") == d
    assert parse_date(d.strftime("%Y%m%d")) == d
    assert parse_date(d.isoformat().translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))) == d
    assert parse_date(f"{d.isoformat()} 00:00:00") == d


@FAST
@given(st.one_of(TEXT, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
                 DATES, st.datetimes()))
def test_any_cell_is_a_date_none_or_a_bad_cell(value: object) -> None:
    try:
        got = parse_cell_date(value, date(1899, 12, 30), "提出日期")
    except BadCell as e:
        assert str(e)
        return
    assert got is None or isinstance(got, date)


@FAST
@given(st.dates(date(1955, 1, 1), date(2118, 12, 31)))
def test_an_excel_serial_reads_back(d: date) -> None:
    serial = (d - date(1899, 12, 30)).days
    assert parse_cell_date(serial, date(1899, 12, 30), "提出日期") == d
    assert parse_cell_date(float(serial), date(1899, 12, 30), "提出日期") == d
    assert parse_cell_date(datetime(d.year, d.month, d.day), date(1899, 12, 30), "x") == d


# -- durations -----------------------------------------------------------------------------------

@FAST
@given(TEXT)
def test_any_text_is_a_duration_or_bad_input(text: str) -> None:
    try:
        d = parse_duration(text)
    except BadInput as e:
        assert e.message.startswith("期限：")
        return
    assert d.n >= 1


@FAST
@given(st.sampled_from(["days", "workdays", "months"]).flatmap(
    lambda u: st.builds(Duration, st.integers(1, {"days": 3660, "workdays": 2500, "months": 120}[u]),
                        st.just(u))))
def test_a_duration_reads_back_from_both_forms(d: Duration) -> None:
    assert parse_duration(str(d)) == d
    assert parse_duration(d.label_cn()) == d
    assert parse_duration(d) == d


@FAST
@given(st.integers(min_value=10**4, max_value=10**40), st.sampled_from(["个月", "日", "workdays"]))
def test_a_huge_duration_is_refused(n: int, unit: str) -> None:
    with pytest.raises(BadInput, match="过长"):
        parse_duration(f"{n}{unit}")


# -- item numbers and figures -------------------------------------------------------------------

@FAST
@given(st.one_of(TEXT, st.integers(), st.floats(), st.booleans(), st.none()))
def test_any_cell_is_an_item_number_none_or_a_bad_cell(value: object) -> None:
    try:
        n = parse_number(value)
    except BadCell as e:
        assert str(e).startswith("“")
        return
    assert n is None or 1 <= n <= MAX_ITEM_NUMBER


@FAST
@given(st.integers(1, MAX_ITEM_NUMBER))
def test_an_item_number_reads_back(n: int) -> None:
    for written in (n, float(n), str(n), f"第{n}号", f"{n}.0", f"0{n}", str(n).translate(
            str.maketrans("0123456789", "０１２３４５６７８９"))):
        assert parse_number(written) == n


@FAST
@given(st.integers(MAX_ITEM_NUMBER + 1, 10**30))
def test_an_item_number_past_the_bound_is_refused(n: int) -> None:
    for written in (n, str(n), f"第{n}号"):
        with pytest.raises(BadCell, match="最大为 999999"):
            parse_number(written)


@FAST
@given(st.fractions(min_value=0, max_value=1))
def test_a_percent_is_one_decimal_and_100_only_for_all(rate: Fraction) -> None:
    shown = percent(rate)
    assert re.fullmatch(r"(100|\d{1,2}\.\d)%", shown)
    assert (shown == "100%") == (rate == 1)
    assert abs(Fraction(shown[:-1]) / 100 - rate) <= Fraction(1, 1000)


# -- settings ------------------------------------------------------------------------------------

@SLOW
@given(st.sampled_from(sorted(SPECS)), TEXT)
def test_any_setting_value_is_stored_normalised_or_refused(key: str, text: str) -> None:
    try:
        stored = validate(key, text)
    except BadInput as e:
        assert e.message.startswith(f"设置 {key} ")
        return
    assert validate(key, stored) == stored  # what is stored reads back as itself


@FAST
@given(st.sampled_from(sorted(SPECS)))
def test_every_default_is_valid(key: str) -> None:
    if SPECS[key].default:
        validate(key, SPECS[key].default)


@FAST
@given(st.sampled_from(["import.max_mb", "import.max_rows", "evaluation.rounds", "brief.copies"]),
       st.integers(-10**30, 10**30).map(str))
def test_integer_settings_take_a_range(key: str, text: str) -> None:
    try:
        assert int(validate(key, text)) == int(text)
    except BadInput as e:
        assert "超出范围" in e.message or "应为整数" in e.message


# -- names, units and cells ------------------------------------------------------------------------

@FAST
@given(TEXT)
def test_cleaning_never_fails_and_is_stable(text: str) -> None:
    cleaned = clean_text(text)
    assert "\n" not in cleaned and "\x00" not in cleaned and cleaned == cleaned.strip()
    assert clean_text(cleaned) == cleaned
    name, _note = clean_name(text)
    assert "\x00" not in name
    unit = clean_unit(text)
    assert not any(ch.isspace() for ch in unit)
    assert clean_unit(unit) == unit
    title_key(text)
    normalise_header(text)
    assert parse_flag(text) in (True, False, None)


UNIT = st.text(alphabet="青禾县市水利农业村卫生健康教育财政交通运输应急管理", min_size=2, max_size=8).map(
    lambda s: s + "局")


@FAST
@given(st.lists(UNIT, min_size=1, max_size=6), st.lists(
    st.sampled_from(["、", "，", ",", ";", "；", "/", "／", " ", "\u3000", "  ", "\n"]),
    min_size=6, max_size=6))
def test_units_written_with_any_separator_split_back(names: list[str], seps: list[str]) -> None:
    text = names[0] + "".join(sep + name for sep, name in zip(seps, names[1:]))
    assert split_units(text) == names


@FAST
@given(TEXT)
def test_splitting_gives_clean_parts(text: str) -> None:
    for parts in (split_values(text), split_units(text)):
        assert all(p and p == p.strip() for p in parts)
        assert not any(sep in p for p in parts for sep in "、，,;；\n")
    assert not any(sep in p for p in split_units(text) for sep in "/／")


DIRECTORY = Directory([Unit(1, "县水利局", "水利局", None, None),
                       Unit(2, "县水务局", "水务局", None, None),
                       Unit(3, "县农业农村局", "农业农村局", None, None),
                       Unit(4, "县卫生健康局", "卫健局", None, None)])


@FAST
@given(TEXT)
def test_any_unit_name_resolves_or_is_refused(text: str) -> None:
    try:
        unit = DIRECTORY.resolve(text)
    except DocketError as e:
        assert "单位“" in e.message
        return
    assert unit in DIRECTORY.units
    assert DIRECTORY.find(text) in (None, unit)
    assert all(isinstance(n, str) for n in DIRECTORY.close_matches(text))


@FAST
@given(st.sampled_from(DIRECTORY.units), st.sampled_from([" ", "\u3000", "\t", ""]))
def test_a_unit_is_found_by_its_names_with_stray_spaces(unit: Unit, space: str) -> None:
    assert DIRECTORY.resolve(space + unit.name + space) == unit
    assert DIRECTORY.resolve(unit.short[:1] + space + unit.short[1:]) == unit
    assert norm(space + unit.name) == unit.name


@SLOW
@given(st.integers(4301, 6000), st.sampled_from(["", "天", "个月", "号", "年1月1日", ".0"]))
def test_thousands_of_digits_are_refused_not_a_value_error(digits: int, tail: str) -> None:
    # int() refuses more than 4,300 digits with ValueError; each parser must say so in Chinese
    text = "1" * digits + tail
    with pytest.raises(BadInput):
        parse_date(text)
    with pytest.raises(BadInput):
        parse_duration(text)
    with pytest.raises(BadCell):
        parse_number(text)
    with pytest.raises(BadCell):
        parse_cell_date(text, date(1899, 12, 30), "提出日期")
    for key in ("import.max_rows", "score.min_items", "vote.points"):
        with pytest.raises(BadInput):
            validate(key, text)
