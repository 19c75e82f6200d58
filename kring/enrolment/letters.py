"""The letters the law asks for around a suspension and a removal, made by Kring as PDF (issue 10,
item 8), the same way as the aanmelding's receipt (`documents.py`: Kring's own Noto Sans, no BSN):

- `schorsingsbrief`: to the parents: the reason, the period, the right to object (bezwaar, the
  term and to whom), the school's contact (WPO art. 40c; WVO 2020 art. 8.14; WEC art. 40a);
- `melding_inspectie`: to the inspectie, for a suspension of more than one day (ZP-10);
- `verwijderingsbesluit`: to the parents: the reason, the school willing to admit the child, the
  route of bezwaar and the Geschillencommissie passend onderwijs (WPO art. 40 lid 11 and art. 43;
  WVO 2020 art. 8.15; WEC art. 40);
- `melding_gemeente`: to the leerplichtambtenaar of the gemeente (Leerplichtwet art. 18 lid 1).

Each letter is made from the record, dated with the day it was recorded, so the PDF made again
later says the same thing. The typed reason is the school's; Kring adds what the law says.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring.desk.pdf import safe

from .documents import INK, ReceiptPdf, day_words
from .models import Removal, Suspension

ZP10_SOURCE = "WPO art. 40c; WVO 2020 art. 8.14; WEC art. 40a"
ZP11_SOURCE = "WPO art. 40 lid 11; WVO 2020 art. 8.15; WEC art. 40"
LPW18_SOURCE = "Leerplichtwet 1969 art. 18 lid 1"
BEZWAAR_WEEKS = 6  # Awb art. 6:7; WVO 2020 art. 8.15 lid 7

SUSPENSION_LETTERS = ("schorsingsbrief", "melding_inspectie")
REMOVAL_LETTERS = ("verwijderingsbesluit", "melding_gemeente")
LETTER_TITLES = {
    "schorsingsbrief": gettext_lazy("Schorsingsbrief aan de ouders"),
    "melding_inspectie": gettext_lazy("Melding van de schorsing aan de inspectie"),
    "verwijderingsbesluit": gettext_lazy("Besluit tot verwijdering, aan de ouders"),
    "melding_gemeente": gettext_lazy("Melding van de verwijdering aan de leerplichtambtenaar"),
}

Sections = list[tuple[str, str]]


def letter_day(record: Suspension | Removal) -> date:
    """The letter's date: the day the school recorded it in Kring."""
    created = record.created_at
    return timezone.localdate(created) if created is not None else timezone.localdate()


def bezwaar_until(record: Suspension | Removal) -> date:
    return letter_day(record) + timedelta(weeks=BEZWAAR_WEEKS)


def _name(record: Suspension | Removal) -> str:
    return f"{record.child.first_name} {record.child.last_name}".strip()


def _board(record: Suspension | Removal) -> str:
    board = record.school.board
    return board.name if board is not None else record.school.organisation.name


def _contact(record: Suspension | Removal) -> str:
    school = record.school
    org = school.organisation
    parts = [org.name]
    address = ", ".join(p for p in (school.street, f"{school.postcode} {school.plaats}".strip()) if p)
    if address:
        parts.append(address)
    if org.phone:
        parts.append(_("telefoon %(phone)s") % {"phone": org.phone})
    if org.email:
        parts.append(_("e-mail %(email)s") % {"email": org.email})
    return ". ".join(parts) + "."


def _parents(record: Suspension | Removal) -> str:
    names = [r.name for r in record.child.representatives.all()]
    child = _name(record)
    if not names:
        return _("Aan de ouders of verzorgers van %(child)s") % {"child": child}
    return _("Aan %(names)s, ouders of verzorgers van %(child)s") % {
        "names": " en ".join(names),
        "child": child,
    }


def _bezwaar(record: Suspension | Removal) -> tuple[str, str]:
    return (
        _("Niet eens met het besluit? Bezwaar maken"),
        _(
            "Praat eerst met de school. Ben je het daarna niet eens met het besluit, dan kun je bezwaar "
            "maken. "
            "Dat doe je binnen 6 weken na de datum van deze brief, dus uiterlijk op %(until)s. Stuur een "
            "brief "
            "of e-mail aan het bestuur van de school: %(board)s. Schrijf erin wie je bent, over welk besluit "
            "het gaat en waarom je het er niet mee eens bent. Het ouder- en jeugdsteunpunt in je regio helpt "
            "je daarbij, gratis. (Algemene wet bestuursrecht art. 6:7; bij een bijzondere school de "
            "regeling van het bestuur.)"
        )
        % {"until": day_words(bezwaar_until(record)), "board": _board(record)},
    )


