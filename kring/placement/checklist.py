"""The TLV checklist: what a samenwerkingsverband asks of a request (its `kring.regions` settings)
and the law's own item, the two deskundigen of TLV-03. Read by the request's service (which
refuses what is missing) and by the request's page (which shows what was met)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from kring.children.models import Child
from kring.organisations.models import SchoolLocation

from .models import TLV03_FUNCTIES, Functie
from .opp_facts import opp_facts


@dataclass(frozen=True, kw_only=True)
class AdviceInput:
    """One deskundige's written advice, as the request carries it."""

    name: str
    functie: str
    given_on: date | None
    advice: str


def tlv03_problem(advices: Sequence[AdviceInput]) -> str | None:
    """TLV-03: the advice of at least two deskundigen (different names), one of them an
    orthopedagoog or a psycholoog. None when met."""
    complete = [a for a in advices if a.name.strip() and a.functie in Functie.values]
    names = {a.name.strip() for a in complete}
    if len(names) < 2:
        return _(
            "Het advies van twee deskundigen ontbreekt. Een besluit over een TLV rust op het schriftelijke "
            "advies van ten minste twee verschillende deskundigen (regel TLV-03, WPO artikel 18a lid 11). "
            "Voeg het tweede advies toe."
        )
    if not any(a.functie in TLV03_FUNCTIES for a in complete):
        return _(
            "Een van de twee deskundigen moet orthopedagoog of psycholoog zijn (regel TLV-03, WPO artikel "
            "18a lid 11). Voeg het advies van een orthopedagoog of psycholoog toe."
        )
    return None


def _words(words: Sequence[str]) -> str:
    """ "a, b en c"."""
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s en %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


@dataclass(frozen=True)
class ChecklistItem:
    """One item of the region's checklist and whether this request meets it."""

    label: str
    met: bool
    source: str


def checklist_for(
    *,
    child: Child,
    swv_name: str,
    require_opp: bool,
    require_parents_view: bool,
    require_child_view: bool,
    require_place: bool,
    parents_view: str,
    child_view: str,
    advices: Sequence[AdviceInput],
    target_school: SchoolLocation | None,
    place_confirmed: bool,
    waiting_position: int | None,
) -> dict[str, tuple[ChecklistItem, str]]:
    """The checklist's items for this request, by the field a refusal lands on: (item, message)."""
    region = _("checklist van %(swv)s") % {"swv": swv_name}
    items: dict[str, tuple[ChecklistItem, str]] = {}
    if require_opp:
        facts = opp_facts(child)
        missing = [
            word
            for word, done in (
                (_("opgesteld"), facts.drawn_up),
                (_("uitgevoerd"), facts.carried_out),
                (_("geëvalueerd"), facts.evaluated),
            )
            if not done
        ]
        source = _("%(region)s; OPP: WPO artikel 40a") % {"region": region}
        items["opp"] = (
            ChecklistItem(_("Het OPP is opgesteld, uitgevoerd en geëvalueerd"), not missing, source),
            _(
                "Het OPP van %(name)s is nog niet %(missing)s. Het samenwerkingsverband vraagt een OPP dat "
                "is opgesteld, uitgevoerd en geëvalueerd (%(source)s). Evalueer het OPP samen met de ouders "
                "en het kind, en vraag de TLV daarna aan."
            )
            % {"name": child.first_name, "missing": _words(missing), "source": source},
        )
    if require_parents_view:
        items["parents_view"] = (
            ChecklistItem(_("De zienswijze van de ouders is bijgevoegd"), bool(parents_view.strip()), region),
            _(
                "De zienswijze van de ouders ontbreekt (%(source)s). Vraag de ouders wat zij van de aanvraag "
                "vinden en schrijf dat hier in hun woorden op."
            )
            % {"source": region},
        )
    if require_child_view:
        items["child_view"] = (
            ChecklistItem(_("De mening van het kind is bijgevoegd"), bool(child_view.strip()), region),
            _(
                "De mening van het kind ontbreekt (%(source)s). Vraag het kind wat het wil en schrijf dat "
                "hier in de woorden van het kind op."
            )
            % {"source": region},
        )
    tlv03 = tlv03_problem(advices)
    items["advices"] = (
        ChecklistItem(
            _("Het advies van twee deskundigen, een van hen orthopedagoog of psycholoog"),
            tlv03 is None,
            _("regel TLV-03, WPO artikel 18a lid 11"),
        ),
        tlv03 or "",
    )
    if require_place:
        if target_school is None:
            met, field, message = (
                False,
                "target_school",
                _(
                    "Noem de school waar het kind naartoe kan (%(source)s). Kies de school voor speciaal "
                    "(basis)onderwijs die een plek heeft bevestigd of waar het kind op de wachtlijst staat."
                )
                % {"source": region},
            )
        elif not place_confirmed and waiting_position is None:
            met, field, message = (
                False,
                "place_confirmed",
                _(
                    "Vul in of %(school)s een plek heeft bevestigd, of op welke plaats het kind op de "
                    "wachtlijst staat (%(source)s)."
                )
                % {"school": target_school.organisation.name, "source": region},
            )
        else:
            met, field, message = True, "target_school", ""
        items[field] = (
            ChecklistItem(_("Een school met een bevestigde plek of de plaats op de wachtlijst"), met, region),
            message,
        )
    return items
