"""Fictional people and the texts they write: names from short lists, BSNs from a sequence.

Every text here is plain (no tab, newline or backslash), so the COPY writer needs no escaping for
them; `tests` check that.
"""

from __future__ import annotations

from collections.abc import Iterator

FIRST_NAMES = (
    "Noor",
    "Sem",
    "Lotte",
    "Daan",
    "Yara",
    "Milan",
    "Fenna",
    "Luca",
    "Mila",
    "Finn",
    "Emma",
    "Lucas",
    "Julia",
    "Levi",
    "Tess",
    "Noah",
    "Sara",
    "Liam",
    "Zoë",
    "Bram",
    "Saar",
    "Mees",
    "Evi",
    "Jesse",
    "Anna",
    "Thijs",
    "Nina",
    "Ravi",
    "Lina",
    "Adam",
    "Isa",
    "Omar",
    "Fleur",
    "Ayoub",
    "Roos",
    "Youssef",
    "Lieke",
    "Mohamed",
    "Sophie",
    "Jayden",
    "Maud",
    "Stijn",
    "Hanna",
    "Ibrahim",
    "Femke",
    "Ruben",
    "Amira",
    "Hugo",
    "Esmee",
    "Tijn",
    "Ilse",
    "Senna",
    "Nora",
    "Dex",
    "Aya",
    "Jens",
    "Vera",
    "Mats",
)
LAST_NAMES = (
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Bruin",
    "van der Heijden",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
    "van de Ven",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "van Dam",
    "van der Wal",
    "Prins",
    "Blom",
    "Huisman",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Bouzid",
    "Öztürk",
    "Pinas",
    "Nguyen",
    "Haddou",
)
PARENT_FIRST_NAMES = (
    "Sanne",
    "Mark",
    "Linda",
    "Kevin",
    "Iris",
    "Dennis",
    "Esther",
    "Rob",
    "Fatima",
    "Ahmed",
    "Marloes",
    "Jeroen",
    "Naima",
    "Hakan",
    "Petra",
    "Erik",
    "Chantal",
    "Mustafa",
    "Anouk",
    "Bas",
    "Samira",
    "Tom",
)
RELATIONS = ("moeder", "vader", "moeder", "vader", "voogd")
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"

SIGNALS = (
    ("verzuim", "Veel afwezig; de school maakt zich zorgen."),
    ("verzuim", "Komt vaak te laat en mist lessen zonder bericht."),
    ("zorg_school", "De school ziet dat het kind vastloopt in de klas."),
    ("zorg_ouders", "Ouders vragen hulp: het kind wil niet meer naar school."),
    ("aanmelding_stokt", "Er is nog geen school die past; de aanmelding loopt vast."),
    ("thuiszitten", "Het kind zit al weken thuis zonder onderwijs."),
)
CLOSING_REASONS = (
    "Het kind gaat weer elke dag naar school; regie is niet meer nodig.",
    "Het kind heeft een passende plek op een andere school.",
    "Het gezin is verhuisd naar een andere regio; de casus is overgedragen.",
    "Het doel is bereikt; de kring stopt in overleg met ouders en kind.",
)
STATUS_REASONS = {
    "verkenning": "De kring brengt samen met ouders en kind in kaart wat er speelt.",
    "plan": "Het beeld is helder; de kring stelt het perspectief op.",
    "uitvoering": "Perspectief en route staan; de uitvoering begint.",
    "evaluatie": "Tijd om te kijken of de route werkt.",
    "afgesloten": "De casus is afgerond.",
}
GOALS = (
    "Weer elke ochtend naar school, eerst halve dagen.",
    "Een school vinden die past bij wat het kind nodig heeft.",
    "Rust in de klas en een vaste begeleider.",
    "Stap voor stap terug naar de eigen groep.",
)
NEEDS = (
    ("leren", "Korte opdrachten en een vaste plek in de klas."),
    ("gedrag_en_welzijn", "Een vast aanspreekpunt op school en rust in de ochtend."),
    ("sociaal", "Hulp bij contact met klasgenoten."),
    ("gezondheid", "Afstemming met de huisarts over de klachten."),
    ("thuis_en_gezin", "Steun voor ouders bij het ochtendritme."),
    ("vervoer", "Vervoer naar school geregeld door de gemeente."),
)
AGREEMENTS = (
    "Gesprek plannen met ouders en de mentor.",
    "Rooster maken voor de eerste twee weken.",
    "Aanmelding doen bij de school die past.",
    "Contact opnemen met de jeugdarts.",
    "Terugkoppelen aan de kring hoe het gaat.",
    "Vervoer aanvragen bij de gemeente.",
)
MEETING_NOTES = (
    "We hebben besproken hoe de ochtenden gaan en wat helpt.",
    "De kring kijkt samen naar een passende plek.",
    "Ouders en school zijn het eens over de volgende stap.",
)
CHILD_VOICES = (
    "Ik wil wel naar school, maar niet de hele dag.",
    "Ik vind het fijn als ik weet wie mij helpt.",
    "Ik wil graag bij mijn vrienden in de klas.",
)
ROUTE_KINDS = ("geleidelijke_terugkeer", "hybride", "andere_school", "onderwijs_zorgarrangement")
ROUTE_PROVIDERS = ("De eigen school", "Onderwijszorgcentrum (fictief)", "Jeugdteam (fictief)")
ESCALATION_REASONS = (
    "De termijn voor een passende plek is verstreken zonder aanbod.",
    "Het kind zit al meer dan drie maanden thuis; er is een besluit nodig.",
)


def bsn_sequence(start: int = 90_000_000) -> Iterator[str]:
    """BSNs that pass the elfproef, in order: for each 8-digit prefix from `start` the one check digit
    that makes 9·d1 + 8·d2 + … + 2·d8 − d9 divisible by 11 (prefixes whose check digit would be 10
    are skipped). They start with a 9, a range not issued to people, so no number is a real one."""
    prefix = start
    weights = (9, 8, 7, 6, 5, 4, 3, 2)
    while prefix < 100_000_000:
        digits = str(prefix)
        check = sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11
        if check < 10:
            yield f"{digits}{check}"
        prefix += 1
