"""Recording timeline events: the contract's parser, the legal refusals (LPW-47, ZP-11), the
violation-with-reason path, deleting by mistake, and the audit trail."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from kring.children.assessment import assess_child, case_assessment
from kring.children.models import TimelineEvent
from kring.children.services import EventRefused, delete_event, record_event
from kring.organisations.models import Organisation, OrganisationKind, SchoolLocation
from kring.privacy.models import AuditAction, AuditEvent
from kring.privacy.purposes import Purpose

from .conftest import BSN_A

pytestmark = pytest.mark.django_db

BIRTH = date(2016, 9, 30)  # leerplichtig from 1 October 2021 until 31 July 2033


@pytest.fixture
def child(make_child):
    return make_child(birth_date=BIRTH, first_name="Mila", last_name="Voorbeeld", bsn=BSN_A)


@pytest.fixture
def enrolled(child, actor):
    record_event(
        actor=actor,
        child=child,
        type="inschrijving",
        date=date(2024, 9, 2),
        data={"school": "De Linde", "sector": "po"},
    )
    return child


def _record(actor: Any, child: Any, type: str, day: date, **data: Any) -> TimelineEvent:
    return record_event(actor=actor, child=child, type=type, date=day, data=data)


# ---------------------------------------------------------------- valid events


def test_record_event_stores_the_contract_fields_and_audits(child, actor):
    event = record_event(
        actor=actor,
        child=child,
        type="afwezig",
        date=date(2025, 11, 3),
        data={"reden": "ongeoorloofd", "to": date(2025, 11, 7), "hours_per_day": 5},
        note="Moeder belde: ziek? Niet bevestigd.",
    )
    event.refresh_from_db()
    assert event.data == {"reden": "ongeoorloofd", "to": "2025-11-07", "hours_per_day": 5}
    assert event.recorded_by == actor and not event.recorded_as_violation
    audit = AuditEvent.objects.filter(object_type="gebeurtenis").get()
    assert audit.action == AuditAction.CREATE
    assert audit.child_id == child.pk and audit.object_id == str(event.pk)
    assert audit.purpose == Purpose.LEERPLICHT
    assert audit.message == "Op de tijdlijn van Mila Voorbeeld is vastgelegd: Afwezig op 3 november 2025."
    assert BSN_A not in audit.message


def test_school_from_the_register_fills_the_school_field(child, actor):
    org = Organisation.objects.create(kind=OrganisationKind.SCHOOL, code="99ZZ00", name="OBS De Linde")
    school = SchoolLocation.objects.create(
        organisation=org, brin="99ZZ", vestigingscode="99ZZ00", sector="po"
    )
    event = record_event(
        actor=actor,
        child=child,
        type="inschrijving",
        date=date(2024, 9, 2),
        data={"sector": "po"},
        school=school,
    )
    assert event.data == {"sector": "po", "school": "OBS De Linde"}
    assert event.school == school
    with pytest.raises(ValidationError) as exc:
        record_event(
            actor=actor, child=child, type="verzuimmelding", date=date(2024, 9, 3), data={}, school=school
        )
    assert exc.value.message_dict == {"school": ["Bij een gebeurtenis van deze soort hoort geen school."]}


def test_decimal_hours_from_a_form_are_stored_as_json_numbers(child, actor):
    from decimal import Decimal

    event = _record(actor, child, "afwezig", date(2025, 11, 3), reden="ziek", hours_per_day=Decimal("2.5"))
    assert event.data["hours_per_day"] == 2.5


# ---------------------------------------------------------------- the contract's parser, in Dutch


@pytest.mark.parametrize(
    ("type", "data", "errors"),
    [
        ("uitschrijving", {"school": "De Linde"}, {"grond": ["Vul de reden van uitschrijving in."]}),
        (
            "uitschrijving",
            {"school": "De Linde", "grond": "verhuisd"},
            {
                "grond": [
                    "Kies bij de reden van uitschrijving een van deze waarden: inschrijving_elders, "
                    "vrijstelling, overig."
                ]
            },
        ),
        ("inschrijving", {"school": "  ", "sector": "po"}, {"school": ["Vul de school in."]}),
        (
            "afwezig",
            {"reden": "ziek", "to": "2025-10-01"},
            {"to": ["De einddatum ligt voor de begindatum. Kijk de datums na."]},
        ),
        (
            "afwezig",
            {"reden": "ziek", "to": "1-10-2025"},
            {"to": ["Vul bij de einddatum een geldige datum in."]},
        ),
        (
            "afwezig",
            {"reden": "ziek", "hours_per_day": 30},
            {"hours_per_day": ["Vul bij het aantal uren per dag een aantal uren in van 0 tot en met 24."]},
        ),
        (
            "afwezig",
            {"reden": "ziek", "kleur": "rood"},
            {"kleur": ["Kleur hoort niet bij een gebeurtenis van deze soort."]},
        ),
        (
            "opp_evaluatie",
            {"met_ouders": "ja", "met_leerling": True},
            {"met_ouders": ["Kies ja of nee bij met ouders."]},
        ),
        (
            "evaluatiefrequentie_vastgesteld",
            {"weken": 0},
            {"weken": ["Vul bij het aantal weken een heel getal in van 1 of meer."]},
        ),
        ("schorsing", {"school": "De Linde"}, {"to": ["Vul de einddatum in."]}),
        ("feest", {}, {"type": ["Kies een soort gebeurtenis uit de lijst."]}),
    ],
)
def test_the_contract_parser_decides_and_speaks_dutch(child, actor, type, data, errors):
    with pytest.raises(ValidationError) as exc:
        record_event(actor=actor, child=child, type=type, date=date(2025, 10, 6), data=data)
    assert exc.value.message_dict == errors
    assert not TimelineEvent.objects.exists()
    assert not AuditEvent.objects.filter(object_type="gebeurtenis").exists()


def test_date_before_birth_and_reserved_keys(child, actor):
    with pytest.raises(ValidationError) as exc:
        _record(actor, child, "verzuimmelding", date(2010, 1, 4))
    assert exc.value.message_dict == {
        "date": [
            "Deze datum ligt voor de geboortedatum van het kind (30 september 2016). Iets over het "
            "kind kan niet eerder zijn gebeurd. Kijk de datum na."
        ]
    }
    with pytest.raises(ValidationError) as exc:
        record_event(
            actor=actor, child=child, type="verzuimmelding", date=date(2025, 1, 6), data={"type": "x"}
        )
    assert "type" in exc.value.message_dict


# ---------------------------------------------------------------- LPW-47: uitschrijving


def test_uitschrijving_overig_during_leerplicht_is_refused(enrolled, actor):
    with pytest.raises(EventRefused) as exc:
        _record(actor, enrolled, "uitschrijving", date(2025, 10, 1), school="De Linde", grond="overig")
    refusal = exc.value
    assert refusal.rule == "LPW-47" and refusal.source == "Leerplichtwet art. 10"
    message = refusal.messages[0]
    assert message.startswith(
        "Kring kan dit niet zomaar vastleggen, want de wet verbiedt het. De Linde heeft"
    )
    assert "Op 1 oktober 2025 is het kind leerplichtig." in message
    assert "Dit staat in Leerplichtwet art. 10 (regel LPW-47)." in message
    assert "Leg het dan vast als overtreding en schrijf de reden erbij." in message
    assert isinstance(refusal, ValidationError)
    assert TimelineEvent.objects.filter(type="uitschrijving").count() == 0
    assert AuditEvent.objects.filter(object_type="gebeurtenis").count() == 1  # only the inschrijving


def test_refusal_is_a_non_field_error_in_a_form(enrolled, actor):
    with pytest.raises(EventRefused) as exc:
        _record(actor, enrolled, "uitschrijving", date(2025, 10, 1), school="De Linde", grond="overig")
    from django import forms

    form = forms.Form(data={})
    form.is_valid()
    form.add_error(None, exc.value)
    assert str(form.errors[NON_FIELD_ERRORS][0]).startswith("Kring kan dit niet zomaar vastleggen")


def test_uitschrijving_inschrijving_elders_without_a_new_school_is_refused(enrolled, actor):
    with pytest.raises(EventRefused) as exc:
        _record(
            actor,
            enrolled,
            "uitschrijving",
            date(2025, 10, 1),
            school="De Linde",
            grond="inschrijving_elders",
        )
    assert exc.value.rule == "LPW-47"
    assert "op die dag stond de leerling op geen andere school ingeschreven" in exc.value.messages[0]


def test_uitschrijving_after_enrolment_elsewhere_is_allowed(enrolled, actor):
    _record(actor, enrolled, "inschrijving", date(2025, 10, 1), school="De Brug", sector="po")
    event = _record(
        actor, enrolled, "uitschrijving", date(2025, 10, 1), school="De Linde", grond="inschrijving_elders"
    )
    assert not event.recorded_as_violation
    assert assess_child(enrolled, as_of=date(2025, 12, 1)).violations == ()


def test_uitschrijving_with_vrijstelling_is_allowed(enrolled, actor):
    _record(actor, enrolled, "vrijstelling", date(2025, 10, 1), artikel="5a")
    event = _record(
        actor, enrolled, "uitschrijving", date(2025, 10, 1), school="De Linde", grond="vrijstelling"
    )
    assert event.pk


def test_uitschrijving_of_a_child_no_longer_kwalificatieplichtig_is_allowed(make_child, actor):
    adult = make_child(birth_date=date(2005, 1, 10))  # 18 on 10 January 2023
    _record(actor, adult, "inschrijving", date(2021, 8, 30), school="ROC", sector="vo")
    event = _record(actor, adult, "uitschrijving", date(2024, 1, 8), school="ROC", grond="overig")
    assert event.pk


def test_uitschrijving_overig_during_kwalificatieplicht_is_refused(make_child, actor):
    teen = make_child(birth_date=date(2008, 3, 1))  # leerplicht ended 31 July 2024, 18 on 1 March 2026
    _record(actor, teen, "inschrijving", date(2020, 8, 31), school="Het Lyceum", sector="vo")
    with pytest.raises(EventRefused) as exc:
        _record(actor, teen, "uitschrijving", date(2025, 10, 1), school="Het Lyceum", grond="overig")
    assert "is het kind kwalificatieplichtig (na de leerplicht, tot 18 jaar)" in exc.value.messages[0]


# ---------------------------------------------------------------- ZP-11: verwijdering


def test_verwijdering_without_another_school_willing_is_refused(enrolled, actor):
    with pytest.raises(EventRefused) as exc:
        _record(actor, enrolled, "verwijdering", date(2025, 10, 1), school="De Linde")
    assert exc.value.rule == "ZP-11"
    message = exc.value.messages[0]
    assert "De Linde heeft de leerling op 1 oktober 2025 verwijderd" in message
    assert "(regel ZP-11)" in message and "WPO art. 40 lid 11" in message
    assert not TimelineEvent.objects.filter(type="verwijdering").exists()


def test_verwijdering_after_another_school_is_willing_is_allowed(enrolled, actor):
    _record(actor, enrolled, "andere_school_bereid", date(2025, 9, 29), school="De Brug")
    event = _record(actor, enrolled, "verwijdering", date(2025, 10, 1), school="De Linde")
    assert not event.recorded_as_violation


def test_verwijdering_of_a_kwalificatieplichtig_pupil_is_not_refused(make_child, actor):
    teen = make_child(birth_date=date(2008, 3, 1))
    _record(actor, teen, "inschrijving", date(2020, 8, 31), school="Het Lyceum", sector="vo")
    assert _record(actor, teen, "verwijdering", date(2025, 10, 1), school="Het Lyceum").pk


# ---------------------------------------------------------------- recording what happened as a violation


def test_forbidden_act_recorded_as_violation_with_reason_shows_in_the_assessment(enrolled, actor):
    event = record_event(
        actor=actor,
        child=enrolled,
        type="uitschrijving",
        date=date(2025, 10, 1),
        data={"school": "De Linde", "grond": "overig"},
        violation_reason="De school heeft het kind uitgeschreven; wij leggen vast wat er is gebeurd.",
    )
    assert event.recorded_as_violation
    assert (
        event.violation_reason == "De school heeft het kind uitgeschreven; wij leggen vast wat er is gebeurd."
    )
    violations = assess_child(enrolled, as_of=date(2025, 12, 15)).violations
    assert [(v.rule, v.subject, v.date.isoformat()) for v in violations] == [
        ("LPW-47", "De Linde", "2025-10-01")
    ]
    case = case_assessment(enrolled, as_of=date(2025, 12, 15))
    assert case["violations"][0]["recorded_reason"] == event.violation_reason
    assert case["violations"][0]["event_id"] == event.pk
    audit = AuditEvent.objects.filter(object_type="gebeurtenis", object_id=str(event.pk)).get()
    assert audit.child_id == enrolled.pk
    assert (
        "Vastgelegd als overtreding, met als reden: De school heeft het kind uitgeschreven" in audit.message
    )


def test_a_bsn_in_the_violation_reason_is_refused_and_stored_nowhere(enrolled, actor):
    _record(actor, enrolled, "andere_school_bereid", date(2025, 9, 1), school="De Brug")
    with pytest.raises(ValidationError) as exc:
        record_event(
            actor=actor,
            child=enrolled,
            type="schorsing",
            date=date(2025, 10, 6),
            data={"school": "De Linde", "to": "2025-10-17"},  # longer than a week: ZP-10, stored as a fact
            violation_reason=f"Kind met BSN {BSN_A} is twee weken geschorst.",
        )
    assert "Er staat een BSN in de reden van de overtreding" in exc.value.message_dict["violation_reason"][0]
    assert not TimelineEvent.objects.filter(child=enrolled, type="schorsing").exists()
    messages = AuditEvent.objects.values_list("message", flat=True)
    assert all(BSN_A not in m for m in messages)


def test_violation_reason_for_an_act_that_is_allowed_is_refused(enrolled, actor):
    with pytest.raises(ValidationError) as exc:
        record_event(
            actor=actor,
            child=enrolled,
            type="verzuimmelding",
            date=date(2025, 10, 6),
            data={},
            violation_reason="Voor de zekerheid",
        )
    assert exc.value.message_dict == {
        "violation_reason": [
            "Volgens de regels is dit geen overtreding. Laat de reden voor een overtreding leeg en leg de "
            "gebeurtenis gewoon vast."
        ]
    }


def test_other_violations_are_stored_and_shown_without_refusal(enrolled, actor):
    event = _record(actor, enrolled, "schorsing", date(2025, 10, 6), school="De Linde", to="2025-10-17")
    assert not event.recorded_as_violation
    rules = [v.rule for v in assess_child(enrolled, as_of=date(2025, 11, 1)).violations]
    assert rules == ["ZP-10"]


def test_an_event_that_makes_a_later_event_forbidden_is_refused(enrolled, actor):
    # enrolled at De Brug too, then deregistered at De Linde because of that enrolment: allowed
    _record(actor, enrolled, "inschrijving", date(2025, 9, 1), school="De Brug", sector="po")
    _record(
        actor, enrolled, "uitschrijving", date(2025, 10, 1), school="De Linde", grond="inschrijving_elders"
    )
    # recording now that De Brug deregistered the child before that date leaves no enrolment elsewhere
    with pytest.raises(EventRefused) as exc:
        _record(actor, enrolled, "uitschrijving", date(2025, 9, 15), school="De Brug", grond="overig")
    assert exc.value.rule == "LPW-47"


# ---------------------------------------------------------------- deleting a mistake


def test_delete_event_needs_a_reason_and_is_audited(enrolled, actor):
    event = _record(actor, enrolled, "verzuimmelding", date(2025, 10, 6))
    with pytest.raises(ValidationError) as exc:
        delete_event(actor=actor, event=event, reason="  ")
    assert exc.value.message_dict == {"reason": ["Schrijf op waarom je deze gebeurtenis verwijdert."]}
    assert TimelineEvent.objects.filter(pk=event.pk).exists()
    pk = event.pk
    delete_event(actor=actor, event=event, reason="Verkeerd kind aangeklikt.")
    assert not TimelineEvent.objects.filter(pk=pk).exists()
    audit = AuditEvent.objects.filter(action=AuditAction.DELETE).get()
    assert audit.child_id == enrolled.pk and audit.object_id == str(pk)
    assert audit.message == (
        "Van de tijdlijn van Mila Voorbeeld is verwijderd: Verzuimmelding bij DUO op 6 oktober 2025. "
        "Reden: Verkeerd kind aangeklikt."
    )
