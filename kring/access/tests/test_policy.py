"""The access policy, allowed and denied per role, as tables with a comment per row."""

from __future__ import annotations

from datetime import date

import pytest

from kring.access import policy
from kring.cases import selectors, services
from kring.cases.models import Case, MemberKind
from kring.cases.testing import World, make_child
from kring.children.models import Child
from kring.children.services import record_event
from kring.core.testing import make_user
from kring.organisations.models import SchoolLocation
from kring.privacy.models import AuditEvent
from kring.privacy.purposes import Purpose


def enrol(
    world: World,
    child: Child | None = None,
    *,
    school: SchoolLocation | None = None,
    on: date = date(2025, 9, 1),
) -> None:
    record_event(
        actor=None,
        child=child or world.child,
        type="inschrijving",
        date=on,
        data={"sector": "po"},
        school=school or world.school,
    )


# The child lives in PC4 3511 (gemeente + SWV of the world) and is enrolled at the world's school.
VIEW_TABLE = [
    ("lpa", True),  # leerplichtambtenaar of the child's woongemeente: statutory task
    ("other_lpa", False),  # leerplichtambtenaar of another gemeente
    ("consulent", True),  # SWV consulent: the child's home PC4 lies in the region
    ("directeur", True),  # SWV director: same region
    ("other_consulent", False),  # consulent of another SWV
    ("ib", True),  # intern begeleider of the school where the child is enrolled (zorgplicht)
    ("schoolleider", True),  # schoolleider of that school
    ("other_ib", False),  # intern begeleider of another school
    ("jeugdhulp", False),  # youth care: only through the circle, and not in it
    ("steunpunt", False),  # steunpunt: only through the circle, and not in it
    ("beheerder", False),  # functioneel beheerder: configuration only, no child data
    ("inspecteur", False),  # inspecteur: none in v1
    ("ouder", True),  # the child's own legal representative
    ("other_ouder", False),  # a parent of another child
    ("leerling", False),  # a pupil whose account is not linked to this child (own file: test_policy_family)
]


@pytest.mark.parametrize(("who", "allowed"), VIEW_TABLE)
def test_view_child_per_role(world: World, who: str, allowed: bool) -> None:
    enrol(world)
    user = world.user(who)
    assert policy.can_view_child(user, world.child) is allowed
    # lists and detail use the same policy
    assert (world.child in policy.visible_children(user)) is allowed


CIRCLE_TABLE = [
    ("jeugdhulp", True),  # added to the circle as a person
    ("jeugdhulp_colleague", True),  # a colleague of the same organisation: the organisation is in the circle
    ("steunpunt", False),  # not in the circle
    ("other_ib", False),  # not in the circle, no statutory task
    ("beheerder", False),  # configuration only, even in the SWV that is in the circle
    ("inspecteur", False),  # none in v1
]


@pytest.mark.parametrize(("who", "allowed"), CIRCLE_TABLE)
def test_view_through_circle(world: World, who: str, allowed: bool) -> None:
    lpa = world.user("lpa")
    case = services.open_case(
        actor=lpa,
        child=world.child,
        signal_kind="verzuim",
        signal_description="Al weken afwezig.",
        opened_on=date(2026, 1, 5),
    )
    jeugdhulp = world.user("jeugdhulp")
    services.add_circle_member(
        actor=lpa, case=case, kind=MemberKind.JEUGDHULP, user=jeugdhulp, joined_on=date(2026, 1, 6)
    )
    world.users["jeugdhulp_colleague"] = make_user(
        role="jeugdhulpverlener", organisation=jeugdhulp.organisation
    )
    user = world.user(who)
    assert policy.can_view_child(user, world.child) is allowed
    assert policy.can_view_case(user, case) is allowed
    assert (case in selectors.case_list(user)) is allowed


