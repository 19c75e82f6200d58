"""Suspension and removal as recorded processes (issue 10, item 8): what the law forbids is refused
with the rule and its source (and what was typed is not lost: nothing is written), the facts go on
the child's timeline through the one gateway, and the rules engine sees its obligations met."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from pypdf import PdfReader

from kring.children.assessment import assess_child
from kring.children.models import TimelineEvent
from kring.core.errors import Refused, messages_by_field
from kring.enrolment import letters, services
from kring.enrolment.documents import day_words
from kring.enrolment.models import HeardHow, Removal, Suspension
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def _suspend(world: Any, child: Any, today: date, **kw: Any) -> Suspension:
    args = {
        "actor": world.user("ib"),
        "child": child,
        "school": world.school,
        "date_from": today,
        "date_to": today + timedelta(days=2),
        "reason": "Noor sloeg een klasgenoot.",
        "parents_heard_on": today,
        "parents_heard_how": HeardHow.GESPREK,
        "inspectorate_reported_on": today,
    }
    args.update(kw)
    return services.record_suspension(**args)


def _fields(refused: Any) -> set[str | None]:
    return {field for field in messages_by_field(refused.value)}


def _zp10(child: Any, on: date) -> list[Any]:
    return [o for o in assess_child(child, as_of=on).obligations if o.rule == "ZP-10"]


# ---------------------------------------------------------------- suspension


def test_a_three_day_suspension_reported_to_the_inspectie_is_on_the_timeline_and_zp10_is_met(
    world, enrolled, today
):
    s = _suspend(world, enrolled, today)
    assert s.days == 3 and s.must_report
    types = list(TimelineEvent.objects.filter(child=enrolled).values_list("type", flat=True).order_by("pk"))
    assert types[-2:] == ["schorsing", "schorsing_gemeld_inspectie"]
    event = TimelineEvent.objects.get(child=enrolled, type="schorsing")
    assert event.data["to"] == (today + timedelta(days=2)).isoformat() and event.school == world.school
    (zp10,) = _zp10(enrolled, today)
    assert zp10.status.value == "met" and zp10.fulfilled_on == today
    assert AuditEvent.objects.filter(code="suspension.recorded", child_id=enrolled.pk).exists()


def test_a_suspension_of_more_than_a_week_is_refused_with_zp10_and_its_source(world, enrolled, today):
    with pytest.raises(Refused) as refused:
        _suspend(world, enrolled, today, date_to=today + timedelta(days=7))  # 8 days
    assert refused.value.field == "date_to"
    assert refused.value.details == {"rule": "ZP-10", "source": services.ZP10_SOURCE}
    assert "ZP-10" in refused.value.messages[0] and "WPO art. 40c" in refused.value.messages[0]
    assert not Suspension.objects.exists()
    assert not TimelineEvent.objects.filter(type="schorsing").exists()


def test_a_suspension_of_more_than_a_day_that_started_is_refused_without_the_inspecties_report(
    world, enrolled, today
):
    with pytest.raises(Refused) as refused:
        _suspend(world, enrolled, today, inspectorate_reported_on=None)
    assert refused.value.field == "inspectorate_reported_on"
    assert refused.value.details["rule"] == "ZP-10"
    assert not Suspension.objects.exists()


def test_one_day_needs_no_report_and_a_later_suspension_gets_its_report_afterwards(world, enrolled, today):
    one = _suspend(world, enrolled, today, date_to=today, inspectorate_reported_on=None)
    assert not one.must_report and _zp10(enrolled, today) == []
    # A suspension decided now for later (two days from next week): recorded, ZP-10 open ...
    later = _suspend(
        world,
        enrolled,
        today,
        date_from=today + timedelta(days=7),
        date_to=today + timedelta(days=8),
        inspectorate_reported_on=None,
    )
    open_ = [o for o in _zp10(enrolled, today + timedelta(days=8)) if o.arose == later.date_from]
    assert open_[0].status.value != "met"
    # ... a report before its first day does not count (the engine counts it from that day).
    with pytest.raises(Refused) as refused:
        services.report_suspension(actor=world.user("ib"), suspension=later, reported_on=today)
    assert _fields(refused) == {"reported_on"}


def test_only_the_school_where_the_child_is_enrolled_records_a_suspension(world, enrolled, today):
    for key in ("other_ib", "consulent", "lpa", "ouder"):
        with pytest.raises(PermissionDenied):
            _suspend(world, enrolled, today, actor=world.user(key))


def test_a_child_not_enrolled_at_the_school_cannot_be_suspended_there(world, today):
    with pytest.raises(PermissionDenied):
        _suspend(world, world.child, today)


def test_a_bsn_or_an_empty_reason_is_refused_on_its_field(world, enrolled, today):
    with pytest.raises(Refused) as refused:
        _suspend(world, enrolled, today, reason="")
    assert _fields(refused) == {"reason"}
    with pytest.raises(Refused) as refused:
        _suspend(world, enrolled, today, reason="Het BSN is 111222333.")
    assert _fields(refused) == {"reason"}


# ---------------------------------------------------------------- removal


def _remove(world: Any, child: Any, today: date, **kw: Any) -> Removal:
    args = {
        "actor": world.user("schoolleider"),
        "child": child,
        "school": world.school,
        "decided_on": today,
        "effective_on": today + timedelta(days=14),
        "reason": "De veiligheid van de groep.",
        "parents_heard_on": today - timedelta(days=3),
        "willing_school": world.other_school,
        "willing_confirmed_on": today - timedelta(days=1),
    }
    args.update(kw)
    return services.record_removal(**args)


def test_a_removal_with_a_willing_school_writes_both_facts_and_no_violation(world, enrolled, today):
    r = _remove(world, enrolled, today)
    bereid = TimelineEvent.objects.get(child=enrolled, type="andere_school_bereid")
    assert bereid.date == today - timedelta(days=1) and bereid.data["school"] == "Basisschool Het Noorden"
    removal = TimelineEvent.objects.get(child=enrolled, type="verwijdering")
    assert removal.date == r.effective_on and not removal.recorded_as_violation
    violations = assess_child(enrolled, as_of=r.effective_on).violations
    assert not [v for v in violations if v.rule == "ZP-11"]
    assert AuditEvent.objects.filter(code="removal.recorded", child_id=enrolled.pk).exists()


def test_a_removal_of_a_leerplichtig_child_without_a_willing_school_is_refused_with_zp11(
    world, enrolled, today
):
    with pytest.raises(Refused) as refused:
        _remove(world, enrolled, today, willing_school=None, willing_confirmed_on=None)
    assert refused.value.field == "willing_school"
    assert (
        refused.value.details["rule"] == "ZP-11" and "WPO art. 40 lid 11" in refused.value.details["source"]
    )
    assert "leerplichtig" in refused.value.messages[0]
    assert not Removal.objects.exists() and not TimelineEvent.objects.filter(type="verwijdering").exists()


def test_a_removal_without_the_parents_heard_is_refused_with_its_source(world, enrolled, today):
    with pytest.raises(Refused) as refused:
        _remove(world, enrolled, today, parents_heard_on=None)
    assert refused.value.field == "parents_heard_on"
    assert refused.value.details["source"] == services.HEARING_SOURCE
    assert not Removal.objects.exists()


def test_a_willing_school_by_name_and_a_confirmation_after_the_removal(world, enrolled, today):
    with pytest.raises(Refused) as refused:
        _remove(
            world,
            enrolled,
            today,
            willing_school=None,
            willing_confirmed_on=None,
            willing_school_name="De Brug",
        )
    assert _fields(refused) == {"willing_confirmed_on"}
    r = _remove(world, enrolled, today, willing_school=None, willing_school_name="Praktijkschool De Brug")
    assert r.willing_school_label == "Praktijkschool De Brug"


def test_a_removal_of_a_child_no_longer_leerplichtig_needs_no_willing_school(world, today):
    from kring.cases.testing import make_child
    from kring.children import services as child_services

    older = make_child(gemeente=world.gemeente, birth_date=today.replace(year=today.year - 17))
    child_services.record_event(
        actor=world.user("ib"),
        child=older,
        type="inschrijving",
        date=today - timedelta(days=300),
        data={"sector": "po"},
        school=world.school,
    )
    r = _remove(world, older, today, willing_school=None, willing_confirmed_on=None)
    assert r.willing_confirmed_on is None


def test_only_the_childs_school_records_a_removal(world, enrolled, today):
    with pytest.raises(PermissionDenied):
        _remove(world, enrolled, today, actor=world.user("lpa"))


# ---------------------------------------------------------------- the letters


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_the_suspension_letter_has_the_reason_the_period_the_bezwaar_term_and_the_contact(
    world, enrolled, today
):
    world.school.organisation.phone = "030 123 45 67"
    world.school.organisation.save()
    s = _suspend(world, enrolled, today)
    text = " ".join(_text(letters.letter_pdf(s, "schorsingsbrief")).split())
    assert "Noor sloeg een klasgenoot." in text
    assert day_words(s.date_from) in text and day_words(s.date_to) in text
    assert "bezwaar" in text and day_words(letters.bezwaar_until(s)) in text
    assert "6 weken" in text and "030 123 45 67" in text and "Sanne Ouder" in text
    inspectie = " ".join(_text(letters.letter_pdf(s, "melding_inspectie")).split())
    assert "Inspectie van het Onderwijs" in inspectie and "ZP-10" in inspectie
    assert world.school.vestigingscode in inspectie
    assert [c for c, _ in letters.letters_of(s)] == ["schorsingsbrief", "melding_inspectie"]


def test_the_removal_letters_name_the_willing_school_the_bezwaar_route_and_the_gemeente(
    world, enrolled, today
):
    r = _remove(world, enrolled, today)
    decision = " ".join(_text(letters.letter_pdf(r, "verwijderingsbesluit")).split())
    assert "Basisschool Het Noorden" in decision and "De veiligheid van de groep." in decision
    assert "Geschillencommissie passend onderwijs" in decision and "bezwaar" in decision
    notice = " ".join(_text(letters.letter_pdf(r, "melding_gemeente")).split())
    assert "leerplichtambtenaar" in notice and "Leerplichtwet 1969 art. 18" in notice
    assert world.gemeente.name in notice
