"""Validating an agenda template's content: the checks that know what an agenda holds.

``core.agenda`` reads the file; ``AgendaValidator.run`` turns the parsed TOML into an
``AgendaTemplate`` and lists every problem (``core.toml_check.Problem``) on the way.
"""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from meetingtool.core.model import AgendaTemplate, Member, TemplateItem, TriageRule, TriageSettings
from meetingtool.core.toml_check import (
    FieldChecker,
    Problem,
    choices,
    show_value,
    suggest,
    type_name,
)
from meetingtool.core.vocab import (
    ITEM_KINDS,
    ITEM_RECEIVES,
    KOMPAS_MARKERS,
    MAALEPUNKTER,
    MEETING_KINDS,
    ROLES,
    TRIAGE_COLOURS,
    ItemKind,
    MeetingKind,
    all_tags,
)

MAX_ITEM_MINUTES = 480
"""An item longer than a working day is a typo (e.g. 600 for 60)."""

MAX_ITEMS = 500
"""More items than any meeting can hold: a generated or pasted-twice file."""

MAX_TOTAL_MINUTES = 24 * 60
"""A whole agenda longer than a day is a mistake, however its items add up."""

TOP_KEYS = ("kind", "title", "place", "start_time", "description", "members", "items", "triage")
MEMBER_KEYS = ("name", "role")
ITEM_KEYS = ("title", "minutes", "kind", "presenter", "description", "questions", "tags",
             "receives")
TRIAGE_KEYS = ("seconds", "rules")
RULE_KEYS = ("colour", "text", "due_hours")