def test_closed_case_circle_keeps_access(world: World) -> None:
    lpa = world.user("lpa")
    case = services.open_case(
        actor=lpa,
        child=world.child,
        signal_kind="verzuim",
        signal_description="Afwezig.",
        opened_on=date(2026, 1, 5),
    )
    jeugdhulp = world.user("jeugdhulp")
    services.add_circle_member(
        actor=lpa, case=case, kind=MemberKind.JEUGDHULP, user=jeugdhulp, joined_on=date(2026, 1, 5)
    )
    services.transition_case(
        actor=lpa,
        case=case,
        to_status="afgesloten",
        reason="Signaal bleek opgelost.",
        on=date(2026, 1, 9),
        expected_version=case.version,
    )
    assert policy.can_view_child(jeugdhulp, world.child)
    assert not policy.can_edit_case(jeugdhulp, case)  # closed: read-only for everyone


def test_enrolment_ends_school_access(world: World) -> None:
    enrol(world)
    record_event(
        actor=None,
        child=world.child,
        type="inschrijving",
        date=date(2025, 10, 1),
        data={"sector": "po"},
        school=world.other_school,
    )
    record_event(
        actor=None,
        child=world.child,
        type="uitschrijving",
        date=date(2025, 10, 1),
        data={"grond": "inschrijving_elders"},
        school=world.school,
    )
    assert not policy.can_view_child(world.user("ib"), world.child)  # no longer enrolled here
    assert policy.can_view_child(world.user("other_ib"), world.child)  # enrolled there now


def test_school_sees_undecided_aanmelding(world: World) -> None:
    record_event(
        actor=None,
        child=world.child,
        type="aanmelding",
        date=date(2025, 9, 1),
        data={},
        school=world.other_school,
    )
    assert policy.can_view_child(world.user("other_ib"), world.child)
    record_event(
        actor=None,
        child=world.child,
        type="aanmelding_besluit",
        date=date(2025, 9, 20),
        data={"outcome": "afgewezen"},
        school=world.other_school,
    )
    assert not policy.can_view_child(world.user("other_ib"), world.child)


def test_swv_sees_child_at_school_in_region_living_elsewhere(world: World) -> None:
    child = make_child(postcode="9711BB", gemeente=world.other_gemeente, first_name="Daan")
    enrol(world, child)  # the school's PC4 (3512) lies in the world's SWV
    assert policy.can_view_child(world.user("consulent"), child)  # via the school in the region
    assert policy.can_view_child(world.user("other_consulent"), child)  # via the home PC4
    assert not policy.can_view_child(world.user("lpa"), child)  # lives in another gemeente


def test_inactive_user_sees_nothing(world: World) -> None:
    lpa = world.user("lpa")
    lpa.is_active = False
    lpa.save()
    assert not policy.can_view_child(lpa, world.child)
    assert policy.visible_children(lpa).count() == 0


EDIT_TABLE = [
    ("lpa", True),  # opened the case: circle member, and statutory task
    ("consulent", True),  # statutory task for the region, not in the circle
    ("jeugdhulp", True),  # circle member
    ("ib", False),  # not enrolled, not in the circle
    ("ouder", False),  # family: sees, but changes through the portal (later), not these services
    ("beheerder", False),  # configuration only
    ("inspecteur", False),  # none
]


@pytest.mark.parametrize(("who", "allowed"), EDIT_TABLE)
def test_edit_case_per_role(world: World, who: str, allowed: bool) -> None:
    lpa = world.user("lpa")
    case = services.open_case(
        actor=lpa,
        child=world.child,
        signal_kind="verzuim",
        signal_description="Afwezig.",
        opened_on=date(2026, 1, 5),
    )
    services.add_circle_member(
        actor=lpa,
        case=case,
        kind=MemberKind.JEUGDHULP,
        user=world.user("jeugdhulp"),
        joined_on=date(2026, 1, 5),
    )
    assert policy.can_edit_case(world.user(who), case) is allowed
    assert (case in policy.editable_cases(world.user(who))) is allowed


