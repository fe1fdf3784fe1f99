"""CPR detection: true positives in every written form, and the look-alikes that must not match."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingtool.core.cpr import CprMatch, contains_cpr, find_cpr, redact_cpr

DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@pytest.mark.parametrize(
    "number",
    [
        "010203-1234",
        "0102031234",
        "010203 1234",
        "010203/1234",
        "010203.1234",
        "010203\u20131234",  # Word's en dash
        "010203\u00a01234",  # no-break space
        "311299-0001",
        "290200-4321",  # 29 February is allowed whatever the year
        "290201-4321",
        "300490-1111",
        "311290-1111",
        "010190-1235",  # fails modulus 11; still a CPR number
    ],
)
def test_finds_cpr_numbers_in_every_form(number):
    text = f"Borger med CPR {number} er flyttet."
    assert find_cpr(text) == [CprMatch(number, 15, 15 + len(number))]
    assert contains_cpr(text)


@pytest.mark.parametrize(
    "text",
    [
        "(010203-1234)",
        "cpr:0102031234.",
        "«010203-1234»",
        "Nr. 010203-1234, stue 12",
        "010203-1234\n",
        "\t0102031234",
        "stue 12 010203-1234",
    ],
)
def test_found_next_to_punctuation(text):
    assert len(find_cpr(text)) == 1


def test_finds_several_and_reports_positions():
    text = "A: 010203-1234; B: 1512881234 og C: 311299 0001."
    found = find_cpr(text)
    assert [m.text for m in found] == ["010203-1234", "1512881234", "311299 0001"]
    for match in found:
        assert text[match.start : match.end] == match.text


@pytest.mark.parametrize(
    "text",
    [
        # Phone numbers
        "Ring 12 34 56 78",
        "Tlf. +45 12345678",
        "Tlf. +45 12 34 56 78",
        "+4501020312",
        "+450102031234",
        "12345678",
        # Dates and times
        "Mødet er 2026-12-01 kl. 14.30",
        "1.12.2026",
        "01.12.26",
        "22. november 2026",
        "14:30:00",
        "20261201",
        # Amounts
        "Budget 1.234.567,00 kr.",
        "1.234.567",
        "123.456.7890",
        # Longer digit runs: order and account numbers
        "Ordre 01020312345",
        "Ordre 10102031234",
        "Konto 1234-0102031234",
        "Ordre 010203-1234-56",
        "Ordre 010203-12345",
        "Faktura 9.010203.1234",
        "Ordre 1,0102031234",
        # Implausible dates
        "320103-1234",
        "000103-1234",
        "011303-1234",
        "010003-1234",
        "300203-1234",
        "310403-1234",
        # Too short
        "010203-123",
        "01020-1234",
        "",
    ],
)
def test_look_alikes_do_not_match(text):
    assert find_cpr(text) == []
    assert not contains_cpr(text)
    assert redact_cpr(text) == text


def test_redact_replaces_each_number_and_keeps_the_rest():
    text = "A: 010203-1234; B: 1512881234. Tlf. 12 34 56 78."
    assert redact_cpr(text) == "A: [CPR fjernet]; B: [CPR fjernet]. Tlf. 12 34 56 78."
    assert redact_cpr(text, replacement="XXX") == "A: XXX; B: XXX. Tlf. 12 34 56 78."


def test_non_ascii_digits_are_not_digits_here():
    assert find_cpr("٠١٠٢٠٣-١٢٣٤") == []


# --- Properties -------------------------------------------------------------------------


@st.composite
def cpr_numbers(draw) -> str:
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=DAYS_IN_MONTH[month - 1]))
    year = draw(st.integers(min_value=0, max_value=99))
    serial = draw(st.integers(min_value=0, max_value=9999))
    separator = draw(st.sampled_from(["", "-", " ", "/", "."]))
    return f"{day:02d}{month:02d}{year:02d}{separator}{serial:04d}"


danish_words = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ,;:!?()\"'",
    min_size=1,
    max_size=12,
)
danish_text = st.lists(danish_words, max_size=12).map(" ".join)


@given(before=danish_text, number=cpr_numbers(), after=danish_text)
def test_a_valid_cpr_in_danish_text_is_always_found(before, number, after):
    text = f"{before} {number} {after}"
    found = find_cpr(text)
    assert CprMatch(number, len(before) + 1, len(before) + 1 + len(number)) in found


@given(
    parts=st.lists(st.one_of(danish_text, cpr_numbers()), min_size=1, max_size=8),
)
def test_redaction_leaves_no_cpr(parts):
    text = " ".join(parts)
    redacted = redact_cpr(text)
    assert not contains_cpr(redacted)
    expected = sum(1 for part in parts if find_cpr(part))
    assert redacted.count("[CPR fjernet]") == expected


def _is_plausible(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= DAYS_IN_MONTH[month - 1]


@given(
    day=st.integers(min_value=0, max_value=99),
    month=st.integers(min_value=0, max_value=99),
    year=st.integers(min_value=0, max_value=99),
    serial=st.integers(min_value=0, max_value=9999),
    separator=st.sampled_from(["", "-", " ", "/", "."]),
    context=danish_text,
)
def test_digits_that_are_not_a_plausible_date_never_match(
    day, month, year, serial, separator, context
):
    number = f"{day:02d}{month:02d}{year:02d}{separator}{serial:04d}"
    found = find_cpr(f"{context} {number} {context}")
    assert bool(found) == _is_plausible(day, month)


@given(
    digits=st.text(alphabet="0123456789", min_size=11, max_size=20),
    context=danish_text,
)
def test_longer_digit_runs_never_match(digits, context):
    assert find_cpr(f"{context} {digits} {context}") == []
