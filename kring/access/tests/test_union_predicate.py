"""The visibility predicate as a UNION of indexed conditions selects exactly the children of the
OR of the same conditions it replaced (docs/performance.md): over a generated world of children
living, enrolled, applying, in circles, escalated and opened in an emergency, every user and every
organisation sees the same children either way.

The reference below is the policy's predicate as it was before the UNION form (kept here, not in
the policy: the policy decides once)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from kring.access import policy
from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.cases.models import Case, CircleMember, Escalation, MemberKind
from kring.cases.testing import World, make_child, make_school
from kring.children.models import Child, EventType, LegalRepresentative, TimelineEvent
from kring.children.services import record_event
from kring.children.timeline import EventRefused
from kring.core.testing import make_user
from kring.organisations.models import Organisation, OrganisationKind, SchoolLocation
from kring.privacy.models import BreakGlassAccess
from kring.regions.models import EscalationLevel

NOTHING = Q(pk__in=[])


def old_circle_q(*, user: User | None, organisation_id: int | None) -> Q:
    """Children with a case whose circle has this user or organisation as an active member."""
    from kring.cases.models import CircleMember

    who = Q()
    if user is not None:
        who |= Q(user=user)
    if organisation_id is not None:
        who |= Q(organisation_id=organisation_id)
    if not who:
        return NOTHING
    # A plain IN on the children of those circles: SQLite plans a correlated EXISTS here as a scan
    # of every membership per child (benchmarks/region_scale.py), PostgreSQL handles both well.
    return Q(pk__in=CircleMember.objects.filter(who, active=True).values("case__child_id"))


def old_enrolled_at_q(schools: QuerySet[SchoolLocation]) -> Q:
    """Children currently enrolled at one of `schools` (an `inschrijving` there, no later `uitschrijving`)."""
    later_exit = TimelineEvent.objects.filter(
        child=OuterRef("child"),
        type=EventType.UITSCHRIJVING,
        school=OuterRef("school"),
        date__gte=OuterRef("date"),
    )
    enrolled = TimelineEvent.objects.filter(
        child=OuterRef("pk"), type=EventType.INSCHRIJVING, school__in=schools
    ).filter(~Exists(later_exit))
    return Q(Exists(enrolled))


def old_applied_at_q(schools: QuerySet[SchoolLocation]) -> Q:
    """Children with an `aanmelding` at one of `schools` and no `aanmelding_besluit` there since."""
    decision = TimelineEvent.objects.filter(
        child=OuterRef("child"),
        type=EventType.AANMELDING_BESLUIT,
        school=OuterRef("school"),
        date__gte=OuterRef("date"),
    )
    applied = TimelineEvent.objects.filter(
        child=OuterRef("pk"), type=EventType.AANMELDING, school__in=schools
    ).filter(~Exists(decision))
    return Q(Exists(applied))


def old_school_q(organisation: Organisation) -> Q:
    schools = SchoolLocation.objects.filter(Q(organisation=organisation) | Q(board=organisation))
    return old_enrolled_at_q(schools) | old_applied_at_q(schools)


def old_gemeente_q(organisation: Organisation) -> Q:
    if organisation.kind != OrganisationKind.GEMEENTE:
        return NOTHING
    # Gemeente's primary key is its organisation's id.
    return Q(gemeente_id=organisation.pk)


def old_swv_q(organisation: Organisation) -> Q:
    from kring.organisations.selectors import schools_in_swv
    from kring.reference.models import PostcodeArea

    if organisation.kind != OrganisationKind.SWV or not hasattr(organisation, "swv"):
        return NOTHING
    column = "swv_vo" if organisation.swv.sector == "vo" else "swv_po"
    home = Q(
        Exists(
            PostcodeArea.objects.filter(pc4=Substr(OuterRef("postcode"), 1, 4), **{column: organisation.pk})
        )
    )
    return home | old_enrolled_at_q(schools_in_swv(organisation.swv))


def old_statutory_q(*, role: str, organisation: Organisation | None) -> Q:
    """Children for whom this role at this organisation has a statutory task (not via the circle)."""
    if organisation is None:
        return NOTHING
    if role == Role.LEERPLICHTAMBTENAAR:
        return old_gemeente_q(organisation)
    if role in policy.SWV_ROLES:
        return old_swv_q(organisation)
    if role in policy.SCHOOL_ROLES:
        return old_school_q(organisation)
    return NOTHING


def old_mandate_q(user: User) -> Q:
    """Children with an unresolved escalation that waits for this person's decision: the mandate
    holder must see the case to decide, even from outside the region or the circle."""
    from kring.cases.models import Escalation

    holder = Q(level__mandate_user=user)
    if user.organisation_id is not None:
        holder |= Q(level__mandate_user__isnull=True, level__mandate_role=user.role) & (
            Q(level__mandate_organisation_id=user.organisation_id)
            | Q(level__mandate_organisation__isnull=True, level__swv_id=user.organisation_id)
        )
    waiting = Escalation.objects.filter(holder, case__child=OuterRef("pk"), resolved_on__isnull=True)
    return Q(Exists(waiting))


def old_break_glass_q(user: User) -> Q:
    """Children whose file this user opened in an emergency, and the period has not ended."""
    grants = BreakGlassAccess.objects.active().filter(user=user, child=OuterRef("pk"))
    return Q(Exists(grants))


def old_child_q(user: User) -> Q:
    role = user.role
    if role == Role.OUDER:
        reps = LegalRepresentative.objects.filter(child=OuterRef("pk"), user=user)
        return Q(Exists(reps)) & policy._minor_q(None)
    if role == Role.LEERLING:
        return policy._own_file_q(user)
    if role not in policy.PROFESSIONAL_CASE_ROLES or user.organisation_id is None:
        return NOTHING
    return (
        old_circle_q(user=user, organisation_id=user.organisation_id)
        | old_statutory_q(role=role, organisation=user.organisation)
        | old_mandate_q(user)
        | old_break_glass_q(user)
    )


def old_for_organisation(organisation: Organisation) -> Q | None:
    q = old_circle_q(user=None, organisation_id=organisation.pk)
    if organisation.kind == OrganisationKind.GEMEENTE:
        q |= old_gemeente_q(organisation)
    elif organisation.kind == OrganisationKind.SWV:
        q |= old_swv_q(organisation)
    elif organisation.kind in (OrganisationKind.SCHOOL, OrganisationKind.BESTUUR):
        q |= old_school_q(organisation)
    elif organisation.kind == OrganisationKind.INSPECTIE:
        return None
    return q


# ---------------------------------------------------------------- the generated world

START = date(2025, 9, 1)


def _event(child: Child, type: str, on: date, school: SchoolLocation, **data: Any) -> None:
    # The world is about who sees whom, not about lawful timelines: a generated exit may break the
    # law (LPW-47); it is recorded as a violation with a reason.
    try:
        record_event(actor=None, child=child, type=type, date=on, data=data, school=school)
    except EventRefused:
        record_event(
            actor=None,
            child=child,
            type=type,
            date=on,
            data=data,
            school=school,
            violation_reason="Gegenereerd.",
        )


def generate(world: World, *, seed: int, children: int = 24) -> list[User]:
    """Children with random homes, schools, applications, circles, escalations and emergency
    grants over the world's two regions; returns the users to compare (the world's and a few more)."""
    rng = random.Random(seed)
    board = world.school.organisation  # a board of a second school: the school's own organisation
    boarded = make_school(postcode="3511ZZ", name="Basisschool Van Het Bestuur", board=board)
    schools = [world.school, world.other_school, boarded]
    agency = Organisation.objects.create(kind=OrganisationKind.JEUGDHULP, name="Jeugdhulp West", code="JW01")
    users = [
        *world.users.values(),
        make_user(role=Role.JEUGDHULPVERLENER, organisation=agency, last_name="Jeugdhulp West"),
        make_user(role=Role.SCHOOLLEIDER, organisation=boarded.organisation, last_name="Leider Bestuur"),
    ]
    professionals = [u for u in users if u.role in policy.PROFESSIONAL_CASE_ROLES]
    organisations = [
        world.gemeente.organisation,
        world.other_gemeente.organisation,
        world.swv.organisation,
        world.other_swv.organisation,
        world.school.organisation,
        world.other_school.organisation,
        agency,
    ]
    levels = [
        EscalationLevel.objects.create(
            swv=world.swv, order=1, name="Trede 1", mandate_role=Role.SWV_DIRECTEUR, term_amount=10
        ),
        EscalationLevel.objects.create(
            swv=world.swv, order=2, name="Trede 2", mandate_user=world.user("other_lpa"), term_amount=10
        ),
        EscalationLevel.objects.create(
            swv=world.other_swv,
            order=1,
            name="Trede 1",
            mandate_role=Role.LEERPLICHTAMBTENAAR,
            mandate_organisation=world.gemeente.organisation,
            term_amount=10,
        ),
    ]
    now = timezone.now()
    for n in range(children):
        child = make_child(
            postcode=rng.choice(["3511AB", "3512CD", "9711AA", ""]),
            gemeente=rng.choice([world.gemeente, world.other_gemeente, None]),
            first_name=f"Kind{n}",
        )
        for school in rng.sample(schools, rng.randint(0, 2)):
            on = START + timedelta(days=rng.randint(0, 30))
            _event(child, "inschrijving", on, school, sector="po")
            if rng.random() < 0.4:  # left again, or left before (an earlier exit does not count)
                exit_on = on + timedelta(days=rng.choice([-5, 0, 10]))
                _event(child, "uitschrijving", exit_on, school, grond="inschrijving_elders")
        if rng.random() < 0.4:
            school = rng.choice(schools)
            on = START + timedelta(days=rng.randint(0, 30))
            _event(child, "aanmelding", on, school)
            if rng.random() < 0.5:
                _event(
                    child,
                    "aanmelding_besluit",
                    on + timedelta(days=rng.choice([-3, 0, 7])),
                    school,
                    outcome="afgewezen",
                )
        if rng.random() < 0.7:
            closed = rng.random() < 0.3
            case = Case.objects.create(
                child=child,
                status="afgesloten" if closed else "plan",
                signal_kind="verzuim",
                signal_description="Gegenereerd.",
                opened_on=START,
                closed_on=START + timedelta(days=40) if closed else None,
                closing_reason="Klaar." if closed else "",
            )
            for person in rng.sample(professionals, rng.randint(0, 3)):  # each person once per case
                active = rng.random() < 0.7
                by_org = rng.random() < 0.4
                CircleMember.objects.create(
                    case=case,
                    kind=MemberKind.JEUGDHULP,
                    user=None if by_org else person,
                    organisation=rng.choice(organisations) if by_org else None,
                    active=active,
                    joined_on=START,
                    left_on=None if active else START + timedelta(days=5),
                    left_reason="" if active else "Klaar.",
                )
            if rng.random() < 0.4:
                level = rng.choice(levels)
                Escalation.objects.create(
                    case=case,
                    swv=level.swv,
                    level=level,
                    trigger="handmatig",
                    reason="Gegenereerd.",
                    started_on=START,
                    level_started_on=START,
                    resolved_on=START + timedelta(days=9) if rng.random() < 0.4 else None,
                )
        if rng.random() < 0.2:
            started = now - timedelta(hours=rng.choice([1, 100]))
            BreakGlassAccess.objects.create(
                user=rng.choice(professionals),
                child=child,
                reason="Gegenereerd.",
                starts_at=started,
                ends_at=started + timedelta(hours=24),
            )
    return users


def _ids(qs: QuerySet[Child]) -> set[int]:
    return set(qs.values_list("pk", flat=True))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_union_selects_the_same_children_as_the_or_form(world: World, seed: int) -> None:
    users = generate(world, seed=seed)
    everyone = _ids(Child.objects.all())
    some_seen = False
    for user in users:
        new = _ids(policy.visible_children(user))
        assert new == _ids(Child.objects.filter(old_child_q(user))), user.username
        statutory = policy._statutory_q(role=user.role, organisation=user.organisation)
        old_statutory = old_statutory_q(role=user.role, organisation=user.organisation)
        assert _ids(Child.objects.filter(statutory)) == _ids(Child.objects.filter(old_statutory)), (
            user.username
        )
        # the single-row check is the same predicate narrowed to one child
        for pk in sorted(everyone)[:6]:
            assert policy.can_view_child(user, Child.objects.get(pk=pk)) is (pk in new)
        some_seen = some_seen or 0 < len(new) < len(everyone)
    assert some_seen  # the world is not trivial: someone sees some children, not all
    for organisation in Organisation.objects.all():
        old = old_for_organisation(organisation)
        expected = set() if old is None else _ids(Child.objects.filter(old))
        assert _ids(policy.visible_children_for_organisation(organisation)) == expected, organisation.name
