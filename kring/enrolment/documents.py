"""The receipt of an aanmelding (ontvangstbevestiging) as a PDF, and the same text for the e-mail.

Kring makes it from the aanmelding itself, so the PDF made again later says the same thing (it is
dated with the day the receipt was first made, `receipt_on`). The font is Kring's own Noto Sans
(`kring/desk/fonts`), as in the family's file and the steunpunt's report. No BSN.
"""

from __future__ import annotations

from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from kring.desk.pdf import FAMILY, FONTS, safe

from .models import Aanmelding
from .terms import Terms, computed_terms

INK = (26, 26, 26)
MUTED = (90, 90, 90)


def day_words(value: date) -> str:
    return formats.date_format(value, "l j F Y")


def receipt_sections(a: Aanmelding, terms: Terms) -> list[tuple[str, str]]:
    """The receipt's text as (heading, paragraph) pairs: the same in the PDF and the e-mail."""
    received = a.received_on
    six = terms.extension_last_day
    ten = computed_terms(received, extended=True).due
    school = a.school.organisation.name
    sections = [
        (
            _("Wat we hebben ontvangen"),
            _(
                "%(school)s heeft op %(received)s een schriftelijke aanmelding ontvangen voor %(child)s. "
                "Het nummer van de aanmelding is %(reference)s. Noem dit nummer als je contact opneemt met "
                "de school."
            )
            % {
                "school": school,
                "received": day_words(received),
                "child": a.child_name,
                "reference": a.reference,
            },
        ),
        (
            _("Wanneer de school beslist"),
            _(
                "De school moet uiterlijk op %(six)s beslissen of je kind wordt toegelaten. Dat is 6 weken "
                "na de "
                "aanmelding. Heeft de school meer tijd nodig, dan mag zij de termijn één keer met hoogstens "
                "4 weken "
                "verlengen. Dat moet zij je dan binnen die 6 weken laten weten. Het besluit komt dan "
                "uiterlijk op "
                "%(ten)s. (Regel ZP-05: %(source)s.)"
            )
            % {"six": day_words(six), "ten": day_words(ten), "source": terms.zp05_source},
        ),
        (
            _("Als de school niet op tijd beslist"),
            _(
                "Heeft de school 10 weken na de aanmelding nog niet beslist, en staat je kind niet op een "
                "andere "
                "school ingeschreven? Dan wordt je kind vanaf %(from)s tijdelijk op deze school ingeschreven "
                "en "
                "geplaatst, tot de school beslist. (Regel ZP-06: %(source)s.)"
            )
            % {"from": day_words(terms.placement_from), "source": terms.zp06_source},
        ),
    ]
    if terms.extended and a.extended_on is not None:
        sections.insert(
            2,
            (
                _("De termijn is verlengd"),
                _(
                    "De school heeft op %(on)s laten weten dat zij meer tijd nodig heeft. Zij beslist "
                    "uiterlijk op %(due)s."
                )
                % {"on": day_words(a.extended_on), "due": day_words(terms.due)},
            ),
        )
    if a.support_question:
        sections.append(
            (
                _("Extra ondersteuning"),
                _(
                    "Je hebt laten weten dat je kind extra ondersteuning nodig heeft. De school onderzoekt "
                    "wat je "
                    "kind nodig heeft; zij kan je daarvoor om informatie vragen. Kan de school die "
                    "ondersteuning "
                    "niet bieden, dan moet zij zelf een andere school zoeken die je kind wel kan en wil "
                    "toelaten. "
                    "Dat heet de zorgplicht (WPO art. 40 lid 4; WVO 2020 art. 8.9)."
                ),
            )
        )
    sections.append(
        (
            _("Vragen of niet eens met het besluit?"),
            _(
                "Praat eerst met de school. Je kunt ook hulp vragen aan het ouder- en jeugdsteunpunt in je "
                "regio. "
                "Ben je het niet eens met het besluit, dan kun je bezwaar maken bij de school of naar de "
                "Geschillencommissie passend onderwijs gaan."
            ),
        )
    )
    return sections


class ReceiptPdf(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font(FAMILY, "", str(FONTS / "NotoSans-Regular.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "NotoSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, safe(self.footer_text), align="C")
        self.set_text_color(*INK)

    def heading(self, text: str, size: float = 12) -> None:
        self.ln(2)
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, size * 0.5, safe(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def paragraph(self, text: str, *, muted: bool = False) -> None:
        self.set_font(FAMILY, "", 10)
        if muted:
            self.set_text_color(*MUTED)
        self.multi_cell(0, 5, safe(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)


def receipt_title(a: Aanmelding) -> str:
    return _("Ontvangstbevestiging aanmelding %(reference)s") % {"reference": a.reference}


def receipt_pdf(a: Aanmelding, terms: Terms) -> bytes:
    """The receipt as PDF bytes."""
    issued = a.receipt_on or a.received_on
    pdf = ReceiptPdf(footer_text=_("Gemaakt door Kring op %(day)s") % {"day": day_words(issued)})
    pdf.set_title(safe(receipt_title(a)))
    pdf.set_author("Kring")
    pdf.set_lang("nl")
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.heading(receipt_title(a), 17)
    pdf.paragraph(_("Datum: %(day)s") % {"day": day_words(issued)}, muted=True)
    pdf.paragraph(_("School: %(school)s") % {"school": a.school.organisation.name}, muted=True)
    for heading, text in receipt_sections(a, terms):
        pdf.heading(heading)
        pdf.paragraph(text)
    return bytes(pdf.output())
