"""The family's rights as a table: who (parent with or without gezag, voogd, the child's own
account, professionals) × the child's age on the day × gezag → what the policy allows.
Plus the age thresholds as properties (12th and 16th birthday, 29 February births)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from kring.access import ages, policy
from kring.access.scopes import CHILD_FRIENDLY
from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.cases import services
from kring.cases.testing import World
from kring.children.models import Child, Gezag, LegalRepresentative
from kring.core.testing import make_user

TODAY = timezone.localdate()  # the policy decides on the day itself


def birth_for(age: int) -> date:
    """A birth date 30 days past the `age`th birthday: the child is `age` today."""
    return ages.born_on_or_before(age, timezone.localdate()) - timedelta(days=30)


def setup_family(world: World, *, age: int, gezag: str) -> tuple[Child, dict[str, User]]:
    child = world.child
    child.birth_date = birth_for(age)
    pupil = make_user(role=Role.LEERLING, first_name=child.first_name, last_name="Kind")
    child.account = pupil
    child.save(update_fields=["birth_date", "account"])
    rep = world.parent_rep
    rep.gezag = gezag
    rep.save(update_fields=["gezag"])
    people = dict(world.users)
    people["kind"] = pupil
    return child, people


# (who, age, gezag of the world's parent) -> (sees the child, scope of the case, acts for the child,
# may invite the child's own account)
TABLE = [
    # A parent with gezag of a child under 12: sees the whole file, acts for the child; no child account.
    ("ouder", 11, Gezag.GEZAG, True, "volledig", True, False),
    # ... from 12 the parent with gezag may invite the child.
    ("ouder", 13, Gezag.GEZAG, True, "volledig", True, True),
    # A voogd has gezag (voogdij): the same as a parent with gezag.
    ("ouder", 13, Gezag.VOOGD, True, "volledig", True, True),
    # A parent without gezag: the right to information (art. 1:377c BW) keeps the file readable;
    # they never act for the child and do not invite it.
    ("ouder", 13, Gezag.GEEN_GEZAG, True, "volledig", False, False),
    # From 16 the child consents themselves (UAVG art. 5): the parent reads, but no longer acts.
    ("ouder", 16, Gezag.GEZAG, True, "volledig", False, True),
    ("ouder", 17, Gezag.GEEN_GEZAG, True, "volledig", False, False),
    # At 18 the child is of age: gezag and the right to information end.
    ("ouder", 18, Gezag.GEZAG, False, None, False, False),
    # The child's own account: nothing before 12, ...
    ("kind", 11, Gezag.GEZAG, False, None, False, False),
    # ... the child-friendly view from 12 to 15 (no acting: the parents with gezag act), ...
    ("kind", 12, Gezag.GEZAG, True, CHILD_FRIENDLY, False, False),
    ("kind", 15, Gezag.GEEN_GEZAG, True, CHILD_FRIENDLY, False, False),
    # ... the whole file and acting for themselves from 16, and after 18.
    ("kind", 16, Gezag.GEZAG, True, "volledig", True, False),
    ("kind", 19, Gezag.GEZAG, True, "volledig", True, False),
    # A parent of another child and an unlinked pupil see nothing.
    ("other_ouder", 13, Gezag.GEZAG, False, None, False, False),
    ("leerling", 13, Gezag.GEZAG, False, None, False, False),
    # The leerplichtambtenaar of the gemeente: sees (statutory task), invites, never acts for the child.
    ("lpa", 13, Gezag.GEZAG, True, "volledig", False, True),
    ("lpa", 11, Gezag.GEZAG, True, "volledig", False, False),
    # The SWV of the region: the same.
    ("consulent", 14, Gezag.GEZAG, True, "volledig", False, True),
    # Youth care outside the circle, functioneel beheer and the inspectie: nothing.
    ("jeugdhulp", 13, Gezag.GEZAG, False, None, False, False),
    ("beheerder", 13, Gezag.GEZAG, False, None, False, False),
    ("inspecteur", 13, Gezag.GEZAG, False, None, False, False),
]


@pytest.mark.parametrize(
    ("who", "age", "gezag", "sees", "scope", "acts", "invites_child"),
    TABLE,
    ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in TABLE],
)
def test_family_rights_per_role_age_and_gezag(
    world: World,
    who: str,
    age: int,
    gezag: str,
    sees: bool,
    scope: str | None,
    acts: bool,
    invites_child: bool,
) -> None:
    child, people = setup_family(world, age=age, gezag=gezag)
    case = services.open_case(
        actor=world.user("lpa"),
        child=child,
        signal_kind="verzuim",
        signal_description="Al weken afwezig.",
        opened_on=TODAY - timedelta(days=10),
    )
    user = people[who]
    assert policy.can_view_child(user, child) is sees
    assert (child in policy.visible_children(user)) is sees  # list and detail agree
    assert policy.case_view_scope(user, case) == scope
    assert policy.child_view_scope(user, child) == scope
    assert policy.case_scopes(user, [case]) == {case.pk: scope}
    assert policy.may_act_for_child(user, child) is acts
    assert policy.may_invite_child(user, child) is invites_child
    # writes through the case services stay with the professionals
    assert policy.can_edit_case(user, case) is (who in ("lpa", "consulent"))


INVITE_FAMILY = [
    ("lpa", True),  # leerplichtambtenaar of the child's gemeente
    ("consulent", True),  # samenwerkingsverband of the region
    ("directeur", True),
    ("ib", False),  # the child is not enrolled at their school (no zorgplicht, not in the circle)
    ("other_lpa", False),  # may not see the child
    ("jeugdhulp", False),  # youth care does not invite (no statutory task)
    ("steunpunt", False),
    ("ouder", False),  # a parent invites the child only, never another parent
    ("beheerder", False),
]


@pytest.mark.parametrize(("who", "allowed"), INVITE_FAMILY)
def test_who_invites_the_family(world: World, who: str, allowed: bool) -> None:
    assert policy.may_invite_family(world.user(who), world.child) is allowed
    assert policy.may_record_gezag(world.user(who), world.child) is allowed


def test_the_school_invites_a_pupil_enrolled_there(world: World) -> None:
    from kring.access.tests.test_policy import enrol

    enrol(world)
    assert policy.may_invite_family(world.user("ib"), world.child)


def test_the_child_scope_shows_the_plan_but_not_the_professional_file(world: World) -> None:
    from kring.access.scopes import SECTIONS, Section

    shown = SECTIONS[CHILD_FRIENDLY]
    assert {Section.PLAN, Section.MEETINGS, Section.CIRCLE, Section.AGREEMENTS} <= shown
    assert not {Section.TIMELINE, Section.ASSESSMENT, Section.ESCALATIONS, Section.DESK_LINKS} & shown
    child, people = setup_family(world, age=13, gezag=Gezag.GEZAG)
    case = services.open_case(
        actor=world.user("lpa"),
        child=child,
        signal_kind="verzuim",
        signal_description="Afwezig.",
        opened_on=TODAY - timedelta(days=5),
    )
    kind = people["kind"]
    assert policy.can(kind, policy.Act.VIEW_PLAN, case)
    assert not policy.can(kind, policy.Act.VIEW_TIMELINE, case)
    assert not policy.can(kind, policy.Act.ADD_MEETING, case)  # no writes through the case services
    assert case in policy.cases_showing(kind, Section.PLAN)
    assert case not in policy.cases_showing(kind, Section.ASSESSMENT)
    assert child in policy.children_showing(kind, Section.PLAN)
    assert child not in policy.children_showing(kind, Section.TIMELINE)


def test_a_second_parent_gets_their_own_gezag(world: World) -> None:
    child, _people = setup_family(world, age=10, gezag=Gezag.GEZAG)
    other = make_user(role=Role.OUDER, last_name="Tweede")
    LegalRepresentative.objects.create(child=child, name="Tweede Ouder", user=other, gezag=Gezag.GEEN_GEZAG)
    assert policy.may_act_for_child(world.user("ouder"), child)
    assert not policy.may_act_for_child(other, child)
    assert policy.can_view_child(other, child)  # the right to information


# ---------------------------------------------------------------- the thresholds on the day


def test_access_starts_on_the_twelfth_birthday_and_widens_on_the_sixteenth(world: World) -> None:
    child, people = setup_family(world, age=10, gezag=Gezag.GEZAG)
    child.birth_date = date(2012, 2, 29)  # a 29 February child: 12 on 29 February 2024 (a leap year)
    child.save(update_fields=["birth_date"])
    kind = people["kind"]
    assert not policy.can_view_child(kind, child, on=date(2024, 2, 28))
    assert policy.can_view_child(kind, child, on=date(2024, 2, 29))
    assert policy.own_file_scope(child, on=date(2024, 2, 29)) == CHILD_FRIENDLY
    # 16 in 2028 (a leap year again); in 2029 the 17th birthday is on 1 March
    assert policy.own_file_scope(child, on=date(2028, 2, 28)) == CHILD_FRIENDLY
    assert policy.own_file_scope(child, on=date(2028, 2, 29)) == "volledig"
    assert policy.may_act_for_child(world.user("ouder"), child, on=date(2028, 2, 28))
    assert not policy.may_act_for_child(world.user("ouder"), child, on=date(2028, 2, 29))


def test_a_29_february_child_turns_a_year_older_on_1_march_in_other_years(world: World) -> None:
    child, people = setup_family(world, age=10, gezag=Gezag.GEZAG)
    child.birth_date = date(2012, 2, 29)
    child.save(update_fields=["birth_date"])
    kind = people["kind"]
    # 2023 has no 29 February: the 11th birthday is 1 March 2023 (not yet 12 anyway); the 13th
    # birthday in 2025 is on 1 March
    assert ages.age_on(child.birth_date, date(2025, 2, 28)) == 12
    assert ages.age_on(child.birth_date, date(2025, 3, 1)) == 13
    # the 18th birthday is 1 March 2030: the parent keeps access on 28 February
    assert policy.can_view_child(world.user("ouder"), child, on=date(2030, 2, 28))
    assert not policy.can_view_child(world.user("ouder"), child, on=date(2030, 3, 1))
    assert policy.can_view_child(kind, child, on=date(2030, 3, 1))


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@given(birth=days, day=days, age=st.integers(min_value=0, max_value=25))
def test_born_on_or_before_agrees_with_age_on(birth: date, day: date, age: int) -> None:
    assert (birth <= ages.born_on_or_before(age, day)) == (ages.age_on(birth, day) >= age)


@given(birth=days, age=st.integers(min_value=1, max_value=25))
def test_the_birthday_is_the_first_day_of_the_new_age(birth: date, age: int) -> None:
    day = ages.birthday(birth, age)
    assert ages.age_on(birth, day) == age
    assert ages.age_on(birth, day - timedelta(days=1)) == age - 1
    if (birth.month, birth.day) == (2, 29):
        assert (day.month, day.day) in ((2, 29), (3, 1))


@given(birth=days, day=days)
def test_the_own_scope_follows_the_twelfth_and_sixteenth_birthday(birth: date, day: date) -> None:
    pupil = User(pk=5, role=Role.LEERLING, is_active=True)
    child = Child(birth_date=birth, account_id=5)
    scope = policy.own_file_scope(child, on=day)
    if day < ages.birthday(birth, ages.OWN_ACCOUNT_AGE):
        assert scope is None
    elif day < ages.birthday(birth, ages.FULL_RIGHTS_AGE):
        assert scope == CHILD_FRIENDLY
    else:
        assert scope == "volledig"
    # the child acts for themselves exactly from the 16th birthday
    assert policy.may_act_for_child(pupil, child, on=day) is (
        day >= ages.birthday(birth, ages.FULL_RIGHTS_AGE)
    )


VOICE = [
    # (who, age, gezag) -> may add a zienswijze (the family's own view) to a part of the file
    ("ouder", 13, Gezag.GEZAG, True),  # a parent with gezag
    ("ouder", 13, Gezag.VOOGD, True),  # the voogd
    ("ouder", 13, Gezag.GEEN_GEZAG, False),  # a right to information, not to act (1:377c BW)
    ("ouder", 17, Gezag.GEZAG, True),  # the parent's own view while gezag lasts (to 18)
    ("ouder", 18, Gezag.GEZAG, False),  # of age: gezag ends
    ("kind", 13, Gezag.GEZAG, False),  # 12 to 15: through the regievoerder or the parents
    ("kind", 16, Gezag.GEZAG, True),  # from 16: full rights over their own data
    ("lpa", 13, Gezag.GEZAG, False),  # professionals write in the verslag, not a zienswijze
]


@pytest.mark.parametrize(("who", "age", "gezag", "allowed"), VOICE)
def test_who_adds_a_zienswijze_by_gezag_and_age(
    world: World, who: str, age: int, gezag: str, allowed: bool
) -> None:
    child, people = setup_family(world, age=age, gezag=gezag)
    assert policy.may_add_view(people[who], child) is allowed
