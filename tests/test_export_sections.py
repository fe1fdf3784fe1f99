"""The minutes' sections: built once, and every one of them in the .docx, the Markdown and the
JSON alike — for the demo's councils of every kind, read back from the written files."""

from __future__ import annotations

import io
import json
from datetime import date

import docx
import pytest
from test_export_support import sample_store

from meetingtool.actions.demo import build_demo
from meetingtool.core.cpr import REPLACEMENT
from meetingtool.export import build_minutes, collect_bundle, export_minutes, render
from meetingtool.export.audience import prepare
from meetingtool.export.cpr_guard import CprFoundError
from meetingtool.export.minutes import ORDER
from meetingtool.store import Store, open_store

CPR = "010203-1234"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Store:
    folder = tmp_path_factory.mktemp("sections") / "demo"
    build_demo(folder, today=date(2026, 11, 22))
    return open_store(folder)


def last_finished(store: Store, kind: str) -> int:
    """The council's last finished meeting; for the kvalitetsudvalg, the last that received
    cases from the triage team."""
    council = next(c for c in store.councils() if c.kind == kind)
    done = [s for s in store.meetings(council.id) if s.status == "afsluttet"]
    if kind == "kvalitetsudvalg":
        done = [s for s in done if collect_bundle(store, s.id).escalations_in]
    return max(done, key=lambda s: (s.date, s.id)).id


def docx_texts(data: bytes) -> list[str]:
    """Every paragraph's text, also those inside tables (the facts, "Kort fortalt")."""
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    return ["".join(node.text or "" for node in p.iter(docx.oxml.ns.qn("w:t")))
            for p in body.iter(docx.oxml.ns.qn("w:p"))]


def md_heading_lines(text: str) -> list[str]:
    return [line for line in text.splitlines()
            if line.startswith("#") or (line.startswith("**") and line.endswith("**"))]


# The three councils the brief names, and the sections each must show.
CASES = {
    "bruger-og-paaroerenderaad": {"title", "kort_fortalt", "attendance", "agenda", "review",
                                  "open_followups", "next_meeting"},
    "triage": {"privacy_marking", "title", "attendance", "triage_board", "agenda",
               "open_followups", "next_meeting"},
    "kvalitetsudvalg": {"title", "attendance", "agenda", "item_received", "open_followups",
                        "next_meeting"},
}


@pytest.mark.parametrize("kind", sorted(CASES))
@pytest.mark.parametrize("include_internal", [False, True])
def test_every_section_appears_in_docx_markdown_and_json(demo_store, kind, include_internal):
    bundle = collect_bundle(demo_store, last_finished(demo_store, kind))
    shown = assert_in_all_three(bundle, include_internal)
    assert CASES[kind] <= shown


def test_sections_outside_their_items_appear_in_all_three():
    """No review item, no "Sager fra andre fora" item, an item removed after its decisions:
    the review, the received cases and the unplaced decisions stand as sections of their own."""
    store = sample_store()
    meeting = store.meetings_by_id[2]
    meeting.items = [item for item in meeting.items if item.id != 3]
    shown = assert_in_all_three(collect_bundle(store, 2), include_internal=True)
    assert {"review", "unplaced", "internal"} <= shown

    store = sample_store()  # the quality committee's side of the case sent on
    store.meetings_by_id[2].council_id = "kvalitetsudvalg"
    (received,) = [fu for fu in store.followup_list if fu.escalated_from is not None]
    received.meeting_id = 2
    received.item_id = 99  # its item removed after it arrived
    bundle = collect_bundle(store, 2)
    assert "received" in assert_in_all_three(bundle, include_internal=False)
    levels = {s.kind: s.level for s in build_minutes(bundle).sections}
    assert levels["received"] == 1 and levels["review"] == 1


