"""Attendance imports: the people of a school (and its board) see their school's imports, no one else."""

from __future__ import annotations

import pytest
from django.http import Http404

from kring.access import policy
from kring.attendance.models import AttendanceImport
from kring.attendance.tests.helpers_import import preset
from kring.cases.testing import World


def _import(world: World) -> AttendanceImport:
    return AttendanceImport.objects.create(
        school=world.school,
        mapping=preset("Kring-standaard"),
        filename="nov.csv",
        file_sha256="0" * 64,
    )


@pytest.mark.parametrize("who", ["ib", "schoolleider"])
def test_the_schools_people_see_its_imports(world: World, who: str) -> None:
    record = _import(world)
    assert list(policy.attendance_imports(world.users[who])) == [record]
    assert policy.require_attendance_import(world.users[who], record.pk) == record


@pytest.mark.parametrize(
    "who",
    ["other_ib", "consulent", "directeur", "lpa", "jeugdhulp", "steunpunt", "beheerder", "ouder", "leerling"],
)
def test_no_one_else_sees_them(world: World, who: str) -> None:
    record = _import(world)
    assert not policy.attendance_imports(world.users[who]).exists()
    with pytest.raises(Http404):
        policy.require_attendance_import(world.users[who], record.pk)
