"""The pages of suspensions and removals as a school, the leerplichtambtenaar and the parents use
them: the form's refusal names the rule and keeps what was typed, the letters download (each
download in the logbook), the case page's panel, the family's view, and who may not."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kring.accounts.testing import login_verified
from kring.cases.tests.helpers import open_case
from kring.enrolment.models import Removal, Suspension
from kring.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def _text(response: Any) -> str:
    return str(response.content.decode())


def _suspension_post(today: Any, **kw: Any) -> dict[str, Any]:
    data = {
        "date_from": today.isoformat(),
        "date_to": (today + timedelta(days=2)).isoformat(),
        "reason": "Noor gooide een stoel door de klas.",
        "parents_heard_on": today.isoformat(),
        "parents_heard_how": "telefoon",
        "inspectorate_reported_on": "",
    }
    data.update(kw)
    return data


def test_the_school_records_a_suspension_refused_without_the_report_then_downloads_the_letter(
    world, enrolled, today
):
    client = _client(world.user("ib"))
    url = reverse("schorsing:new_suspension", args=[enrolled.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, _suspension_post(today))
    assert refused.status_code == 400
    page = _text(refused)
    assert "ZP-10" in page and "WPO art. 40c" in page
    assert "Noor gooide een stoel door de klas." in page  # what was typed stays
    assert not Suspension.objects.exists()
    done = client.post(url, _suspension_post(today, inspectorate_reported_on=today.isoformat()))
    assert done.status_code == 302
    s = Suspension.objects.get()
    page = _text(client.get(reverse("schorsing:child", args=[enrolled.pk])))
    assert "Gemeld aan de inspectie op" in page and "Schorsingsbrief aan de ouders" in page
    pdf = client.get(reverse("schorsing:suspension_letter", args=[s.pk, "schorsingsbrief"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(code="suspension.letter", child_id=enrolled.pk).count() == 1
    assert client.get(reverse("schorsing:suspension_letter", args=[s.pk, "geen_brief"])).status_code == 404
    register = _text(client.get(reverse("schorsing:register")))
    assert enrolled.last_name in register


def test_a_later_suspension_gets_its_report_on_the_childs_page(world, enrolled, today):
    from kring.enrolment import services

    s = services.record_suspension(
        actor=world.user("ib"),
        child=enrolled,
        school=None,
        date_from=today,
        date_to=today + timedelta(days=1),
        reason="Vechten op het plein.",
        inspectorate_reported_on=today,
    )
    assert s.inspectorate_reported_on == today
    later = services.record_suspension(
        actor=world.user("ib"),
        child=enrolled,
        school=None,
        date_from=today + timedelta(days=10),
        date_to=today + timedelta(days=11),
        reason="Opnieuw vechten.",
    )
    client = _client(world.user("ib"))
    url = reverse("schorsing:child", args=[enrolled.pk])
    page = _text(client.get(url))
    assert "Nog niet gemeld aan de inspectie." in page and "Melding aan de inspectie vastleggen" in page
    refused = client.post(url, {"suspension": later.pk, f"melding-{later.pk}-reported_on": today.isoformat()})
    assert refused.status_code == 400 and "eerste dag van de schorsing" in _text(refused)


def test_the_removal_form_refuses_without_a_willing_school_and_keeps_the_reason(world, enrolled, today):
    client = _client(world.user("schoolleider"))
    url = reverse("schorsing:new_removal", args=[enrolled.pk])
    data = {
        "decided_on": today.isoformat(),
        "effective_on": (today + timedelta(days=14)).isoformat(),
        "reason": "De veiligheid van de groep.",
        "parents_heard_on": (today - timedelta(days=2)).isoformat(),
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "ZP-11" in _text(refused) and "De veiligheid van de groep." in _text(refused)
    no_parents = client.post(url, {**data, "parents_heard_on": ""})
    assert no_parents.status_code == 400 and "hoort zij de ouders" in _text(no_parents)
    done = client.post(
        url,
        {**data, "willing_school_name": "SBO De Wegwijzer", "willing_confirmed_on": today.isoformat()},
    )
    assert done.status_code == 302
    r = Removal.objects.get()
    for letter in ("verwijderingsbesluit", "melding_gemeente"):
        pdf = client.get(reverse("schorsing:removal_letter", args=[r.pk, letter]))
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(code="removal.letter", child_id=enrolled.pk).count() == 2


def test_others_read_but_do_not_record_and_another_school_sees_nothing(world, enrolled, today):
    from kring.enrolment import services

    s = services.record_suspension(
        actor=world.user("ib"),
        child=enrolled,
        school=None,
        date_from=today,
        date_to=today,
        reason="Vechten op het plein.",
    )
    lpa = _client(world.user("lpa"))
    page = lpa.get(reverse("schorsing:child", args=[enrolled.pk]))
    assert page.status_code == 200 and "Vechten op het plein." in _text(page)
    assert "Schorsing vastleggen" not in _text(page)
    assert lpa.get(reverse("schorsing:new_suspension", args=[enrolled.pk])).status_code == 403
    assert lpa.get(reverse("schorsing:register")).status_code == 403
    other = _client(world.user("other_ib"))
    assert other.get(reverse("schorsing:child", args=[enrolled.pk])).status_code == 404
    letter = reverse("schorsing:suspension_letter", args=[s.pk, "schorsingsbrief"])
    assert other.get(letter).status_code == 404


def test_the_case_page_and_the_familys_view_show_the_suspension_and_its_letters(world, enrolled, today):
    from kring.enrolment import services

    case = open_case(world)
    s = services.record_suspension(
        actor=world.user("ib"),
        child=enrolled,
        school=None,
        date_from=today,
        date_to=today + timedelta(days=2),
        reason="Vechten op het plein.",
        inspectorate_reported_on=today,
    )
    case_page = _text(_client(world.user("lpa")).get(f"/casussen/{case.pk}/"))
    assert 'id="schorsing"' in case_page and "Vechten op het plein." in case_page
    parent = _client(world.user("ouder"))
    family = _text(parent.get(reverse("portal:child", args=[enrolled.pk])))
    assert "Schorsing en verwijdering" in family and "Vechten op het plein." in family
    assert reverse("schorsing:suspension_letter", args=[s.pk, "schorsingsbrief"]) in family
    pdf = parent.get(reverse("schorsing:suspension_letter", args=[s.pk, "schorsingsbrief"]))
    assert pdf.status_code == 200
    line = AuditEvent.objects.filter(code="suspension.letter", child_id=enrolled.pk).get()
    assert line.purpose == "family_access"


def test_the_page_about_the_child_has_the_panel_with_the_way_to_record(world, enrolled, today):
    page = _text(_client(world.user("ib")).get(reverse("cases:open", args=[enrolled.pk])))
    assert 'id="schorsing"' in page
    assert reverse("schorsing:child", args=[enrolled.pk]) in page
    assert "Schorsing of verwijdering vastleggen" in page
    # The leerplichtambtenaar sees no panel while there is nothing to read.
    lpa = _text(_client(world.user("lpa")).get(reverse("cases:open", args=[enrolled.pk])))
    assert 'id="schorsing"' not in lpa


def test_the_familys_whole_file_holds_the_suspension_and_the_removal(world, enrolled, today):
    import io
    import json

    from pypdf import PdfReader

    from kring.enrolment import services

    services.record_suspension(
        actor=world.user("ib"),
        child=enrolled,
        school=None,
        date_from=today,
        date_to=today,
        reason="Vechten op het plein.",
    )
    services.record_removal(
        actor=world.user("ib"),
        child=enrolled,
        school=None,
        decided_on=today,
        effective_on=today + timedelta(days=7),
        reason="De veiligheid van de groep.",
        parents_heard_on=today,
        willing_school_name="SBO De Wegwijzer",
        willing_confirmed_on=today,
    )
    parent = _client(world.user("ouder"))
    data = json.loads(parent.get(reverse("portal:download_json", args=[enrolled.pk])).content)
    text = json.dumps(data, ensure_ascii=False)
    assert "Vechten op het plein." in text and "SBO De Wegwijzer" in text
    pdf = parent.get(reverse("portal:download_pdf", args=[enrolled.pk]))
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert "Schorsingen" in words and "De veiligheid van de groep." in words


@pytest.mark.parametrize(
    ("key", "reads", "records", "why"),
    [
        ("ib", True, True, "the school where the child is enrolled: its bevoegd gezag suspends and removes"),
        ("schoolleider", True, True, "the same school"),
        ("other_ib", False, False, "another school: nothing of this child"),
        ("lpa", True, False, "the leerplichtambtenaar of the child's gemeente reads the timeline's facts"),
        ("consulent", True, False, "the SWV of the region reads; the school decides"),
        ("ouder", True, False, "the parent co-owns the file: reads everything, letters too"),
        ("other_ouder", False, False, "another family: nothing"),
        ("jeugdhulp", False, False, "not in the circle, no consent: nothing"),
        ("inspecteur", False, False, "no child data in v1"),
        ("beheerder", False, False, "configuration only"),
    ],
)
def test_who_reads_and_who_records_a_suspension(world, enrolled, today, key, reads, records, why):
    from kring.access import policy
    from kring.enrolment import services

    s = services.record_suspension(
        actor=world.user("ib"), child=enrolled, school=None, date_from=today, date_to=today, reason="Vechten."
    )
    user = world.user(key)
    assert policy.visible_suspensions(user).filter(pk=s.pk).exists() is reads, why
    assert policy.may_record_discipline(user, enrolled) is records, why


def test_the_day_the_gemeente_was_told_is_recorded_afterwards(world, enrolled, today):
    from kring.enrolment import services

    r = services.record_removal(
        actor=world.user("ib"),
        child=enrolled,
        school=None,
        decided_on=today,
        effective_on=today,
        reason="De veiligheid van de groep.",
        parents_heard_on=today,
        willing_school_name="SBO De Wegwijzer",
        willing_confirmed_on=today,
    )
    client = _client(world.user("ib"))
    url = reverse("schorsing:child", args=[enrolled.pk])
    assert "Melding aan de gemeente vastleggen" in _text(client.get(url))
    refused = client.post(url, {"removal": r.pk, f"gemeente-{r.pk}-informed_on": ""})
    assert refused.status_code == 400 and "Vul in op welke dag" in _text(refused)
    done = client.post(url, {"removal": r.pk, f"gemeente-{r.pk}-informed_on": today.isoformat()})
    assert done.status_code == 302
    r.refresh_from_db()
    assert r.gemeente_informed_on == today
    assert AuditEvent.objects.filter(code="removal.reported", child_id=enrolled.pk).exists()
    assert _client(world.user("lpa")).post(url, {"removal": r.pk}).status_code == 403
