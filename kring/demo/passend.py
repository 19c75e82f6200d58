"""The demo's instruments of passend onderwijs (issue 10): an aanmelding with a support question in
the school's register, with its receipt and the first step of the zorgplicht investigation, and an
OPP with the child's own words and the parents' consent (signed on paper) for Youssef, whose
school is looking for a place in special education. Written through the apps' own services, like
the rest of the demo; all people are fictional."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from kring.children.models import Child
from kring.enrolment import services as enrolment
from kring.enrolment.models import Aanmelding, StepKind
from kring.opp import services as opp
from kring.opp.models import ChildInput, Decision, OppVersion, Payer
from kring.opp.services import ActionSpec
from kring.timetable import services as timetable
from kring.timetable.models import ReducedTimetable

if TYPE_CHECKING:
    from .services import DemoRegion


def load_passend(region: DemoRegion, *, school: str) -> list[str]:
    """The aanmelding and the OPP; returns a line per item for the demo's progress output."""
    aanmelding = _aanmelding(region, school)
    version = _youssefs_opp(region, school)
    reduced = _youssefs_timetable(region, school)
    return [
        f"Aanmelding {aanmelding.reference} met een ondersteuningsvraag bij "
        f"{aanmelding.school.organisation.name}",
        f"OPP van {version.opp.child.first_name}, versie {version.number}, met instemming van de ouders",
        f"Minder onderwijstijd voor {reduced.child.first_name}: {reduced.hours_per_week} uur per week, "
        "de inspectie is gevraagd maar stemde nog niet in",
    ]


def _aanmelding(region: DemoRegion, school: str) -> Aanmelding:
    """Daan's parents applied in writing twelve days ago; the school gave a receipt and asked them
    for the report of his speech therapist. The decision term (ZP-05) runs in the school's agenda."""
    ib = region.users["ib"]
    received = region.ago(12)
    a = enrolment.register_aanmelding(
        actor=ib,
        school=region.schools[school],
        received_on=received,
        new_child={
            "first_name": "Daan",
            "last_name": "Bedacht",
            "birth_date": region.years_ago(4, 20),
            "postcode": "3431AB",
            "gemeente": region.gemeente,
            "representatives": [{"name": "Eva Bedacht", "relation": "moeder", "email": "", "phone": ""}],
        },
        support_question=True,
        support_description=(
            "Daan praat nog weinig en heeft logopedie. Hij raakt snel overprikkeld in een drukke groep."
        ),
    )
    enrolment.issue_receipt(actor=ib, aanmelding=a)
    enrolment.record_step(
        actor=ib,
        aanmelding=a,
        kind=StepKind.INFORMATIE_OUDERS,
        on=received + timedelta(days=2),
        description="Ouders gevraagd om het verslag van de logopedist en van de peuterspeelzaal.",
    )
    return a


def _youssefs_opp(region: DemoRegion, school: str) -> OppVersion:
    """Youssef's OPP at his current school, drawn up with him; his mother signed the handelingsdeel."""
    ib = region.users["ib"]
    child = Child.objects.get(first_name="Youssef", last_name="Proef")
    drawn_up = region.ago(42)
    version = opp.draw_up_version(
        actor=ib,
        child=child,
        school=region.schools[school],
        vastgesteld_on=drawn_up,
        needs="Een kleine groep, korte instructies en een rustige plek om even bij te komen.",
        uitstroomperspectief="Vmbo basis- of kaderberoepsgerichte leerweg",
        onderbouwing=(
            "Youssef leert goed als de stof in kleine stappen komt. Rekenen gaat op groep-6-niveau, "
            "lezen iets lager. De toetsen van dit jaar en het gesprek met zijn moeder wijzen dezelfde "
            "kant op."
        ),
        goals="Youssef werkt elke ochtend 30 minuten zelfstandig aan rekenen en lezen.",
        actions=[
            ActionSpec(
                what="Instructie in een groepje van vier",
                who="De groepsleerkracht",
                how_often="Elke schoolochtend",
                payer=Payer.SCHOOL,
            ),
            ActionSpec(
                what="Begeleiding bij het omgaan met drukte",
                who="De ambulant begeleider van het samenwerkingsverband",
                how_often="Eén keer per week",
                payer=Payer.SWV,
            ),
        ],
        child_words="Ik wil gewoon naar een school waar het rustig is. Twee ochtenden is saai.",
        child_input=ChildInput.CHANGED,
        child_effect="Er is een rustige werkplek in de klas gekomen.",
        today=region.today,
    )
    mother = child.representatives.get()
    opp.record_consent(
        actor=ib,
        version=version,
        decision=Decision.CONSENT,
        given_on=drawn_up + timedelta(days=3),
        representative=mother,
        note="Getekend formulier, meegegeven na het gesprek.",
        on_paper=True,
        today=region.today,
    )
    return version


def _youssefs_timetable(region: DemoRegion, school: str) -> ReducedTimetable:
    """Youssef goes to school two mornings a week while he waits: a reduced timetable on
    psychological grounds. The school asked the inspectorate's consent too late and has no answer
    yet, so the list /onderwijstijd/ shows the missing consent (OT-02) and a verborgen thuiszitter
    (TZ-06)."""
    ib = region.users["ib"]
    child = Child.objects.get(first_name="Youssef", last_name="Proef")
    reduced = timetable.record_reduced_timetable(
        actor=ib,
        child=child,
        school=region.schools[school],
        hours_per_week="7",
        normal_hours_per_week="25",
        starts_on=region.ago(56),
        ground="psychisch",
        reason=(
            "Youssef raakt in de grote groep overprikkeld en kwam bijna niet meer. Tot er een plek in het "
            "speciaal onderwijs is, komt hij twee ochtenden per week, in een rustig groepje."
        ),
        today=region.today,
    )
    return timetable.record_inspectorate_request(
        actor=ib, timetable=reduced, requested_on=region.ago(40), today=region.today
    )
