"""The rule catalog (CATALOG.md v2): every rule with id, kind, source, validity, parameters and
plain-Dutch (B1) explanation templates.

A change in the law is a new `Rule` version with its own `valid_from`, never an edit of an old one:
`rule_for(id, on)` picks the version valid on a date. Norms (kind `norm`, ids KR-*) are regional
agreements ("regionale afspraak"): switched on and tuned per region with `NormSettings`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType


class Kind(StrEnum):
    STATUTORY = "statutory"
    GUIDANCE = "guidance"
    DEFINITION = "definition"
    NORM = "norm"


KIND_NL: Mapping[Kind, str] = MappingProxyType(
    {
        Kind.STATUTORY: "wet",
        Kind.GUIDANCE: "richtlijn inspectie",
        Kind.DEFINITION: "definitie",
        Kind.NORM: "regionale afspraak",
    }
)

ParamValue = int | str

# The version of the contract's catalog this engine follows (shared/rules/CATALOG.md). Stored
# assessments carry it in their keys, so a new catalog makes them stale (kring/children/readmodel.py).
CATALOG_VERSION = "v2"


@dataclass(frozen=True)
class Rule:
    """One version of a rule.

    `explanation` is the general B1 text; `templates` holds the sentences used in an assessment,
    keyed by situation (e.g. `met`, `overdue`, `violation`), filled with `str.format` fields.
    """

    id: str
    kind: Kind
    title: str
    source: str
    explanation: str
    parameters: Mapping[str, ParamValue] = field(default_factory=lambda: MappingProxyType({}))
    templates: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    valid_from: date | None = None
    valid_to: date | None = None

    def applies_on(self, d: date) -> bool:
        return (self.valid_from is None or self.valid_from <= d) and (
            self.valid_to is None or d <= self.valid_to
        )

    def param(self, name: str) -> int:
        value = self.parameters[name]
        if not isinstance(value, int):
            raise TypeError(f"{self.id}: parameter {name} is not a number")
        return value

    @property
    def kind_nl(self) -> str:
        return KIND_NL[self.kind]

    def text(self, key: str, **values: object) -> str:
        return self.templates[key].format(**values)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "kind_nl": self.kind_nl,
            "title": self.title,
            "source": self.source,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "parameters": dict(self.parameters),
            "explanation": self.explanation,
        }


def _p(**values: ParamValue) -> Mapping[str, ParamValue]:
    return MappingProxyType(dict(values))


def _t(**values: str) -> Mapping[str, str]:
    return MappingProxyType(dict(values))


RULES: tuple[Rule, ...] = (
    Rule(
        id="ATW-01",
        kind=Kind.STATUTORY,
        title="Termijn eindigt op zaterdag, zondag of feestdag: schuift op",
        source="Algemene termijnenwet art. 1, 3",
        parameters=_p(feestdagen="Atw art. 3 lid 1 en 2 (met Goede Vrijdag)"),
        explanation=(
            "Eindigt een wettelijke termijn op een zaterdag, zondag of algemeen erkende feestdag? "
            "Dan eindigt de termijn op de eerstvolgende dag die geen zaterdag, zondag of feestdag is. Goede "
            "Vrijdag telt hierbij ook als feestdag."
        ),
    ),
    Rule(
        id="LPW-03",
        kind=Kind.STATUTORY,
        title="Begin van de leerplicht",
        source="Leerplichtwet art. 3 lid 1",
        parameters=_p(leeftijd=5),
        explanation=(
            "De leerplicht begint op de eerste schooldag van de maand nadat het kind 5 jaar is geworden."
        ),
    ),
    Rule(
        id="LPW-04",
        kind=Kind.STATUTORY,
        title="Einde van de leerplicht; kwalificatieplicht tot 18",
        source="Leerplichtwet art. 3, 4a, 4b",
        parameters=_p(leeftijd=16, kwalificatieplicht_tot=18),
        explanation=(
            "De leerplicht stopt op 31 juli van het schooljaar waarin het kind 16 wordt. Daarna geldt de "
            "kwalificatieplicht tot de dag dat het kind 18 wordt (een startkwalificatie telt in v1 niet mee)."
        ),
    ),
    Rule(
        id="LPW-20",
        kind=Kind.STATUTORY,
        title="Ongeoorloofd verzuim van 16 uur in 4 lesweken: melden bij DUO",
        source="Leerplichtwet art. 21a lid 1; Wet register onderwijsdeelnemers art. 12 lid 3",
        parameters=_p(uren=16, lesweken=4),
        explanation=(
            "Is een leerling zonder geldige reden in totaal 16 uur of meer afwezig binnen 4 lesweken op rij? "
            "Dan moet de school dat melden bij DUO. Weken zonder schooldag (vakanties) tellen niet mee. Na "
            "elke melding begint de telling opnieuw: elke nieuwe 16 uur is een nieuwe melding "
            "(vervolgmelding)."
        ),
    ),
    Rule(
        id="LPW-21",
        kind=Kind.GUIDANCE,
        title="Verzuimmelding binnen 5 werkdagen",
        source=(
            "onderwijsinspectie.nl, registreren en melden van ongeoorloofd verzuim "
            "(bij Leerplichtwet art. 21a)"
        ),
        parameters=_p(werkdagen=5),
        explanation=(
            "De school meldt het verzuim zonder uitstel: binnen 5 werkdagen na de dag waarop de grens van "
            "16 uur werd bereikt. Zolang een melding loopt en de leerling blijft wegblijven, is geen nieuwe "
            "melding nodig."
        ),
        templates=_t(
            base=(
                "Op {threshold} had de leerling bij {school} {opnieuw}16 uur of meer ongeoorloofd verzuim "
                "in 4 lesweken, dus de school moest dit uiterlijk {due} melden bij DUO (binnen 5 werkdagen)."
            ),
            met="De melding is gedaan op {done}, op tijd.",
            met_late="De melding is gedaan op {done}, dat is te laat.",
            overdue="Er is nog geen melding gedaan.",
            open="Er is nog geen melding; de school heeft nog tot en met {due}.",
        ),
    ),
    Rule(
        id="LPW-47",
        kind=Kind.STATUTORY,
        title="Uitschrijven alleen bij inschrijving elders of vrijstelling",
        source="Leerplichtwet art. 10",
        explanation=(
            "Tijdens de leerplicht of kwalificatieplicht mag een school een leerling alleen uitschrijven als "
            "de leerling op een andere school staat ingeschreven, of als er een vrijstelling is."
        ),
        templates=_t(
            overig=(
                "{school} heeft de leerling op {date} uitgeschreven om een andere reden dan inschrijving op "
                "een andere school of een vrijstelling. Tijdens de leerplicht of kwalificatieplicht mag dat "
                "niet."
            ),
            inschrijving_elders=(
                "{school} heeft de leerling op {date} uitgeschreven omdat de leerling op een andere school "
                "zou staan, maar op die dag stond de leerling op geen andere school ingeschreven. Tijdens de "
                "leerplicht mag een school alleen uitschrijven als er een nieuwe school of een vrijstelling "
                "is."
            ),
        ),
    ),
    Rule(
        id="TZ-01",
        kind=Kind.DEFINITION,
        title="Thuiszitter: langdurig relatief verzuim of absoluut verzuim",
        source="Kamerbrief OCW 3 februari 2016 (Kamerstuk 26695-108); inspectie, thuiszittersregistratie",
        parameters=_p(dagen=28),
        explanation=(
            "Een thuiszitter is een leerplichtig kind dat ingeschreven staat maar langer dan 4 weken zonder "
            "geldige reden niet naar school gaat (langdurig relatief verzuim), of een leerplichtig kind dat "
            "op geen enkele school staat ingeschreven (absoluut verzuim), steeds zonder vrijstelling. Dagen "
            "in schoolvakanties tellen niet mee. Kinderen met een vrijstelling 5 onder a en kinderen die "
            "lang ziek thuis zijn, tellen officieel niet mee; Kring toont ze apart als 'verborgen'."
        ),
    ),
    Rule(
        id="ZP-05",
        kind=Kind.STATUTORY,
        title="Besluit op aanmelding binnen 6 weken (eenmaal 4 weken verlengen)",
        source="WPO art. 40 lid 6; WVO 2020 art. 8.8 lid 2",
        parameters=_p(weken=6, verlenging_weken=4),
        explanation=(
            "De school beslist binnen 6 weken na de schriftelijke aanmelding of het kind wordt toegelaten. "
            "De school mag deze termijn één keer met hoogstens 4 weken verlengen, als zij dat binnen de 6 "
            "weken aan de ouders laat weten."
        ),
        templates=_t(
            base=(
                "{school} moest binnen {termijn} na de aanmelding van {aanmelding} beslissen, "
                "dus uiterlijk {due}."
            ),
            met="Het besluit kwam op {done}, op tijd.",
            met_late="Het besluit kwam pas op {done}, dat is te laat.",
            overdue="Er is nog geen besluit.",
            open="Er is nog geen besluit; de school heeft nog tot en met {due}.",
        ),
    ),
    Rule(
        id="ZP-06",
        kind=Kind.STATUTORY,
        title="Geen besluit na 10 weken: tijdelijke plaatsing",
        source="WPO art. 40 lid 7; WVO 2020 art. 8.13",
        parameters=_p(weken=10),
        explanation=(
            "Heeft de school 10 weken na de aanmelding nog niet beslist en staat het kind niet op een andere "
            "school ingeschreven? Dan wordt het kind vanaf de dag daarna tijdelijk ingeschreven en geplaatst "
            "op die school."
        ),
        templates=_t(
            base=(
                "{school} had 10 weken na de aanmelding van {aanmelding} (op {t}) nog niet beslist en het "
                "kind stond nergens anders ingeschreven, dus de school moest het kind vanaf {due} tijdelijk "
                "inschrijven."
            ),
            met="Dat is gebeurd op {done}.",
            met_late="Dat is pas gebeurd op {done}, te laat.",
            overdue="Dat is nog niet gebeurd.",
            open="Dat moet uiterlijk {due} gebeuren.",
        ),
    ),
    Rule(
        id="ZP-10",
        kind=Kind.STATUTORY,
        title="Schorsing hoogstens 1 week; langer dan 1 dag melden bij de inspectie",
        source="WPO art. 40c; WVO 2020 art. 8.14; WEC art. 40a",
        parameters=_p(max_dagen=7, melden_vanaf_dagen=2),
        explanation=(
            "Een school mag een leerling hoogstens 1 week (7 dagen) schorsen. Duurt een schorsing langer dan "
            "1 dag, dan laat de school dat schriftelijk weten aan de inspectie."
        ),
        templates=_t(
            base=(
                "De schorsing bij {school} van {start} tot en met {end} duurde langer dan 1 dag, dus de "
                "school moest de inspectie schriftelijk informeren."
            ),
            met="Dat is gebeurd op {done}.",
            open="Dat is nog niet gebeurd.",
            violation=(
                "{school} heeft de leerling geschorst van {start} tot en met {end}, dat is {days} dagen. Een "
                "schorsing mag hoogstens 1 week (7 dagen) duren."
            ),
        ),
    ),
    Rule(
        id="ZP-11",
        kind=Kind.STATUTORY,
        title="Leerplichtige leerling pas verwijderen als een andere school bereid is",
        source="WPO art. 40 lid 11; WVO 2020 art. 8.15; WEC art. 40",
        explanation=(
            "Een school mag een leerplichtige leerling pas verwijderen als een andere school heeft laten "
            "weten dat zij de leerling wil toelaten."
        ),
        templates=_t(
            violation=(
                "{school} heeft de leerling op {date} verwijderd, terwijl nog geen andere school had laten "
                "weten de leerling te willen toelaten. Bij een leerplichtige leerling mag dat niet."
            ),
        ),
    ),
    Rule(
        id="OPP-04",
        kind=Kind.STATUTORY,
        title="Instemming ouders met het handelingsdeel van het OPP",
        source="WPO art. 40a lid 2; WEC art. 41a",
        explanation=(
            "Voor het deel van het ontwikkelingsperspectief (OPP) over de begeleiding van het kind "
            "(het handelingsdeel) is instemming van de ouders nodig."
        ),
        templates=_t(
            base=(
                "Het OPP van {opp} ({school}) is vastgesteld zonder instemming van de ouders met het "
                "handelingsdeel, en die instemming is nodig."
            ),
            met="De ouders hebben ingestemd op {done}.",
            open="De ouders hebben nog niet ingestemd.",
        ),
    ),
    Rule(
        id="OPP-05",
        kind=Kind.STATUTORY,
        title="OPP binnen 6 weken na inschrijving",
        source="WPO art. 40a lid 1, 3; WEC art. 41a lid 1, 3",
        parameters=_p(weken=6),
        explanation=(
            "Staat een kind ingeschreven in het speciaal (basis)onderwijs, of heeft het extra ondersteuning "
            "nodig? Dan stelt de school binnen 6 weken na de inschrijving een ontwikkelingsperspectief (OPP) "
            "op."
        ),
        templates=_t(
            base=(
                "Na de inschrijving bij {school} op {start} moest binnen 6 weken een "
                "ontwikkelingsperspectief (OPP) worden vastgesteld, dus uiterlijk {due}."
            ),
            met="Het OPP is vastgesteld op {done}, op tijd.",
            met_late="Het OPP is pas vastgesteld op {done}, dat is te laat.",
            overdue="Er is nog geen OPP.",
            open="Er is nog geen OPP; de school heeft nog tot en met {due}.",
        ),
    ),
    Rule(
        id="OPP-06",
        kind=Kind.STATUTORY,
        title="OPP elk schooljaar evalueren met de ouders",
        source="WPO art. 40a lid 4; WEC art. 41a lid 4",
        parameters=_p(per_schooljaar=1),
        explanation="De school bespreekt het OPP minstens één keer per schooljaar met de ouders (evaluatie).",
        templates=_t(
            base=(
                "In schooljaar {schooljaar} moest {school} het OPP met de ouders evalueren, uiterlijk {due}."
            ),
            met="Dat is gebeurd op {done}.",
            overdue="Dat is niet gebeurd.",
            open="Dat is nog niet gebeurd.",
        ),
    ),
    Rule(
        id="OPP-07",
        kind=Kind.STATUTORY,
        title="Hoorrecht: de leerling wordt gehoord over het OPP",
        source="WPO art. 40a lid 6–8; WEC art. 41a lid 7–9",
        valid_from=date(2025, 8, 1),
        explanation=(
            "Vanaf 1 augustus 2025 mag de leerling zijn eigen mening geven over het OPP, op een manier die "
            "bij hem past. De school vraagt de leerling daarom mee te praten bij elke evaluatie."
        ),
        templates=_t(
            violation=(
                "Bij de evaluatie van het OPP op {date} ({school}) is de leerling niet gehoord. Sinds 1 "
                "augustus 2025 heeft de leerling het recht om zijn mening te geven over zijn OPP."
            ),
        ),
    ),
    Rule(
        id="KR-3M",
        kind=Kind.NORM,
        title="Binnen 3 maanden: regievoerder, ontwikkelperspectief, route en evaluatiefrequentie",
        source=(
            "Regionale afspraak (geen wet): norm van 3 maanden uit het Thuiszitterspact (2016); de vier "
            "elementen uit het essay 'Niet het kind hapert, maar het systeem'"
        ),
        parameters=_p(maanden=3),
        explanation=(
            "Regionale afspraak, geen wet: geen kind zit langer dan 3 maanden thuis zonder een regievoerder, "
            "een samen vastgesteld ontwikkelperspectief, een concrete route en een vaste afspraak hoe vaak "
            "met ouders en kind wordt geëvalueerd."
        ),
        templates=_t(
            base=(
                "Regionale afspraak (geen wet): binnen {maanden} maanden na {since}, dus uiterlijk {due}, "
                "moeten er een regievoerder, een ontwikkelperspectief, een route en een evaluatiefrequentie "
                "zijn."
            ),
            met="Alle vier waren op tijd geregeld.",
            met_late="Alle vier zijn geregeld, maar niet allemaal op tijd.",
            overdue="Nog niet geregeld: {missing}.",
            open="Nog niet geregeld: {missing}.",
        ),
    ),  # ---------------------------------------------------------------- catalog v2
    Rule(
        id="TLV-03",
        kind=Kind.STATUTORY,
        title="Besluit over een TLV op advies van twee deskundigen",
        source=(
            "WPO art. 18a lid 11; Besluit bekostiging WPO art. 34.8 (versie vanaf 10 september 2021); "
            "twee aparte schriftelijke adviezen: praktijk van de LBT"
        ),
        parameters=_p(deskundigen=2, functies="orthopedagoog, psycholoog"),
        explanation=(
            "Het samenwerkingsverband beslist pas over een toelaatbaarheidsverklaring (TLV) als het "
            "schriftelijk advies heeft van ten minste twee deskundigen. Eén van hen is een orthopedagoog of "
            "een psycholoog."
        ),
        templates=_t(
            te_weinig=(
                "{swv} besliste op {date} over de toelaatbaarheid met het advies van minder dan twee "
                "deskundigen. De wet vraagt het schriftelijke advies van ten minste twee verschillende "
                "deskundigen, van wie één orthopedagoog of psycholoog is."
            ),
            geen_orthopedagoog=(
                "{swv} besliste op {date} over de toelaatbaarheid zonder advies van een orthopedagoog of "
                "psycholoog. Eén van de deskundigen moet een orthopedagoog of psycholoog zijn."
            ),
        ),
    ),
    Rule(
        id="TLV-04",
        kind=Kind.STATUTORY,
        title="Laatste schooljaar van de TLV: terugplaatsen, overplaatsen of een nieuwe TLV",
        source="WPO art. 40 lid 13, 14; WEC art. 40 lid 15",
        parameters=_p(schooljaren_minimaal=1),
        explanation=(
            "Een toelaatbaarheidsverklaring (TLV) geldt voor één of meer schooljaren. Krijgt het kind de TLV "
            "in de loop van een schooljaar, dan telt de rest van dat schooljaar erbij. In het laatste "
            "schooljaar zorgt de school dat het kind teruggaat naar het gewone onderwijs of naar een andere "
            "school gaat, tenzij het samenwerkingsverband een nieuwe TLV geeft."
        ),
        templates=_t(
            base=(
                "De TLV ({soort}) van {swv} loopt tot en met {end}. Het laatste schooljaar is begonnen, dus "
                "{school} moet ervoor zorgen dat de leerling uiterlijk {end} teruggaat naar het gewone "
                "onderwijs of naar een andere school gaat, of er moet een nieuwe TLV komen."
            ),
            met="Dat is geregeld op {done}.",
            met_late="Dat is pas geregeld op {done}, dat is te laat.",
            overdue="Dat is niet op tijd geregeld.",
            open="Dat is nog niet geregeld; daarvoor is er tijd tot en met {end}.",
        ),
    ),
    Rule(
        id="TLV-06",
        kind=Kind.STATUTORY,
        title="Bezwaar tegen het besluit over een TLV: binnen 6 weken",
        source="Awb art. 6:7, 6:8 lid 1; WPO art. 18a lid 12; Algemene termijnenwet art. 1",
        parameters=_p(weken=6),
        explanation=(
            "Ben je het niet eens met het besluit van het samenwerkingsverband over de "
            "toelaatbaarheidsverklaring (TLV)? Dan kun je bezwaar maken, binnen 6 weken na de dag waarop "
            "het besluit is verstuurd. Het bezwaar moet binnen die tijd binnen zijn."
        ),
        templates=_t(
            termijn=(
                "Tegen het besluit van {swv} van {date} over de toelaatbaarheid kunnen de ouders bezwaar "
                "maken tot en met {until} (6 weken)."
            ),
            termijn_open="Dat kan nog.",
            termijn_verstreken="Die termijn is voorbij.",
        ),
    ),
    Rule(
        id="AWB-413",
        kind=Kind.GUIDANCE,
        title="Besluit op een aanvraag binnen een redelijke termijn, uiterlijk 8 weken",
        source="Awb art. 4:13, 4:14 lid 3; Leerplichtwet art. 3a lid 5",
        parameters=_p(weken=8),
        explanation=(
            "Staat er in de wet geen termijn voor een besluit op een aanvraag? Dan moet het besluit komen "
            "binnen een redelijke termijn, en in ieder geval binnen 8 weken na ontvangst, tenzij de "
            "organisatie binnen die 8 weken laat weten dat zij meer tijd nodig heeft. Dit is de uiterste "
            "grens; een redelijke termijn kan korter zijn."
        ),
        templates=_t(
            base=(
                "{wie} kreeg op {ontvangen} een aanvraag {aanvraag} en moest binnen een redelijke termijn "
                "beslissen, en uiterlijk {due} (8 weken)."
            ),
            met="Het besluit kwam op {done}, op tijd.",
            met_late="Het besluit kwam pas op {done}, dat is te laat.",
            overdue="Er is nog geen besluit.",
            open="Er is nog geen besluit; er is nog tijd tot en met {due}.",
        ),
    ),
    Rule(
        id="OT-02",
        kind=Kind.STATUTORY,
        title="Minder onderwijstijd alleen met instemming van de inspectie",
        source="WPO art. 8 lid 10; WEC art. 12 lid 2",
        parameters=_p(sectoren="po, sbo, so"),
        explanation=(
            "Een leerplichtig kind in het basisonderwijs of speciaal (basis)onderwijs mag alleen minder uren "
            "onderwijs krijgen dan de wet voorschrijft als de inspectie daarmee instemt. De school vraagt "
            "dat "
            "aan, om lichamelijke of psychische redenen van het kind. De instemming moet er zijn voordat het "
            "kind minder onderwijs krijgt."
        ),
        templates=_t(
            base=(
                "Vanaf {due} kreeg de leerling bij {school} minder onderwijstijd dan de wet voorschrijft. "
                "Dat mag alleen met instemming van de inspectie, en die instemming moet er uiterlijk die dag "
                "zijn."
            ),
            met="De inspectie stemde in op {done}, op tijd.",
            met_late="De inspectie stemde pas in op {done}, dat is te laat.",
            overdue="De inspectie heeft niet ingestemd.",
            open="De inspectie heeft nog niet ingestemd.",
        ),
    ),
    Rule(
        id="TZ-06",
        kind=Kind.DEFINITION,
        title="Verborgen thuiszitter: ingeschreven, maar maar een deel van het programma",
        source=(
            "Verborgen thuiszitters, 'wel ingeschreven, maar niet of nauwelijks onderwijs' (Oudervereniging "
            "Balans 2024–2025); een definitie van het contract, geen wet"
        ),
        parameters=_p(dagen=28),
        explanation=(
            "Een kind dat ingeschreven staat maar langer dan 4 weken op elke schooldag maar een deel van de "
            "lessen volgt (minder onderwijstijd), telt officieel niet als thuiszitter. Kring toont het apart "
            "als 'verborgen'. Dagen in schoolvakanties tellen niet mee."
        ),
    ),
    Rule(
        id="LPW-46",
        kind=Kind.STATUTORY,
        title="Vervangende leerplicht: besluit binnen 6 weken; verlenging 8 weken voor het einde vragen",
        source="Leerplichtwet art. 3a lid 4, 5; Algemene termijnenwet art. 1 lid 2",
        parameters=_p(weken=6, verlenging_weken_voor_einde=8),
        explanation=(
            "Het college van B&W beslist binnen 6 weken over een aanvraag voor vervangende leerplicht. "
            "Wil je de vervangende leerplicht verlengen met het volgende schooljaar? Vraag dat dan ten "
            "minste "
            "8 weken voor het einde van de toegestane periode aan. Dat hoeft niet: het is een herinnering."
        ),
        templates=_t(
            base=(
                "{gemeente} kreeg op {ontvangen} een aanvraag voor vervangende leerplicht en moest binnen 6 "
                "weken beslissen, dus uiterlijk {due}."
            ),
            met="Het besluit kwam op {done}, op tijd.",
            met_late="Het besluit kwam pas op {done}, dat is te laat.",
            overdue="Er is nog geen besluit.",
            open="Er is nog geen besluit; de gemeente heeft nog tot en met {due}.",
            termijn=(
                "De vervangende leerplicht die {gemeente} op {date} toestond, loopt tot en met {to}. Wil je "
                "verlenging voor het volgende schooljaar? Vraag dat dan uiterlijk {until} aan (8 weken voor "
                "het einde)."
            ),
            termijn_open="Dat kan nog.",
            termijn_verstreken="Die datum is voorbij.",
        ),
    ),
    Rule(
        id="AVG-12",
        kind=Kind.STATUTORY,
        title="Antwoord op een verzoek om inzage of correctie binnen 1 maand",
        source="AVG art. 12 lid 3, 15, 16; Verordening (EEG, Euratom) nr. 1182/71 art. 3",
        parameters=_p(maanden=1, verlenging_maanden=2),
        explanation=(
            "Vraag je een organisatie om de gegevens over je kind in te zien of te verbeteren? Dan antwoordt "
            "de organisatie zonder uitstel, en uiterlijk 1 maand na ontvangst. De organisatie mag die "
            "termijn één keer met 2 maanden verlengen, als zij dat binnen de eerste maand laat weten."
        ),
        templates=_t(
            base=(
                "{organisatie} kreeg op {ontvangen} een verzoek om {verzoek} en moest zonder uitstel "
                "antwoorden, uiterlijk {due} ({looptijd})."
            ),
            met="Het antwoord kwam op {done}, op tijd.",
            met_late="Het antwoord kwam pas op {done}, dat is te laat.",
            overdue="Er is nog geen antwoord.",
            open="Er is nog geen antwoord; er is nog tijd tot en met {due}.",
        ),
    ),
    Rule(
        id="PRV-04",
        kind=Kind.STATUTORY,
        title="Het samenwerkingsverband bewaart gezondheidsgegevens tot 3 jaar na het besluit",
        source="WPO art. 18a lid 13",
        parameters=_p(jaren=3),
        explanation=(
            "Het samenwerkingsverband gebruikt gegevens over de gezondheid van het kind alleen om te "
            "beslissen "
            "over ondersteuning en toelaatbaarheid. Het bewaart ze tot 3 jaar na het besluit, op een plek "
            "waar alleen het samenwerkingsverband en zijn deskundigen bij kunnen."
        ),
        templates=_t(
            gezondheidsgegevens=(
                "{swv} bewaart de gezondheidsgegevens die het gebruikte voor het besluit van {date} over de "
                "toelaatbaarheid tot en met {until} (3 jaar na het besluit)."
            ),
        ),
    ),
    Rule(
        id="PRV-06",
        kind=Kind.GUIDANCE,
        title="Bewaartermijnen na het vertrek van een leerling (po, sbo, so, vso)",
        source=(
            "PO-Raad, veelgestelde vragen over bewaartermijnen (richtlijn van de sector, geen wet); de 5 "
            "jaar "
            "volgens de AVS uit het Besluit bekostiging WPO"
        ),
        parameters=_p(in_uitschrijving_jaren=5, verzuim_jaren=5, dossier_jaren=2, verwijzing_jaren=3),
        explanation=(
            "Gaat een leerling van school, dan bewaart de school de gegevens niet langer dan nodig: de in- "
            "en "
            "uitschrijving en het verzuim 5 jaar, het leerlingdossier 2 jaar, en de gegevens over een "
            "verwijzing naar het speciaal (basis)onderwijs 3 jaar na de uitschrijving."
        ),
        templates=_t(
            in_uitschrijving=(
                "{school} bewaart de gegevens over de in- en uitschrijving tot en met {until} (5 jaar na de "
                "uitschrijving op {date})."
            ),
            verzuim=(
                "{school} bewaart de gegevens over verzuim en afwezigheid tot en met {until} (5 jaar na de "
                "uitschrijving op {date})."
            ),
            dossier=(
                "{school} bewaart het leerlingdossier tot en met {until} (2 jaar na de uitschrijving op "
                "{date})."
            ),
            verwijzing=(
                "{school} bewaart de gegevens over de verwijzing naar het speciaal (basis)onderwijs tot en "
                "met {until} (3 jaar na de uitschrijving op {date})."
            ),
        ),
    ),
)


def all_rules() -> tuple[Rule, ...]:
    return RULES


def rule_versions(rule_id: str) -> list[Rule]:
    return [r for r in RULES if r.id == rule_id]


def rule_for(rule_id: str, on: date | None = None) -> Rule | None:
    """The version of `rule_id` valid on `on` (the newest version when `on` is None); None if none applies."""
    versions = sorted(rule_versions(rule_id), key=lambda r: r.valid_from or date.min)
    if not versions:
        raise KeyError(rule_id)
    if on is None:
        return versions[-1]
    valid = [r for r in versions if r.applies_on(on)]
    return valid[-1] if valid else None


def catalog_dicts() -> list[dict[str, object]]:
    return [r.to_dict() for r in RULES]


# ---------------------------------------------------------------- norms (regional configuration)


@dataclass(frozen=True)
class NormConfig:
    """One regional norm: whether the region adopted it, and its number of months."""

    enabled: bool = True
    months: int = 3


@dataclass(frozen=True)
class NormSettings:
    """The norms (KR-*) a region adopted. Default: KR-3M on, 3 months.

    JSON form (`--norms`): `{"regio": "SWV Voorbeeld", "KR-3M": {"enabled": true, "months": 3}}`.
    """

    kr_3m: NormConfig = field(default_factory=NormConfig)
    regio: str | None = None

    @classmethod
    def from_dict(cls, data: object) -> NormSettings:
        if not isinstance(data, dict):
            raise ValueError("norms must be a JSON object")
        kr = NormConfig()
        regio: str | None = None
        for key, value in data.items():
            if key == "regio":
                if value is not None and not isinstance(value, str):
                    raise ValueError("norms: field 'regio' must be a string")
                regio = value
            elif key == "KR-3M":
                kr = _norm_config(value, key)
            else:
                raise ValueError(f"norms: unknown field {key!r} (known: regio, KR-3M)")
        return cls(kr_3m=kr, regio=regio)

    @classmethod
    def from_json(cls, text: str) -> NormSettings:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"norms: invalid JSON: {exc}") from None
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, object]:
        """The JSON form that `from_dict` and `kring rules assess --norms` read back."""
        data: dict[str, object] = {"KR-3M": {"enabled": self.kr_3m.enabled, "months": self.kr_3m.months}}
        if self.regio is not None:
            data["regio"] = self.regio
        return data


def _norm_config(value: object, key: str) -> NormConfig:
    if not isinstance(value, dict):
        raise ValueError(f"norms: field {key!r} must be an object")
    enabled = value.get("enabled", True)
    months = value.get("months", 3)
    unknown = set(value) - {"enabled", "months"}
    if unknown:
        raise ValueError(f"norms: {key}: unknown field {sorted(unknown)[0]!r}")
    if not isinstance(enabled, bool):
        raise ValueError(f"norms: {key}: field 'enabled' must be true or false")
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise ValueError(f"norms: {key}: field 'months' must be a whole number of at least 1")
    return NormConfig(enabled=enabled, months=months)
