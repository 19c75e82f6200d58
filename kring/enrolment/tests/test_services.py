"""The aanmelding register's services: what the law allows, refusals naming the rule and its
source on the field, the timeline facts the rules engine reads (ZP-05, ZP-06) and the audit lines."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from kring.children.models import TimelineEvent
from kring.children.readmodel import current_assessment
from kring.core.errors import Refused
from kring.enrolment import services
from kring.enrolment.models import Aanmelding, Channel, Conclusion, Outcome
from kring.enrolment.terms import computed_terms, terms_of
from kring.privacy.models import AuditEvent
from kring.rules import statutory_term_end

pytestmark = pytest.mark.django_db


def _field(exc: pytest.ExceptionInfo[Refused]) -> dict[str | None, list[str]]:
    return exc.value.by_field()


def test_registering_puts_the_aanmelding_on_the_timeline_and_the_engine_gives_the_term(aanmelding, today):
    event = TimelineEvent.objects.get(child=aanmelding.child, type="aanmelding")
    assert event.date == aanmelding.received_on and event.school_id == aanmelding.school_id
    obligations = current_assessment(aanmelding.child, today=today).data["obligations"]
    zp05 = next(o for o in obligations if o["rule"] == "ZP-05")
    # 6 weeks after receipt, on a working day (ATW-01): the page's due day is the engine's
    assert terms_of(aanmelding, today=today).due.isoformat() == zp05["due"]
    assert zp05["due"] == statutory_term_end(aanmelding.received_on, 6).isoformat()
    assert AuditEvent.objects.filter(code="aanmelding.registered", child_id=aanmelding.child_id).exists()


def test_only_the_school_itself_registers(world, today):
    with pytest.raises(PermissionDenied):
        services.register_aanmelding(
            actor=world.user("consulent"), school=world.school, child=world.child, received_on=today
        )
    with pytest.raises(Refused) as exc:
        services.register_aanmelding(
            actor=world.user("ib"), school=world.other_school, child=world.child, received_on=today
        )
    assert "school" in _field(exc)


def test_a_future_receipt_date_is_refused_on_its_field(world, today):
    with pytest.raises(Refused) as exc:
        services.register_aanmelding(
            actor=world.user("ib"),
            school=world.school,
            child=world.child,
            received_on=today + timedelta(days=3),
        )
    assert "received_on" in _field(exc)
    assert not Aanmelding.objects.exists()


def test_the_receipt_is_a_pdf_and_a_mail_with_the_terms_and_no_bsn(aanmelding, today):
    receipt = services.issue_receipt(actor=None, aanmelding=aanmelding)
    assert receipt.pdf.startswith(b"%PDF")
    (sent,) = mail.outbox
    assert sent.to == ["eva@example.org"]
    terms = terms_of(aanmelding, today=today)
    body = sent.body
    assert "ZP-05" in body and "ZP-06" in body and "WPO art. 40 lid 6" in body
    assert "tijdelijk" in body and "zorgplicht" in body
    assert sent.attachments[0][0].endswith(".pdf")
    from django.utils import formats

    assert formats.date_format(terms.due, "j F Y") in body
    aanmelding.refresh_from_db()
    assert aanmelding.receipt_on == today and aanmelding.receipt_mailed_to == "eva@example.org"


def test_one_extension_within_six_weeks_moves_the_term_to_ten_weeks(aanmelding, world, today):
    services.extend_term(
        actor=world.user("ib"), aanmelding=aanmelding, extended_on=today, extension_reason="Observatie nodig."
    )
    assert terms_of(aanmelding, today=today).due == statutory_term_end(aanmelding.received_on, 10)
    assert TimelineEvent.objects.filter(child=aanmelding.child, type="aanmelding_verlenging").exists()
    with pytest.raises(Refused) as exc:
        services.extend_term(
            actor=world.user("ib"), aanmelding=aanmelding, extended_on=today, extension_reason="Nog eens."
        )
    assert exc.value.details["rule"] == "ZP-05" and "één verlenging" in str(exc.value.messages[0])


def test_an_extension_after_the_six_weeks_is_refused_with_the_rule(world, today):
    a = services.register_aanmelding(
        actor=world.user("ib"),
        school=world.school,
        new_child={
            "first_name": "Daan",
            "last_name": "Smit",
            "birth_date": date(2018, 6, 1),
            "vakantieregio": "midden",
        },
        received_on=today - timedelta(days=60),
    )
    with pytest.raises(Refused) as exc:
        services.extend_term(
            actor=world.user("ib"), aanmelding=a, extended_on=today, extension_reason="Te laat."
        )
    assert exc.value.details == {"rule": "ZP-05", "source": "WPO art. 40 lid 6; WVO 2020 art. 8.8 lid 2"}
    assert "extended_on" in _field(exc)


def test_cannot_offer_the_support_requires_a_school_that_confirmed_a_place(
    aanmelding, world, elsewhere, today
):
    ib = world.user("ib")
    services.record_step(
        actor=ib, aanmelding=aanmelding, kind="observatie", on=today, description="Twee ochtenden in de klas."
    )
    services.conclude(
        actor=ib,
        aanmelding=aanmelding,
        support_needed="Een tolk gebarentaal, de hele dag.",
        conclusion=Conclusion.KAN_NIET_BIEDEN,
        substantiation="Wij hebben geen tolk en geen geld voor een tolk.",
        concluded_on=today,
    )
    with pytest.raises(Refused) as exc:
        services.decide(
            actor=ib,
            aanmelding=aanmelding,
            outcome=Outcome.AFGEWEZEN,
            decided_on=today,
            refusal_ground="vol",
            reasons="Vol.",
        )
    assert "outcome" in _field(exc) and exc.value.details["rule"] == "ZP-03"
    assert "WPO art. 40 lid 4" in _field(exc)["outcome"][0]
    with pytest.raises(Refused) as exc:
        services.decide(
            actor=ib,
            aanmelding=aanmelding,
            outcome=Outcome.PLAATS_ELDERS,
            decided_on=today,
            reasons="Past beter.",
        )
    assert {"other_school", "other_school_confirmed_on", "other_school_confirmed_by"} <= set(_field(exc))
    decided = services.decide(
        actor=ib,
        aanmelding=aanmelding,
        outcome=Outcome.PLAATS_ELDERS,
        decided_on=today,
        reasons="De Wegwijzer heeft tolken.",
        other_school=elsewhere,
        other_school_confirmed_on=today,
        other_school_confirmed_by="Jan de Vries, directeur",
    )
    assert decided.outcome == Outcome.PLAATS_ELDERS
    besluit = TimelineEvent.objects.get(child=aanmelding.child, type="aanmelding_besluit")
    assert besluit.data["outcome"] == "afgewezen"  # for the engine: not admitted here
    zp05 = next(
        o
        for o in current_assessment(aanmelding.child, today=today).data["obligations"]
        if o["rule"] == "ZP-05"
    )
    assert zp05["status"] == "met"


def test_a_plain_refusal_needs_a_ground_of_the_law(aanmelding, world, today):
    with pytest.raises(Refused) as exc:
        services.decide(
            actor=world.user("ib"),
            aanmelding=aanmelding,
            outcome=Outcome.AFGEWEZEN,
            decided_on=today,
            reasons="Liever niet.",
        )
    assert exc.value.details["rule"] == "ZP-04" and "refusal_ground" in _field(exc)


def test_the_parents_response_comes_after_the_decision(aanmelding, world, today):
    ib = world.user("ib")
    with pytest.raises(Refused):
        services.record_response(actor=ib, aanmelding=aanmelding, response="akkoord", response_on=today)
    services.decide(actor=ib, aanmelding=aanmelding, outcome=Outcome.TOEGELATEN, decided_on=today)
    done = services.record_response(actor=ib, aanmelding=aanmelding, response="akkoord", response_on=today)
    assert done.response == "akkoord"
    with pytest.raises(Refused):
        services.decide(actor=ib, aanmelding=aanmelding, outcome=Outcome.TOEGELATEN, decided_on=today)


def test_another_school_cannot_act_on_the_aanmelding(aanmelding, world, today):
    with pytest.raises(PermissionDenied):
        services.decide(
            actor=world.user("other_ib"), aanmelding=aanmelding, outcome="toegelaten", decided_on=today
        )
    with pytest.raises(PermissionDenied):
        services.decide(
            actor=world.user("consulent"), aanmelding=aanmelding, outcome="toegelaten", decided_on=today
        )


def test_an_online_aanmelding_is_taken_in_with_the_term_from_the_day_it_came(world, today):
    world.user("ib")  # the school works in Kring
    a = services.submit_online(
        school=world.school,
        child_first_name="Sem",
        child_last_name="Bakker",
        child_birth_date=date(2020, 1, 9),
        parent_name="Anouk Bakker",
        parent_email="anouk@example.org",
        support_question=False,
    )
    assert a.channel == Channel.ONLINE and a.child is None and a.reference.startswith("AM-")
    services.take_in(
        actor=world.user("ib"),
        aanmelding=a,
        new_child={
            "first_name": "Sem",
            "last_name": "Bakker",
            "birth_date": date(2020, 1, 9),
            "vakantieregio": "midden",
        },
    )
    a.refresh_from_db()
    assert TimelineEvent.objects.get(child=a.child, type="aanmelding").date == a.received_on == today


def test_the_database_refuses_a_place_elsewhere_without_confirmation(aanmelding, elsewhere, today):
    with pytest.raises(IntegrityError), transaction.atomic():
        Aanmelding.objects.filter(pk=aanmelding.pk).update(
            outcome=Outcome.PLAATS_ELDERS, decided_on=today, decision_reasons="x", other_school=elsewhere
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Aanmelding.objects.filter(pk=aanmelding.pk).update(
            conclusion=Conclusion.KAN_NIET_BIEDEN,
            concluded_on=today,
            conclusion_substantiation="x",
            outcome=Outcome.TOEGELATEN,
            decided_on=today,
        )


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_terms_are_six_or_ten_weeks_on_a_working_day_and_placement_follows_ten(received):
    plain, extended = computed_terms(received, extended=False), computed_terms(received, extended=True)
    assert received + timedelta(weeks=6) <= plain.due < received + timedelta(weeks=6, days=7)
    assert plain.due == plain.extension_last_day == extended.extension_last_day
    assert extended.due >= received + timedelta(weeks=10)
    assert extended.placement_from == statutory_term_end(received, 10) + timedelta(days=1)
    assert plain.due.weekday() < 5 and extended.due.weekday() < 5
