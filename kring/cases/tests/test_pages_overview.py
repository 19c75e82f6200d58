"""The overview pages of casusregie: the case list and export, a new child, opening a case, the case
page with its assessment and timeline. Access follows the one policy; the page shows exactly what
`kring rules assess` computes for the same timeline."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.agenda import case_url
from kring.cases.models import Case, CaseStatus, MemberKind, Visibility
from kring.cases.testing import World, make_child
from kring.children.assessment import export_scenario_json
from kring.children.models import Child, TimelineEvent
from kring.children.services import create_child, record_event
from kring.privacy.models import AuditAction, AuditEvent
from kring.web.testing import assert_csp_safe_html

from .helpers import OPENED, open_case, thuiszitter_timeline, with_regievoerder

pytestmark = pytest.mark.django_db


BSN = "111222333"  # passes the elfproef; fictional


def client_for(world: World, key: str) -> Client:
    client = Client()
    login_verified(client, world.user(key))
    return client


def page_html(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    html = response.content.decode()
    assert_csp_safe_html(html)
    return html


def detail_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk])


def child_with_bsn(world: World, *, first_name: str = "Bram") -> Child:
    return create_child(
        actor=world.user("lpa"),
        first_name=first_name,
        last_name="Bakker",
        birth_date=date(2014, 3, 1),
        bsn=BSN,
        postcode="3511AB",
        gemeente=world.gemeente,
        vakantieregio="midden",
        representatives=[{"name": "Els Bakker", "relation": "moeder"}],
    )


def open_for(world: World, child: Child, *, on: date = OPENED) -> Case:
    return services.open_case(
        actor=world.user("lpa"),
        child=child,
        signal_kind="verzuim",
        signal_description="Het kind komt niet meer op school.",
        opened_on=on,
    )


# ---------------------------------------------------------------- URLs


def test_agenda_links_to_the_case_page(world: World) -> None:
    case = open_case(world)
    assert case_url(case.pk) == detail_url(case) == f"/casussen/{case.pk}/"


def test_pages_need_login(world: World) -> None:
    case = open_case(world)
    for url in (reverse("cases:list"), detail_url(case), reverse("children:new")):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/account/inloggen/" in response["Location"]


# ---------------------------------------------------------------- the case list


def test_list_shows_only_the_cases_the_policy_allows_and_audits_the_rows(world: World) -> None:
    case = open_case(world)
    html = page_html(client_for(world, "lpa"), reverse("cases:list"))
    assert world.child.last_name in html
    assert detail_url(case) in html
    listed = AuditEvent.objects.filter(child_id=world.child.pk, message__contains="stond in een lijst")
    assert listed.count() == 1
    assert listed.get().actor == world.user("lpa")

    for key in ("other_lpa", "other_ib", "other_consulent", "jeugdhulp", "beheerder", "inspecteur"):
        other = page_html(client_for(world, key), reverse("cases:list"))
        assert world.child.last_name not in other, key
        assert "Geen casussen gevonden" in other
    # The family is taken to its own overview, which shows their own child's case (and no other).
    assert client_for(world, "ouder").get(reverse("cases:list"))["Location"] == reverse("portal:family")
    own = reverse("portal:child", args=[world.child.pk])
    assert own in page_html(client_for(world, "ouder"), reverse("portal:family"))
    assert own not in page_html(client_for(world, "other_ouder"), reverse("portal:family"))


def test_list_columns(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    with_regievoerder(world, case)
    Case.objects.filter(pk=case.pk).update(escalated=True)
    html = page_html(client_for(world, "lpa"), reverse("cases:list"))
    row = html[html.index(world.child.last_name) :]
    row = row[: row.index("</tr>")]
    age = (timezone.localdate() - world.child.birth_date).days // 365
    assert f"{age} jaar" in row or f"{age - 1} jaar" in row
    assert "Basisschool De Regenboog" in row
    assert "Signaal" in row
    assert "Geëscaleerd" in row
    assert "Langdurig relatief verzuim" in row and "dagen" in row
    assert world.user("lpa").display_name in row
    assert "verstreken" in row  # KR-3M: three months since 6 October 2025 have passed


def test_empty_state_offers_registration_to_those_who_may(world: World) -> None:
    html = page_html(client_for(world, "ib"), reverse("cases:list"))
    assert "Geen casussen gevonden" in html
    assert reverse("children:new") in html
    html = page_html(client_for(world, "jeugdhulp"), reverse("cases:list"))
    assert "Geen casussen gevonden" in html
    assert reverse("children:new") not in html


def test_filters(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    with_regievoerder(world, case)
    daan = make_child(gemeente=world.gemeente, first_name="Daan")
    other = open_for(world, daan, on=date(2026, 2, 1))
    Case.objects.filter(pk=other.pk).update(escalated=True)
    client = client_for(world, "lpa")

    def names(**params: str) -> set[str]:
        html = page_html(
            client, reverse("cases:list") + "?" + "&".join(f"{k}={v}" for k, v in params.items())
        )
        return {n for n in (world.child.first_name, "Daan") if f">{n} " in html}

    noor = world.child.first_name
    assert names() == {noor, "Daan"}
    assert names(thuiszitter="langdurig_relatief_verzuim") == {noor}
    assert names(thuiszitter="absoluut_verzuim") == {"Daan"}
    assert names(escalated="ja") == {"Daan"}
    assert names(escalated="nee") == {noor}
    assert names(school=str(world.school.pk)) == {noor}
    assert names(gemeente=str(world.gemeente.pk)) == {noor, "Daan"}
    assert names(regievoerder=str(world.user("lpa").pk)) == {noor}
    assert names(status="signaal") == {noor, "Daan"}
    assert names(status="plan") == set()
    assert names(overdue="ja") >= {noor}
    assert names(q="daan") == {"Daan"}
    assert names(q="Daan Onbekend") == set()  # every word must match the first or last name
    assert names(q=daan.last_name) == {"Daan"}


def test_closed_cases_only_when_asked(world: World) -> None:
    case = open_case(world)
    services.transition_case(
        actor=world.user("lpa"),
        case=case,
        to_status=CaseStatus.AFGESLOTEN,
        reason="Geen regie nodig.",
        on=OPENED,
        expected_version=case.version,
    )
    client = client_for(world, "lpa")
    assert world.child.last_name not in page_html(client, reverse("cases:list"))
    assert world.child.last_name in page_html(client, reverse("cases:list") + "?status=alle")
    assert world.child.last_name in page_html(client, reverse("cases:list") + "?status=afgesloten")


def test_search_by_bsn_finds_by_hash_and_never_shows_the_bsn(world: World) -> None:
    bram = child_with_bsn(world)
    open_for(world, bram)
    open_case(world)
    client = client_for(world, "lpa")
    for typed in (BSN, "111 222 333", "111.222.333"):
        # The number leaves the address at once: it is kept in the session, the address says bsn=1.
        response = client.get(reverse("cases:list"), {"q": typed, "status": ""})
        assert response.status_code == 302
        assert response["Location"] == reverse("cases:list") + "?status=&bsn=1"
        html = page_html(client, response["Location"])
        assert ">Bram " in html
        assert world.child.last_name not in html
        assert BSN not in html and "111 222 333" not in html and "111.222.333" not in html
        assert "Gezocht op een BSN" in html
        assert reverse("cases:export") + "?status=&amp;bsn=1" in html
    found = AuditEvent.objects.filter(child_id=bram.pk, message__contains="gevonden door te zoeken op BSN")
    assert found.count() == 3
    # The export of a BSN search holds that child only, and no BSN.
    response = client.get(reverse("cases:export") + "?status=&bsn=1")
    text = response.content.decode("utf-8-sig")
    assert "Bram" in text and world.child.last_name not in text and BSN not in text
    # A plain list again after the search is left.
    assert world.child.last_name in page_html(client, reverse("cases:list"))
    # Someone who may not see Bram finds nothing by his BSN.
    other = client_for(world, "other_lpa")
    html = page_html(other, other.get(reverse("cases:list"), {"q": BSN})["Location"])
    assert "Bram" not in html and BSN not in html
    assert "Er is geen kind met dit BSN dat je mag zien" in html


def test_pagination_keeps_the_filters(world: World) -> None:
    for i in range(27):
        child = make_child(gemeente=world.gemeente, first_name=f"Kind{i:02d}")
        open_for(world, child)
    client = client_for(world, "lpa")
    html = page_html(client, reverse("cases:list") + "?status=signaal")
    assert "27 casussen" in html
    assert html.count('scope="row"') == 25
    assert "?status=signaal&amp;page=2" in html
    page2 = page_html(client, reverse("cases:list") + "?status=signaal&page=2")
    assert page2.count('scope="row"') == 2
    assert "?status=signaal&amp;page=1" in page2
    # Only the rows shown are audited as listed.
    assert AuditEvent.objects.filter(message__contains="stond in een lijst").count() == 27


# ---------------------------------------------------------------- CSV export


def test_csv_export_of_the_filtered_list(world: World) -> None:
    bram = child_with_bsn(world)
    open_for(world, bram)
    daan = make_child(gemeente=world.gemeente, first_name="Daan")
    daan_case = open_for(world, daan)
    Case.objects.filter(pk=daan_case.pk).update(escalated=True)
    client = client_for(world, "lpa")
    list_html = page_html(client, reverse("cases:list") + "?escalated=nee")
    assert reverse("cases:export") + "?escalated=nee" in list_html

    response = client.get(reverse("cases:export") + "?escalated=nee")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="kring-casussen-')
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    text = raw.decode("utf-8-sig")
    assert BSN not in text
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["Voornaam"] for r in rows] == ["Bram"]
    assert rows[0]["Geëscaleerd"] == "nee"
    exported = AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="casus")
    assert list(exported.values_list("child_id", flat=True)) == [bram.pk]


def test_csv_export_only_for_professionals_and_only_what_they_see(world: World) -> None:
    open_case(world)
    assert Client().get(reverse("cases:export")).status_code == 302
    # A parent is taken to the family's own overview (policy.family_destination), never the export.
    assert client_for(world, "ouder").get(reverse("cases:export"))["Location"] == reverse("portal:family")
    response = client_for(world, "other_lpa").get(reverse("cases:export"))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert world.child.last_name not in text
    assert len(text.strip().splitlines()) == 1  # the header only


# ---------------------------------------------------------------- new child


def child_post(world: World, **overrides: str) -> dict[str, str]:
    data = {
        "first_name": "Mila",
        "last_name": "de Wit",
        "birth_date": "2016-04-12",
        "bsn": "",
        "postcode": "3511 ab",
        "gemeente": "",
        "vakantieregio": "midden",
        "school": str(world.school.pk),
        "enrolled_on": "2024-09-01",
        "sector": "",
        "representatives[0].name": "Ilse de Wit",
        "representatives[0].relation": "moeder",
        "representatives[0].email": "ilse@example.org",
        "representatives[0].phone": "",
        "representatives[1].name": "",
        "representatives[1].relation": "",
        "representatives[1].email": "",
        "representatives[1].phone": "",
    }
    data.update(overrides)
    return data


def test_intern_begeleider_registers_a_pupil_and_goes_on_to_open_a_case(world: World) -> None:
    client = client_for(world, "ib")
    html = page_html(client, reverse("children:new"))
    assert "Ingeschreven op" in html and "Basisschool De Regenboog" in html
    world.school.vakantieregio = "noord"
    world.school.save()
    response = client.post(reverse("children:new"), child_post(world, vakantieregio=""))
    child = Child.objects.get(first_name="Mila")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:open", args=[child.pk])
    assert child.postcode == "3511AB"
    assert child.gemeente == world.gemeente  # from the postcode
    assert child.vakantieregio == "noord"  # from the school
    assert list(child.representatives.values_list("name", flat=True)) == ["Ilse de Wit"]
    enrolment = TimelineEvent.objects.get(child=child)
    assert (enrolment.type, enrolment.school, enrolment.data) == (
        "inschrijving",
        world.school,
        {"sector": "po", "school": "Basisschool De Regenboog"},
    )
    page_html(client, reverse("cases:open", args=[child.pk]))


def test_new_child_errors_keep_what_was_typed(world: World) -> None:
    client = client_for(world, "ib")
    response = client.post(
        reverse("children:new"),
        child_post(world, last_name="", bsn="123456789", **{"representatives[0].email": "geen-adres"}),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul de achternaam in." in html
    assert "Vul een geldig e-mailadres in" in html
    assert 'value="Mila"' in html
    assert 'value="Ilse de Wit"' in html
    assert 'value="123456789"' in html  # the typed (invalid) number, shown back to whoever typed it
    # What only the service judges comes back on its field too.
    response = client.post(reverse("children:new"), child_post(world, bsn="123456789"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit BSN bestaat niet: het voldoet niet aan de elfproef." in html
    assert 'id="id_bsn_error"' in html
    assert not Child.objects.filter(first_name="Mila").exists()


def test_new_child_that_the_user_could_not_see_is_not_saved(world: World) -> None:
    client = client_for(world, "lpa")
    data = child_post(world, postcode="9711 AA")
    for key in ("school", "enrolled_on", "sector"):
        data.pop(key)
    response = client.post(reverse("children:new"), data)
    assert response.status_code == 400
    assert "Dit kind is niet opgeslagen" in response.content.decode()
    assert not Child.objects.filter(first_name="Mila").exists()
    # In the lpa's own gemeente it works, the gemeente taken from the postcode.
    response = client.post(reverse("children:new"), {**data, "postcode": "3512 CD"})
    assert response.status_code == 302
    assert Child.objects.get(first_name="Mila").gemeente == world.gemeente


def test_new_child_duplicate_bsn(world: World) -> None:
    child_with_bsn(world)  # registered by the lpa; the school does not see this child
    response = client_for(world, "ib").post(reverse("children:new"), child_post(world, bsn=BSN))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is al een kind met dit BSN" not in html  # the school is not told the BSN is known
    assert "Kring kan het met dit BSN niet voor jou registreren" in html
    # The lpa, who sees that child, is told to look it up instead.
    data = child_post(world, bsn=BSN)
    for key in ("school", "enrolled_on", "sector"):
        data.pop(key)
    response = client_for(world, "lpa").post(reverse("children:new"), data)
    assert response.status_code == 400
    assert "Er is al een kind met dit BSN" in response.content.decode()


@pytest.mark.parametrize("key", ["jeugdhulp", "steunpunt", "beheerder", "inspecteur"])
def test_new_child_only_for_roles_with_a_task(world: World, key: str) -> None:
    assert client_for(world, key).get(reverse("children:new")).status_code == 403


def test_a_parent_asking_to_register_a_child_is_taken_to_the_family_overview(world: World) -> None:
    client = client_for(world, "ouder")
    assert client.get(reverse("children:new"))["Location"] == reverse("portal:family")
    assert client.post(reverse("children:new"), {}).status_code == 403


# ---------------------------------------------------------------- opening a case


def test_open_case(world: World) -> None:
    client = client_for(world, "ib")
    thuiszitter_timeline(world)  # enrolled at the ib's school, so the ib sees the child
    url = reverse("cases:open", args=[world.child.pk])
    html = page_html(client, url)
    assert world.child.first_name in html
    response = client.post(url, {"signal_kind": "", "signal_description": "", "opened_on": "2025-10-13"})
    assert response.status_code == 400
    assert "Kies wat voor signaal het is." in response.content.decode()
    assert 'value="2025-10-13"' in response.content.decode()
    response = client.post(
        url, {"signal_kind": "verzuim", "signal_description": "Noor komt niet.", "opened_on": "2025-10-13"}
    )
    case = Case.objects.get(child=world.child)
    assert response.status_code == 302
    assert response["Location"] == detail_url(case)


def test_second_open_case_is_refused_with_a_link_to_the_open_one(world: World) -> None:
    case = open_case(world)
    client = client_for(world, "lpa")
    url = reverse("cases:open", args=[world.child.pk])
    assert detail_url(case) in page_html(client, url)  # told before typing
    response = client.post(
        url,
        {"signal_kind": "zorg_ouders", "signal_description": "Nog een signaal.", "opened_on": "2026-01-05"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is al een open casus voor" in html
    assert detail_url(case) in html
    assert "Nog een signaal." in html
    assert Case.objects.filter(child=world.child).count() == 1


def test_open_case_denied(world: World) -> None:
    url = reverse("cases:open", args=[world.child.pk])
    assert client_for(world, "other_lpa").get(url).status_code == 404
    # The parent is taken to the family's view of the child (policy.family_destination).
    assert client_for(world, "ouder").get(url)["Location"] == reverse("portal:child", args=[world.child.pk])


# ---------------------------------------------------------------- the case page


# The parent is taken to the family's view instead (kring/portal/tests/test_child_file.py).
@pytest.mark.parametrize("key", ["lpa", "consulent", "directeur", "ib", "schoolleider"])
def test_case_page_for_those_the_policy_allows(world: World, key: str) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    html = page_html(client_for(world, key), detail_url(case))
    assert f"{world.child.first_name} {world.child.last_name}" in html
    viewed = AuditEvent.objects.filter(child_id=world.child.pk, message__contains="casus van")
    assert viewed.filter(actor=world.user(key), message__contains="bekeken").exists()


@pytest.mark.parametrize(
    "key", ["other_lpa", "other_ib", "other_consulent", "jeugdhulp", "steunpunt", "beheerder", "other_ouder"]
)
def test_case_page_denied_to_everyone_else(world: World, key: str) -> None:
    case = open_case(world)
    client = client_for(world, key)
    assert client.get(detail_url(case)).status_code == 404
    assert client.get(reverse("cases:scenario", args=[case.pk])).status_code == 404
    assert (
        client.post(reverse("children:event_add", args=[case.pk]), {"type": "verzuimmelding"}).status_code
        == 404
    )


def test_case_page_header_and_forms(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    html = page_html(client_for(world, "lpa"), detail_url(case))
    assert "Basisschool De Regenboog" in html
    assert "Signaal" in html and "Nog niemand aangewezen" in html
    assert reverse("cases:transition", args=[case.pk]) in html
    assert reverse("children:event_add", args=[case.pk]) in html
    assert reverse("cases:scenario", args=[case.pk]) in html
    assert "kring rules assess" in html
    # The family reads everything in its own view, which has no forms of the case.
    family = client_for(world, "ouder").get(detail_url(case))
    assert family["Location"] == reverse("portal:child", args=[world.child.pk])
    family_html = page_html(client_for(world, "ouder"), family["Location"])
    assert 'id="tijdlijn"' in family_html and 'id="instanties"' in family_html
    assert reverse("cases:transition", args=[case.pk]) not in family_html
    assert reverse("children:event_add", args=[case.pk]) not in family_html


def test_member_with_a_limited_view_sees_no_assessment_or_timeline(world: World) -> None:
    case = open_case(world)
    services.add_circle_member(
        actor=world.user("lpa"),
        case=case,
        kind=MemberKind.JEUGDHULP,
        user=world.user("jeugdhulp"),
        joined_on=OPENED,
        visibility=Visibility.KRING_EN_AFSPRAKEN,
    )
    client = client_for(world, "jeugdhulp")
    html = page_html(client, detail_url(case))
    assert 'id="tijdlijn"' not in html and 'id="beoordeling"' not in html
    assert client.get(reverse("cases:scenario", args=[case.pk])).status_code == 403
    assert client.get(reverse("children:event_add", args=[case.pk])).status_code == 403


def rich_timeline(world: World) -> None:
    """Enrolled, absent ongeoorloofd since 6 October 2025 and reported; applied at another school
    on 3 November 2025 with no decision; a regievoerder named. Several obligations, open and late."""
    child = world.child
    record_event(
        actor=None,
        child=child,
        type="inschrijving",
        date=date(2025, 9, 1),
        data={"sector": "po", "extra_ondersteuning": True},
        school=world.school,
    )
    record_event(
        actor=None, child=child, type="afwezig", date=date(2025, 10, 6), data={"reden": "ongeoorloofd"}
    )
    record_event(actor=None, child=child, type="verzuimmelding", date=date(2025, 10, 9), data={})
    record_event(
        actor=None, child=child, type="aanmelding", date=date(2025, 11, 3), data={}, school=world.other_school
    )
    record_event(
        actor=None,
        child=child,
        type="regievoerder_aangewezen",
        date=date(2025, 11, 10),
        data={"naam": "L. Lpa"},
    )
    record_event(
        actor=None,
        child=child,
        type="afwezig",
        date=date(2025, 9, 8),
        data={"reden": "ziek", "to": "2025-09-10"},
    )


def run_cli(scenario: str, tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "scenario.json"
    path.write_text(scenario, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kring.rules", "assess", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assessment: dict[str, object] = json.loads(result.stdout)
    return assessment


def test_case_page_shows_exactly_what_kring_rules_assess_computes(world: World, tmp_path: Path) -> None:
    rich_timeline(world)
    case = open_case(world)
    client = client_for(world, "lpa")
    html = page_html(client, detail_url(case))

    download = client.get(reverse("cases:scenario", args=[case.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="kring-scenario-kind-')
    scenario = download.content.decode()
    assert scenario == export_scenario_json(world.child, timezone.localdate())
    assert world.child.last_name not in scenario
    expected = run_cli(scenario, tmp_path)

    obligations = expected["obligations"]
    assert isinstance(obligations, list) and len(obligations) >= 3
    for o in obligations:
        marker = f'data-rule="{o["rule"]}" data-status="{o["status"]}" data-due="{o["due"] or ""}"'
        assert marker in html, o
        assert o["source"] in unescape(html)
    assert html.count('class="kring-rule kring-rule--') == len(obligations) + len(expected["violations"])  # type: ignore[arg-type]
    thuiszitter = expected["thuiszitter"]
    assert isinstance(thuiszitter, dict)
    assert thuiszitter["category"] == "langdurig_relatief_verzuim"
    assert f'data-category="{thuiszitter["category"]}" data-days="{thuiszitter["days"]}"' in html
    assert f"{thuiszitter['days']} dagen" in html
    assert f'datetime="{thuiszitter["since"]}"' in html
    leerplicht = expected["leerplicht"]
    assert isinstance(leerplicht, dict)
    assert f'data-leerplicht="{leerplicht["status"]}"' in html
    assert f'datetime="{leerplicht["start"]}"' in html and f'datetime="{leerplicht["end"]}"' in html
    # KR-3M is a regional agreement, not law, and lists what is missing.
    assert "Regionale afspraak (geen wet)" in html
    kr3m = next(o for o in obligations if o["rule"] == "KR-3M")
    assert "een ontwikkelperspectief" in html and "regievoerder" not in kr3m["missing"]
    exported = AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_type="tijdlijn", child_id=world.child.pk
    )
    assert exported.count() == 2  # the download, and the comparison's own call above


def test_timeline_in_words(world: World) -> None:
    rich_timeline(world)
    case = open_case(world)
    html = page_html(client_for(world, "lpa"), detail_url(case))
    order = [m.group(1) for m in re.finditer(r'kring-timeline__item[^"]*" data-type="(\w+)"', html)]
    assert order == [
        "inschrijving",
        "afwezig",
        "afwezig",
        "verzuimmelding",
        "aanmelding",
        "regievoerder_aangewezen",
    ]
    assert "Ongeoorloofd (spijbelen" in html and "Ziek" in html
    assert "10 september 2025" in html  # the `to` of the sick days, in words
    assert "Basisschool Het Noorden" in html


# ---------------------------------------------------------------- timeline events


def event_url(case: Case, soort: str = "") -> str:
    url = reverse("children:event_add", args=[case.pk])
    return f"{url}?soort={soort}" if soort else url


def test_add_an_absence(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    client = client_for(world, "lpa")
    html = page_html(client, event_url(case, "afwezig"))
    assert "Reden van afwezigheid" in html and "Uren per dag" in html
    assert "Naam van de regievoerder" not in html
    response = client.post(
        event_url(case),
        {"type": "afwezig", "date": "2026-01-05", "reden": "ziek", "to": "2026-01-07", "note": "Griep."},
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url(case) + "#tijdlijn"
    event = TimelineEvent.objects.filter(child=world.child).latest("id")
    assert (event.type, event.data, event.note, event.recorded_by) == (
        "afwezig",
        {"reden": "ziek", "to": "2026-01-07"},
        "Griep.",
        world.user("lpa"),
    )
    assert AuditEvent.objects.filter(object_type="gebeurtenis", object_id=str(event.pk)).exists()


def test_event_form_errors_keep_what_was_typed(world: World) -> None:
    case = open_case(world)
    client = client_for(world, "lpa")
    response = client.post(
        event_url(case), {"type": "afwezig", "date": "2026-01-05", "reden": "", "note": "Belde niet af."}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies de reden van afwezigheid." in html
    assert 'value="2026-01-05"' in html and "Belde niet af." in html
    # The engine's own check: `to` before `date`.
    response = client.post(
        event_url(case), {"type": "afwezig", "date": "2026-01-05", "reden": "ziek", "to": "2026-01-02"}
    )
    assert response.status_code == 400
    assert "De einddatum ligt voor de begindatum" in response.content.decode()
    assert not TimelineEvent.objects.filter(child=world.child).exists()


def test_event_kind_is_chosen_first(world: World) -> None:
    case = open_case(world)
    html = page_html(client_for(world, "lpa"), event_url(case))
    assert "Soort gebeurtenis" in html and 'name="date"' not in html
    assert client_for(world, "lpa").get(event_url(case, "onzin")).status_code == 400


def test_refused_deregistration_and_recording_it_as_a_violation(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    client = client_for(world, "lpa")
    post = {
        "type": "uitschrijving",
        "date": "2025-12-01",
        "school_location": str(world.school.pk),
        "school": "",
        "grond": "overig",
        "note": "School schreef uit.",
    }
    response = client.post(event_url(case), post)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Dit is niet vastgelegd" in html and "LPW-47" in html
    assert "Toch vastleggen als overtreding" in html
    assert "School schreef uit." in html
    assert not TimelineEvent.objects.filter(child=world.child, type="uitschrijving").exists()

    # The second submit needs a reason.
    response = client.post(event_url(case), {**post, "as_violation": "1", "violation_reason": ""})
    assert response.status_code == 400
    assert "Schrijf op waarom je dit toch vastlegt." in response.content.decode()

    response = client.post(
        event_url(case),
        {**post, "as_violation": "1", "violation_reason": "De school heeft Noor echt uitgeschreven."},
    )
    assert response.status_code == 302
    event = TimelineEvent.objects.get(child=world.child, type="uitschrijving")
    assert event.recorded_as_violation
    html = page_html(client, detail_url(case))
    assert 'data-rule="LPW-47"' in html
    assert "Reden bij het vastleggen:" in html and "De school heeft Noor echt uitgeschreven." in html
    assert "Vastgelegd als overtreding" in html


def test_delete_an_event_with_a_reason_after_confirming(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    event = TimelineEvent.objects.get(child=world.child, type="verzuimmelding")
    client = client_for(world, "lpa")
    url = reverse("children:event_delete", args=[case.pk, event.pk])
    assert url in page_html(client, detail_url(case))
    html = page_html(client, url)
    assert "Gebeurtenis verwijderen?" in html
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Schrijf op waarom je deze gebeurtenis verwijdert." in response.content.decode()
    assert TimelineEvent.objects.filter(pk=event.pk).exists()
    response = client.post(url, {"reason": "Dubbel ingevoerd."})
    assert response.status_code == 302
    assert not TimelineEvent.objects.filter(pk=event.pk).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETE, message__contains="Dubbel ingevoerd."
    ).exists()
    # An event of another child is not found through this case.
    other = make_child(gemeente=world.gemeente)
    foreign = record_event(actor=None, child=other, type="verzuimmelding", date=date(2025, 10, 1), data={})
    assert client.get(reverse("children:event_delete", args=[case.pk, foreign.pk])).status_code == 404


def test_family_cannot_change_the_timeline(world: World) -> None:
    case = open_case(world)
    client = client_for(world, "ouder")
    assert client.get(event_url(case, "afwezig"))["Location"] == reverse(
        "portal:child", args=[world.child.pk]
    )
    response = client.post(event_url(case), {"type": "verzuimmelding", "date": "2025-10-09"})
    assert response.status_code == 403
    assert not TimelineEvent.objects.filter(child=world.child).exists()


# ---------------------------------------------------------------- status


def test_transition_with_reason(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    case.refresh_from_db()
    client = client_for(world, "lpa")
    response = client.post(
        reverse("cases:transition", args=[case.pk]),
        {
            "to_status": "verkenning",
            "reason": "Opgepakt.",
            "on": "2025-10-14",
            "expected_version": case.version,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.VERKENNING
    assert "Opgepakt." in page_html(client, detail_url(case))


def test_transition_refused_by_the_workflow_keeps_the_reason(world: World) -> None:
    case = open_case(world)  # no regievoerder yet
    response = client_for(world, "lpa").post(
        reverse("cases:transition", args=[case.pk]),
        {
            "to_status": "verkenning",
            "reason": "Opgepakt.",
            "on": "2025-10-14",
            "expected_version": case.version,
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Wijs eerst een regievoerder aan." in html
    assert "Opgepakt." in html


def test_transition_on_top_of_someone_elses_change(world: World) -> None:
    case = open_case(world)
    with_regievoerder(world, case)
    case.refresh_from_db()
    stale_version = case.version
    services.transition_case(
        actor=world.user("lpa"),
        case=case,
        to_status="verkenning",
        reason="Eerst.",
        on=date(2025, 10, 14),
        expected_version=stale_version,
    )
    response = client_for(world, "consulent").post(
        reverse("cases:transition", args=[case.pk]),
        {
            "to_status": "afgesloten",
            "reason": "Mijn typwerk.",
            "on": "2025-10-15",
            "expected_version": stale_version,
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft dit net gewijzigd" in html
    assert "Mijn typwerk." in html
    case.refresh_from_db()
    # The form now carries the version the page shows, so a deliberate second submit can go through.
    assert f'name="expected_version" value="{case.version}"' in html
    assert case.status == CaseStatus.VERKENNING


def test_transition_denied(world: World) -> None:
    case = open_case(world)
    data = {"to_status": "afgesloten", "reason": "x", "on": "2025-10-14", "expected_version": case.version}
    assert (
        client_for(world, "ouder").post(reverse("cases:transition", args=[case.pk]), data).status_code == 403
    )
    assert (
        client_for(world, "other_lpa").post(reverse("cases:transition", args=[case.pk]), data).status_code
        == 404
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.SIGNAAL


def test_assessment_is_of_today(world: World) -> None:
    thuiszitter_timeline(world)
    case = open_case(world)
    html = page_html(client_for(world, "lpa"), detail_url(case))
    assert f'Beoordeling op <time datetime="{timezone.localdate().isoformat()}"' in html


def test_the_search_form_is_posted_so_a_bsn_never_reaches_an_address(world: World) -> None:
    bram = child_with_bsn(world)
    open_for(world, bram)
    open_case(world)
    client = client_for(world, "lpa")
    response = client.post(reverse("cases:list"), {"q": "111.222.333", "status": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:list") + "?status=&bsn=1"
    # The session keeps the number only encrypted (sessions live in the database too).
    assert BSN not in str(dict(client.session))
    html = page_html(client, response["Location"])
    assert ">Bram " in html and world.child.last_name not in html and BSN not in html
    # A name search posted the same way lands on an ordinary address with the name in it.
    response = client.post(reverse("cases:list"), {"q": world.child.first_name, "status": ""})
    assert response["Location"] == reverse("cases:list") + f"?q={world.child.first_name}&status="
    assert world.child.last_name in page_html(client, response["Location"])
