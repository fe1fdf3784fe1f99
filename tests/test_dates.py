"""Danish dates and times: formatting, and reading what a user types."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from meetingtool.core.dates import (
    DateError,
    format_date,
    format_date_short,
    format_duration,
    format_time,
    format_weekday_date,
    parse_date,
    parse_time,
)
from meetingtool.core.errors import MeetingToolError

TODAY = date(2026, 11, 22)  # a Sunday


# --- Formatting -------------------------------------------------------------------------


def test_format_date_is_danish_long_form():
    assert format_date(date(2026, 11, 22)) == "22. november 2026"
    assert format_date(date(2027, 1, 1)) == "1. januar 2027"
    assert format_date(date(2026, 3, 5)) == "5. marts 2026"


def test_format_date_short():
    assert format_date_short(date(2026, 11, 22)) == "22.11.2026"
    assert format_date_short(date(2026, 1, 5)) == "05.01.2026"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 22), "søndag den 22. november 2026"),
        (date(2026, 11, 23), "mandag den 23. november 2026"),
        (date(2026, 11, 28), "lørdag den 28. november 2026"),
        (date(2026, 12, 2), "onsdag den 2. december 2026"),
    ],
)
def test_format_weekday_date(day, expected):
    assert format_weekday_date(day) == expected


def test_all_month_names():
    names = [format_date(date(2026, month, 1)).split()[1] for month in range(1, 13)]
    assert names == [
        "januar", "februar", "marts", "april", "maj", "juni",
        "juli", "august", "september", "oktober", "november", "december",
    ]  # fmt: skip


def test_format_time_uses_a_dot_and_no_leading_zero_on_the_hour():
    assert format_time(time(14, 30)) == "14.30"
    assert format_time(time(9, 5)) == "9.05"
    assert format_time(time(0, 0)) == "0.00"
    assert format_time(datetime(2026, 11, 22, 15, 42, 59)) == "15.42"


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "0:00"),
        (725, "12:05"),
        (725.9, "12:05"),
        (59.99, "0:59"),
        (-190, "-3:10"),
        (-190.7, "-3:10"),
        (-0.4, "0:00"),  # never "-0:00"
        (-1, "-0:01"),
        (4500, "75:00"),
    ],
)
def test_format_duration(seconds, expected):
    assert format_duration(seconds) == expected


# --- parse_date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-01",
        "1/12",
        "1.12",
        "1-12",
        "1.12.2026",
        "1-12-2026",
        "1/12-26",
        "1/12/2026",
        "01.12.26",
        "01/12",
        "1.12.",
        "1/12 2026",
        "1. december 2026",
        "1. december",
        "1. dec",
        "1. Dec.",
        "1 december 2026",
        "1. dec 26",
        "tirsdag den 1. december 2026",
        "  1/12  ",
    ],
)
def test_parse_date_accepts_the_danish_forms(text):
    assert parse_date(text, TODAY) == date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+14", date(2026, 12, 6)),
        ("+0", TODAY),
        ("+ 3", date(2026, 11, 25)),
        ("+40", date(2027, 1, 1)),
        ("+7 dage", date(2026, 11, 29)),
        ("i dag", TODAY),
        ("I dag", TODAY),
        ("idag", TODAY),
        ("i morgen", date(2026, 11, 23)),
        ("I  Morgen", date(2026, 11, 23)),
        ("i overmorgen", date(2026, 11, 24)),
    ],
)
def test_parse_date_relative(text, expected):
    assert parse_date(text, TODAY) == expected


def test_date_without_year_is_the_nearest_such_date():
    # On 22 November: January and March are next year's, last week stays this year's.
    assert parse_date("1/3", TODAY) == date(2027, 3, 1)
    assert parse_date("5. januar", TODAY) == date(2027, 1, 5)
    assert parse_date("15/1", date(2026, 12, 1)) == date(2027, 1, 15)
    assert parse_date("15/11", TODAY) == date(2026, 11, 15)
    assert parse_date("1/6", TODAY) == date(2026, 6, 1)   # 174 days back, 191 ahead
    assert parse_date("20/12", date(2027, 1, 10)) == date(2026, 12, 20)


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31)),
       st.integers(min_value=-182, max_value=182))
def test_date_without_year_within_half_a_year_is_read_back(today, offset):
    wanted = today + timedelta(days=offset)
    assume(not (wanted.month == 2 and wanted.day == 29))
    assert parse_date(f"{wanted.day}/{wanted.month}", today) == wanted


def test_feb_29_only_in_leap_years():
    assert parse_date("29/2", date(2028, 5, 1)) == date(2028, 2, 29)
    with pytest.raises(DateError, match="findes ikke"):
        parse_date("29/2", TODAY)


def test_month_abbreviations_must_be_unambiguous():
    assert parse_date("3. sept", TODAY) == date(2026, 9, 3)
    assert parse_date("3. maj", TODAY) == date(2027, 5, 3)
    assert parse_date("3. jul", TODAY) == date(2026, 7, 3)
    with pytest.raises(DateError):
        parse_date("3. ju", TODAY)  # juni or juli?


@pytest.mark.parametrize(
    "text",
    ["32/1", "0/1", "1/13", "1/0", "abc", "1", "12345", "+", "+x", "2026-13-01", "i går",
     "1.12.202", "1/12/2026/1", "1. smørrebrød"],
)  # fmt: skip
def test_parse_date_refuses_with_a_danish_message_quoting_the_text(text):
    with pytest.raises(DateError) as raised:
        parse_date(text, TODAY)
    message = raised.value.message
    assert f'"{text}"' in message
    assert message.startswith("Kunne ikke læse datoen")
    assert "Skriv fx" in message


def test_date_error_is_a_meetingtool_error_with_the_documented_message():
    with pytest.raises(MeetingToolError) as raised:
        parse_date("32/1", TODAY)
    assert isinstance(raised.value, DateError)
    assert raised.value.message == (
        'Kunne ikke læse datoen "32/1". Skriv fx 1/12, 1.12.2026, 2026-12-01 eller +14.'
    )


@pytest.mark.parametrize("text", ["31/2", "31.4.2026", "2026-02-30", "30. februar"])
def test_dates_that_do_not_exist_are_refused(text):
    with pytest.raises(DateError, match="findes ikke"):
        parse_date(text, TODAY)


def test_empty_date_says_it_is_missing():
    with pytest.raises(DateError, match="mangler en dato"):
        parse_date("   ", TODAY)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_every_formatted_date_reads_back(day):
    assert parse_date(format_date(day), TODAY) == day
    assert parse_date(format_date_short(day), TODAY) == day
    assert parse_date(format_weekday_date(day), TODAY) == day
    assert parse_date(day.isoformat(), TODAY) == day
    assert parse_date(f"{day.day}/{day.month}-{day.year % 100:02d}", TODAY) == day


@given(st.integers(min_value=0, max_value=3650))
def test_plus_days_is_days_from_today(days):
    assert (parse_date(f"+{days}", TODAY) - TODAY).days == days


# --- parse_time -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14.30", time(14, 30)),
        ("14:30", time(14, 30)),
        ("1430", time(14, 30)),
        ("9", time(9, 0)),
        ("09", time(9, 0)),
        ("9.05", time(9, 5)),
        ("930", time(9, 30)),
        ("0.00", time(0, 0)),
        ("23.59", time(23, 59)),
        ("kl. 14.30", time(14, 30)),
        ("kl 9", time(9, 0)),
        (" 14 . 30 ", time(14, 30)),
    ],
)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24", "25.00", "9.60", "14.3", "2400", "abc", "14.30.00", "-1"])
def test_parse_time_refuses_with_a_message_quoting_the_text(text):
    with pytest.raises(DateError) as raised:
        parse_time(text)
    assert f'"{text}"' in raised.value.message
    assert "Skriv fx 14.30" in raised.value.message


def test_empty_time_says_it_is_missing():
    with pytest.raises(DateError, match="mangler et klokkeslæt"):
        parse_time("")


@given(st.times())
def test_every_formatted_time_reads_back_to_the_minute(moment):
    assert parse_time(format_time(moment)) == moment.replace(second=0, microsecond=0)
