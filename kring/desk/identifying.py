"""Finding what identifies someone in a text: e-mail addresses, Dutch phone numbers, BSN-like numbers,
postcodes and names. The steunpunt keeps a question's text for signals only after these are gone
(`services.questions.anonymise_question` refuses to save while anything is found).

A pure module (no Django), so it is property-tested. The explanations are Dutch message ids marked
with `gettext_noop` (the makemessages keyword); the page translates them with `gettext` when it
shows them. The detector errs on the side of finding too much: the worker rewrites the sentence
("het kind", "de juf", "de school"), which is what the anonymised text should say anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["EXPLANATIONS", "Finding", "find_identifying", "passes_elfproef"]


def gettext_noop(message: str) -> str:
    """Mark a Dutch text for the catalogue without translating it here (no Django in this module)."""
    return message


EMAIL = "email"
PHONE = "telefoon"
BSN = "bsn"
POSTCODE = "postcode"
NAME = "naam"

EXPLANATIONS: dict[str, str] = {
    EMAIL: gettext_noop("Dit is een e-mailadres. Haal het weg: daarmee kun je iemand vinden."),
    PHONE: gettext_noop("Dit is een telefoonnummer. Haal het weg: daarmee kun je iemand bellen of vinden."),
    BSN: gettext_noop(
        "Dit lijkt op een burgerservicenummer (BSN). Haal het weg: een BSN hoort nooit in de tekst."
    ),
    POSTCODE: gettext_noop("Dit is een postcode. Haal die weg: daarmee zie je waar iemand woont."),
    NAME: gettext_noop(
        "Dit lijkt een naam. Haal de naam weg, of schrijf 'het kind', 'de ouder', 'de juf' of 'de school'."
    ),
}
CONTACT_NAME_EXPLANATION = gettext_noop(
    "Dit is (een deel van) de naam van de vrager. Haal de naam weg, of schrijf 'de ouder' of 'de jongere'."
)


@dataclass(frozen=True)
class Finding:
    """One identifying detail: what kind, the text found, where (`text[start:end]`) and why (B1)."""

    kind: str
    text: str
    start: int
    end: int
    explanation: str


# ---------------------------------------------------------------- patterns

_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")

# A separator between digits of a number as people write it: one space, dot, hyphen or slash,
# or a closing parenthesis (with a space): "06-12345678", "030 123 4567", "(030) 1234567".
_SEP = r"(?:[ .\-/]|\)\s?)?"
# +31 6 1234 5678, 0031 6..., +31 (0)6 ..., 06-12345678, 030 123 4567, (030) 123 45 67: a leading 0
# (or the country code) and nine more digits.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?31\s?(?:\(0\)\s?)?[\s\-]?|\(?0)[1-9](?:" + _SEP + r"\d){8}(?![\d])"
)
# Eight or nine digits, perhaps grouped with spaces or dots (1234.56.782, 123 456 782).
_DIGIT_RUN = re.compile(r"(?<![\d.])(?<!\d )\d(?:[ .]?\d){7,8}(?![ .]?\d)")
# 1234 AB or 1234AB (capitals; without a space also small letters). SA, SD and SS are never used.
_POSTCODE = re.compile(r"(?<![\w])[1-9]\d{3}(?: ?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})(?![\w])")

_CAPITALISED = r"[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ'’\-]+"
_CUES = (
    "mijn zoon",
    "mijn dochter",
    "mijn kind",
    "mijn zoontje",
    "mijn dochtertje",
    "onze zoon",
    "onze dochter",
    "ons kind",
    "heet",
    "heten",
    "genaamd",
    "juf",
    "juffrouw",
    "meester",
    "meneer",
    "mevrouw",
)
_CUE = re.compile(
    r"(?<![\w])(?i:" + "|".join(re.escape(c) for c in _CUES) + r")[ ,:]+"
    r"(" + _CAPITALISED + r"(?:\s+(?:(?:van|de|der|den|ter|ten|te|het|'t)\s+)*" + _CAPITALISED + r")*)"
)
# Capitalised words after a cue that are not names ("mijn zoon Is ...", "heet Passend onderwijs").
_NOT_NAMES = frozenset(
    {
        "de", "het", "een", "ik", "jij", "je", "hij", "zij", "ze", "wij", "we", "jullie", "u", "dat",
        "die", "dit", "deze", "niet", "ook", "nog", "al", "is", "was", "heeft", "had", "en", "of",
        "maar", "want", "op", "in", "van", "met", "voor", "na", "sinds", "school", "groep", "klas",
        "passend", "onderwijs", "adhd", "autisme", "dyslexie", "opp", "tlv",
    }
)  # fmt: skip

# Common first names in the Netherlands (fictional examples of texts use them too). Matched only as
# a capitalised word, so "mark" or "roos" in a sentence is not a name.
COMMON_FIRST_NAMES: frozenset[str] = frozenset(
    {
        "Adam", "Ahmed", "Amira", "Anna", "Anne", "Annemarie", "Anouk", "Ayoub", "Bas", "Bram",
        "Britt", "Daan", "David", "Dennis", "Dewi", "Elif", "Elin", "Emma", "Esmee", "Esther", "Eva",
        "Evi", "Fatima", "Femke", "Fenna", "Finn", "Fleur", "Floor", "Gijs", "Hanna", "Hugo", "Ilse",
        "Imane", "Iris", "Isa", "Jan", "Jasper", "Jayden", "Jesse", "Johan", "Joost", "Julia",
        "Julian", "Jurre", "Karim", "Kees", "Kevin", "Lara", "Lars", "Levi", "Liam", "Lieke",
        "Linda", "Lisa", "Liv", "Lotte", "Luca", "Lucas", "Luuk", "Maaike", "Marieke", "Mats",
        "Max", "Mees", "Milan", "Mila", "Mohamed", "Mohammed", "Monique", "Nina", "Noah", "Noa",
        "Noor", "Nora", "Olivia", "Omar", "Peter", "Petra", "Pieter", "Rayan", "Robin", "Rick",
        "Ruben", "Saar", "Sam", "Sanne", "Sara", "Sarah", "Sem", "Senna", "Sevda", "Sofie",
        "Sophie", "Stijn", "Sven", "Tess", "Teun", "Thijs", "Thomas", "Tim", "Tom", "Vera",
        "Wouter", "Yara", "Youssef", "Zoë", "Zoey",
    }
)  # fmt: skip
_FIRST_NAME = re.compile(
    r"(?<![\w])(?:" + "|".join(sorted(COMMON_FIRST_NAMES, key=len, reverse=True)) + r")(?![\w])"
)

# Parts of a surname that are no name on their own (van, de, der, ...).
_TUSSENVOEGSELS = frozenset(
    {"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op", "la", "le", "el", "al"}
)


# ---------------------------------------------------------------- checks


def passes_elfproef(digits: str) -> bool:
    """Nine digits (or eight, read with a leading 0) that pass the BSN elfproef; never all zeros."""
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    numbers = [int(c) for c in digits]
    total = sum(w * d for w, d in zip(range(9, 1, -1), numbers[:8], strict=True)) - numbers[8]
    return total % 11 == 0


def _contact_name_parts(contact_name: str) -> list[str]:
    parts = re.split(r"[\s\-]+", contact_name.strip())
    return [p for p in parts if len(p.strip(".")) >= 2 and p.lower() not in _TUSSENVOEGSELS]


def _candidates(text: str, contact_name: str) -> list[Finding]:
    found: list[Finding] = []

    def add(kind: str, start: int, end: int, explanation: str | None = None) -> None:
        found.append(Finding(kind, text[start:end], start, end, explanation or EXPLANATIONS[kind]))

    for m in _EMAIL.finditer(text):
        add(EMAIL, m.start(), m.end())
    for m in _PHONE.finditer(text):
        add(PHONE, m.start(), m.end())
    for m in _DIGIT_RUN.finditer(text):
        if passes_elfproef(re.sub(r"[ .]", "", m.group())):
            add(BSN, m.start(), m.end())
    for m in _POSTCODE.finditer(text):
        add(POSTCODE, m.start(), m.end())
    for part in _contact_name_parts(contact_name):
        for m in re.finditer(r"(?<![\w])" + re.escape(part) + r"(?![\w])", text, re.IGNORECASE):
            add(NAME, m.start(), m.end(), CONTACT_NAME_EXPLANATION)
    for m in _CUE.finditer(text):
        words = [w.lower() for w in m.group(1).split()]
        if words[0] in _NOT_NAMES - _TUSSENVOEGSELS or all(w in _NOT_NAMES for w in words):
            continue
        add(NAME, m.start(1), m.end(1))
    for m in _FIRST_NAME.finditer(text):
        add(NAME, m.start(), m.end())
    return found


def find_identifying(text: str, *, contact_name: str = "") -> list[Finding]:
    """What in `text` identifies someone, in the order of the text, without overlaps (the kinds
    above win over a name: an e-mail address is reported once, not also as a name inside it).
    `contact_name`: the name the asker gave for this question (each part of it is looked for)."""
    taken: list[Finding] = []
    for finding in _candidates(text, contact_name):  # in order of priority: e-mail first
        if any(finding.start < other.end and other.start < finding.end for other in taken):
            continue
        taken.append(finding)
    return sorted(taken, key=lambda f: f.start)
