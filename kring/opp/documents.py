"""The PDF of one OPP version: the family's whole-file machinery (`kring.portal.export.pdf`, the
self-hosted Noto Sans fonts) with the OPP's own parts from `dossier.py`, so the PDF and the
download of the whole file say the same things in the same words."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kring.desk.pdf import safe
from kring.portal.export.pdf import INK, FilePdf, moment_words, render_part

from . import audit
from .dossier import version_data, versions_part
from .models import OppVersion
from .selectors import consent_state

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.children.models import Child


def day_words(value: date) -> str:
    return formats.date_format(value, "j F Y")


def version_pdf(version: OppVersion) -> bytes:
    child = version.opp.child
    name = f"{child.first_name} {child.last_name}".strip()
    made = moment_words(timezone.now())
    title = _("OPP van %(name)s, versie %(number)s") % {"name": name, "number": version.number}
    pdf = FilePdf(footer_text=_("%(title)s, gemaakt op %(day)s") % {"title": title, "day": made})
    pdf.set_title(safe(title))
    pdf.set_author("Kring")
    pdf.set_lang("nl")
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.heading(title, 18)
    pdf.paragraph(
        _("Ontwikkelingsperspectiefplan, vastgesteld op %(day)s door %(school)s.")
        % {"day": day_words(version.vastgesteld_on), "school": version.opp.school.organisation.name}
    )
    consent = consent_state(version)
    if consent is None:
        state = _("De ouders hebben nog niet ingestemd met het handelingsdeel.")
    else:
        state = _("Besluit van de ouders: %(decision)s (%(day)s).") % {
            "decision": consent.get_decision_display(),
            "day": day_words(consent.given_on),
        }
    pdf.paragraph(state)
    pdf.paragraph(
        _(
            "De ouders stemmen in met het handelingsdeel: de afspraken over de extra ondersteuning (WPO art. "
            "40a lid 2, WEC art. 41a). Het plan wordt minstens één keer per schooljaar "
            "geëvalueerd met de ouders en de leerling."
        ),
        9,
        muted=True,
    )
    render_part(pdf, versions_part([version_data(version, version.opp.school.organisation.name)]))
    return bytes(pdf.output())


def pdf_response(*, actor: User, child: Child, version: OppVersion) -> HttpResponse:
    """The PDF as a download, audited (the family sees who downloaded it)."""
    body = version_pdf(version)
    audit.pdf_exported(actor=actor, version=version, child=child)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="opp-{child.pk}-versie-{version.number}.pdf"'
    return response
