"""Who reads and who records a reduced timetable: the access policy's rows for kring.timetable, as a
table with the reason per row (deny by default)."""

from __future__ import annotations

import pytest

from kring.access import policy
from kring.timetable.testing import TimetableWorld, make_timetable_world, record

pytestmark = pytest.mark.django_db

# (who, reads it, records and acts on it, sees the list page)
TABLE = [
    ("ib", True, True, True),  # the school where the child is enrolled: the board asks the inspectorate
    ("schoolleider", True, True, True),  # the same school
    ("other_ib", False, False, True),  # another school: the list, but not this child
    ("consulent", True, False, True),  # the SWV of the school's region reads the timeline
    ("directeur", True, False, True),  # the same SWV
    ("other_consulent", False, False, True),  # another region
    ("lpa", True, False, True),  # the gemeente where the child lives: leerplicht, hidden thuiszitters
    ("other_lpa", False, False, True),  # another gemeente
    ("jeugdhulp", False, False, False),  # no circle, no consent
    ("steunpunt", False, False, False),  # the steunpunt sees no child's file
    ("beheerder", False, False, False),  # configuration only
    ("inspecteur", False, False, False),  # aggregates only, in v1
    ("ouder", True, False, False),  # the family reads the whole file (in its own view)
    ("other_ouder", False, False, False),  # someone else's child
    ("leerling", False, False, False),  # not this child's own account
]


@pytest.fixture
def tw() -> TimetableWorld:
    return make_timetable_world()


@pytest.mark.parametrize(("who", "reads", "acts", "lists"), TABLE)
def test_the_policy_table(tw: TimetableWorld, who: str, reads: bool, acts: bool, lists: bool) -> None:
    timetable = record(tw)
    user = tw.world.user(who)
    assert policy.visible_reduced_timetables(user).filter(pk=timetable.pk).exists() is reads
    assert policy.may_record_reduced_timetable(user, tw.child) is acts
    assert policy.may_manage_reduced_timetable(user, timetable) is acts
    assert policy.may_list_reduced_timetables(user) is lists


def test_a_school_records_only_while_the_child_is_enrolled_there(tw: TimetableWorld) -> None:
    from datetime import timedelta

    from kring.children.services import record_event

    timetable = record(tw)
    moved = tw.today - timedelta(days=1)
    record_event(
        actor=None,
        child=tw.child,
        type="inschrijving",
        date=moved,
        data={"sector": "po"},
        school=tw.world.other_school,
    )
    record_event(
        actor=None,
        child=tw.child,
        type="uitschrijving",
        date=moved,
        data={"grond": "inschrijving_elders"},
        school=tw.world.school,
    )
    ib = tw.world.user("ib")
    assert not policy.may_record_reduced_timetable(ib, tw.child)
    assert not policy.may_manage_reduced_timetable(ib, timetable)
    other = tw.world.user("other_ib")  # the new school records its own, not the old school's
    assert policy.may_record_reduced_timetable(other, tw.child)
    assert not policy.may_manage_reduced_timetable(other, timetable)
