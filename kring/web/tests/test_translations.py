"""The English catalogue: every Dutch text has an English translation (none empty, none fuzzy), the
placeholders survive, the committed .mo matches the .po, Dutch stays Dutch, and the case pages speak
English once English is chosen with the language switch.

Dutch is the source language (every msgid is Dutch), so an empty msgstr silently falls back to Dutch
on an English page. After adding texts: run makemessages, translate, compilemessages
(kring/locale/README.md).
"""

from __future__ import annotations

import ast
import gettext as stdlib_gettext
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.models import Case
from kring.cases.testing import World, make_world
from kring.children.services import record_event

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"line {self.line}: {context}{self.msgid!r}"


_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")\s*$")


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (stdlib only; obsolete `#~` entries and the header are left out)."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None

    def finish() -> None:
        if current is not None and current.msgid:
            entries.append(current)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            current, target = None, None
            continue
        if line.startswith("#~"):
            continue
        if current is None:
            current = Entry(line=number)
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD.match(line):
            keyword, index, literal = match.groups()
            value = ast.literal_eval(literal)
            target = (keyword, int(index) if index is not None else None)
            _append(current, target, value)
        elif line.startswith('"') and target is not None:
            _append(current, target, ast.literal_eval(line))
        else:
            raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return entries


def _append(entry: Entry, target: tuple[str, int | None], value: str) -> None:
    keyword, index = target
    if keyword == "msgstr":
        key = index if index is not None else 0
        entry.msgstr[key] = entry.msgstr.get(key, "") + value
    elif keyword == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + value
    elif keyword == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + value
    else:
        entry.msgid += value


ENTRIES = read_po(PO_FILE)


def test_the_catalogue_is_read():
    assert len(ENTRIES) > 500
    assert any(e.msgid == "Casussen" for e in ENTRIES)


def test_every_text_has_an_english_translation():
    untranslated = [e.label for e in ENTRIES if not e.msgstr or not all(e.msgstr.values())]
    plurals = [e.label for e in ENTRIES if e.msgid_plural is not None and sorted(e.msgstr) != [0, 1]]
    assert not untranslated, f"{len(untranslated)} untranslated entries in {PO_FILE}:\n" + "\n".join(
        untranslated
    )
    assert not plurals, "plural entries need msgstr[0] and msgstr[1]:\n" + "\n".join(plurals)


def test_no_translation_is_fuzzy():
    fuzzy = [e.label for e in ENTRIES if "fuzzy" in e.flags]
    assert not fuzzy, (
        f"{len(fuzzy)} fuzzy entries in {PO_FILE} (check the translation, then remove the flag):\n"
        + "\n".join(fuzzy)
    )


_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|</?[a-z]+[^>]*>")


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def test_translations_keep_placeholders_and_markup():
    broken = []
    for entry in ENTRIES:
        for index, text in entry.msgstr.items():
            source = entry.msgid_plural if index > 0 and entry.msgid_plural is not None else entry.msgid
            if _placeholders(text) != _placeholders(source):
                broken.append(f"{entry.label}: {text!r}")
    assert not broken, "placeholders or markup differ from the Dutch text:\n" + "\n".join(broken)


