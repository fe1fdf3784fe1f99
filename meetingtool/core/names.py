"""One rule for "this looks like a person's full name", for every field that must hold none.

Residents are known by initials and room only, so triage notes, escalation texts and
resident labels may not carry a name. Danish capitalises names but not nouns, so two
capitalised words of three letters or more side by side ("Karen Holm", "Anne-Marie Berg")
read as a full name -- at the start of a sentence too.

Not a name, and never refused:

- the names of councils and teams the store knows ("Afdeling Ahorn", "Lokalt
  kvalitetsudvalg"), passed in as ``known_names`` so this module stays pure;
- a pair where one word is an organisation or role word, a weekday or a month
  ("Plejecenter Kildehaven", "Roskilde Kommune", "Sygeplejerske Karen", "Mandag Morgen"):
  a person's full name does not contain those.

Nothing here has side effects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from meetingtool.core.errors import MeetingToolError

_UPPER = "A-ZÆØÅÄÖÜÉ"
_LOWER = "a-zæøåäöüé"
_WORD = rf"[{_UPPER}][{_LOWER}]{{2,}}(?:-[{_UPPER}][{_LOWER}]{{2,}})*"
# Two or more name-like words separated by spaces, perhaps with one line break (no punctuation).
_RUN = re.compile(rf"(?<![\w-]){_WORD}(?:[^\S\n]*\n?[^\S\n]*{_WORD})+(?![\w-])")
_WORD_IN_RUN = re.compile(_WORD)

# Capitalised words that are not part of a person's name.
_NOT_NAME_WORDS = (
    # Places and organisation
    "Afdeling Afsnit Team Gruppe Plejecenter Plejehjem Center Centret Centeret Hus Huset "
    "Bo Boenhed Hjemmepleje Hjemmeplejen Kommune Kommunen Region Regionen Hospital "
    "Hospitalet Sygehus Sygehuset Klinik Ældreråd Ældrerådet Kvalitetsråd Kvalitetsrådet "
    "Kvalitetsudvalg Kvalitetsudvalget Råd Rådet Udvalg Udvalget Lederforum Velfærdsforum "
    "Forum Pårørenderåd Brugerråd Lokalt Lokale Tværgående Myndighed Vest Øst Nord Syd "
    "Triage Triagemøde Tavlemøde Borgergennemgang Kvalitetskompas "
    # Roles and relations
    "Sygeplejerske Sygeplejersken Læge Lægen Teamleder Teamlederen Leder Lederen "
    "Centerleder Afdelingsleder Assistent Hjælper Social Sosu Fysioterapeut Ergoterapeut "
    "Terapeut Diætist Pedel Præst Frivillig Formand Formanden Næstformand Datter Datteren "
    "Søn Sønnen Hustru Ægtefælle Mand Manden Kone Konen Pårørende Nabo Naboen Beboer "
    "Beboeren Borger Borgeren Fru Hr Frk "
    # Words that start a sentence or an instruction ("Ring Karen", "Fra Lise")
    "Fra Til Med Hos Ved Efter Før Under Over Om Uden Mod Ifølge Ingen Ny Nye Ikke Også "
    "Han Hun Hans Hendes Den Det Der Som Men Har Var Skal Kan Vil Bør Må Ring Spørg Tal "
    "Giv Husk Kontakt Følg Bed Send Aftal Tjek Lad Hent Skriv Vent Godt Dårligt Stadig "
    "Igen Nat Dag Aften Morgen Formiddag Eftermiddag Weekend Fald Uro "
    # Days and months (some write them with a capital)
    "Mandag Tirsdag Onsdag Torsdag Fredag Lørdag Søndag Januar Februar Marts April Maj "
    "Juni Juli August September Oktober November December Jul Påske Pinse Nytår"
)
NOT_NAMES = frozenset(word.casefold() for word in _NOT_NAME_WORDS.split())

RULE = (
    "Reglen: to ord efter hinanden med stort begyndelsesbogstav og mindst tre bogstaver "
    "(fx 'Anna Berg') læses som et fuldt navn; rådenes og teamenes egne navne er tilladt."
)


def _without_known(text: str, known_names: Iterable[str]) -> str:
    """``text`` with every known council or team name blanked out (case ignored)."""
    for name in sorted({n.strip() for n in known_names if n and n.strip()}, key=len,
                       reverse=True):
        text = re.sub(re.escape(name), lambda m: "#" * len(m.group(0)), text,
                      flags=re.IGNORECASE)
    return text


def _is_name_word(word: str) -> bool:
    return all(part.casefold() not in NOT_NAMES for part in word.split("-"))


def find_full_name(text: str, known_names: Iterable[str] = ()) -> str | None:
    """The first full name in ``text`` ("Karen Holm"), or None.

    ``known_names`` are council and team names that may appear ("Afdeling Ahorn").
    """
    if not text:
        return None
    for run in _RUN.finditer(_without_known(text, known_names)):
        previous: re.Match[str] | None = None
        for word in _WORD_IN_RUN.finditer(text, run.start(), run.end()):
            if not _is_name_word(word.group(0)):
                previous = None
            elif previous is None:
                previous = word
            else:
                return text[previous.start() : word.end()]
    return None


def looks_like_full_name(text: str, known_names: Iterable[str] = ()) -> bool:
    """True when ``text`` holds a full name by the rule above."""
    return find_full_name(text, known_names) is not None


class FullNameError(MeetingToolError):
    """A full name typed into a field that must hold none."""


def check_no_full_name(text: str, where: str = "teksten", known_names: Iterable[str] = ()) -> str:
    """Return ``text`` unchanged, or raise FullNameError naming the words and the field."""
    name = find_full_name(text, known_names)
    if name is not None:
        shown = " ".join(name.split())
        raise FullNameError(
            f"'{shown}' i {where} ligner et fuldt navn og gemmes ikke. Beboere kendes kun på "
            f"initialer og/eller stue, aldrig på navn. {RULE}"
        )
    return text