def suspension_sections(s: Suspension, letter: str) -> Sections:
    child = _name(s)
    period = _("van %(start)s tot en met %(end)s (%(days)s dagen)") % {
        "start": day_words(s.date_from),
        "end": day_words(s.date_to),
        "days": s.days,
    }
    heard = ""
    if s.parents_heard_on is not None:
        heard = _("De school heeft de ouders gehoord op %(day)s (%(how)s).") % {
            "day": day_words(s.parents_heard_on),
            "how": s.get_parents_heard_how_display().lower(),
        }
    if letter == "melding_inspectie":
        sections: Sections = [
            (
                _("De leerling"),
                _("%(child)s, geboren op %(birth)s.")
                % {"child": child, "birth": day_words(s.child.birth_date)},
            ),
            (
                _("De schorsing"),
                _("%(school)s (vestiging %(code)s) heeft de leerling geschorst %(period)s.")
                % {"school": s.school.organisation.name, "code": s.school.vestigingscode, "period": period},
            ),
            (_("De reden"), s.reason),
        ]
        if heard:
            sections.append((_("De ouders"), heard))
        sections += [
            (
                _("Waarom deze melding"),
                _(
                    "De schorsing duurt langer dan 1 dag. Dan informeert de school de inspectie schriftelijk "
                    "en "
                    "met de reden (regel ZP-10: %(source)s)."
                )
                % {"source": ZP10_SOURCE},
            ),
            (_("Contact"), _contact(s)),
        ]
        return sections
    sections = [
        (
            _("Wat de school heeft besloten"),
            _(
                "%(school)s schorst %(child)s %(period)s. In die dagen komt %(child)s niet naar school. Een "
                "schorsing telt als geoorloofd verzuim (Leerplichtwet art. 11 onder c). Vraag de school welk "
                "schoolwerk %(child)s thuis kan doen."
            )
            % {"school": s.school.organisation.name, "child": child, "period": period},
        ),
        (_("Waarom"), s.reason),
    ]
    if heard:
        sections.append((_("Gesprek met de ouders"), heard))
    if s.must_report:
        sections.append(
            (
                _("De inspectie"),
                _(
                    "Omdat de schorsing langer dan 1 dag duurt, laat de school dit schriftelijk weten aan de "
                    "inspectie van het onderwijs. Een schorsing duurt hoogstens 1 week (regel ZP-10: "
                    "%(source)s)."
                )
                % {"source": ZP10_SOURCE},
            )
        )
    sections += [_bezwaar(s), (_("Contact met de school"), _contact(s))]
    return sections


