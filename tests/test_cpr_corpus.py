"""CPR detection against a corpus of real-world forms (tests/data/cpr_corpus.json), and a
property test over valid dates x serials x every separator a keyboard, word processor or
PDF copy produces."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingtool.core.cpr import REPLACEMENT, contains_cpr, find_cpr, redact_cpr

CORPUS = json.loads((Path(__file__).parent / "data" / "cpr_corpus.json").read_text("utf-8"))
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _label(entry: dict) -> str:
    return entry.get("form") or entry.get("kind") or "?"


def test_the_corpus_is_big_enough():
    assert len(CORPUS["positives"]) >= 100
    assert len(CORPUS["negatives"]) >= 60


@pytest.mark.parametrize("entry", CORPUS["positives"], ids=_label)
def test_every_positive_is_found_whole(entry):
    text, expected = entry["text"], entry["cpr"]
    assert [match.text for match in find_cpr(text)] == expected
    redacted = text
    for number in expected:
        redacted = redacted.replace(number, REPLACEMENT, 1)
    assert redact_cpr(text) == redacted
    assert not contains_cpr(redacted)


@pytest.mark.parametrize("entry", CORPUS["negatives"], ids=_label)
def test_no_negative_raises_an_alarm(entry):
    assert find_cpr(entry["text"]) == []
    assert redact_cpr(entry["text"]) == entry["text"]


# --- Property: valid dates x serials x every separator ----------------------------------

_DASHES = [c for c in map(chr, range(0x10000)) if unicodedata.category(c) == "Pd"] + [
    "\u2212", "\u2796", "\ufe63", "\uff0d"
]
_SPACES = [c for c in map(chr, range(0x10000)) if c.isspace()]
_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e"]
_SERIAL_SEPARATORS = (
    [""] + _DASHES + _SPACES + _INVISIBLE + ["/", ".", "\r\n", "-\r\n", " - ", " \u2013 "]
)
_DATE_SEPARATORS = ["", ".", "/", "-", " ", "\u00a0", "\u202f", ". "]


@st.composite
def written_cpr_numbers(draw) -> str:
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=DAYS_IN_MONTH[month - 1]))
    year = draw(st.integers(min_value=0, max_value=99))
    serial = draw(st.integers(min_value=0, max_value=9999))
    first, second = draw(st.sampled_from(_DATE_SEPARATORS)), draw(st.sampled_from(_DATE_SEPARATORS))
    last = draw(st.sampled_from(_SERIAL_SEPARATORS))
    number = f"{day:02d}{first}{month:02d}{second}{year:02d}{last}{serial:04d}"
    if draw(st.booleans()):
        number = unicodedata.normalize("NFKC", number).translate(_FULL_WIDTH)
    return number


_FULL_WIDTH = {ord(str(d)): chr(0xFF10 + d) for d in range(10)}
danish_text = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ,;:!?()\"'",
            min_size=1, max_size=12),
    max_size=8,
).map(" ".join)


@given(before=danish_text, number=written_cpr_numbers(), after=danish_text)
def test_no_written_form_is_missed(before, number, after):
    text = f"{before} {number} {after}"
    found = find_cpr(text)
    assert [(m.start, m.end) for m in found] == [(len(before) + 1, len(before) + 1 + len(number))]
    assert redact_cpr(text) == f"{before} {REPLACEMENT} {after}"


@given(numbers=st.lists(written_cpr_numbers(), min_size=2, max_size=4),
       joiner=st.sampled_from([",", "/", ", ", ";", " og ", "\n"]))
def test_every_number_of_a_list_is_found(numbers, joiner):
    text = joiner.join(numbers)
    assert len(find_cpr(text)) == len(numbers)
    assert not any(c.isdigit() for c in unicodedata.normalize("NFKC", redact_cpr(text)))


# --- Property: the look-alikes a secretary writes every day never raise an alarm ----------


@st.composite
def phone_numbers(draw) -> str:
    digits = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    grouping = draw(st.sampled_from(["pairs", "halves", "none"]))
    if grouping == "pairs":
        digits = " ".join(digits[i : i + 2] for i in range(0, 8, 2))
    elif grouping == "halves":
        digits = f"{digits[:4]} {digits[4:]}"
    return draw(st.sampled_from(["", "+45 ", "tlf. ", "(+45) "])) + digits


@st.composite
def dates_and_times(draw) -> str:
    year = draw(st.integers(min_value=1900, max_value=2099))
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=28))
    written = draw(st.sampled_from([
        f"{day}.{month}.{year}", f"{day:02d}.{month:02d}.{year}", f"{day:02d}-{month:02d}-{year}",
        f"{year}-{month:02d}-{day:02d}", f"{day:02d}/{month:02d}/{year}", f"{day}. {month}. {year}",
    ]))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    return written + draw(st.sampled_from(["", f" kl. {hour:02d}.{minute:02d}",
                                           f" {hour:02d}.{minute:02d}-{hour:02d}.{minute:02d}"]))


@given(value=st.one_of(phone_numbers(), dates_and_times()), context=danish_text)
def test_phone_numbers_dates_and_times_never_match(value, context):
    assert find_cpr(f"{context} {value} {context}") == []
