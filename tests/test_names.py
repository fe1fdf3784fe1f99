"""The one "looks like a full name" rule (core.names), both directions, and where it is used."""

from __future__ import annotations

import pytest

from meetingtool.core import identifiers, names

KNOWN = ["Afdeling Ahorn", "Kvalitetsudvalg Syd", "Lokalt kvalitetsudvalg", "Tværgående råd"]


@pytest.mark.parametrize(("text", "name"), [
    ("Karen Holm indflyttet i går", "Karen Holm"),
    ("AB: datter Anna Berg ringede", "Anna Berg"),
    ("Datter Anna Berg klager", "Anna Berg"),
    ("Anna Marie Berg", "Anna Marie"),
    ("Anne-Marie Berg kommer fredag", "Anne-Marie Berg"),
    ("Fra Karen Holm: ønsker samtale", "Karen Holm"),
    ("Gentages i Afdeling Ahorn, Karen Holm faldt", "Karen Holm"),
    ("Samtale med Søren Østergaard", "Søren Østergaard"),
    ("navnet står over to linjer: Karen\nHolm", "Karen\nHolm"),
])
def test_full_names_are_found(text, name):
    assert names.find_full_name(text, KNOWN) == name
    with pytest.raises(names.FullNameError) as caught:
        names.check_no_full_name(text, "noten", KNOWN)
    assert "i noten" in caught.value.message and "fuldt navn" in caught.value.message


@pytest.mark.parametrize("text", [
    "Gentages i Afdeling Ahorn",
    "Gentages i afdeling ahorn og i Kvalitetsudvalg Syd",
    "Sendt videre til Lokalt Kvalitetsudvalg",
    "Tværgående Råd tager sagen",
    "Plejecenter Kildehaven og Roskilde Kommune",
    "Sygeplejerske Karen ser til AB",
    "Ring Lise i morgen",
    "Mandag Morgen faldt AB",
    "Gentagne fald om natten. Handleplan virker ikke",
    "AB, stue 2: fald",
    "Bo Li",
    "Karen. Holm",  # two sentences, not one name
    "",
])
def test_council_names_and_ordinary_text_pass(text):
    assert names.find_full_name(text, KNOWN) is None
    assert names.check_no_full_name(text, "noten", KNOWN) == text


def test_a_council_name_is_only_allowed_when_the_store_knows_it():
    assert names.find_full_name("Gentages i Birkely Ahorn") == "Birkely Ahorn"
    assert names.find_full_name("Gentages i Birkely Ahorn", ["Birkely Ahorn"]) is None


def test_triage_uses_the_same_rule():
    assert identifiers.looks_like_full_name("Anna Marie Berg")
    assert not identifiers.looks_like_full_name("Afdeling Ahorn")
    assert identifiers.check_case_text(" Gentages i Afdeling Ahorn ", "sagen", KNOWN) == (
        "Gentages i Afdeling Ahorn")
    with pytest.raises(names.FullNameError):
        identifiers.check_case_text("Karen Holm indflyttet i går", "noten", KNOWN)
    with pytest.raises(identifiers.CprError):
        identifiers.check_case_text("Afdeling Ahorn 010203-1234", "noten", KNOWN)
    with pytest.raises(identifiers.IdentifierError):
        identifiers.normalise_initials("Karen Holm")