@pytest.mark.parametrize("who", [w for w, _ in VIEW_TABLE])
def test_list_and_detail_agree(world: World, who: str) -> None:
    enrol(world)
    case = Case.objects.create(
        child=world.child, signal_kind="verzuim", signal_description="x", opened_on=date(2026, 1, 5)
    )
    user = world.user(who)
    listed = case in selectors.case_list(user)
    try:
        selectors.case_detail(actor=user, case_id=case.pk, purpose=Purpose.CASUSREGIE)
        shown = True
    except Case.DoesNotExist:
        shown = False
    assert listed is shown is policy.can_view_case(user, case)
    viewed = AuditEvent.objects.filter(child_id=world.child.pk, action="view", object_type="casus").exists()
    assert viewed is shown  # every detail read is audited


def test_organisation_scope(world: World) -> None:
    enrol(world)
    assert world.child in policy.visible_children_for_organisation(world.gemeente.organisation)
    assert world.child in policy.visible_children_for_organisation(world.swv.organisation)
    assert world.child in policy.visible_children_for_organisation(world.school.organisation)
    assert world.child not in policy.visible_children_for_organisation(world.other_gemeente.organisation)
    inspectie = world.user("inspecteur").organisation
    assert inspectie is not None
    assert world.child not in policy.visible_children_for_organisation(inspectie)


def test_case_view_scope(world: World) -> None:
    lpa = world.user("lpa")
    case = services.open_case(
        actor=lpa,
        child=world.child,
        signal_kind="verzuim",
        signal_description="Afwezig.",
        opened_on=date(2026, 1, 5),
    )
    services.add_circle_member(
        actor=lpa,
        case=case,
        kind=MemberKind.STEUNPUNT,
        user=world.user("steunpunt"),
        joined_on=date(2026, 1, 5),
        visibility="alleen_afspraken",
    )
    assert policy.case_view_scope(world.user("ouder"), case) == "volledig"
    assert policy.case_view_scope(lpa, case) == "volledig"
    assert policy.case_view_scope(world.user("steunpunt"), case) == "alleen_afspraken"
    assert policy.case_view_scope(world.user("other_lpa"), case) is None


@pytest.mark.django_db
def test_timeline_writes_follow_the_open_case_or_the_statutory_task():
    from kring.cases.testing import make_world
    from kring.cases.tests.helpers import open_case

    world = make_world()
    # Without a case: the leerplichtambtenaar of the child's gemeente has a statutory task.
    assert policy.can_write_timeline(world.user("lpa"), world.child)
    assert not policy.can_write_timeline(world.user("other_lpa"), world.child)
    # Youth care only works through a circle, and the parent reads but does not write the timeline.
    assert not policy.can_write_timeline(world.user("jeugdhulp"), world.child)
    assert not policy.can_write_timeline(world.user("ouder"), world.child)
    # With an open case: whoever may change that case.
    case = open_case(world)
    assert policy.can_write_timeline(world.user("lpa"), world.child) == policy.can_edit_case(
        world.user("lpa"), case
    )


@pytest.mark.django_db
def test_a_mandate_holder_outside_the_region_sees_the_case_while_the_decision_waits():
    from kring.cases.escalation import escalate_case
    from kring.cases.testing import make_world
    from kring.cases.tests.helpers import open_case
    from kring.regions.services import LevelSpec, configure_escalation_ladder

    world = make_world()
    outsider = world.user("other_lpa")  # another gemeente: no statutory task, not in the circle
    configure_escalation_ladder(
        actor=world.user("directeur"),
        swv=world.swv,
        levels=[LevelSpec(name="Regionaal besluit", term_amount=10, mandate_user=outsider)],
    )
    case = open_case(world)
    assert not policy.can_view_child(outsider, world.child)

    escalation = escalate_case(
        actor=world.user("lpa"), case=case, reason="Niets gebeurt.", on=date(2025, 11, 3)
    )
    assert policy.can_view_child(outsider, world.child)
    assert policy.case_view_scope(outsider, case) == "volledig"

    escalation.resolved_on = date(2025, 11, 10)
    escalation.save(update_fields=["resolved_on"])
    assert not policy.can_view_child(outsider, world.child)
