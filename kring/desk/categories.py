"""The default category tree of the steunpunt's questions: the subcategories that parents' helplines
use for passend onderwijs, each with a description in plain language (B1) and an answer term in
working days. The functioneel beheerder changes the tree in /beheer/; this is only where it starts.
"""

from __future__ import annotations

from typing import NamedTuple

ROOT_CODE = "passend-onderwijs"
THUISZITTEN_CODE = "thuiszitten"


class DefaultCategory(NamedTuple):
    code: str
    name: str
    name_en: str
    description: str
    description_en: str
    term_days: int


ROOT = DefaultCategory(
    ROOT_CODE,
    "Passend onderwijs",
    "Appropriate education",
    "Vragen over onderwijs dat past bij wat een kind nodig heeft.",
    "Questions about education that fits what a child needs.",
    10,
)

DEFAULT_CATEGORIES: tuple[DefaultCategory, ...] = (
    DefaultCategory(
        THUISZITTEN_CODE,
        "Thuiszitten",
        "Out of school",
        "Het kind gaat niet of bijna niet naar school, of heeft geen school.",
        "The child does not go to school, or hardly, or has no school.",
        3,
    ),
    DefaultCategory(
        "ondersteuning-regulier",
        "Ondersteuning op de reguliere school",
        "Support at a mainstream school",
        "Welke hulp de gewone school moet geven, en wat je kunt doen als die hulp er niet is.",
        "What help a mainstream school must give, and what to do when it is missing.",
        10,
    ),
    DefaultCategory(
        "verwijzing-tlv",
        "Verwijzing naar het speciaal onderwijs (tlv)",
        "Referral to special education (tlv)",
        "Vragen over de toelaatbaarheidsverklaring: de toestemming om naar het speciaal onderwijs te gaan.",
        "Questions about the declaration of admissibility for special education.",
        10,
    ),
    DefaultCategory(
        "medische-zorg",
        "(Medische) zorg op school",
        "(Medical) care at school",
        "Zorg die een kind onder schooltijd nodig heeft, zoals medicijnen of verpleging.",
        "Care a child needs during school hours, such as medicine or nursing.",
        10,
    ),
    DefaultCategory(
        "leerlingenvervoer",
        "Leerlingenvervoer",
        "School transport",
        "Vervoer van en naar school dat de gemeente regelt of betaalt.",
        "Transport to and from school that the municipality arranges or pays for.",
        10,
    ),
    DefaultCategory(
        "jeugdzorg",
        "Jeugdzorg en jeugdhulp",
        "Youth care",
        "Hulp voor het kind of het gezin van de gemeente of een jeugdhulpaanbieder.",
        "Help for the child or the family from the municipality or a youth care provider.",
        10,
    ),
    DefaultCategory(
        "adhd", "ADHD", "ADHD", "Vragen over school en ADHD.", "Questions about school and ADHD.", 10
    ),
    DefaultCategory(
        "autisme",
        "Autisme (ASS)",
        "Autism (ASD)",
        "Vragen over school en autisme.",
        "Questions about school and autism.",
        10,
    ),
    DefaultCategory(
        "hoogbegaafdheid",
        "Hoogbegaafdheid",
        "Giftedness",
        "Vragen over onderwijs voor kinderen die veel meer aankunnen.",
        "Questions about education for gifted children.",
        10,
    ),
    DefaultCategory(
        "dyslexie-dyscalculie",
        "Dyslexie en dyscalculie",
        "Dyslexia and dyscalculia",
        "Vragen over moeite met lezen, spellen of rekenen, en de hulp daarbij.",
        "Questions about difficulty with reading, spelling or arithmetic, and help with it.",
        10,
    ),
    DefaultCategory(
        "opp",
        "OPP",
        "Development perspective plan (OPP)",
        "Het ontwikkelingsperspectief: het plan van de school voor een kind dat extra steun krijgt.",
        "The school's plan for a child who gets extra support.",
        10,
    ),
    DefaultCategory(
        "aanmelding-zorgplicht",
        "Aanmelding en zorgplicht",
        "Application and duty of care",
        "Een kind aanmelden bij een school, en de plicht van de school om een passende plek te zoeken.",
        "Applying to a school, and the school's duty to find a suitable place.",
        5,
    ),
    DefaultCategory(
        "schorsing-verwijdering",
        "Schorsing en verwijdering",
        "Suspension and expulsion",
        "De school stuurt een kind een tijd naar huis, of wil het kind van school sturen.",
        "The school sends a child home for a while, or wants to expel the child.",
        3,
    ),
    DefaultCategory(
        "handelingsverlegenheid",
        "Handelingsverlegenheid",
        "School says it cannot help",
        "De school zegt dat zij het kind niet (meer) kan helpen.",
        "The school says it cannot (or can no longer) help the child.",
        5,
    ),
    DefaultCategory(
        "wachtlijst",
        "Wachtlijst",
        "Waiting list",
        "Het kind moet wachten op een plek op een school of bij hulp.",
        "The child has to wait for a place at a school or for help.",
        5,
    ),
    DefaultCategory(
        "vrijstelling",
        "Vrijstelling",
        "Exemption",
        "Vragen over vrijstelling van de leerplicht.",
        "Questions about exemption from compulsory education.",
        10,
    ),
    DefaultCategory(
        "onderwijstijd",
        "Onderwijstijd en afstandsonderwijs",
        "School hours and remote education",
        "Minder uren naar school, een aangepast rooster, of les op afstand.",
        "Fewer hours at school, an adjusted timetable, or lessons at a distance.",
        10,
    ),
    DefaultCategory(
        "lwoo-pro",
        "Leerwegondersteuning en praktijkonderwijs",
        "Learning support and practical education",
        "Extra hulp in het vmbo, of het praktijkonderwijs.",
        "Extra help in pre-vocational education, or practical education.",
        10,
    ),
    DefaultCategory(
        "overgang-doorstroom",
        "Overgang en doorstroom",
        "Moving up and moving on",
        "De overstap naar een volgende klas of school.",
        "Moving to the next year or the next school.",
        10,
    ),
)