class AgendaValidator(FieldChecker):
    """An agenda template's fields, items, members and triage settings."""

    def run(self, data: dict[str, Any]) -> tuple[AgendaTemplate | None, list[Problem]]:
        top = self.lines.line
        self.unknown_keys(data, TOP_KEYS, "", "", 0)
        kind = self.choice(
            data, "kind", "", top("", 0, "kind"), table=MEETING_KINDS, what="mødetype",
            default=None,
        )
        title = self.text(
            data, "title", "", top("", 0, "title"), required=True, example='"Kvalitetsråd"'
        )
        place = self.text(data, "place", "", top("", 0, "place"), required=False,
                          example='"Mødelokalet"')
        description = self.text(data, "description", "", top("", 0, "description"),
                                required=False, example='"..."')
        start = self.start_time(data)
        members = self.members(data.get("members"))
        items = self.items(data.get("items"))
        triage = self.triage(data.get("triage"))
        if triage is None and "triage" not in data and (
            kind == MeetingKind.TRIAGE
            or any(item.kind == ItemKind.TRIAGE for item in items or [])
        ):
            triage = TriageSettings()
        if self.problems or kind is None or title is None or items is None:
            return None, sorted(self.problems, key=lambda problem: problem.line or 0)
        template = AgendaTemplate(
            kind=kind,
            title=title.strip(),
            items=items,
            place=(place or "").strip(),
            start_time=start,
            members=members,
            description=(description or "").strip(),
            triage=triage,
            source=self.path,
        )
        return template, []

    def start_time(self, data: dict[str, Any]) -> time | None:
        if "start_time" not in data:
            return None
        value = data["start_time"]
        line = self.lines.line("", 0, "start_time")
        if isinstance(value, time):
            return value.replace(second=0, microsecond=0)
        if isinstance(value, str):
            found = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", value)
            if found and int(found.group(1)) < 24 and int(found.group(2)) < 60:
                return time(int(found.group(1)), int(found.group(2)))
        self.add(
            line,
            'felt "start_time"',
            f'skal være et klokkeslæt som "14:00" eller "9.30", men er {show_value(value)}',
        )
        return None

    def members(self, value: Any) -> list[Member]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(
                self.lines.line("", 0, "members"),
                'felt "members"',
                f"skal være en række [[members]]-tabeller, men er {type_name(value)}",
            )
            return []
        members: list[Member] = []
        for index, entry in enumerate(value):
            header = self.lines.line("members", index)
            label = f"medlem {index + 1}"
            if not isinstance(entry, dict):
                self.add(header, label,
                         f"skal være en tabel med name og role, men er {type_name(entry)}")
                continue
            if isinstance(entry.get("name"), str) and entry["name"].strip():
                label += f' "{entry["name"].strip()}"'
            self.unknown_keys(entry, MEMBER_KEYS, label, "members", index)
            name = self.text(entry, "name", label, self.lines.line("members", index, "name"),
                             required=True, example='"Centerleder"')
            role = self.choice(entry, "role", label, self.lines.line("members", index, "role"),
                               table=ROLES, what="rolle", default="medlem")
            if name is not None and role is not None:
                members.append(Member(name=name.strip(), role=role))
        return members

    def items(self, value: Any) -> list[TemplateItem] | None:
        if value is None:
            self.add(None, "",
                     "mangler dagsordenspunkter: tilføj mindst ét [[items]] med title og minutes")
            return None
        if not isinstance(value, list):
            self.add(
                self.lines.line("", 0, "items"),
                'felt "items"',
                f"skal være en række [[items]]-tabeller, men er {type_name(value)}",
            )
            return None
        if not value:
            self.add(self.lines.line("", 0, "items"), 'felt "items"',
                     "dagsordenen er tom: tilføj mindst ét [[items]] med title og minutes")
            return None
        if len(value) > MAX_ITEMS:
            self.add(
                self.lines.line("items", 0), 'felt "items"',
                f"dagsordenen har {len(value)} punkter, men højst {MAX_ITEMS} er tilladt; "
                "del den i flere møder eller fjern gentagne punkter",
            )
            return None
        items: list[TemplateItem] = []
        titles: dict[str, int] = {}
        ok = True
        for index, entry in enumerate(value):
            item = self.item(index, entry, titles)
            if item is None:
                ok = False
            else:
                items.append(item)
        total = sum(item.planned_minutes for item in items)
        if ok and total > MAX_TOTAL_MINUTES:
            self.add(
                self.lines.line("items", 0), 'felt "items"',
                f"punkterne varer i alt {total} minutter, men et møde kan højst vare "
                f"{MAX_TOTAL_MINUTES} minutter (24 timer); ret minutterne",
            )
            return None
        return items if ok else None

    def item(self, index: int, entry: Any, titles: dict[str, int]) -> TemplateItem | None:
        number = index + 1
        line = self.lines.line
        header = line("items", index)
        if not isinstance(entry, dict):
            self.add(header, f"punkt {number}",
                     f"skal være en tabel med title, minutes og kind, men er {type_name(entry)}")
            return None
        raw_title = entry.get("title")
        if isinstance(raw_title, str) and raw_title.strip():
            label = f'punkt {number} "{raw_title.strip()}"'
        else:
            label = f"punkt {number} (uden titel)"
        before = len(self.problems)
        self.unknown_keys(entry, ITEM_KEYS, label, "items", index)
        title = self.text(entry, "title", label, line("items", index, "title") or header,
                          required=True, example='"Eventuelt"')
        if title is not None:
            folded = title.strip().casefold()
            if folded in titles:
                self.add(
                    line("items", index, "title"),
                    f'{label}, felt "title"',
                    f"titlen findes allerede som punkt {titles[folded]}; "
                    "hvert punkt skal have sin egen titel",
                )
            else:
                titles[folded] = number
        minutes = self.positive_int(
            entry, "minutes", label, line("items", index, "minutes") or header,
            unit="minutter", example=10, maximum=MAX_ITEM_MINUTES,
        )
        kind = self.choice(entry, "kind", label, line("items", index, "kind"),
                           table=ITEM_KINDS, what="punkttype",
                           default=ItemKind.DROEFTELSE)
        presenter = self.text(entry, "presenter", label, line("items", index, "presenter"),
                              required=False, example='"Centerleder"')
        description = self.text(entry, "description", label,
                                line("items", index, "description"), required=False,
                                example='"..."')
        questions = self.text_list(entry, "questions", label, line("items", index, "questions"))
        tags = self.tags(entry, label, line("items", index, "tags"))
        receives = self.receives(entry, label, line("items", index, "receives"))
        if len(self.problems) > before or title is None or minutes is None or kind is None:
            return None
        return TemplateItem(
            title=title.strip(),
            planned_minutes=minutes,
            kind=kind,
            presenter=(presenter or "").strip(),
            description=(description or "").strip(),
            questions=questions or [],
            tags=tags or [],
            receives=receives or [],
        )

    def receives(self, entry: dict[str, Any], label: str, line: int | None) -> list[str] | None:
        values = self.text_list(entry, "receives", label, line)
        if values is None:
            return None
        bad = [value for value in values if value not in ITEM_RECEIVES]
        for value in bad:
            self.add(line, f'{label}, felt "receives"',
                     f'ukendt værdi "{value}"; gyldige er '
                     + ", ".join(f'"{key}" ({words})' for key, words in ITEM_RECEIVES.items()))
        return None if bad else values

    def text_list(
        self, entry: dict[str, Any], key: str, label: str, line: int | None
    ) -> list[str] | None:
        if key not in entry:
            return []
        value = entry[key]
        where = f'{label}, felt "{key}"'
        if not isinstance(value, list):
            self.add(line, where,
                     f'skal være en liste af tekster (fx {key} = ["...", "..."]), '
                     f"men er {type_name(value)} ({show_value(value)})")
            return None
        result: list[str] = []
        for position, element in enumerate(value, start=1):
            if not isinstance(element, str) or not element.strip():
                self.add(line, where,
                         f"element {position} skal være en ikke-tom tekst, men er "
                         f"{type_name(element)} ({show_value(element)})")
                return None
            result.append(element.strip())
        return result

    def tags(self, entry: dict[str, Any], label: str, line: int | None) -> list[str] | None:
        values = self.text_list(entry, "tags", label, line)
        if values is None:
            return None
        valid = all_tags()
        bad = [tag for tag in values if tag not in valid]
        for tag in bad:
            by_case = {t.casefold(): t for t in valid}
            hint = f' (mente du "{by_case[tag.casefold()]}"?)' if tag.casefold() in by_case else ""
            self.add(
                line,
                f'{label}, felt "tags"',
                f'ukendt mærke "{tag}"{hint}; gyldige er kvalitetskompassets temaer og markører '
                f"({', '.join(KOMPAS_MARKERS)} og temaerne Værdighed, Livskvalitet, Omsorg, "
                f"Styring) og Ældretilsynets målepunkter ({', '.join(MAALEPUNKTER)})",
            )
        return None if bad else values

    def triage(self, value: Any) -> TriageSettings | None:
        if value is None:
            return None
        line = self.lines.line
        if not isinstance(value, dict):
            self.add(line("", 0, "triage"), 'felt "triage"',
                     f"skal være en [triage]-tabel, men er {type_name(value)}")
            return None
        self.unknown_keys(value, TRIAGE_KEYS, "[triage]", "triage", 0)
        settings = TriageSettings()
        if "seconds" in value:
            seconds = value["seconds"]
            seconds_line = line("triage", 0, "seconds") or line("triage.seconds")
            if not isinstance(seconds, dict):
                self.add(seconds_line, '[triage], felt "seconds"',
                         "skal være en tabel som seconds = { roed = 60, gul = 30, groen = 10 }, "
                         f"men er {type_name(seconds)} ({show_value(seconds)})")
            else:
                for colour in seconds:
                    if colour not in TRIAGE_COLOURS:
                        hint = suggest(colour, TRIAGE_COLOURS)
                        self.add(seconds_line, '[triage], felt "seconds"',
                                 f'ukendt triagefarve "{colour}"{hint}; '
                                 f"gyldige: {choices(TRIAGE_COLOURS)}")
                        continue
                    number = self.positive_int(seconds, colour, "[triage] seconds",
                                               seconds_line, unit="sekunder", example=30,
                                               maximum=3600)
                    if number is not None:
                        settings.seconds_per_colour[colour] = number
        rules = value.get("rules", [])
        if not isinstance(rules, list):
            self.add(line("triage", 0, "rules"), '[triage], felt "rules"',
                     f"skal være en række [[triage.rules]]-tabeller, men er {type_name(rules)}")
            rules = []
        for index, rule in enumerate(rules):
            label = f"triageregel {index + 1}"
            header = line("triage.rules", index)
            if not isinstance(rule, dict):
                self.add(header, label,
                         "skal være en tabel med colour, text og due_hours, "
                         f"men er {type_name(rule)}")
                continue
            self.unknown_keys(rule, RULE_KEYS, label, "triage.rules", index)
            colour = self.choice(rule, "colour", label,
                                 line("triage.rules", index, "colour") or header,
                                 table=TRIAGE_COLOURS, what="triagefarve", default=None)
            text = self.text(rule, "text", label, line("triage.rules", index, "text") or header,
                             required=True, example='"Sygeplejefaglig vurdering"')
            hours = self.positive_int(rule, "due_hours", label,
                                      line("triage.rules", index, "due_hours") or header,
                                      unit="timer", example=24, maximum=24 * 90)
            if colour is not None and text is not None and hours is not None:
                settings.rules.append(TriageRule(colour=colour, text=text.strip(), due_hours=hours))
        return settings