def test_the_compiled_catalogue_matches_the_po_file():
    with MO_FILE.open("rb") as handle:
        compiled = stdlib_gettext.GNUTranslations(handle)
    stale = []
    for entry in ENTRIES:
        if entry.msgid_plural is not None:
            got = [compiled.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
            if entry.msgctxt is not None:
                got = [compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
            expected = [entry.msgstr.get(0), entry.msgstr.get(1)]
        else:
            got = [
                compiled.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt is not None
                else compiled.gettext(entry.msgid)
            ]
            expected = [entry.msgstr.get(0)]
        if got != expected:
            stale.append(entry.label)
    assert not stale, "django.mo is out of date: run compilemessages (kring/locale/README.md):\n" + "\n".join(
        stale
    )


# Not Dutch on purpose: the language names in settings.LANGUAGES.
NOT_DUTCH = frozenset({"English"})


def test_dutch_texts_stay_dutch():
    """A Dutch msgid that is also an English msgid in Django's own catalogues (such as "Home") gets
    Django's Dutch translation on a Dutch page; such a text needs a context."""
    changed = []
    with translation.override("nl"):
        for entry in ENTRIES:
            if entry.msgid in NOT_DUTCH:
                continue
            if entry.msgid_plural is not None:
                for n, expected in ((1, entry.msgid), (2, entry.msgid_plural)):
                    if entry.msgctxt is not None:
                        got = translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                    else:
                        got = translation.ngettext(entry.msgid, entry.msgid_plural, n)
                    if got != expected:
                        changed.append(f"{entry.label} -> {got!r}")
            else:
                if entry.msgctxt is not None:
                    got = translation.pgettext(entry.msgctxt, entry.msgid)
                else:
                    got = translation.gettext(entry.msgid)
                if got != entry.msgid:
                    changed.append(f"{entry.label} -> {got!r}")
    assert not changed, "Dutch texts that Django translates on a Dutch page:\n" + "\n".join(changed)


# ---------------------------------------------------------------- the case pages in English


@pytest.fixture
def english_case(db: None) -> tuple[World, Case]:
    world = make_world()
    child = world.child
    record_event(
        actor=None,
        child=child,
        type="inschrijving",
        date=date(2025, 9, 1),
        data={"sector": "po"},
        school=world.school,
    )
    record_event(
        actor=None, child=child, type="afwezig", date=date(2025, 10, 6), data={"reden": "ongeoorloofd"}
    )
    case = services.open_case(
        actor=world.user("lpa"),
        child=child,
        signal_kind="verzuim",
        signal_description="Noor is sinds begin oktober niet meer op school geweest.",
        opened_on=date(2025, 10, 13),
    )
    return world, case


def english_client(world: World) -> Client:
    client = Client()
    login_verified(client, world.user("lpa"))
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def test_the_case_list_speaks_english(english_case):
    world, _case = english_case
    html = english_client(world).get(reverse("cases:list")).content.decode()
    assert '<html lang="en"' in html
    assert '<h1 class="utrecht-heading-1">Cases</h1>' in html
    assert 'id="filters-title">Search and filter</h2>' in html
    assert 'id="results-title">' in html and "1 case" in html
    assert ">Next deadline</th>" in html
    assert "Show cases" in html
    for dutch in ("Zoeken en filteren", "Eerstvolgende termijn", "Toon casussen", "Alle open casussen"):
        assert dutch not in html


def test_a_case_page_speaks_english(english_case):
    world, case = english_case
    html = english_client(world).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert '<html lang="en"' in html
    assert 'id="signal-title">Signal</h2>' in html
    assert 'id="assessment-title">Assessment on' in html
    assert 'id="timeline-title">Timeline</h2>' in html
    assert 'id="kring-titel">Circle</h2>' in html
    assert 'id="overleg-titel">Meetings and agreements</h2>' in html
    assert 'id="plan-titel">Plan</h2>' in html
    assert 'id="escalaties-titel">Escalations</h2>' in html
    assert "There is no case coordinator yet." in html
    assert "Deadlines and duties" in html
    for dutch in ("Beoordeling op", "Tijdlijn", "Overleg en afspraken", "Er is nog geen regievoerder."):
        assert dutch not in html


def test_a_refusal_speaks_english(english_case):
    """A service's refusal is built when it is raised: in the language of the request."""
    world, case = english_case
    client = english_client(world)
    response = client.post(
        reverse("cases:escalate", args=[case.pk]), {"escaleren-reason": "", "escaleren-on": ""}
    )
    html = response.content.decode()
    assert "Fill this in." in html or "Fill in a date." in html
    assert "Vul dit in." not in html


def test_dutch_remains_the_default(english_case):
    world, case = english_case
    client = Client()
    login_verified(client, world.user("lpa"))
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert '<html lang="nl"' in html
    assert 'id="timeline-title">Tijdlijn</h2>' in html
    assert 'id="kring-titel">Kring</h2>' in html
