"""The minutes' sections, in the order a Danish referat reads, built once from the bundle.

``build_minutes`` is the one place that decides what the minutes say and in which order;
the Word, Markdown and JSON renderers only lay out its ``Minutes`` (see
``meetingtool.export.sections``). To add a section, write a method on ``_Builder`` that
returns a ``Section`` (or None when it does not apply) and put it in ``ORDER``: all three
formats then show it, and ``tests/test_export_sections.py`` checks that they do.
"""

from __future__ import annotations

from meetingtool.core.dates import format_date, format_time
from meetingtool.core.model import FollowUp, MeetingItem
from meetingtool.core.trials import trials_item
from meetingtool.export import audience, records
from meetingtool.export import case_wording as cw
from meetingtool.export import triage_wording as tw
from meetingtool.export import wording as w
from meetingtool.export.audience import INTERNAL_NOTE
from meetingtool.export.bundle import MinutesBundle
from meetingtool.export.bundle_cases import EscalationLine
from meetingtool.export.sections import (
    Block,
    Bullets,
    DocumentInfo,
    Facts,
    Group,
    Minutes,
    Paragraph,
    Section,
    SubHeading,
    Table,
)
from meetingtool.export.trials import trial_blocks, trial_record

ORDER = (
    "privacy_marking",
    "title",
    "kort_fortalt",
    "attendance",
    "triage_board",
    "borgergennemgang",
    "agenda",
    "review",
    "answers",
    "trials",
    "indicators",
    "sent_on",
    "received",
    "internal",
    "open_followups",
    "next_meeting",
)
"""The top-level sections, in reading order: each name is a method of ``_Builder``."""

REVIEW_LABEL = "Gennemgang af opfølgningspunkter fra tidligere møder"
TRIALS_HEADING = "Prøvehandlinger"
RECEIVED_LABEL = "Sager modtaget fra andre råd og udvalg"


def build_minutes(
    bundle: MinutesBundle, *, include_internal: bool = False, include_times: bool = True
) -> Minutes:
    """The minutes of ``bundle``; ``include_internal`` adds the internal follow-ups (in their
    own section, and inline in the JSON), ``include_times`` each item's planned/used time.

    The bundle is first fitted to its readers (``audience.prepare``: what a bruger- og
    pårørenderåd may not see left out, resident data marked), whichever route called."""
    builder = _Builder(audience.prepare(bundle, include_internal), include_internal,
                       include_times)
    found = (getattr(builder, name)() for name in ORDER)
    return Minutes(builder.info(), tuple(section for section in found if section is not None))