def removal_sections(r: Removal, letter: str) -> Sections:
    child = _name(r)
    school = r.school.organisation.name
    decided = _(
        "Het bestuur van %(school)s heeft op %(decided)s besloten %(child)s van school te verwijderen. De "
        "verwijdering gaat in op %(effective)s."
    ) % {
        "school": school,
        "decided": day_words(r.decided_on),
        "child": child,
        "effective": day_words(r.effective_on),
    }
    if r.willing_confirmed_on is not None:
        willing = _(
            "%(other)s heeft op %(day)s bevestigd dat zij %(child)s wil toelaten. Een leerplichtig kind mag "
            "pas worden verwijderd als een andere school het wil toelaten (regel ZP-11: %(source)s)."
        ) % {
            "other": r.willing_school_label,
            "day": day_words(r.willing_confirmed_on),
            "child": child,
            "source": ZP11_SOURCE,
        }
    else:
        willing = _(
            "Er is geen andere school genoemd. Dat mag alleen als %(child)s niet meer leerplichtig is "
            "(regel ZP-11: %(source)s)."
        ) % {"child": child, "source": ZP11_SOURCE}
    gemeente = r.child.gemeente.name if r.child.gemeente is not None else _("de woongemeente")
    if letter == "melding_gemeente":
        return [
            (
                _("De leerling"),
                _("%(child)s, geboren op %(birth)s, postcode %(postcode)s.")
                % {
                    "child": child,
                    "birth": day_words(r.child.birth_date),
                    "postcode": r.child.postcode or "-",
                },
            ),
            (_("Het besluit"), decided),
            (_("De reden"), r.reason),
            (_("De nieuwe school"), willing),
            (
                _("Waarom deze melding"),
                _(
                    "Het hoofd van de school meldt elke beslissing tot verwijdering meteen aan burgemeester "
                    "en "
                    "wethouders van de gemeente %(gemeente)s (%(source)s). De leerplichtambtenaar kan zo "
                    "zien of "
                    "het kind op de nieuwe school begint."
                )
                % {"gemeente": gemeente, "source": LPW18_SOURCE},
            ),
            (_("Contact"), _contact(r)),
        ]
    return [
        (_("Wat het bestuur heeft besloten"), decided),
        (_("Waarom"), r.reason),
        (
            _("Gesprek met de ouders"),
            _("Voordat het bestuur besloot, heeft de school jullie gehoord op %(day)s.")
            % {"day": day_words(r.parents_heard_on)},
        ),
        (_("Een nieuwe school"), willing),
        (
            _("De gemeente"),
            _(
                "De school meldt de verwijdering aan de leerplichtambtenaar van de gemeente %(gemeente)s "
                "(%(source)s)."
            )
            % {"gemeente": gemeente, "source": LPW18_SOURCE},
        ),
        _bezwaar(r),
        (
            _("De Geschillencommissie passend onderwijs"),
            _(
                "Je kunt ook binnen 6 weken de Geschillencommissie passend onderwijs vragen om een oordeel "
                "(WPO art. 43; onderwijsgeschillen.nl). Het bestuur beslist over je bezwaar pas als de "
                "commissie haar oordeel heeft gegeven."
            ),
        ),
        (_("Contact met de school"), _contact(r)),
    ]


def _addressee(record: Suspension | Removal, letter: str) -> str:
    if letter == "melding_inspectie":
        return _("Aan de Inspectie van het Onderwijs")
    if letter == "melding_gemeente":
        gemeente = record.child.gemeente.name if record.child.gemeente is not None else ""
        return _("Aan de leerplichtambtenaar van de gemeente %(gemeente)s") % {"gemeente": gemeente}
    return _parents(record)


def letter_title(record: Suspension | Removal, letter: str) -> str:
    return f"{LETTER_TITLES[letter]}: {_name(record)}"


def letter_sections(record: Suspension | Removal, letter: str) -> Sections:
    if isinstance(record, Suspension):
        return suspension_sections(record, letter)
    return removal_sections(record, letter)


def letter_pdf(record: Suspension | Removal, letter: str) -> bytes:
    """One of the letters as PDF bytes (`letter` one of SUSPENSION_LETTERS or REMOVAL_LETTERS)."""
    allowed = SUSPENSION_LETTERS if isinstance(record, Suspension) else REMOVAL_LETTERS
    if letter not in allowed:
        raise ValueError(f"unknown letter {letter!r}")
    day = letter_day(record)
    pdf = ReceiptPdf(footer_text=_("Gemaakt door Kring op %(day)s") % {"day": day_words(day)})
    title = letter_title(record, letter)
    pdf.set_title(safe(title))
    pdf.set_author("Kring")
    pdf.set_lang("nl")
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.heading(str(LETTER_TITLES[letter]), 17)
    pdf.paragraph(_addressee(record, letter))
    pdf.paragraph(_("Datum: %(day)s") % {"day": day_words(day)}, muted=True)
    pdf.paragraph(_("School: %(school)s") % {"school": record.school.organisation.name}, muted=True)
    for heading, text in letter_sections(record, letter):
        pdf.heading(heading)
        pdf.paragraph(text)
    return bytes(pdf.output())


def letters_of(record: Any) -> list[tuple[str, str]]:
    """The letters a record has: (code, title), the inspectie's only for a suspension of more than a day."""
    if isinstance(record, Suspension):
        codes = [c for c in SUSPENSION_LETTERS if c != "melding_inspectie" or record.must_report]
    else:
        codes = list(REMOVAL_LETTERS)
    return [(code, str(LETTER_TITLES[code])) for code in codes]