def assert_in_all_three(bundle, include_internal: bool) -> set[str]:
    """Each shown section's heading in the .docx and the Markdown, its data in the JSON;
    returns the kinds of the sections shown."""
    options = {"include_internal": include_internal}
    bundle = prepare(bundle, include_internal)  # as render() does: the markings decided
    minutes = build_minutes(bundle, **options)
    md_lines = md_heading_lines(render(bundle, "md", **options).decode("utf-8"))
    word = docx_texts(render(bundle, "docx", **options))
    record = json.loads(render(bundle, "json", **options))

    shown = set()
    for section in minutes.walk():
        if not section.visible:
            continue
        shown.add(section.kind)
        if section.level == 0:
            assert f"# {section.heading}: {section.subtitle}" in md_lines
            assert section.heading in word and section.subtitle in word
        elif section.heading:
            assert any(line.lstrip("# ").strip("*") == section.heading for line in md_lines), (
                section.heading)
            assert section.heading in word, section.heading
        else:  # a section without a heading: its bold line
            label = section.blocks[0].label
            assert f"**{label}**" in md_lines and label in word
        # the machine part: its own key, or for an item its entry in "items"
        if section.kind == "item":
            assert any(section.heading == f"{item['number']}. {item['title']}"
                       for item in record["items"])
        elif section.kind == "internal":
            texts = {f["text"] for f in record["open_followups"] if f["internal"]}
            texts |= {f["text"] for i in record["items"] for f in i["followups"] if f["internal"]}
            assert texts, "internal follow-ups are inline in the JSON"
        elif section.kind == "item_received":  # the item's part of the one list
            assert record["escalations_in"], section.heading
        elif section.kind == "borgergennemgang_resident":
            assert section.heading in [b["resident"] for b in record["borgergennemgange"]]
        elif section.kind == "title":
            assert record["council"] == bundle.meeting.council_name
        else:
            assert section.key in record, section.kind
            assert record[section.key] == section.data
    return shown


def test_the_sections_come_in_one_order_in_docx_and_markdown(demo_store):
    bundle = collect_bundle(demo_store, last_finished(demo_store, "bruger-og-paaroerenderaad"))
    minutes = build_minutes(bundle)
    top = [s.kind for s in minutes.sections]
    assert top == sorted(top, key=ORDER.index)
    headings = [s.heading for s in minutes.sections if s.visible and s.level == 1]
    md = render(bundle, "md").decode("utf-8")
    assert [line[3:] for line in md.splitlines() if line.startswith("## ")] == headings
    word = docx_texts(render(bundle, "docx"))
    assert [text for text in word if text in headings] == headings


def test_kort_fortalt_is_in_the_json_too(demo_store):
    bundle = collect_bundle(demo_store, last_finished(demo_store, "bruger-og-paaroerenderaad"))
    record = json.loads(render(bundle, "json"))
    (section,) = [s for s in build_minutes(bundle).sections if s.kind == "kort_fortalt"]
    assert record["kort_fortalt"] == section.data
    assert record["kort_fortalt"]["next"][-1].startswith("Næste møde er ")


def test_the_guard_sees_texts_the_bundle_check_does_not_name(tmp_path):
    """An item's tags go into the JSON; the check of the built minutes stops them."""
    store = sample_store()
    store.meetings_by_id[2].items[2].tags = [f"borger {CPR}"]
    with pytest.raises(CprFoundError) as caught:
        export_minutes(store, 2, "json", out=tmp_path)
    assert caught.value.places == ['afsnit "Dagsordenspunkter"']
    assert CPR not in str(caught.value)
    assert list(tmp_path.iterdir()) == []

    path = export_minutes(store, 2, "json", out=tmp_path, redact=True)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["items"][2]["tags"] == [f"borger {REPLACEMENT}"]
    assert CPR not in path.read_text(encoding="utf-8")
    allowed = export_minutes(store, 2, "json", out=tmp_path, allow_cpr=True)
    assert CPR in allowed.read_text(encoding="utf-8")


def test_the_page_header_and_properties_are_checked_too(tmp_path):
    store = sample_store()
    store.meetings_by_id[2].secretary = f"Bent {CPR}"
    with pytest.raises(CprFoundError) as caught:
        export_minutes(store, 2, "docx", out=tmp_path)
    assert "referent" in caught.value.places  # the bundle's field check names it first
    path = export_minutes(store, 2, "docx", out=tmp_path, redact=True)
    document = docx.Document(str(path))
    assert document.core_properties.author == f"Bent {REPLACEMENT}"


def test_an_item_never_reached_shows_no_used_minutes():
    from meetingtool.core.model import MeetingItem
    from meetingtool.export.wording import item_minutes

    never = MeetingItem(id=1, title="Eventuelt", planned_minutes=15)
    assert item_minutes(never) == "Planlagt 15 min"
    passed = MeetingItem(id=2, title="Eventuelt", planned_minutes=15, used_seconds=20)
    assert item_minutes(passed) == "Planlagt 15 min · brugt under 1 min"
    assert "brugt 0 min" not in item_minutes(passed)
