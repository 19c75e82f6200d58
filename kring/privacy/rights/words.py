"""The requests' term and answer in plain Dutch (B1), for the family's and the professional's pages."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import RequestKind, RightsRequest
from .selectors import Term

EXPLANATION = gettext_lazy(
    "Dit staat in de AVG, de wet over persoonsgegevens (artikel 12 lid 3). Een organisatie moet binnen "
    "een maand antwoorden. Eén keer mag ze twee maanden langer nemen. Dat moet ze dan in de eerste "
    "maand laten weten, en uitleggen waarom."
)


def _day(value: date | None) -> str:
    return date_format(value, "j F Y") if value is not None else ""


def kind_words(request: RightsRequest) -> str:
    return _("Inzage") if request.kind == RequestKind.INZAGE else _("Correctie")


def term_sentence(request: RightsRequest, term: Term | None) -> str:
    """ "Basisschool De Linde moet uiterlijk 7 januari 2027 antwoorden." and the like."""
    org = request.organisation_name
    if not request.is_open:
        if term is not None and term.status == "met_late" and term.due is not None:
            return _("%(org)s antwoordde op %(day)s. Dat was te laat: het moest uiterlijk %(due)s.") % {
                "org": org,
                "day": _day(request.answered_on),
                "due": _day(term.due),
            }
        return _("%(org)s antwoordde op %(day)s.") % {"org": org, "day": _day(request.answered_on)}
    if term is None or term.due is None:
        return _("%(org)s moet binnen een maand antwoorden.") % {"org": org}
    if term.is_overdue:
        return _("%(org)s had uiterlijk %(due)s moeten antwoorden. Dat is niet gebeurd.") % {
            "org": org,
            "due": _day(term.due),
        }
    return _("%(org)s moet uiterlijk %(due)s antwoorden.") % {"org": org, "due": _day(term.due)}


def extension_sentence(request: RightsRequest) -> str:
    if request.extended_on is None:
        return ""
    return _("%(org)s nam op %(day)s twee maanden meer tijd. De reden: %(reason)s") % {
        "org": request.organisation_name,
        "day": _day(request.extended_on),
        "reason": request.extension_reason,
    }
