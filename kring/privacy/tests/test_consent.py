"""Toestemming (consent) in the access policy, as a table: what a youth-care member of the circle
sees of the file with and without the family's consent, and that revoking or the end of the period
closes it at once; who may give and revoke; the database's own rules; the logbook."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from kring.access import policy
from kring.access.scopes import Section
from kring.accounts.roles import Role
from kring.cases import services
from kring.cases.models import Case, MemberKind, Visibility
from kring.cases.testing import World, make_child, make_world
from kring.children.models import Gezag, LegalRepresentative
from kring.core.errors import Refused
from kring.core.testing import make_user
from kring.privacy import audit
from kring.privacy.consents import (
    accept_request,
    give_consent,
    refuse_request,
    request_consent,
    revoke_consent,
)
from kring.privacy.dossier import collect
from kring.privacy.models import AuditEvent, Consent, ConsentCategory, ConsentStatus
from kring.privacy.purposes import Purpose

pytestmark = pytest.mark.django_db

GATED = (Section.TIMELINE, Section.ASSESSMENT, Section.PLAN, Section.MEETINGS)
ACTS = {
    Section.TIMELINE: policy.Act.VIEW_TIMELINE,
    Section.ASSESSMENT: policy.Act.VIEW_ASSESSMENT,
    Section.PLAN: policy.Act.VIEW_PLAN,
    Section.MEETINGS: policy.Act.VIEW_MEETINGS,
}


def _case(world: World) -> Case:
    lpa = world.user("lpa")
    today = timezone.localdate()
    case = services.open_case(
        actor=lpa, child=world.child, signal_kind="verzuim", signal_description="Thuis.", opened_on=today
    )
    services.add_circle_member(
        actor=lpa,
        case=case,
        kind=MemberKind.JEUGDHULP,
        user=world.user("jeugdhulp"),
        joined_on=today,
        visibility=Visibility.VOLLEDIG,
    )
    return case


def _give(world: World, *, categories: list[str], days: int = 90, **recipient: object) -> Consent:
    today = timezone.localdate()
    return give_consent(
        actor=world.user("ouder"),
        child=world.child,
        stated_purpose="Hulp thuis, zodat Noor weer naar school kan.",
        categories=categories,
        valid_from=today,
        valid_until=today + timedelta(days=days),
        **(recipient or {"recipient_user": world.user("jeugdhulp")}),  # type: ignore[arg-type]
    )


def _sees(world: World, case: Case, section: Section) -> bool:
    user = world.user("jeugdhulp")
    on_case = policy.can(user, ACTS[section], case)
    listed = policy.cases_showing(user, section).filter(pk=case.pk).exists()
    child_listed = policy.children_showing(user, section).filter(pk=world.child.pk).exists()
    assert on_case == listed == child_listed, (section, on_case, listed, child_listed)
    return on_case


@pytest.fixture
def world() -> World:
    return make_world()


# | situation                                     | timeline | assessment | plan | meetings | circle |
TABLE = [
    ("no consent", None, set()),
    ("consent for plan and meetings", ["plan", "meetings"], {Section.PLAN, Section.MEETINGS}),
    ("consent for everything", list(ConsentCategory.values), set(GATED)),
]


@pytest.mark.parametrize(("label", "categories", "seen"), TABLE, ids=[row[0] for row in TABLE])
def test_youth_care_sees_the_parts_a_running_consent_covers(world, label, categories, seen):
    case = _case(world)
    if categories:
        _give(world, categories=categories)
    for section in GATED:
        assert _sees(world, case, section) == (section in seen), section
    # the circle's work is theirs without consent
    assert policy.can(world.user("jeugdhulp"), policy.Act.VIEW_CIRCLE, case)
    assert policy.can(world.user("jeugdhulp"), policy.Act.VIEW_AGREEMENTS, case)


def test_revoking_takes_effect_at_once(world):
    case = _case(world)
    consent = _give(world, categories=["plan"])
    assert _sees(world, case, Section.PLAN)
    revoke_consent(actor=world.user("ouder"), child=world.child, consent_id=consent.pk)
    assert not _sees(world, case, Section.PLAN)
    with pytest.raises(PermissionDenied):
        policy.require_case(world.user("jeugdhulp"), case.pk, policy.Act.VIEW_PLAN)


def test_after_the_period_it_is_denied(world):
    case = _case(world)
    consent = _give(world, categories=["timeline"], days=30)
    assert _sees(world, case, Section.TIMELINE)
    today = timezone.localdate()
    # given three months ago until yesterday: ended
    Consent.objects.filter(pk=consent.pk).update(
        valid_from=today - timedelta(days=90), valid_until=today - timedelta(days=1)
    )
    assert not _sees(world, case, Section.TIMELINE)
    Consent.objects.filter(pk=consent.pk).update(valid_until=today)
    assert _sees(world, case, Section.TIMELINE)  # the last day counts
    Consent.objects.filter(pk=consent.pk).update(
        valid_from=today + timedelta(days=1), valid_until=today + timedelta(days=5)
    )
    assert not _sees(world, case, Section.TIMELINE)  # not yet begun


def test_consent_for_the_organisation_covers_its_people_and_another_familys_does_not_leak(world):
    case = _case(world)
    other_child = make_child(gemeente=world.gemeente, first_name="Sem")
    other_parent = make_user(role=Role.OUDER)
    LegalRepresentative.objects.create(child=other_child, name="Ander", relation="vader", user=other_parent)
    today = timezone.localdate()
    give_consent(
        actor=other_parent,
        child=other_child,
        recipient_user=world.user("jeugdhulp"),
        stated_purpose="Hulp voor Sem.",
        categories=list(ConsentCategory.values),
        valid_from=today,
        valid_until=today + timedelta(days=30),
    )
    assert not _sees(world, case, Section.TIMELINE)  # Sem's consent opens nothing of Noor's file
    assert not policy.can_view_child(world.user("jeugdhulp"), other_child)  # nor Sem's file itself
    _give(world, categories=["timeline"], recipient_organisation=world.user("jeugdhulp").organisation)
    assert _sees(world, case, Section.TIMELINE)


def test_a_consent_to_someone_else_gives_nothing(world):
    case = _case(world)
    _give(world, categories=list(ConsentCategory.values), recipient_name="Huisarts Jansen")
    assert not any(_sees(world, case, s) for s in GATED)


def test_statutory_roles_need_no_consent(world):
    case = _case(world)
    for key in ("lpa", "consulent"):  # the gemeente and the region (the school: once enrolled)
        assert all(policy.can(world.user(key), ACTS[s], case) for s in GATED), key


# ---------------------------------------------------------------- who decides


def test_who_gives_and_revokes(world):
    child = world.child
    assert policy.may_decide_consent(world.user("ouder"), child)
    for key in ("lpa", "jeugdhulp", "other_ouder", "leerling"):
        assert not policy.may_decide_consent(world.user(key), child), key
        with pytest.raises(PermissionDenied):
            give_consent(
                actor=world.user(key),
                child=child,
                recipient_name="X",
                stated_purpose="Y",
                categories=["plan"],
                valid_from=timezone.localdate(),
                valid_until=timezone.localdate(),
            )
    rep = world.parent_rep
    rep.gezag = Gezag.GEEN_GEZAG
    rep.save(update_fields=["gezag"])
    assert not policy.may_decide_consent(world.user("ouder"), child)  # informed, does not decide


def test_the_child_decides_from_16(world):
    child = world.child
    pupil = world.user("leerling")
    child.account = pupil
    child.birth_date = timezone.localdate().replace(year=timezone.localdate().year - 16) - timedelta(days=1)
    child.save(update_fields=["account", "birth_date"])
    assert policy.may_decide_consent(pupil, child)
    assert not policy.may_decide_consent(world.user("ouder"), child)


def test_a_request_is_answered_by_the_family(world):
    _case(world)
    today = timezone.localdate()
    jeugdhulp = world.user("jeugdhulp")
    asked = request_consent(
        actor=jeugdhulp,
        child=world.child,
        stated_purpose="Gezinsbegeleiding thuis.",
        categories=["plan"],
        valid_from=today,
        valid_until=today + timedelta(days=60),
    )
    assert asked.status == ConsentStatus.REQUESTED and asked.recipient_user == jeugdhulp
    assert not policy.recipient_consents(jeugdhulp).running().exists()  # asking opens nothing
    with pytest.raises(PermissionDenied):
        accept_request(actor=jeugdhulp, child=world.child, consent_id=asked.pk)
    given = accept_request(actor=world.user("ouder"), child=world.child, consent_id=asked.pk)
    assert given.is_running()
    with pytest.raises(Refused):
        refuse_request(actor=world.user("ouder"), child=world.child, consent_id=asked.pk)


def test_refused_input_names_the_field(world):
    today = timezone.localdate()
    with pytest.raises(Refused) as caught:
        give_consent(
            actor=world.user("ouder"),
            child=world.child,
            recipient_name="",
            stated_purpose="",
            categories=[],
            valid_from=today,
            valid_until=today - timedelta(days=1),
        )
    fields = set(caught.value.message_dict)
    assert {"recipient_name", "stated_purpose", "categories", "valid_until"} <= fields


# ---------------------------------------------------------------- the database's rules


def _row(world: World, **overrides: object) -> Consent:
    values: dict[str, object] = {
        "child": world.child,
        "recipient_name": "Jeugdhulp",
        "stated_purpose": "Hulp.",
        "share_plan": True,
        "valid_from": date(2026, 1, 1),
        "valid_until": date(2026, 3, 1),
        "status": ConsentStatus.GIVEN,
        "given_by": world.user("ouder"),
        "given_at": timezone.now(),
    }
    values.update(overrides)
    return Consent(**values)


@pytest.mark.parametrize(
    ("overrides", "constraint"),
    [
        ({"valid_until": date(2025, 12, 31)}, "consent_period"),
        ({"share_plan": False}, "consent_some_category"),
        ({"recipient_name": ""}, "consent_recipient_named"),
        ({"given_at": None}, "consent_given_by_someone"),
        ({"revoked_at": timezone.now() - timedelta(days=1)}, "consent_revoked_after_given"),
        ({"status": ConsentStatus.REQUESTED, "given_at": None}, "consent_request_by_someone"),
    ],
)
def test_the_database_refuses_an_impossible_consent(world, overrides, constraint):
    if "revoked_at" in overrides:
        overrides["revoked_by"] = world.user("ouder")
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        _row(world, **overrides).save()


# ---------------------------------------------------------------- the logbook and the export


def test_giving_revoking_and_every_read_by_the_recipient_are_in_the_logbook(world):
    case = _case(world)
    consent = _give(world, categories=["plan"])
    given = AuditEvent.objects.get(code="consent.given", child_id=world.child.pk)
    assert given.purpose == Purpose.CONSENT and given.data["consent_id"] == consent.pk
    from kring.cases.audit import case_viewed

    line = case_viewed(actor=world.user("jeugdhulp"), case=case, purpose=Purpose.CASUSREGIE)
    assert line.purpose == Purpose.CONSENT and line.data["consent_id"] == consent.pk
    revoke_consent(actor=world.user("ouder"), child=world.child, consent_id=consent.pk)
    assert AuditEvent.objects.filter(code="consent.revoked", child_id=world.child.pk).exists()
    after = case_viewed(actor=world.user("jeugdhulp"), case=case, purpose=Purpose.CASUSREGIE)
    assert after.purpose == Purpose.CASUSREGIE


def test_consents_are_in_the_familys_export(world):
    consent = _give(world, categories=["plan", "timeline"])
    dossier = collect(world.child, exported_by=world.user("ouder"))
    section = next(s for s in dossier.sections if s.key == "consents")
    rows = section.parts[0].data
    assert isinstance(rows, list) and rows[0]["id"] == consent.pk
    assert rows[0]["categories"] == ["timeline", "plan"]
    assert rows[0]["stated_purpose"] == consent.stated_purpose


def test_the_audit_sentences_name_the_parts_and_the_day():
    from kring.privacy.rendering import render_data

    text = render_data("consent.given", audit.CONSENT_GIVEN.example, language="nl")
    assert "tijdlijn" in text and "1 maart 2027" in text