class _Builder:
    """One method per top-level section (named in ``ORDER``); helpers below them."""

    def __init__(self, bundle: MinutesBundle, include_internal: bool,
                 include_times: bool) -> None:
        self.bundle = bundle
        self.meeting = bundle.meeting
        self.include_internal = include_internal
        self.include_times = include_times
        self.review_item = w.review_item(self.meeting)
        self.trials_item = trials_item(self.meeting)

    def info(self) -> DocumentInfo:
        meeting = self.meeting
        council = w.clean(meeting.council_name)
        header = f"{council} · Referat {format_date(meeting.date)}"
        title = w.document_title(self.bundle)
        if self.bundle.internal_included:
            header = f"Intern · {header}"
            title = f"Intern: {title}"
        if self.bundle.personal:
            header = f"{w.INTERNAL_LINE} · {council}"
        return DocumentInfo(
            title=title,
            subject=f"{w.kind_label(meeting.kind)} {format_date(meeting.date)}",
            author=_one_line(meeting.secretary) or _one_line(meeting.chair) or "meetingtool",
            category=w.kind_label(meeting.kind),
            page_header=header,
        )

    # -- the sections, in ORDER ---------------------------------------------------------

    def privacy_marking(self) -> Section | None:
        """Resident data, or the internal follow-ups: said before anything else."""
        if self.bundle.personal:
            marking = w.INTERNAL_LINE
        elif self.bundle.internal_included:
            marking = INTERNAL_NOTE
        else:
            return None
        blocks: list[Block] = [Paragraph(label=marking)]
        return Section("privacy_marking", None, blocks=tuple(blocks), key="privacy_marking",
                       data=marking)

    def title(self) -> Section:
        blocks: list[Block] = [Facts(tuple(w.header_facts(self.bundle)))]
        previous = w.previous_approval_line(self.bundle)
        if previous:
            blocks.append(Paragraph(previous))
        if self.bundle.residents_left_out:
            count = self.bundle.residents_left_out
            blocks.append(Paragraph(
                f"{count} {'sag' if count == 1 else 'sager'} om en enkelt beboer er ikke med "
                "i dette referat, som går til beboere og pårørende."))
        heading = "Internt referat" if self.bundle.internal_included else "Referat"
        return Section("title", heading, 0, tuple(blocks),
                       subtitle=w.clean(self.meeting.council_name),
                       data=records.meeting_facts(self.bundle, self.include_times))

    def kort_fortalt(self) -> Section | None:
        """The plain-language part, boxed so page 1 can go on the notice board."""
        if not w.has_kort_fortalt(self.bundle):
            return None
        content = w.kort_fortalt(self.bundle)
        blocks: list[Block] = [Paragraph(
            f"Fra mødet i {w.clean(self.meeting.council_name)} {format_date(self.meeting.date)}."
        )]
        parts = (
            ("Det vil vi gerne fortælle", content["told"], False),
            ("Det besluttede vi", content["decided"], True),
            ("Det sker nu", content["next"], True),
        )
        for heading, lines, bulleted in parts:
            if lines:
                blocks.append(SubHeading(heading))
                if bulleted:
                    blocks.append(Bullets(tuple(lines)))
                else:
                    blocks += [Paragraph(line) for line in lines]
        if not any(lines for _, lines, _ in parts):
            blocks.append(Paragraph("Der blev ikke truffet beslutninger på mødet."))
        return Section("kort_fortalt", "Kort fortalt", blocks=tuple(blocks), boxed=True,
                       key="kort_fortalt", data=content)

    def attendance(self) -> Section:
        if not w.attendance_taken(self.meeting):
            members = tuple(w.person(a) for a in self.meeting.attendance)
            blocks: tuple[Block, ...] = (Paragraph("Fremmøde ikke registreret."),)
            if members:
                blocks += (Group("Medlemmer", members),)
            return Section("attendance", "Fremmøde", blocks=blocks, key="attendance",
                           data=records.attendance(self.bundle))
        groups = tuple(Group(label, tuple(names))
                       for label, names in w.attendance_groups(self.meeting))
        return Section("attendance", "Fremmøde", blocks=groups, key="attendance",
                       data=records.attendance(self.bundle))

    def triage_board(self) -> Section | None:
        bundle = self.bundle
        if not bundle.is_triage and not bundle.triage_entries:
            return None
        blocks: tuple[Block, ...] = ()
        if bundle.is_triage:  # a board recorded in another kind of meeting is data only
            rows = tw.triage_rows(bundle)
            board = _table(tw.TRIAGE_HEADER, rows, tw.TRIAGE_SHARES)
            board = Table(board.header, board.rows, board.shares, tuple(tw.triage_shades(bundle)))
            blocks = ((board,) if rows
                      else (Paragraph("Teamet har ingen beboere på tavlen."),))
        return Section("triage_board", "Triagetavle", blocks=blocks, key="triage",
                       data=records.triage(bundle))

    def borgergennemgang(self) -> Section | None:
        """The five answers of each borgergennemgang made at the meeting: in the internal
        minutes only (they describe one resident)."""
        if not self.include_internal or not self.bundle.borgergennemgange:
            return None
        children = []
        for label, answers in tw.borgergennemgang_parts(self.bundle):
            blocks = tuple(Paragraph(answer, label=question) for question, answer in answers)
            children.append(Section("borgergennemgang_resident", label, 3, blocks))
        data = [{"resident": label, "answers": dict(answers)}
                for label, answers in tw.borgergennemgang_parts(self.bundle)]
        return Section("borgergennemgang", "Borgergennemgang", children=tuple(children),
                       key="borgergennemgange", data=data)

    def agenda(self) -> Section:
        """Each item; the review and received cases go under their own items when present."""
        children = [self._item(item) for item in self.meeting.items]
        unplaced = self._unplaced()
        if unplaced is not None:
            children.append(unplaced)
        data = [records.item(self.bundle, item, self.include_internal, self.include_times)
                for item in self.meeting.items]
        return Section("agenda", "Dagsordenspunkter", children=tuple(children), key="items",
                       data=data)

    def review(self) -> Section | None:
        if self.review_item is not None:
            return None  # under its item
        return self._review(w.REVIEW_ITEM_TITLE, 1)

    def answers(self) -> Section | None:
        """The latest word on each case the council sent on before this meeting."""
        answers = [a for a in self.bundle.answers
                   if self.include_internal or not a.followup.internal]
        if not self.bundle.answers:
            return None
        rows = [cw.answer_row(answer, self.bundle) for answer in answers]
        blocks = (_table(cw.ANSWERS_HEADER, rows, cw.ANSWERS_SHARES),) if rows else ()
        data = [{"followup_id": a.followup.id, "sent_to": a.sent_to,
                 "sent_on": a.sent_on.isoformat(), "now_in": a.word.council_name,
                 "status": a.word.status, "waiting": a.word.waiting, "owner": a.word.owner,
                 "due": a.word.due.isoformat() if a.word.due else None,
                 "comments": list(a.word.comments)} for a in answers]
        return Section("answers", cw.ANSWERS_TITLE, blocks=blocks, key="answers", data=data)

    def trials(self) -> Section | None:
        if self.trials_item is not None and self.bundle.trials:
            return None  # under its item
        return self._trials(1)

    def indicators(self) -> Section | None:
        from meetingtool.export.indicators import indicator_section

        return indicator_section(self.meeting, self.bundle.indicators)

    def sent_on(self) -> Section:
        lines = [line for line in self.bundle.escalations_out if not line.followup.internal]
        return Section("sent_on", "Sager sendt videre", blocks=_escalation_table(lines),
                       key="escalations_out",
                       data=records.escalations(self.bundle.escalations_out,
                                                self.include_internal))

    def received(self) -> Section:
        """What the council decided about each case it received: under the item each case
        was placed on; here those whose item is gone (and the JSON's list of them all)."""
        item_ids = {item.id for item in self.meeting.items}
        lines = [line for line in self.bundle.escalations_in
                 if line.followup.item_id not in item_ids]
        return Section("received", w.ESCALATIONS_ITEM_TITLE, 1,
                       self._received_table(lines), key="escalations_in",
                       data=records.escalations(self.bundle.escalations_in,
                                                self.include_internal))

    def internal(self) -> Section | None:
        if not self.include_internal:
            return None  # the JSON has them inline, marked "internal": true
        followups = self._internal_followups()
        if not followups:
            return None
        return Section("internal", w.INTERNAL_SECTION, blocks=(self._followup_table(followups),))

    def open_followups(self) -> Section:
        followups = [fu for fu in self.bundle.open_followups if not fu.internal]
        data = records.followups(self.bundle.open_followups, self.include_internal)
        if not followups:
            blocks: tuple[Block, ...] = (Paragraph("Rådet har ingen åbne opfølgningspunkter."),)
        else:
            rows = [w.open_row(fu, self.bundle.origin_date(fu), self.bundle) for fu in followups]
            blocks = (
                Paragraph(f"Alle åbne opfølgningspunkter for {w.clean(self.meeting.council_name)}"
                          " efter dette møde."),
                _table(w.OPEN_HEADER, rows, w.OPEN_SHARES),
            )
        return Section("open_followups", "Åbne opfølgningspunkter", blocks=blocks,
                       key="open_followups", data=data)

    def next_meeting(self) -> Section:
        """The day (and, when the chair set them, time, place and theme)."""
        day = self.bundle.next_meeting
        meeting = self.meeting
        if day is None:
            return Section("next_meeting", "Næste møde", blocks=(Paragraph("Ikke fastsat."),),
                           key="next_meeting", data=None)
        text = format_date(day)
        blocks: list[Block] = []
        if day == meeting.next_meeting:
            if meeting.next_meeting_time:
                text += f" kl. {format_time(meeting.next_meeting_time)}"
            if meeting.next_meeting_place:
                text += f", {w.clean(meeting.next_meeting_place)}"
            if meeting.next_meeting_theme:
                blocks.append(Paragraph(w.clean(meeting.next_meeting_theme), label="Tema"))
        return Section("next_meeting", "Næste møde", blocks=(Paragraph(text + "."), *blocks),
                       key="next_meeting", data=day.isoformat())

    # -- parts of sections --------------------------------------------------------------

    def _item(self, item: MeetingItem) -> Section:
        bundle = self.bundle
        blocks: list[Block] = []
        meta = w.item_meta(item, self.include_times, self.meeting.attendance)
        if meta:
            blocks.append(Paragraph(meta, style="meta"))
        blocks += [Paragraph(text) for text in w.paragraphs(item.notes)]
        blocks += [_decision(d.text) for d in bundle.decisions_for(item.id)]
        followups = [fu for fu in w.shown_followups(bundle.followups_for(item.id), False)
                     if fu.escalated_from is None]
        if followups:
            blocks.append(self._followup_table(followups))
        children = []
        if self.review_item is not None and item.id == self.review_item.id:
            children.append(self._review(REVIEW_LABEL, 3))
        received = [line for line in bundle.escalations_in if line.followup.item_id == item.id]
        if received:
            children.append(Section("item_received", RECEIVED_LABEL, 3,
                                    self._received_table(received)))
        if self.trials_item is not None and item.id == self.trials_item.id:
            trials = self._trials(3)
            if trials is not None:
                children.append(trials)
        said = len(blocks) > (1 if meta else 0) or any(child.visible for child in children)
        if not said:
            blocks.append(Paragraph("Ingen bemærkninger."))
        return Section("item", w.item_heading(self.meeting, item), 2, tuple(blocks),
                       tuple(children))

    def _trials(self, level: int) -> Section | None:
        """Each trial taken up in this meeting: where it stands, what was said here, and
        the indstilling when it was given here."""
        if not self.bundle.trials:
            return None
        blocks: list[Block] = []
        for trial in self.bundle.trials:
            blocks += trial_blocks(trial, self.meeting.id)
        return Section("trials", TRIALS_HEADING, level, tuple(blocks), key="trials",
                       data=[trial_record(trial, self.meeting.id)
                             for trial in self.bundle.trials])

    def _unplaced(self) -> Section | None:
        """Decisions and follow-ups whose item was removed after they were made."""
        item_ids = {item.id for item in self.meeting.items}
        decisions = [d for d in self.bundle.decisions if d.item_id not in item_ids]
        followups = self.bundle.unplaced_followups()
        shown = w.shown_followups(followups, False)
        if not decisions and not shown:
            return None
        blocks: list[Block] = [_decision(d.text) for d in decisions]
        if shown:
            blocks.append(self._followup_table(shown))
        data = {
            "decisions": [{"id": d.id, "text": d.text} for d in decisions],
            "followups": records.followups(followups, self.include_internal),
        }
        return Section("unplaced", "Øvrige beslutninger og opfølgningspunkter", 2,
                       tuple(blocks), key="unplaced", data=data)

    def _review(self, heading: str, level: int) -> Section:
        """What became of earlier follow-ups (shown only when there is something)."""
        reviewed = [r for r in self.bundle.followups_reviewed if not r.followup.internal]
        blocks: tuple[Block, ...] = ()
        if reviewed:
            rows = [w.review_row(r, self.bundle) for r in reviewed]
            blocks = (_table(w.REVIEW_HEADER, rows, w.REVIEW_SHARES),)
        return Section("review", heading, level, blocks, key="followups_reviewed",
                       data=records.reviewed(self.bundle.followups_reviewed,
                                             self.include_internal))

    def _received_table(self, lines: list[EscalationLine]) -> tuple[Block, ...]:
        shown = [line for line in lines if not line.followup.internal]
        if not shown:
            return ()
        rows = [cw.received_row(line, self.bundle) for line in shown]
        return (_table(cw.RECEIVED_HEADER, rows, cw.RECEIVED_SHARES),)

    def _followup_table(self, followups: list[FollowUp]) -> Table:
        rows = [w.followup_row(fu, self.bundle) for fu in followups]
        return _table(w.FOLLOWUP_HEADER, rows, w.FOLLOWUP_SHARES)

    def _internal_followups(self) -> list[FollowUp]:
        seen: set[str] = set()
        found = []
        bundle = self.bundle
        for followup in (bundle.followups_created
                         + [r.followup for r in bundle.followups_reviewed]
                         + bundle.open_followups):
            if followup.internal and followup.id not in seen:
                seen.add(followup.id)
                found.append(followup)
        return found


def _decision(text: str) -> Paragraph:
    return Paragraph(w.clean(text), label="Beslutning")


def _escalation_table(lines: list[EscalationLine]) -> tuple[Block, ...]:
    if not lines:
        return ()
    rows = [w.escalation_row(line) for line in lines]
    return (_table(w.ESCALATION_HEADER, rows, w.ESCALATION_SHARES),)


def _table(header: list[str], rows: list[list[str]], shares: tuple[float, ...]) -> Table:
    return Table(tuple(header), tuple(tuple(row) for row in rows), shares)


def _one_line(text: str | None) -> str:
    return " ".join(w.clean(text).split())
