"""The family's words: the timeline in plain sentences (B1), the rights that apply in each
situation, and a small glossary for the legal terms that must appear (explained on the spot).

Only texts that are true: each right names where it is written. No access decisions and no reads
here; the view passes in what it read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.children.event_types import FIELDS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from kring.children.models import TimelineEvent

# ---------------------------------------------------------------- glossary

GLOSSARY: Mapping[str, tuple[StrOrPromise, StrOrPromise]] = {
    "regievoerder": (
        _("Wat is een regievoerder?"),
        _(
            "De regievoerder is één persoon die het overzicht houdt. Hij of zij zorgt dat iedereen doet wat "
            "is afgesproken, en is jouw vaste aanspreekpunt."
        ),
    ),
    "kring": (
        _("Wat is de kring?"),
        _(
            "De kring zijn de mensen die samen werken aan een goede plek voor je kind: jij, je kind, de "
            "school en anderen die helpen."
        ),
    ),
    "ontwikkelperspectief": (
        _("Wat is een ontwikkelperspectief?"),
        _(
            "Het ontwikkelperspectief is het plan voor je kind: waar werken jullie samen naartoe, en wat "
            "heeft je kind daarvoor nodig."
        ),
    ),
    "route": (
        _("Wat is een route?"),
        _(
            "De route is wat er concreet gebeurt: bijvoorbeeld eerst een paar uur per week naar school, of "
            "naar een andere school. Met wie, hoeveel uur en vanaf wanneer."
        ),
    ),
    "zorgplicht": (
        _("Wat is zorgplicht?"),
        _(
            "Heb je je kind schriftelijk aangemeld bij een school? Dan moet die school zorgen voor een plek "
            "die past. Kan de school dat zelf niet? Dan moet zij een andere school zoeken die je kind wel "
            "toelaat. Dat heet zorgplicht."
        ),
    ),
    "opp": (
        _("Wat is een OPP?"),
        _(
            "OPP betekent ontwikkelingsperspectief. Het is het plan van de school voor een kind dat extra "
            "ondersteuning krijgt. Voor het deel over de begeleiding is jouw instemming nodig: je moet het "
            "ermee eens zijn."
        ),
    ),
    "samenwerkingsverband": (
        _("Wat is een samenwerkingsverband?"),
        _(
            "Alle scholen in de regio werken samen in een samenwerkingsverband. Het samenwerkingsverband "
            "zorgt dat er voor elk kind een passende plek is."
        ),
    ),
    "leerplichtambtenaar": (
        _("Wat doet de leerplichtambtenaar?"),
        _(
            "De leerplichtambtenaar werkt bij de gemeente. Hij of zij let erop dat elk kind onderwijs "
            "krijgt, en helpt als dat niet lukt. Voordat een gezin wordt aangesproken op verzuim, kijkt de "
            "leerplichtambtenaar ook of de school en het samenwerkingsverband hun plichten hebben gedaan."
        ),
    ),
    "bezwaar": (
        _("Wat is bezwaar maken?"),
        _(
            "Bezwaar maken betekent: je schrijft aan het schoolbestuur dat je het niet eens bent met een "
            "besluit, en waarom. Het bestuur moet dan opnieuw naar het besluit kijken."
        ),
    ),
    "thuiszitter": (
        _("Wat is een thuiszitter?"),
        _(
            "Een thuiszitter is een leerplichtig kind dat langer dan 4 weken niet naar school gaat zonder "
            "geldige reden, of dat op geen enkele school staat ingeschreven."
        ),
    ),
}


@dataclass(frozen=True)
class Term:
    key: str
    question: str
    answer: str


def term(key: str) -> Term:
    question, answer = GLOSSARY[key]
    return Term(key, str(question), str(answer))


# ---------------------------------------------------------------- the timeline in sentences

_REDEN = {
    "ongeoorloofd": _("zonder geldige reden"),
    "ziek": _("ziek"),
    "geoorloofd": _("met toestemming"),
}


def _day(value: Any) -> str:
    try:
        return date_format(date.fromisoformat(str(value)), "j F Y")
    except ValueError:
        return str(value)


def event_sentence(event: TimelineEvent) -> str:
    """What happened, in one plain sentence about the child ("je kind")."""
    data = event.data or {}
    school = str(data.get("school") or gettext("de school"))
    t = event.type
    if t == "aanmelding":
        return gettext("Je kind is schriftelijk aangemeld bij %(school)s.") % {"school": school}
    if t == "aanmelding_verlenging":
        return gettext("%(school)s heeft laten weten dat zij 4 weken langer nodig heeft om te beslissen.") % {
            "school": school
        }
    if t == "aanmelding_besluit":
        if data.get("outcome") == "toegelaten":
            return gettext("%(school)s heeft besloten: je kind is toegelaten.") % {"school": school}
        return gettext("%(school)s heeft besloten: je kind is niet toegelaten.") % {"school": school}
    if t == "inschrijving":
        return gettext("Je kind staat vanaf deze dag ingeschreven op %(school)s.") % {"school": school}
    if t == "uitschrijving":
        return gettext("Je kind is uitgeschreven bij %(school)s.") % {"school": school}
    if t == "afwezig":
        reden = str(_REDEN.get(str(data.get("reden")), data.get("reden", "")))
        if data.get("to"):
            return gettext("Je kind was afwezig (%(reden)s), tot en met %(to)s.") % {
                "reden": reden,
                "to": _day(data["to"]),
            }
        return gettext("Je kind is afwezig (%(reden)s), vanaf deze dag.") % {"reden": reden}
    if t == "verzuimmelding":
        return gettext("De school heeft het verzuim gemeld bij DUO, zoals de wet vraagt.")
    if t == "schorsing":
        return gettext("%(school)s heeft je kind geschorst, tot en met %(to)s.") % {
            "school": school,
            "to": _day(data.get("to", "")),
        }
    if t == "schorsing_gemeld_inspectie":
        return gettext("%(school)s heeft de schorsing gemeld bij de inspectie.") % {"school": school}
    if t == "verwijdering":
        return gettext("%(school)s heeft besloten je kind te verwijderen.") % {"school": school}
    if t == "andere_school_bereid":
        return gettext("%(school)s heeft laten weten dat zij je kind wil toelaten.") % {"school": school}
    if t == "vrijstelling":
        artikel = FIELDS["artikel"].words(data.get("artikel", ""))
        if data.get("to"):
            return gettext(
                "Je kind heeft een vrijstelling van de leerplicht (%(artikel)s), tot en met %(to)s."
            ) % {
                "artikel": artikel,
                "to": _day(data["to"]),
            }
        return gettext("Je kind heeft een vrijstelling van de leerplicht (%(artikel)s).") % {
            "artikel": artikel
        }
    if t == "opp_vastgesteld":
        if data.get("instemming_handelingsdeel"):
            return gettext(
                "De school heeft een OPP gemaakt. Jij hebt ingestemd met het deel over de begeleiding."
            )
        return gettext(
            "De school heeft een OPP gemaakt. Jij hebt nog niet ingestemd met het deel over de begeleiding."
        )
    if t == "opp_instemming":
        return gettext("Jij hebt ingestemd met het deel van het OPP over de begeleiding.")
    if t == "opp_evaluatie":
        who = []
        if data.get("met_ouders"):
            who.append(gettext("met jou"))
        if data.get("met_leerling"):
            who.append(gettext("met je kind"))
        if who:
            return gettext("De school heeft het OPP besproken, %(who)s.") % {"who": gettext(" en ").join(who)}
        return gettext("De school heeft het OPP besproken, zonder jou en zonder je kind.")
    if t == "regievoerder_aangewezen":
        return gettext("%(name)s is de regievoerder geworden.") % {"name": data.get("naam", "")}
    if t == "ontwikkelperspectief_vastgesteld":
        return gettext("Het ontwikkelperspectief is samen met jou en je kind vastgesteld.")
    if t == "route_vastgesteld":
        return gettext("Er is een route afgesproken: %(kind)s.") % {
            "kind": _route_words(data.get("soort", ""))
        }
    if t == "evaluatiefrequentie_vastgesteld":
        return gettext("Er is afgesproken om elke %(weeks)s weken samen te kijken hoe het gaat.") % {
            "weeks": data.get("weken", "")
        }
    return str(event.get_type_display())


def _route_words(code: str) -> str:
    from kring.cases.models import RouteKind

    try:
        return str(RouteKind(code).label).lower()
    except ValueError:
        return code


# ---------------------------------------------------------------- rights per situation


@dataclass(frozen=True)
class Right:
    key: str
    title: str
    paragraphs: tuple[str, ...]
    source: str
    terms: tuple[str, ...] = ()


def _rights() -> dict[str, Right]:
    objection = gettext(
        "Ben je het niet eens met het besluit? Dan kun je bezwaar maken bij het schoolbestuur. Doe dat "
        "binnen 6 weken nadat je het besluit hebt gekregen. Gaat het over een kind dat extra "
        "ondersteuning nodig heeft? Dan kun je ook naar de Geschillencommissie passend onderwijs, ook "
        "binnen 6 weken."
    )
    return {
        "aanmelding": Right(
            "aanmelding",
            gettext("Je hebt je kind aangemeld bij een school"),
            (
                gettext(
                    "De school moet binnen 6 weken beslissen. De school mag dat één keer 4 weken langer "
                    "maken, als zij dat binnen de 6 weken aan jou laat weten."
                ),
                gettext(
                    "Heeft de school na 10 weken nog niet beslist, en staat je kind nergens anders "
                    "ingeschreven? Dan wordt je kind tijdelijk ingeschreven op die school."
                ),
            ),
            gettext("WPO art. 40; WVO 2020 art. 8.8 en 8.13"),
            ("zorgplicht",),
        ),
        "besluit": Right(
            "besluit",
            gettext("De school heeft een besluit genomen over je kind"),
            (objection,),
            gettext("Algemene wet bestuursrecht art. 6:7 (openbare school); WPO art. 63 (bijzondere school)"),
            ("bezwaar",),
        ),
        "schorsing": Right(
            "schorsing",
            gettext("Je kind is geschorst"),
            (
                gettext(
                    "Een school mag je kind hoogstens 1 week (7 dagen) schorsen. Duurt de schorsing langer "
                    "dan 1 dag? Dan moet de school dat schriftelijk aan de inspectie laten weten."
                ),
                objection,
            ),
            gettext("WPO art. 40c; WVO 2020 art. 8.14; WEC art. 40a"),
            ("bezwaar",),
        ),
        "verwijdering": Right(
            "verwijdering",
            gettext("De school wil je kind verwijderen"),
            (
                gettext(
                    "Een school mag een leerplichtig kind pas verwijderen als een andere school heeft laten "
                    "weten dat zij je kind wil toelaten."
                ),
                objection,
            ),
            gettext("WPO art. 40 lid 11; WVO 2020 art. 8.15; WEC art. 40"),
            ("bezwaar",),
        ),
        "uitschrijving": Right(
            "uitschrijving",
            gettext("Je kind is uitgeschreven"),
            (
                gettext(
                    "Zolang je kind leerplichtig is, mag een school je kind alleen uitschrijven als je "
                    "kind op een andere school staat ingeschreven of een vrijstelling heeft."
                ),
            ),
            gettext("Leerplichtwet art. 10"),
        ),
        "thuiszitten": Right(
            "thuiszitten",
            gettext("Je kind gaat niet naar school"),
            (
                gettext(
                    "In de regio is afgesproken: binnen 3 maanden zijn er een regievoerder, een plan, een "
                    "route en vaste momenten om samen met jou en je kind te kijken hoe het gaat. Dat is een "
                    "afspraak in de regio, geen wet."
                ),
                gettext(
                    "De leerplichtambtenaar van de gemeente kan helpen. Je kunt ook gratis hulp vragen "
                    "aan de onderwijsconsulenten, of aan het ouder- en jeugdsteunpunt hieronder."
                ),
            ),
            gettext("Thuiszitterspact (2016), regionale afspraak; Leerplichtwet"),
            ("thuiszitter", "leerplichtambtenaar"),
        ),
    }


def rights_for(event_types: Iterable[str], *, out_of_school: bool) -> list[Right]:
    """The rights that apply to the situations on the child's timeline, in a fixed order."""
    types = set(event_types)
    rights = _rights()
    keys = []
    if "aanmelding" in types:
        keys.append("aanmelding")
    if types & {"aanmelding_besluit", "verwijdering", "schorsing"}:
        keys.append("besluit")
    for key in ("schorsing", "verwijdering", "uitschrijving"):
        if key in types:
            keys.append(key)
    if out_of_school:
        keys.append("thuiszitten")
    # the objection route is in the schorsing and verwijdering texts already
    if (
        "besluit" in keys
        and ("schorsing" in keys or "verwijdering" in keys)
        and "aanmelding_besluit" not in types
    ):
        keys.remove("besluit")
    return [rights[k] for k in keys]
