"""The access policy as ONE table, run through the pages AND the API.

Each row below is a person with a relation to the child of one open case; the set says which acts
that person may perform. Every act not in the set must be refused, on both surfaces:

- a read is allowed when the page shows that part of the case (a marker in the case page's HTML)
  and the API answers 200 with it;
- a write is allowed when the request passes the policy (the form page or endpoint answers with
  anything but a refusal: 200/201/204/302 or a 400 about the empty input); refused is 401/403/404
  or a redirect to the login page.

A family member who opens the case page is taken to the family's view of the child (a redirect,
`policy.family_destination`); for them the page surface is that view, with its own markers.

The rows are the specification: the comment of each row says why. What each circle scope shows is
`kring.access.scopes.SECTIONS`; which scope a write needs is `policy.decide`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.accounts.testing import login_verified
from kring.cases import services
from kring.cases.models import Agreement, Case, CircleMember, MemberKind, Visibility
from kring.cases.testing import World, make_world
from kring.children.models import TimelineEvent
from kring.children.services import record_event
from kring.core.testing import make_user
from kring.privacy.consents import give_consent
from kring.privacy.models import ConsentCategory
from kring.regions import services as region_services
from kring.regions.services import LevelSpec

pytestmark = pytest.mark.django_db

SIGNAL = "Noor is sinds begin oktober niet meer op school geweest."
OTHER_AGREEMENT = "Schoolbezoek door de leerplichtambtenaar."
GOALS = "Binnen een half jaar weer twintig uur per week naar school."
ESCALATION_REASON = "Er is na zes weken nog geen passende plek."

# ---------------------------------------------------------------- the acts

READS = (
    "view_case",
    "view_signal",
    "view_circle",
    "view_representatives",
    "view_meetings",
    "view_other_agreements",
    "view_timeline",
    "view_assessment",
    "view_plan",
    "view_escalations",
    "view_access_log",  # the family's logbook of the child: who saw or changed what, and why
)
WRITES = (
    "add_circle_member",
    "correct_regievoerder",  # the wrong person was appointed (manage_circle, not a handover)
    "add_meeting",
    "add_agreement",
    "complete_own_agreement",  # the agreement owned by the "alleen afspraken" member
    "complete_other_agreement",  # the agreement owned by the leerplichtambtenaar
    "set_rhythm",
    "escalate",
    "change_phase",
    "add_timeline_event",
    "delete_timeline_event",
)
ACTS = READS + WRITES
# The family's own pages: no professional reads them, whatever their scope.
FAMILY_ONLY = frozenset({"view_access_log"})
EVERYTHING = frozenset(ACTS) - FAMILY_ONLY
ALL_READS = frozenset(READS)
# The parts of the file youth care sees only with the family's consent, and the writes resting on them.
CONSENT_ACTS = frozenset(
    {
        "view_meetings",
        "view_timeline",
        "view_assessment",
        "view_plan",
        "add_meeting",
        "set_rhythm",
        "add_timeline_event",
        "delete_timeline_event",
    }
)
NOTHING: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Row:
    person: str  # a key of the setup's people, or "anonymous"
    relation: str  # to the child
    scope: str  # what the policy gives them (`case_view_scope`), "-" when nothing
    allowed: frozenset[str]


# ---------------------------------------------------------------- THE TABLE

TABLE: list[Row] = [
    # Opened the case and is in its circle with the whole file; the child lives in their gemeente
    # (Leerplichtwet): sees and does everything.
    Row("lpa", "leerplichtambtenaar of the gemeente, circle member", Visibility.VOLLEDIG, EVERYTHING),
    # The samenwerkingsverband of the child's region has a statutory task (dekkend aanbod): the whole
    # file and every change, even without a place in the circle.
    Row("consulent", "SWV consulent of the region, not in the circle", Visibility.VOLLEDIG, EVERYTHING),
    # The SWV director: the same statutory task, and the mandate at the escalation's level.
    Row("directeur", "SWV director of the region, mandate holder", Visibility.VOLLEDIG, EVERYTHING),
    # The child is enrolled at their school (zorgplicht): the whole file and every change.
    Row("ib", "intern begeleider of the child's school", Visibility.VOLLEDIG, EVERYTHING),
    Row("schoolleider", "head of the child's school", Visibility.VOLLEDIG, EVERYTHING),
    # A care worker placed in the circle with the whole file but without the family's consent: the
    # circle's work, not the file itself (youth care has no legal basis of its own: ADR 0019). What
    # rests on those parts (a meeting, the plan's rhythm, the timeline) they cannot change either.
    Row(
        "jeugdhulp_full",
        "jeugdhulpverlener, circle member 'volledig', no consent",
        Visibility.VOLLEDIG,
        EVERYTHING - CONSENT_ACTS,
    ),
    # The same, with a running consent of the parent for every part: everything, through the circle.
    Row(
        "jeugdhulp_consent",
        "jeugdhulpverlener, circle member 'volledig', with the family's consent",
        Visibility.VOLLEDIG,
        EVERYTHING,
    ),
    # A circle member with "kring en afspraken": who is involved, what was discussed and agreed;
    # they record meetings and agreements. Not the file (timeline, assessment, plan, escalations),
    # not who sees what (the circle's membership), not someone else's agreement, not the phase.
    Row(
        "steunpunt",
        "steunpunt worker, circle member 'kring en afspraken'",
        Visibility.KRING_EN_AFSPRAKEN,
        frozenset(
            {
                "view_case",
                "view_signal",
                "view_circle",
                "view_representatives",
                "view_meetings",
                "view_other_agreements",
                "add_meeting",
                "add_agreement",
            }
        ),
    ),
    # A circle member with "alleen afspraken": the case's header and their own agreement, which they
    # can mark done. Nothing else: not the signal, not the parents, not the timeline, and they cannot
    # widen their own rights by adding (their organisation) to the circle.
    Row(
        "jeugdhulp",
        "jeugdhulpverlener, circle member 'alleen afspraken'",
        Visibility.ALLEEN_AFSPRAKEN,
        frozenset({"view_case", "complete_own_agreement"}),
    ),
    # The parent of this child co-owns the file: sees all of it, and the logbook of who saw it;
    # changes come with the portal. On the page surface the case page takes them to the family's
    # view, which shows all of it.
    Row("ouder", "parent (legal representative) of this child", Visibility.VOLLEDIG, ALL_READS),
    # Everyone below sees nothing: the case does not exist for them (404), on the page and the API.
    Row("other_ouder", "parent of another child", "-", NOTHING),
    Row("other_ib", "intern begeleider of another school", "-", NOTHING),
    Row("other_consulent", "SWV consulent of another region", "-", NOTHING),
    Row("other_lpa", "leerplichtambtenaar of another gemeente", "-", NOTHING),
    # Functioneel beheer configures; it never reaches child data (least privilege).
    Row("beheerder", "functioneel beheerder of the child's SWV", "-", NOTHING),
    # The inspectie sees aggregates in the monitor, no files in v1.
    Row("inspecteur", "inspecteur", "-", NOTHING),
    # A pupil whose account is not linked to this file (their own file: test_parity_family.py).
    Row("leerling", "a pupil", "-", NOTHING),
    # An account that was switched off keeps nothing, even its place in the circle.
    Row("inactive", "former leerplichtambtenaar of the gemeente, circle member", "-", NOTHING),
    # Not logged in: the login page (pages) or 401/403 (API).
    Row("anonymous", "nobody", "-", NOTHING),
]


# ---------------------------------------------------------------- the world of the table


@dataclass
class Setup:
    world: World
    case: Case
    people: dict[str, User]
    own_agreement: Agreement
    other_agreement: Agreement
    event: TimelineEvent
    pages: dict[str, str | None] = field(default_factory=dict)
    family_view: set[str] = field(default_factory=set)  # the people taken to the family's view


def make_setup() -> Setup:
    world = make_world()
    lpa = world.user("lpa")
    today = timezone.localdate()
    opened = today - timedelta(days=40)
    # The child is enrolled at the world's school: its IB and head have the zorgplicht.
    event = record_event(
        actor=None,
        child=world.child,
        type="inschrijving",
        date=opened - timedelta(days=30),
        data={"sector": "po"},
        school=world.school,
        note="Ingeschreven na de verhuizing.",
    )
    case = services.open_case(
        actor=lpa, child=world.child, signal_kind="verzuim", signal_description=SIGNAL, opened_on=opened
    )
    people = dict(world.users)
    people["jeugdhulp_full"] = make_user(role=Role.JEUGDHULPVERLENER, last_name="Jeugdhulp Volledig")
    people["jeugdhulp_consent"] = make_user(role=Role.JEUGDHULPVERLENER, last_name="Jeugdhulp Toestemming")
    inactive = make_user(
        role=Role.LEERPLICHTAMBTENAAR, organisation=world.gemeente.organisation, last_name="Vertrokken"
    )
    people["inactive"] = inactive
    members = {}
    for key, visibility in (
        ("jeugdhulp", Visibility.ALLEEN_AFSPRAKEN),
        ("steunpunt", Visibility.KRING_EN_AFSPRAKEN),
        ("jeugdhulp_full", Visibility.VOLLEDIG),
        ("jeugdhulp_consent", Visibility.VOLLEDIG),
        ("inactive", Visibility.VOLLEDIG),
    ):
        members[key] = services.add_circle_member(
            actor=lpa,
            case=case,
            kind=MemberKind.JEUGDHULP if "jeugdhulp" in key else MemberKind.OVERIG,
            user=people[key],
            joined_on=opened,
            visibility=visibility,
        )
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    give_consent(
        actor=world.user("ouder"),
        child=world.child,
        recipient_user=people["jeugdhulp_consent"],
        stated_purpose="Hulp thuis bij het naar school gaan.",
        categories=list(ConsentCategory.values),
        valid_from=today,
        valid_until=today + timedelta(days=90),
    )
    lpa_member = CircleMember.objects.get(case=case, user=lpa, active=True)
    services.appoint_regievoerder(actor=lpa, case=case, member=lpa_member, note="Kent het gezin.", on=opened)
    due = today + timedelta(days=14)
    own = services.add_agreement(
        actor=lpa, case=case, text="Intake bij de jeugdhulp.", owner=members["jeugdhulp"], due_on=due
    )
    other = services.add_agreement(actor=lpa, case=case, text=OTHER_AGREEMENT, owner=lpa_member, due_on=due)
    perspective = services.set_perspective(
        actor=lpa,
        case=case,
        set_on=opened,
        set_with_parents=True,
        set_with_child=True,
        goals=GOALS,
        needs={"leren": "Kleine groep, vaste begeleider."},
    )
    assert perspective.version == 1
    region_services.configure_escalation_ladder(
        actor=world.user("directeur"),
        swv=world.swv,
        levels=[LevelSpec(name="Directeur SWV", term_amount=10, mandate_role=Role.SWV_DIRECTEUR)],
    )
    services.escalate_case(actor=lpa, case=case, reason=ESCALATION_REASON, on=today)
    case.refresh_from_db()
    return Setup(world, case, people, own, other, event)


@pytest.fixture
def setup(db: Any) -> Setup:
    return make_setup()


# ---------------------------------------------------------------- the two surfaces


def _refused(response: Any) -> bool:
    assert response.status_code < 500, response
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 302 and reverse("accounts:login") in response["Location"]


def page_client(s: Setup, person: str) -> Client:
    client = Client()
    if person != "anonymous":
        user = s.people[person]
        if user.is_active:
            login_verified(client, user)
        else:
            client.force_login(user)  # the session of an account that was switched off since
    return client


def api_client(s: Setup, person: str) -> APIClient:
    client = APIClient()
    if person != "anonymous":
        client.force_authenticate(s.people[person])
    return client


def _case_page(s: Setup, person: str, client: Client) -> str | None:
    """The case page as this person sees it (read once per row: reads change nothing)."""
    if person not in s.pages:
        response = client.get(reverse("cases:detail", args=[s.case.pk]))
        if response.status_code == 302 and response["Location"] == reverse(
            "portal:child", args=[s.case.child_id]
        ):
            s.family_view.add(person)
            response = client.get(response["Location"])
        s.pages[person] = None if _refused(response) else response.content.decode()
    return s.pages[person]


# What shows each part of the file in the family's view (portal/child.html).
FAMILY_MARKERS = {
    "view_case": "kring-family-child",
    "view_signal": SIGNAL,
    "view_circle": "Wie zitten er in de kring?",
    "view_meetings": "Overleggen",
    "view_other_agreements": OTHER_AGREEMENT,
    "view_timeline": 'id="tijdlijn"',
    "view_assessment": 'id="instanties"',
    "view_plan": GOALS,
    "view_escalations": ESCALATION_REASON,
}


def page_allows(s: Setup, person: str, act: str) -> bool:
    client = page_client(s, person)
    case = s.case

    def work(name: str, *args: int) -> str:
        return reverse(f"cases:{name}", args=[case.pk, *args])

    if act == "view_access_log":
        response = client.get(reverse("portal:access_log", args=[s.world.child.pk]))
        return (
            not _refused(response)
            and response.status_code == 200
            and "Wat is dit logboek?" in (response.content.decode())
        )
    if act in READS:
        html = _case_page(s, person, client)
        if html is None:
            return False
        marker = {
            "view_case": "kring-case-header",
            "view_signal": SIGNAL,
            "view_circle": "Mag zien",  # the column of the circle's member table
            "view_representatives": s.world.parent_rep.name,
            "view_meetings": "Overleggen",
            "view_other_agreements": OTHER_AGREEMENT,
            "view_timeline": 'id="tijdlijn"',
            "view_assessment": 'id="beoordeling"',
            "view_plan": GOALS,
            "view_escalations": ESCALATION_REASON,
        }[act]
        if person in s.family_view:
            marker = FAMILY_MARKERS.get(act, marker)
        return marker in html
    posts: dict[str, str] = {
        "add_circle_member": work("member_add"),
        "correct_regievoerder": work("regie_correct"),
        "add_meeting": work("meeting_add"),
        "add_agreement": work("agreement_add"),
        "complete_own_agreement": work("agreement_complete", s.own_agreement.pk),
        "complete_other_agreement": work("agreement_complete", s.other_agreement.pk),
        "set_rhythm": work("rhythm"),
        "escalate": work("escalate"),
        "change_phase": reverse("cases:transition", args=[case.pk]),
        "add_timeline_event": reverse("children:event_add", args=[case.pk]),
        "delete_timeline_event": reverse("children:event_delete", args=[case.pk, s.event.pk]),
    }
    return not _refused(client.post(posts[act], {}))


def api_allows(s: Setup, person: str, act: str) -> bool:
    client = api_client(s, person)
    case, child = s.case, s.world.child
    c = f"/api/v1/cases/{case.pk}/"
    k = f"/api/v1/children/{child.pk}/"

    def get(path: str, check: Callable[[Any], bool] = lambda _: True) -> bool:
        response = client.get(path)
        return not _refused(response) and response.status_code == 200 and check(response.json())

    reads: dict[str, Callable[[], bool]] = {
        "view_case": lambda: get(c),
        "view_signal": lambda: get(c, lambda body: body["signal_description"] == SIGNAL),
        "view_circle": lambda: get(c + "circle/"),
        "view_representatives": lambda: get(k, lambda body: bool(body.get("representatives"))),
        "view_meetings": lambda: get(c + "meetings/"),
        "view_other_agreements": lambda: get(
            c + "agreements/", lambda body: OTHER_AGREEMENT in [a["text"] for a in body]
        ),
        "view_timeline": lambda: get(k + "events/"),
        "view_assessment": lambda: get(k + "assessment/"),
        "view_plan": lambda: get(c + "perspective/"),
        "view_escalations": lambda: get(c + "escalations/"),
        "view_access_log": lambda: get(k + "access-log/", lambda body: bool(body["results"])),
    }
    if act in reads:
        return reads[act]()
    writes: dict[str, tuple[str, str]] = {
        "add_circle_member": ("post", c + "circle/"),
        "correct_regievoerder": ("post", c + "regievoerder/correct/"),
        "add_meeting": ("post", c + "meetings/"),
        "add_agreement": ("post", c + "agreements/"),
        "complete_own_agreement": ("post", c + f"agreements/{s.own_agreement.pk}/complete/"),
        "complete_other_agreement": ("post", c + f"agreements/{s.other_agreement.pk}/complete/"),
        "set_rhythm": ("put", c + "rhythm/"),
        "escalate": ("post", c + "escalations/"),
        "change_phase": ("post", c + "transition/"),
        "add_timeline_event": ("post", k + "events/"),
        "delete_timeline_event": ("delete", k + f"events/{s.event.pk}/"),
    }
    method, path = writes[act]
    return not _refused(getattr(client, method)(path, {}, format="json"))


def _isolated(check: Callable[[], bool]) -> bool:
    """Run one request in a savepoint that is rolled back, so every act starts from the same data."""
    with transaction.atomic():
        result = check()
        transaction.set_rollback(True)
    return result


# ---------------------------------------------------------------- the tests


def test_the_table_covers_every_role_and_scope() -> None:
    people = {row.person for row in TABLE}
    world_keys = {"ib", "schoolleider", "consulent", "directeur", "lpa", "jeugdhulp", "steunpunt"}
    world_keys |= {"beheerder", "inspecteur", "ouder", "other_ouder", "leerling"}
    assert world_keys | {"inactive", "anonymous"} <= people
    assert {row.scope for row in TABLE} >= set(Visibility.values)
    for row in TABLE:
        assert row.allowed <= frozenset(ACTS), row


@pytest.mark.parametrize("row", TABLE, ids=[row.person for row in TABLE])
def test_page_and_api_agree_with_the_table(setup: Setup, row: Row) -> None:
    from kring.access import policy

    if row.person != "anonymous":
        scope = policy.case_view_scope(setup.people[row.person], setup.case)
        assert (scope or "-") == row.scope, f"{row.person} has scope {scope}"
    wrong: list[str] = []
    for act in ACTS:
        expected = act in row.allowed
        for surface, check in (("page", page_allows), ("api", api_allows)):
            got = _isolated(lambda check=check, act=act: check(setup, row.person, act))  # type: ignore[misc]
            if got != expected:
                wrong.append(
                    f"{surface} {act}: {'allowed' if got else 'refused'}, the table says "
                    f"{'allowed' if expected else 'refused'}"
                )
    assert not wrong, f"{row.person} ({row.relation}):\n" + "\n".join(wrong)
