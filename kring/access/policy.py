"""The access policy: the ONE place that decides who may see or change a child's data.

Lists and detail pages both start from `visible_children(user)` / `visible_cases(user)`, and the
single-object checks (`can_view_child`, `can_edit_case`) are those same querysets narrowed to one
row, so a list can never show what a detail page would refuse (or the other way round).
Deny by default: a role that is not in the table below sees nothing.

| role (User.role)          | sees a child when ...                                      | because          |
| ------------------------- | ---------------------------------------------------------- | ---------------- |
| every professional role   | they, or their organisation, are an active member of the   | the circle       |
| except the last rows      | circle of a case (open or closed) of the child             |                  |
| leerplichtambtenaar       | ... or the child's `gemeente` is their organisation        | Leerplichtwet    |
| swv_consulent,            | ... or the child's home PC4 is in the SWV's region         | dekkend aanbod   |
| swv_directeur             | (PostcodeArea.swv_po / swv_vo, by the SWV's sector), or    | in de regio      |
|                           | the child is enrolled at a school whose PC4 is in it       |                  |
| intern_begeleider,        | ... or the child is enrolled at their school (or a school  | zorgplicht       |
| schoolleider              | of their board), or has an undecided aanmelding there      |                  |
| every professional role   | ... or an unresolved escalation of the child's case waits  | escalation with  |
|                           | for their decision (they hold the mandate at its level)    | a mandate        |
| BREAK_GLASS_ROLES         | ... or they opened the file in an emergency (break-glass,  | urgent safety    |
|                           | `may_break_glass`) less than BREAK_GLASS_PERIOD ago: READ  | (AVG art. 6.1d)  |
|                           | the whole file, change nothing; every read is logged with  |                  |
|                           | the purpose break_glass and the family sees it and why     |                  |
| jeugdhulpverlener,        | only through the circle (or a mandate, as above)           | no statutory     |
| steunpunt_medewerker      |                                                            | task per child   |
| jeugdhulpverlener         | ... and of the circle's scope, the CONSENT_SECTIONS        | no legal basis:  |
| (CONSENT_ROLES)           | (timeline, assessment, plan, meetings) only those a running| the family's     |
|                           | consent covers (`privacy.Consent`, named to them or their  | consent (AVG     |
|                           | organisation); revoked or ended: denied at once            | art. 6.1a)       |
| functioneel_beheerder     | never (configuration only)                                 | least privilege  |
| inspecteur                | never in v1 (the monitor shows aggregates)                 | least privilege  |
| ouder                     | only a child they are LegalRepresentative.user of, until   | co-owns the file;|
|                           | the child is 18 (with or without gezag: art. 1:377c BW)    | gezag ends at 18 |
| leerling                  | only their own file (Child.account), from their 12th       | own access from  |
|                           | birthday: child-friendly scope to 15, the whole file from 16| 12, rights at 16 |
| inactive, anonymous, ... | never                                                      | deny by default  |

"Currently enrolled" is read from the timeline: an `inschrijving` at the school (TimelineEvent.school)
with no `uitschrijving` at that school on or after its date. "A school in the region" is a school
location whose postcode's PC4 maps to the SWV; this is the simple reading of the region for v1.

Changing a case (`can_edit_case`): a professional who may see the child AND either is (or whose
organisation is) an active member of THIS case's circle, or holds the statutory task for the child
(the rows marked "..." above); and the case is open. Family accounts change nothing through the case
services (their own view and correction requests come with the portal).

Configuring a region (`can_configure_region`): the functioneel beheerder or the director of that
samenwerkingsverband (organisation = the SWV). This touches no child data.

The family's view of a child (`require_family_child`, `family_destination`):

| who                        | /casussen/gezin/<child>/        | a professional page of the child's case |
| -------------------------- | ------------------------------- | --------------------------------------- |
| ouder of the child (minor) | the whole file, in plain Dutch  | taken to the family's view (a redirect) |
| the child itself, from 16  | the whole file, in plain Dutch  | taken to the family's view (a redirect) |
| the child itself, 12 to 15 | 403: the child-friendly overview| taken to the overview (/casussen/gezin/)|
| ouder of another child,    | 404, as for a child that does   | 404, as for a case that does not exist  |
| another leerling           | not exist (nothing leaks)       |                                         |
| professionals              | 403: their page is the case's   | as the tables here say                  |

What the institutions owe (`shows_institution_duties`): the family in its view, and on the case
page the leerplichtambtenaar who sees the assessment: the people who enforce leerplicht see whether
the school, the samenwerkingsverband and the gemeente met their own duties before a family is held
to account for absence.

Deciding at an escalation level (`holds_mandate`): the level's named mandate holder, or else every
user with the level's role at the level's organisation (default: the samenwerkingsverband).

Reading a child's access log (`can_read_access_log`, the family's logbook: who saw or changed what):

| who                       | reads the access log of a child when ...                   | because          |
| ------------------------- | ---------------------------------------------------------- | ---------------- |
| ouder                     | they are LegalRepresentative.user of the child, a minor    | co-owns the file |
| leerling                  | it is their own file (Child.account) and they are 16 or    | AVG art. 15,     |
|                           | older (ADR 0018)                                           | UAVG art. 5      |
| every professional role   | never: the log is the family's check on the professionals  | AVG art. 15      |
| inactive, anonymous, ...  | never                                                      | deny by default  |

Acting for the child (`may_act_for_child`: consent, a zienswijze on the child's behalf): a
representative with gezag or voogdij while the child is under 16; from 16 the child acts for
themselves (UAVG art. 5). Inviting the family (`may_invite_family`): the school, the
samenwerkingsverband or the leerplichtambtenaar who may see the child; the child's own account also a
parent with gezag (`may_invite_child`), from the child's 12th birthday. Ages are computed on the day
(`kring.access.ages`); docs/adr/0018-family-accounts-gezag-and-age.md has the reasoning.

Every read of a child's data is audited by the selector that reads it, not here: this module only
decides.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.accounts.roles import FAMILY_ROLES, Role
from kring.attendance.models import AttendanceImport, AttendanceSignal
from kring.children.models import Child, EventType, Gezag, Invitation, LegalRepresentative, TimelineEvent
from kring.desk.models import LinkKind, PolicySignal, Question, QuestionLink
from kring.organisations.models import Organisation, OrganisationKind, Samenwerkingsverband, SchoolLocation
from kring.privacy.models import BreakGlassAccess, Consent, ConsentCategory, ConsentQuerySet, RightsRequest

from . import ages

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from kring.accounts.models import User
    from kring.cases.models import Agreement, Case
    from kring.enrolment.models import Aanmelding
    from kring.regions.models import EscalationLevel

__all__ = [
    "BEHEER_ASSIGNABLE_ROLES",
    "BREAK_GLASS_PERIOD",
    "BREAK_GLASS_REFUSALS",
    "BREAK_GLASS_ROLES",
    "CONSENT_REFUSALS",
    "CONSENT_ROLES",
    "LEGAL_BASES",
    "Act",
    "ConsentAct",
    "Refusal",
    "aanmelding_schools",
    "access_log_children",
    "agreements_allowing",
    "applied_at_q",
    "assignable_roles",
    "basis_rows",
    "break_glass_refusal",
    "break_glass_until",
    "can",
    "can_agreement",
    "can_child",
    "can_configure_region",
    "can_edit_case",
    "can_handle_aanmelding",
    "can_handle_removal",
    "can_handle_suspension",
    "can_manage_account",
    "can_read_access_log",
    "can_register_children",
    "can_view_case",
    "can_view_child",
    "can_write_timeline",
    "case_scopes",
    "case_view_scope",
    "child_friendly_file",
    "child_view_scope",
    "children_allowing",
    "consent_category",
    "consent_deciders_q",
    "consent_readable_children",
    "consent_recipient_members",
    "decide",
    "decide_agreement",
    "decide_child",
    "decide_invite_child",
    "decide_view",
    "deciding_once",
    "discipline_schools",
    "editable_cases",
    "enrolled_at_q",
    "exportable_children",
    "family_destination",
    "family_rights_requests",
    "handles_rights_requests",
    "has_gezag",
    "holds_mandate",
    "locked_account_fields",
    "mandate_holders",
    "may_accept_invitation",
    "may_act_for_child",
    "may_add_view",
    "may_answer_request",
    "may_break_glass",
    "may_consent_on_paper",
    "may_consent_opp",
    "may_decide_consent",
    "may_export_file",
    "may_invite_child",
    "may_invite_family",
    "may_manage_invitation",
    "may_record_discipline",
    "may_record_gezag",
    "may_request_consent",
    "may_request_rights",
    "may_say_before_meeting",
    "may_view_opp",
    "may_view_return_plan",
    "may_write_opp",
    "may_write_return_plan",
    "needs_consent",
    "openable_children",
    "opp_children",
    "opp_schools",
    "organisation_rights_requests",
    "own_file_scope",
    "payer_overview_swv",
    "recipient_consents",
    "registration_schools",
    "require_aanmelding",
    "require_access_log",
    "require_agreement",
    "require_answerable_request",
    "require_case",
    "require_child",
    "require_consent_child",
    "require_family_child",
    "require_opp_child",
    "require_removal",
    "require_request_child",
    "require_return_plan_child",
    "require_suspension",
    "require_view_child",
    "return_plan_children",
    "shows_institution_duties",
    "shows_whole_family_view",
    "uses_invitation_page",
    "visible_aanmeldingen",
    "visible_agreements",
    "visible_cases",
    "visible_cases_read_once",
    "visible_children",
    "visible_children_for_organisation",
    "visible_invitations",
    "visible_removals",
    "visible_suspensions",
    "voice_children",
    "zienswijze_visible",
]

SCHOOL_ROLES = frozenset({Role.INTERN_BEGELEIDER, Role.SCHOOLLEIDER})
SWV_ROLES = frozenset({Role.SWV_CONSULENT, Role.SWV_DIRECTEUR})
CIRCLE_ONLY_ROLES = frozenset({Role.JEUGDHULPVERLENER, Role.STEUNPUNT_MEDEWERKER})
NO_CHILD_DATA_ROLES = frozenset({Role.FUNCTIONEEL_BEHEERDER, Role.INSPECTEUR})
# Who invites the family to the child's file: the school, the samenwerkingsverband and the
# leerplichtambtenaar (the roles with a statutory task for the child; they must also see the child).
INVITING_ROLES = SCHOOL_ROLES | SWV_ROLES | {Role.LEERPLICHTAMBTENAAR}
# The kinds of gezag that act for the child (voogdij is gezag by someone other than a parent).
ACTING_GEZAG = frozenset({Gezag.GEZAG, Gezag.VOOGD})
PROFESSIONAL_CASE_ROLES = SCHOOL_ROLES | SWV_ROLES | CIRCLE_ONLY_ROLES | {Role.LEERPLICHTAMBTENAAR}

_NOTHING = Q(pk__in=[])


# ---------------------------------------------------------------- building blocks (Q on Child)
#
# The visibility of a child to a professional is an OR of four conditions (the circle, the
# statutory task, a mandate, break-glass). Written as one WHERE with OR, PostgreSQL can use no index
# for it and walks every child (docs/performance.md). So each condition is a query of child ids
# that its own index answers (`_circle_ids`, `_statutory_ids`, ...), and the predicate is
# `pk IN (ids UNION ids UNION ...)`: `_any_of`. The tests hold it to the old OR form
# (kring/access/tests/test_union_predicate.py).

_NO_IDS = None  # a condition that selects nobody, left out of the UNION


def _united_ids(*parts: QuerySet[Any] | None, among: Collection[int] | None = None) -> QuerySet[Any] | None:
    """`part UNION part ...` of `parts` (querysets of one column of child ids, or None for
    nobody); None when no part is left. `among` (child ids) narrows every part to those children,
    so a check of a page's rows reads the rows' index entries, not the whole UNION."""
    present = [p.order_by() for p in parts if p is not None]
    if among is not None:
        present = [p.filter(**{f"{p.query.values_select[0]}__in": among}) for p in present]
    if not present:
        return None
    return present[0] if len(present) == 1 else present[0].union(*present[1:])


def _any_of(*parts: QuerySet[Any] | None, among: Collection[int] | None = None) -> Q:
    """Children whose id is in one of `parts`: `pk IN (part UNION part ...)` (see `_united_ids`)."""
    ids = _united_ids(*parts, among=among)
    return _NOTHING if ids is None else Q(pk__in=ids)


def _circle_ids(*, user: User | None, organisation_id: int | None) -> QuerySet[Any] | None:
    """Ids of children with a case whose circle has this user or organisation as an active member."""
    from kring.cases.models import CircleMember

    who = Q()
    if user is not None:
        who |= Q(user=user)
    if organisation_id is not None:
        who |= Q(organisation_id=organisation_id)
    if not who:
        return _NO_IDS
    return CircleMember.objects.filter(who, active=True).values("case__child_id")


def _enrolled_ids(schools: QuerySet[SchoolLocation]) -> QuerySet[Any]:
    later_exit = TimelineEvent.objects.filter(
        child=OuterRef("child"),
        type=EventType.UITSCHRIJVING,
        school=OuterRef("school"),
        date__gte=OuterRef("date"),
    )
    return (
        TimelineEvent.objects.filter(type=EventType.INSCHRIJVING, school__in=schools)
        .filter(~Exists(later_exit))
        .values("child_id")
    )


def _applied_ids(schools: QuerySet[SchoolLocation]) -> QuerySet[Any]:
    decision = TimelineEvent.objects.filter(
        child=OuterRef("child"),
        type=EventType.AANMELDING_BESLUIT,
        school=OuterRef("school"),
        date__gte=OuterRef("date"),
    )
    return (
        TimelineEvent.objects.filter(type=EventType.AANMELDING, school__in=schools)
        .filter(~Exists(decision))
        .values("child_id")
    )


def enrolled_at_q(schools: QuerySet[SchoolLocation]) -> Q:
    """Children currently enrolled at one of `schools` (an `inschrijving` there, no later `uitschrijving`)."""
    return _any_of(_enrolled_ids(schools))


def applied_at_q(schools: QuerySet[SchoolLocation]) -> Q:
    """Children with an `aanmelding` at one of `schools` and no `aanmelding_besluit` there since."""
    return _any_of(_applied_ids(schools))


def _school_ids(organisation: Organisation) -> list[QuerySet[Any]]:
    schools = SchoolLocation.objects.filter(Q(organisation=organisation) | Q(board=organisation))
    return [_enrolled_ids(schools), _applied_ids(schools)]


def _gemeente_ids(organisation: Organisation) -> list[QuerySet[Any]]:
    if organisation.kind != OrganisationKind.GEMEENTE:
        return []
    # Gemeente's primary key is its organisation's id.
    return [Child.objects.filter(gemeente_id=organisation.pk).values("pk")]


def _swv_ids(organisation: Organisation) -> list[QuerySet[Any]]:
    from kring.organisations.selectors import schools_in_swv
    from kring.reference.models import PostcodeArea

    if organisation.kind != OrganisationKind.SWV or not hasattr(organisation, "swv"):
        return []
    column = "swv_vo" if organisation.swv.sector == "vo" else "swv_po"
    # The home PC4 as the expression of the index `child_home_pc4`.
    home = (
        Child.objects.alias(home_pc4=Substr("postcode", 1, 4))
        .filter(home_pc4__in=PostcodeArea.objects.filter(**{column: organisation.pk}).values("pc4"))
        .values("pk")
    )
    return [home, _enrolled_ids(schools_in_swv(organisation.swv))]


def _statutory_ids(*, role: str, organisation: Organisation | None) -> list[QuerySet[Any]]:
    """Ids of children for whom this role at this organisation has a statutory task (not via the
    circle), as querysets to unite."""
    if organisation is None:
        return []
    if role == Role.LEERPLICHTAMBTENAAR:
        return _gemeente_ids(organisation)
    if role in SWV_ROLES:
        return _swv_ids(organisation)
    if role in SCHOOL_ROLES:
        return _school_ids(organisation)
    return []


def _statutory_q(*, role: str, organisation: Organisation | None) -> Q:
    """Children for whom this role at this organisation has a statutory task (not via the circle)."""
    return _any_of(*_statutory_ids(role=role, organisation=organisation))


def _mandate_ids(user: User) -> QuerySet[Any]:
    """Ids of children with an unresolved escalation that waits for this person's decision: the
    mandate holder must see the case to decide, even from outside the region or the circle."""
    from kring.cases.models import Escalation

    holder = Q(level__mandate_user=user)
    if user.organisation_id is not None:
        holder |= Q(level__mandate_user__isnull=True, level__mandate_role=user.role) & (
            Q(level__mandate_organisation_id=user.organisation_id)
            | Q(level__mandate_organisation__isnull=True, level__swv_id=user.organisation_id)
        )
    return Escalation.objects.filter(holder, resolved_on__isnull=True).values("case__child_id")


def _break_glass_ids(user: User) -> QuerySet[Any]:
    """Ids of children whose file this user opened in an emergency, and the period has not ended."""
    return BreakGlassAccess.objects.active().filter(user=user).values("child_id")


# ---------------------------------------------------------------- deciding once per page

# A page asks many questions about one case (may this user see it, which part, may they change it:
# once per panel and per act); the answers cannot change while a page is read and rendered. Inside
# `deciding_once()` each is asked of the database once. Writes never run inside it: a service that
# changes the circle must see the new answer.
_REMEMBERED: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar(
    "kring_policy_remembered", default=None
)


@contextmanager
def deciding_once() -> Iterator[None]:
    """Within this block (a page being read and rendered), the decisions about one user and one
    case or child (`case_view_scope`, `can_edit_case`, `can_view_child`) are each made once."""
    token = _REMEMBERED.set({})
    try:
        yield
    finally:
        _REMEMBERED.reset(token)


def _remembered(key: tuple[Any, ...], decide: Callable[[], Any]) -> Any:
    memo = _REMEMBERED.get()
    if memo is None:
        return decide()
    if key not in memo:
        memo[key] = decide()
    return memo[key]


def _is_usable(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _today(on: date | None) -> date:
    return on if on is not None else timezone.localdate()


def _minor_q(on: date | None) -> Q:
    """Children under 18 on the day."""
    return Q(birth_date__gt=ages.born_on_or_before(ages.MAJORITY_AGE, _today(on)))


def _at_least_q(age: int, on: date | None) -> Q:
    return Q(birth_date__lte=ages.born_on_or_before(age, _today(on)))


def _own_file_q(user: User, on: date | None = None) -> Q:
    """A pupil's own file: the child whose account they are, from the 12th birthday."""
    return Q(account=user) & _at_least_q(ages.OWN_ACCOUNT_AGE, on)


def _child_q(user: User, on: date | None = None, *, among: Collection[int] | None = None) -> Q:
    """The children this user may see; `among` (child ids): only those of them (see `_any_of`)."""
    if not _is_usable(user):
        return _NOTHING
    role = user.role
    narrow = Q() if among is None else Q(pk__in=among)
    if role == Role.OUDER:
        reps = LegalRepresentative.objects.filter(child=OuterRef("pk"), user=user)
        return Q(Exists(reps)) & _minor_q(on) & narrow  # at 18 the child is of age: gezag and 1:377c end
    if role == Role.LEERLING:
        return _own_file_q(user, on) & narrow
    ids = _professional_child_ids(user, among=among)
    if ids is None:
        return _NOTHING  # deny by default: functioneel beheer, inspectie, leerling, unknown roles
    return Q(pk__in=ids)


def _professional_child_ids(user: User, *, among: Collection[int] | None = None) -> QuerySet[Any] | None:
    """The ids of the children a professional may see, as one UNION; None for everyone else
    (nobody, or a family member: their children are decided on the child's own row)."""
    if not _is_usable(user) or user.role not in PROFESSIONAL_CASE_ROLES or user.organisation_id is None:
        return None
    return _united_ids(
        _circle_ids(user=user, organisation_id=user.organisation_id),
        *_statutory_ids(role=user.role, organisation=user.organisation),
        _mandate_ids(user),
        _break_glass_ids(user),
        among=among,
    )


# ---------------------------------------------------------------- the public API


def visible_children(user: User, *, on: date | None = None) -> QuerySet[Child]:
    """Every child this user may see (on the day `on`, default today: a family member's access
    depends on the child's age). Lists start here; detail pages narrow it to one row."""
    return Child.objects.filter(_child_q(user, on))


def can_view_child(user: User, child: Child, *, on: date | None = None) -> bool:
    return bool(
        _remembered(
            ("view_child", user.pk, child.pk, on),
            lambda: visible_children(user, on=on).filter(pk=child.pk).exists(),
        )
    )


def visible_cases(user: User, *, among: Iterable[Case] | None = None) -> QuerySet[Case]:
    """Every case (open or closed) of a child this user may see; `among`: only those of these
    cases (a page's rows: the check reads their children's index entries, not every visible child)."""
    from kring.cases.models import Case

    if among is None:
        ids = _professional_child_ids(user)
        if ids is not None:
            # the cases' own child_id against the UNION: not a walk of every child row in between
            return Case.objects.filter(child_id__in=ids)
        return Case.objects.filter(child__in=visible_children(user))
    rows = list(among)
    children = sorted({c.child_id for c in rows})
    return Case.objects.filter(
        pk__in=[c.pk for c in rows], child__in=Child.objects.filter(_child_q(user, among=children))
    )


def visible_cases_read_once(user: User) -> QuerySet[Case]:
    """`visible_cases(user)` with the visibility predicate evaluated once, here: the ids of the
    cases, as a literal list. For a page that asks many questions of the same set (the case list:
    its count, its rows and the choices of its filter form), so that each of them costs what its
    rows cost instead of walking every visible child again (issue 14, benchmarks/plans.py)."""
    from kring.cases.models import Case

    return Case.objects.filter(pk__in=list(visible_cases(user).order_by().values_list("pk", flat=True)))


def can_view_case(user: User, case: Case) -> bool:
    return visible_cases(user).filter(pk=case.pk).exists()


def editable_cases(user: User) -> QuerySet[Case]:
    """Open cases this user may change: circle member of that case, or statutory task for the child."""
    from kring.cases.models import OPEN_STATUSES, Case, CircleMember

    if not _is_usable(user) or user.role not in PROFESSIONAL_CASE_ROLES or user.organisation_id is None:
        return Case.objects.none()
    members = CircleMember.objects.filter(
        Q(user=user) | Q(organisation_id=user.organisation_id), active=True, case=OuterRef("pk")
    )
    statutory = Child.objects.filter(_statutory_q(role=user.role, organisation=user.organisation))
    return Case.objects.filter(status__in=OPEN_STATUSES).filter(Q(Exists(members)) | Q(child__in=statutory))


def can_edit_case(user: User, case: Case) -> bool:
    return bool(
        _remembered(("edit_case", user.pk, case.pk), lambda: editable_cases(user).filter(pk=case.pk).exists())
    )


def can_write_timeline(user: User, child: Child) -> bool:
    """Who may add or remove events on a child's timeline: whoever may change the child's open case;
    without an open case, a professional with a statutory task for the child (the same rows of this
    policy that let them change a case). Pages and API both ask this function."""
    from kring.cases.models import OPEN_STATUSES, Case

    if not can_view_child(user, child):
        return False
    case = Case.objects.filter(child=child, status__in=OPEN_STATUSES).first()
    if case is not None:
        # The timeline is part of the whole file: a member who may not see it may not change it.
        return can(user, Act.WRITE_TIMELINE, case)
    if user.role not in PROFESSIONAL_CASE_ROLES or user.role in CIRCLE_ONLY_ROLES:
        return False
    statutory = _statutory_q(role=user.role, organisation=user.organisation)
    return Child.objects.filter(statutory, pk=child.pk).exists()


def visible_children_for_organisation(organisation: Organisation) -> QuerySet[Child]:
    """Children an organisation as a whole may see: its circles, plus the statutory task of its kind
    (the organisation's agenda). Family and configuration-only roles play no part here."""
    if organisation.kind == OrganisationKind.INSPECTIE:
        return Child.objects.none()
    statutory: list[QuerySet[Any]] = []
    if organisation.kind == OrganisationKind.GEMEENTE:
        statutory = _gemeente_ids(organisation)
    elif organisation.kind == OrganisationKind.SWV:
        statutory = _swv_ids(organisation)
    elif organisation.kind in (OrganisationKind.SCHOOL, OrganisationKind.BESTUUR):
        statutory = _school_ids(organisation)
    return Child.objects.filter(_any_of(_circle_ids(user=None, organisation_id=organisation.pk), *statutory))


def case_view_scope(user: User, case: Case) -> str | None:
    """What part of the case this user may see: a `Visibility` value, or None for nothing.

    The family and holders of a statutory task see the whole file; other professionals see what
    their circle membership says (the widest of their own and their organisation's memberships).
    """
    scope: str | None = _remembered(("case_scope", user.pk, case.pk), lambda: _case_view_scope(user, case))
    return scope


def _case_view_scope(user: User, case: Case) -> str | None:
    from kring.cases.models import CircleMember, Visibility

    from .scopes import widest

    if not can_view_case(user, case):
        return None
    if user.role == Role.OUDER:
        return Visibility.VOLLEDIG
    if user.role == Role.LEERLING:
        return own_file_scope(case.child)
    if Child.objects.filter(Q(pk=case.child_id) & _full_file_q(user)).exists():
        return Visibility.VOLLEDIG
    scopes = set(
        CircleMember.objects.filter(
            Q(user=user) | Q(organisation_id=user.organisation_id), case=case, active=True
        ).values_list("visibility", flat=True)
    )
    # Visible through a circle of an earlier case of this child only: the basic picture.
    return widest(scopes) or Visibility.KRING_EN_AFSPRAKEN


def mandate_holders(level: EscalationLevel) -> QuerySet[User]:
    """Who may decide at this escalation level: the named person, or everyone with the level's role
    at the level's organisation (by default the samenwerkingsverband itself). Active accounts only."""
    from kring.accounts.models import User

    if level.mandate_user_id is not None:
        return User.objects.filter(pk=level.mandate_user_id, is_active=True)
    organisation_id = level.mandate_organisation_id or level.swv_id
    return User.objects.filter(role=level.mandate_role, organisation_id=organisation_id, is_active=True)


def holds_mandate(user: User, level: EscalationLevel) -> bool:
    if not _is_usable(user):
        return False
    return mandate_holders(level).filter(pk=user.pk).exists()


def can_configure_region(user: User, swv: Samenwerkingsverband) -> bool:
    """The region's norms and escalation ladder: its functioneel beheerder or its director."""
    return (
        _is_usable(user)
        and user.role in (Role.FUNCTIONEEL_BEHEERDER, Role.SWV_DIRECTEUR)
        and user.organisation_id == swv.pk
    )


# ---------------------------------------------------------------- account administration (/beheer/)

# Roles the functioneel beheerder may give: every role but their own (a beheerder is made by the
# operator, `createsuperuser` or a superuser), so beheer can never widen beheer.
BEHEER_ASSIGNABLE_ROLES = frozenset(Role) - {Role.FUNCTIONEEL_BEHEERDER}
# What only a superuser may change on an account: these fields widen what someone may do in
# /beheer/ itself.
SUPERUSER_ONLY_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")
# What nobody changes on their own account in /beheer/.
OWN_ACCOUNT_LOCKED_FIELDS = ("role", "organisation", "is_active", *SUPERUSER_ONLY_FIELDS)


def assignable_roles(actor: User) -> frozenset[str]:
    """The roles `actor` may give someone in /beheer/."""
    if not _is_usable(actor):
        return frozenset()
    if actor.is_superuser:
        return frozenset(Role)
    if actor.role == Role.FUNCTIONEEL_BEHEERDER:
        return frozenset(BEHEER_ASSIGNABLE_ROLES)
    return frozenset()


def can_manage_account(actor: User, user: User | None) -> bool:
    """May `actor` change this account in /beheer/ (None: a new account)? A superuser: every
    account. A beheerder: accounts with a role they may assign, never a superuser's or another
    beheerder's (changing its password would give them that account's rights)."""
    if not _is_usable(actor):
        return False
    if actor.is_superuser:
        return True
    if actor.role != Role.FUNCTIONEEL_BEHEERDER:
        return False
    if user is None or user.pk == actor.pk:
        return True
    return not user.is_superuser and user.role in BEHEER_ASSIGNABLE_ROLES


def may_save_account(actor: User, user: User, *, is_new: bool) -> bool:
    """May `actor` save this account with its (new) role? Their own account keeps its role (the
    field is locked); anyone else's only with a role they may assign."""
    if not can_manage_account(actor, None if is_new else user):
        return False
    return (not is_new and user.pk == actor.pk) or user.role in assignable_roles(actor)


def locked_account_fields(actor: User, user: User | None) -> tuple[str, ...]:
    """The fields of an account `actor` may not change in /beheer/."""
    if user is not None and user.pk == actor.pk:
        return OWN_ACCOUNT_LOCKED_FIELDS if not actor.is_superuser else ("is_superuser", "is_active")
    if actor.is_superuser:
        return ()
    return SUPERUSER_ONLY_FIELDS


def can_issue_enrolment_link(actor: User, user: User) -> bool:
    """Who may send someone a link to connect their first authenticator app (two-factor login): the
    functioneel beheerder or a superuser, for another active account, never for themselves (a
    beheerder who lost their app asks another beheerder or the operator: `kring enrolment_link`)."""
    return (
        _is_usable(actor)
        and (actor.is_superuser or actor.role == Role.FUNCTIONEEL_BEHEERDER)
        and actor.pk != user.pk
        and user.is_active
    )


# ---------------------------------------------------------------- acts: one function per act
#
# Every act on a case (a read of a part of it, or a change) is decided by `decide(user, act, case)`
# and nothing else. Pages, the API and the services all ask it: `can` for a yes/no (to show a form
# or a link), `require_case` to fetch and authorise in one call (Http404 when the case is not
# visible, PermissionDenied with the reason when it is visible but the act is not allowed).
#
# | act                          | needs (besides seeing the case)                                |
# | ---------------------------- | -------------------------------------------------------------- |
# | view_case                    | nothing more: the header (child, phase, regievoerder)          |
# | view_<section>               | the scope shows that section (kring.access.scopes.SECTIONS)    |
# | add_meeting, add_agreement   | may change the case (can_edit_case) and scope kring_en_afspraken|
# | complete/cancel_agreement    | may change the case; their own agreement at any scope, someone |
# |                              | else's only with the whole file (decide_agreement)             |
# | manage_circle (add, remove,  | may change the case and scope volledig: who sees what is part  |
# |   regievoerder: appoint,     | of the file                                                    |
# |   hand over, correct)        |                                                                |
# | change_phase, change_plan,   | may change the case and scope volledig: these acts rest on the |
# |   escalate, write_timeline   | timeline, the assessment and the plan, which only volledig sees|


class Act(StrEnum):
    VIEW_CASE = "view_case"
    VIEW_SIGNAL = "view_signal"
    VIEW_STATUS_CHANGES = "view_status_changes"
    VIEW_CIRCLE = "view_circle"
    VIEW_REPRESENTATIVES = "view_representatives"
    VIEW_MEETINGS = "view_meetings"
    VIEW_AGREEMENTS = "view_agreements"  # every agreement; own ones: visible_agreements
    VIEW_OWN_AGREEMENTS = "view_own_agreements"
    VIEW_TIMELINE = "view_timeline"
    VIEW_ASSESSMENT = "view_assessment"
    VIEW_PLAN = "view_plan"
    VIEW_ESCALATIONS = "view_escalations"
    VIEW_DESK_LINKS = "view_desk_links"
    CHANGE_PHASE = "change_phase"
    MANAGE_CIRCLE = "manage_circle"
    ADD_MEETING = "add_meeting"
    ADD_AGREEMENT = "add_agreement"
    COMPLETE_AGREEMENT = "complete_agreement"
    CANCEL_AGREEMENT = "cancel_agreement"
    CHANGE_PLAN = "change_plan"
    ESCALATE = "escalate"
    WRITE_TIMELINE = "write_timeline"
    EXPORT_FILE = "export_file"  # the child's whole file as a download (acts on a child only)


def _read_sections() -> dict[Act, Any]:
    from .scopes import Section

    return {
        Act.VIEW_CASE: Section.CHILD,
        Act.VIEW_SIGNAL: Section.SIGNAL,
        Act.VIEW_STATUS_CHANGES: Section.STATUS_CHANGES,
        Act.VIEW_CIRCLE: Section.CIRCLE,
        Act.VIEW_REPRESENTATIVES: Section.REPRESENTATIVES,
        Act.VIEW_MEETINGS: Section.MEETINGS,
        Act.VIEW_AGREEMENTS: Section.AGREEMENTS,
        Act.VIEW_OWN_AGREEMENTS: Section.OWN_AGREEMENTS,
        Act.VIEW_TIMELINE: Section.TIMELINE,
        Act.VIEW_ASSESSMENT: Section.ASSESSMENT,
        Act.VIEW_PLAN: Section.PLAN,
        Act.VIEW_ESCALATIONS: Section.ESCALATIONS,
        Act.VIEW_DESK_LINKS: Section.DESK_LINKS,
    }


def _write_scopes() -> dict[Act, str]:
    from kring.cases.models import Visibility

    return {
        Act.ADD_MEETING: Visibility.KRING_EN_AFSPRAKEN,
        Act.ADD_AGREEMENT: Visibility.KRING_EN_AFSPRAKEN,
        Act.COMPLETE_AGREEMENT: Visibility.ALLEEN_AFSPRAKEN,  # own; others: decide_agreement
        Act.CANCEL_AGREEMENT: Visibility.ALLEEN_AFSPRAKEN,
        Act.MANAGE_CIRCLE: Visibility.VOLLEDIG,
        Act.CHANGE_PHASE: Visibility.VOLLEDIG,
        Act.CHANGE_PLAN: Visibility.VOLLEDIG,
        Act.ESCALATE: Visibility.VOLLEDIG,
        Act.WRITE_TIMELINE: Visibility.VOLLEDIG,
    }


def is_write(act: Act) -> bool:
    return act in _write_scopes()


class Refusal(StrEnum):
    """Why `decide` said no (None: allowed)."""

    INVISIBLE = "invisible"  # not found, as far as this person knows: 404
    SCOPE = "scope"  # visible, but this part is not for their scope: 403
    CLOSED = "closed"  # the case is closed: 403
    NOT_EDITOR = "not_editor"  # visible, but they may not change it: 403
    FAMILY_ONLY = "family_only"  # visible, but only the family may do this (the whole file): 403
    FAMILY_VOICE = "family_voice"  # visible, but a zienswijze is the family's own voice: 403
    FAMILY_REQUEST = "family_request"  # visible, but only the family asks for access or a correction: 403
    NOT_ADDRESSEE = "not_addressee"  # visible, but the request is addressed to another organisation: 403
    CONSENT = "consent"  # visible, but this part needs the family's consent, and there is none: 403


REFUSAL_MESSAGES: dict[Refusal, StrOrPromise] = {
    Refusal.INVISIBLE: _("Deze casus bestaat niet of je mag hem niet zien."),
    Refusal.SCOPE: _(
        "Je mag dit deel van de casus niet zien of wijzigen. Wat je ziet, staat bij jouw plek in de "
        "kring. Vraag de regievoerder als je meer nodig hebt."
    ),
    Refusal.CLOSED: _("Deze casus is afgesloten. Er kan niets meer aan worden veranderd."),
    Refusal.NOT_EDITOR: _(
        "Je mag deze casus niet wijzigen. Alleen leden van de kring en wie een wettelijke taak heeft "
        "voor dit kind kunnen dat."
    ),
    Refusal.FAMILY_ONLY: _(
        "Alleen de ouders of verzorgers van het kind kunnen het hele dossier downloaden. Zij doen dat "
        "zelf, op hun eigen pagina in Kring."
    ),
    Refusal.FAMILY_VOICE: _(
        "Een zienswijze is de eigen kijk van de ouders of het kind. Alleen zij kunnen die hier "
        "geven. Wat jij als professional wilt vastleggen, schrijf je in het verslag of op de tijdlijn."
    ),
    Refusal.FAMILY_REQUEST: _(
        "Om inzage of een correctie vraagt het gezin zelf: een ouder met gezag, of het kind vanaf 16 "
        "jaar. Ziet u als professional een fout? Verbeter die dan zelf in het dossier."
    ),
    Refusal.NOT_ADDRESSEE: _(
        "Dit verzoek is gericht aan een andere organisatie. Alleen die organisatie kan het beantwoorden."
    ),
    Refusal.CONSENT: _(
        "Dit deel van het dossier is niet met jou gedeeld. Je hebt hiervoor toestemming van het gezin "
        "nodig. Je kunt die toestemming vragen op de pagina van de casus."
    ),
}


def decide(user: User, act: Act, case: Case) -> Refusal | None:
    """THE decision for one act on one case: None when allowed, else why not."""
    from .scopes import at_least, shows

    if act == Act.EXPORT_FILE:
        raise ValueError(f"{act} is an act on a child: ask decide_child")
    scope = case_view_scope(user, case)
    if scope is None:
        return Refusal.INVISIBLE
    needed = _write_scopes().get(act)
    if needed is None:
        section = _read_sections()[act]
        if not shows(scope, section):
            return Refusal.SCOPE
        return Refusal.CONSENT if needs_consent(user, case.child_id, section) else None
    if not at_least(scope, needed):
        return Refusal.SCOPE
    written = _consent_writes().get(act)
    if written is not None and needs_consent(user, case.child_id, written):
        return Refusal.CONSENT
    if not case.is_open:
        return Refusal.CLOSED
    if not can_edit_case(user, case):
        return Refusal.NOT_EDITOR
    return None


def can(user: User, act: Act, case: Case) -> bool:
    return decide(user, act, case) is None


def refuse(refusal: Refusal) -> None:
    """Raise what a refusal means for a request: Http404 when invisible, PermissionDenied else."""
    message = str(REFUSAL_MESSAGES[refusal])
    if refusal is Refusal.INVISIBLE:
        raise Http404(message)
    raise PermissionDenied(message)


def require_case(user: User, case_id: Any, act: Act) -> Case:
    """Fetch the case and authorise `act` in one call (à la Zulip's access_* helpers): Http404
    when this user may not see it (or it does not exist), PermissionDenied when the act is not
    allowed. Does not audit: the selector that reads or the service that writes does."""
    from kring.cases.models import Case

    try:
        pk = int(case_id)
    except (TypeError, ValueError):
        refuse(Refusal.INVISIBLE)
    case = visible_cases(user).select_related("child", "child__gemeente").filter(pk=pk).first()
    if case is None:
        refuse(Refusal.INVISIBLE)
    assert isinstance(case, Case)
    refusal = decide(user, act, case)
    if refusal is not None:
        refuse(refusal)
    return case


def require_act(user: User, act: Act, case: Case) -> None:
    """For a case already in hand (the services): raise when `act` is not allowed."""
    refusal = decide(user, act, case)
    if refusal is not None:
        refuse(refusal)


# ---------------------------------------------------------------- agreements


def _owns(user: User, agreement: Agreement) -> bool:
    owner = agreement.owner
    if owner.user_id is not None:
        return bool(owner.user_id == user.pk)
    return owner.organisation_id is not None and owner.organisation_id == user.organisation_id


def visible_agreements(user: User, case: Case) -> QuerySet[Agreement]:
    """The agreements of the case this user may see: all of them, or only their own."""
    from kring.cases.models import Agreement

    if can(user, Act.VIEW_AGREEMENTS, case):
        return Agreement.objects.filter(case=case)
    if not can(user, Act.VIEW_OWN_AGREEMENTS, case):
        return Agreement.objects.none()
    who = Q(owner__user=user)
    if user.organisation_id is not None:
        who |= Q(owner__user__isnull=True, owner__organisation_id=user.organisation_id)
    return Agreement.objects.filter(who, case=case)


def decide_agreement(user: User, act: Act, agreement: Agreement) -> Refusal | None:
    """Completing or cancelling an agreement: the case's rule for the act, and someone else's
    agreement only with the whole file. An agreement they cannot see is not there (404)."""
    from kring.cases.models import Visibility

    from .scopes import at_least

    case = agreement.case
    if not visible_agreements(user, case).filter(pk=agreement.pk).exists():
        return Refusal.INVISIBLE
    refusal = decide(user, act, case)
    if refusal is not None:
        return refusal
    if not _owns(user, agreement) and not at_least(case_view_scope(user, case), Visibility.VOLLEDIG):
        return Refusal.SCOPE
    return None


def can_agreement(user: User, act: Act, agreement: Agreement) -> bool:
    return decide_agreement(user, act, agreement) is None


def agreements_allowing(user: User, act: Act, case: Case, agreements: Iterable[Agreement]) -> set[int]:
    """The ids of those of the case's `agreements` on which `can_agreement(user, act, agreement)`
    holds, in a fixed number of queries whatever their number (the case page's list)."""
    from kring.cases.models import Visibility

    from .scopes import at_least

    rows = [a for a in agreements if a.case_id == case.pk]
    if not rows or decide(user, act, case) is not None:
        return set()
    seen = set(
        visible_agreements(user, case).filter(pk__in=[a.pk for a in rows]).values_list("pk", flat=True)
    )
    whole_file = at_least(case_view_scope(user, case), Visibility.VOLLEDIG)
    return {a.pk for a in rows if a.pk in seen and (whole_file or _owns(user, a))}


def require_agreement(user: User, case: Case, agreement_id: Any, act: Act) -> Agreement:
    from kring.cases.models import Agreement

    try:
        pk = int(agreement_id)
    except (TypeError, ValueError):
        raise Http404 from None
    agreement = Agreement.objects.select_related("owner", "case").filter(pk=pk, case=case).first()
    if agreement is None:
        raise Http404
    refusal = decide_agreement(user, act, agreement)
    if refusal is not None:
        refuse(refusal)
    return agreement


def require_agreement_act(user: User, act: Act, agreement: Agreement) -> None:
    refusal = decide_agreement(user, act, agreement)
    if refusal is not None:
        refuse(refusal)


# ---------------------------------------------------------------- children


def child_view_scope(user: User, child: Child) -> str | None:
    """The widest part this user may see of any case of the child; the whole file when the child
    is visible but has no case visible to them (a statutory task, or their parent). None: invisible."""
    from kring.cases.models import Case, Visibility

    from .scopes import widest

    if not can_view_child(user, child):
        return None
    if user.role == Role.LEERLING:
        return own_file_scope(child)
    scope = widest(case_view_scope(user, case) for case in Case.objects.filter(child=child))
    return scope or Visibility.VOLLEDIG


_CHILD_ACTS = frozenset(
    {
        Act.VIEW_CASE,
        Act.VIEW_REPRESENTATIVES,
        Act.VIEW_TIMELINE,
        Act.VIEW_ASSESSMENT,
        Act.WRITE_TIMELINE,
        Act.EXPORT_FILE,
    }
)


# Downloading the child's whole file (AVG art. 15 and 20: the right of access and to data
# portability are the data subject's own, exercised for a child by their legal representatives):
#
# | who                                        | may download the whole file of the child  |
# | ------------------------------------------ | ----------------------------------------- |
# | ouder: LegalRepresentative.user of it      | yes (page and API), while it is a minor   |
# | a professional who may see the child       | no, 403: the family downloads it          |
# |                                            | themselves; a professional does not       |
# |                                            | export the file "for" the family          |
# | leerling: their own file (Child.account)   | from 16 (ADR 0018); before that no (404)  |
# | anyone who may not see the child           | no, 404 (as if it did not exist)          |


def exportable_children(user: User) -> QuerySet[Child]:
    """The children whose whole file this user may download (the family's page lists them)."""
    if not (_is_usable(user) and user.role in FAMILY_ROLES):
        return Child.objects.none()
    # a parent of a minor; the child from 16 (AVG art. 15 and 20 are theirs then, ADR 0018)
    return Child.objects.filter(_full_file_q(user))


def may_export_file(user: User, child: Child) -> bool:
    """The child's whole file as a download (`Act.EXPORT_FILE`): the child's legal representatives."""
    return exportable_children(user).filter(pk=child.pk).exists()


def decide_child(user: User, act: Act, child: Child) -> Refusal | None:
    """Acts on a child's own file (VIEW_CASE stands for the child's basic data). Writing the
    timeline: see `can_write_timeline`; the whole file as a download: `may_export_file`."""
    from .scopes import shows

    if act not in _CHILD_ACTS:
        raise ValueError(f"{act} is not an act on a child")
    scope = child_view_scope(user, child)
    if scope is None:
        return Refusal.INVISIBLE
    if act == Act.WRITE_TIMELINE:
        return None if can_write_timeline(user, child) else Refusal.NOT_EDITOR
    if act == Act.EXPORT_FILE:
        return None if may_export_file(user, child) else Refusal.FAMILY_ONLY
    section = _read_sections()[act]
    if not shows(scope, section):
        return Refusal.SCOPE
    return Refusal.CONSENT if needs_consent(user, child.pk, section) else None


def can_child(user: User, act: Act, child: Child) -> bool:
    return decide_child(user, act, child) is None


def children_allowing(user: User, act: Act, children: Iterable[Child]) -> set[int]:
    """The ids of those of `children` on which `can_child(user, act, child)` holds, for a read act,
    in one query whatever their number (the lists)."""
    if act not in _CHILD_ACTS or act == Act.WRITE_TIMELINE:
        raise ValueError(f"{act} is not a read act on a child")
    ids = [c.pk for c in children]
    if not ids:
        return set()
    showing = children_showing(user, _read_sections()[act])
    return set(showing.filter(pk__in=ids).values_list("pk", flat=True))


def openable_children(user: User, children: Iterable[Child]) -> set[int]:
    """The ids of those of `children` on which `can_open_case(user, child)` holds, in one query."""
    ids = [c.pk for c in children]
    if not ids or not _is_usable(user) or user.role in FAMILY_ROLES:
        return set()
    return set(visible_children(user).filter(pk__in=ids).values_list("pk", flat=True))


def require_child(user: User, child_id: Any, act: Act) -> Child:
    """Fetch the child and authorise `act`: Http404 when invisible, PermissionDenied otherwise."""
    try:
        pk = int(child_id)
    except (TypeError, ValueError):
        raise Http404 from None
    child = visible_children(user).select_related("gemeente").filter(pk=pk).first()
    if child is None:
        raise Http404(str(_("Dit kind bestaat niet of je mag het niet zien.")))
    refusal = decide_child(user, act, child)
    if refusal is not None:
        refuse(refusal)
    return child


# ---------------------------------------------------------------- lists


def case_scopes(user: User, cases: Iterable[Case]) -> dict[int, str | None]:
    """`case_view_scope` for many cases at once (the lists, the agenda, the export): a handful of
    queries, whatever the number of cases."""
    from kring.cases.models import CircleMember, Visibility

    from .scopes import widest

    rows = list(cases)
    if not rows:
        return {}
    ids = [c.pk for c in rows]
    visible = set(visible_cases(user, among=rows).values_list("pk", flat=True))
    if not visible:
        return {pk: None for pk in ids}
    if user.role == Role.LEERLING:
        return {c.pk: (own_file_scope(c.child) if c.pk in visible else None) for c in rows}
    if user.role in FAMILY_ROLES:
        return {pk: (Visibility.VOLLEDIG if pk in visible else None) for pk in ids}
    full_children = set(
        Child.objects.filter(_full_file_q(user, among=sorted({c.child_id for c in rows}))).values_list(
            "pk", flat=True
        )
    )
    who = Q(user=user)
    if user.organisation_id is not None:
        who |= Q(organisation_id=user.organisation_id)
    memberships: dict[int, list[str]] = {}
    for case_id, visibility in CircleMember.objects.filter(who, case_id__in=ids, active=True).values_list(
        "case_id", "visibility"
    ):
        memberships.setdefault(case_id, []).append(visibility)
    result: dict[int, str | None] = {}
    for case in rows:
        if case.pk not in visible:
            result[case.pk] = None
        elif case.child_id in full_children:
            result[case.pk] = Visibility.VOLLEDIG
        else:
            result[case.pk] = widest(memberships.get(case.pk, [])) or Visibility.KRING_EN_AFSPRAKEN
    return result


# ---------------------------------------------------------------- registering a child

# Who registers children: the roles with a statutory task for children they do not know yet (the
# school for its pupils, the leerplichtambtenaar for the gemeente, the SWV for its region). Roles that
# only see children through a circle could not see the child they registered; a registration the
# registrar could not see afterwards is refused as well (`children.services.register_child`).
REGISTERING_ROLES = frozenset(
    {
        Role.INTERN_BEGELEIDER,
        Role.SCHOOLLEIDER,
        Role.SWV_CONSULENT,
        Role.SWV_DIRECTEUR,
        Role.LEERPLICHTAMBTENAAR,
    }
)


def can_register_children(user: User) -> bool:
    """Page and API ask this before registering a child (`children.services.register_child`)."""
    return _is_usable(user) and user.role in REGISTERING_ROLES and user.organisation_id is not None


def registration_schools(user: User) -> QuerySet[SchoolLocation] | None:
    """The school locations a school professional registers pupils at (their school, or the schools
    of their board); None for registering roles that are not a school's (no enrolment asked)."""
    if user.role not in SCHOOL_ROLES:
        return None
    return (
        SchoolLocation.objects.filter(
            Q(organisation_id=user.organisation_id) | Q(board_id=user.organisation_id)
        )
        .select_related("organisation")
        .order_by("organisation__name")
    )


def _full_file_q(user: User, *, among: Collection[int] | None = None) -> Q:
    """Children whose whole file this user sees whatever the circle says: their parent, the child
    from 16, a holder of a statutory task, a mandate holder, an emergency reader (the rows of
    `case_view_scope` that give `volledig`; only the circle and the statutory task let them change it)."""
    if user.role == Role.OUDER:
        return _child_q(user, among=among)
    if user.role == Role.LEERLING:
        return _child_q(user, among=among) & _at_least_q(ages.FULL_RIGHTS_AGE, None)
    statutory = _statutory_ids(role=user.role, organisation=user.organisation)
    return _any_of(*statutory, _mandate_ids(user), _break_glass_ids(user), among=among)


def _memberships(user: User) -> QuerySet[Any]:
    from kring.cases.models import CircleMember

    who = Q(user=user)
    if user.organisation_id is not None:
        who |= Q(organisation_id=user.organisation_id)
    return CircleMember.objects.filter(who, active=True)


def cases_showing(user: User, section: Any, *, among: Iterable[Case] | None = None) -> QuerySet[Case]:
    """The visible cases whose `section` (kring.access.scopes.Section) this user sees: the lists,
    the export and the agenda show a case's assessment facts only for these, and filter on them
    only within these. The same answer as `shows(case_view_scope(user, case), section)`, as a query.
    `among`: only those of these cases (a page's rows; as `visible_cases`)."""
    from kring.cases.models import Visibility

    from .scopes import CHILD_FRIENDLY, SCOPE_ORDER, SECTIONS

    if not _is_usable(user):
        from kring.cases.models import Case

        return Case.objects.none()
    rows = None if among is None else list(among)
    children = None if rows is None else sorted({c.child_id for c in rows})
    visible = visible_cases(user, among=rows)
    if user.role == Role.LEERLING:  # their own file: child-friendly to 15, whole from 16
        if section in SECTIONS[CHILD_FRIENDLY]:
            return visible
        return visible.filter(child__in=Child.objects.filter(_full_file_q(user, among=children)))
    showing = [s for s in SCOPE_ORDER if section in SECTIONS[s]]
    members = _memberships(user).filter(case=OuterRef("pk"))
    q = Q(child__in=Child.objects.filter(_full_file_q(user, among=children))) | Q(
        Exists(members.filter(visibility__in=showing))
    )
    if Visibility.KRING_EN_AFSPRAKEN in showing:
        q |= ~Q(Exists(members))  # visible through an earlier case's circle: the basic picture
    cases = visible.filter(q)
    if _consent_gated(user, section):
        consented = _full_file_q(user, among=children) | _consented_q(user, section)
        cases = cases.filter(child__in=Child.objects.filter(consented))
    return cases


def children_showing(user: User, section: Any) -> QuerySet[Child]:
    """The visible children of whom this user sees `section` (the widest scope over their cases,
    as `child_view_scope`)."""
    from kring.cases.models import Case

    from .scopes import CHILD_FRIENDLY, SECTIONS

    if _is_usable(user) and user.role == Role.LEERLING:
        if section in SECTIONS[CHILD_FRIENDLY]:
            return visible_children(user)
        return visible_children(user).filter(_full_file_q(user))
    children = visible_children(user).filter(
        Q(_full_file_q(user))
        | Q(pk__in=cases_showing(user, section).values("child_id"))
        | ~Q(Exists(Case.objects.filter(child=OuterRef("pk"))))
    )
    if _consent_gated(user, section):
        children = children.filter(_full_file_q(user) | _consented_q(user, section))
    return children


# ---------------------------------------------------------------- acts outside one case


def can_open_case(user: User, child: Child) -> bool:
    """Opening a case on a signal: a professional who may see the child (the family cannot)."""
    return _is_usable(user) and user.role not in FAMILY_ROLES and can_view_child(user, child)


def can_list_children(user: User) -> bool:
    """The list of children (with or without a case): the professionals who work with cases. It shows
    only the children they may see (`children_showing`)."""
    return _is_usable(user) and user.role in PROFESSIONAL_CASE_ROLES


def can_export_cases(user: User) -> bool:
    """A CSV export of the case list (it holds only what the person may see)."""
    return _is_usable(user) and user.role in PROFESSIONAL_CASE_ROLES


def uses_family_pages(user: User) -> bool:
    """The family's own pages (their child's circle and agreements): parents and pupils."""
    return _is_usable(user) and user.role in FAMILY_ROLES


# ---------------------------------------------------------------- the family's view of a child

NOT_FAMILY = _(
    "Deze pagina is voor ouders en verzorgers. Zij zien hier de casus van hun eigen kind. "
    "Professionals werken in de casus zelf."
)
NO_SUCH_CHILD = _("Dit kind bestaat niet of je mag het niet zien.")
CHILD_VIEW_ONLY = _(
    "Dit overzicht krijg je vanaf 16 jaar. Wat jij nu kunt zien, staat op de pagina van jouw kring: "
    "je plan, wie er met je meedenkt, de afspraken en de overleggen."
)


def require_family_child(user: User, child_id: Any) -> Child:
    """The child of the family's view: a parent's own child. Http404 for any other child id (the
    same answer as for a child that does not exist), PermissionDenied for professionals (whatever
    the id: their page is the case page)."""
    if not uses_family_pages(user):
        raise PermissionDenied(str(NOT_FAMILY))
    try:
        pk = int(child_id)
    except (TypeError, ValueError):
        raise Http404(str(NO_SUCH_CHILD)) from None
    child = visible_children(user).select_related("gemeente").filter(pk=pk).first()
    if child is None:
        raise Http404(str(NO_SUCH_CHILD))
    if not Child.objects.filter(_full_file_q(user), pk=child.pk).exists():
        raise PermissionDenied(str(CHILD_VIEW_ONLY))  # a child of 12 to 15: the child-friendly view
    return child


def shows_whole_family_view(user: User, child: Child) -> bool:
    """The family's view of the whole file (`require_family_child`): a parent of a minor, or the
    child from 16; a child of 12 to 15 has the child-friendly view on the overview."""
    return uses_family_pages(user) and Child.objects.filter(_full_file_q(user), pk=child.pk).exists()


def child_friendly_file(user: User) -> Child | None:
    """The child whose own account this is, when they see their file child-friendly (12 to 15):
    their page is `portal:own`; None for everyone else."""
    from .scopes import CHILD_FRIENDLY

    if not (_is_usable(user) and user.role == Role.LEERLING):
        return None
    child = Child.objects.filter(_own_file_q(user)).first()
    if child is None or own_file_scope(child) != CHILD_FRIENDLY:
        return None
    return child


def family_destination(user: User, *, case_id: Any = None, child_id: Any = None) -> int | bool | None:
    """Where a family member who opens a professional page goes instead (the page of a case, of a
    child, or a list of them): the id of their child whose family view answers it, True for the
    family's overview (a list, or a page about no child), None when `user` is not a family member
    (the page decides as usual). Http404 when the case or child is not theirs or does not exist:
    the same answer for both, so nothing leaks."""
    if not uses_family_pages(user):
        return None
    if case_id is None and child_id is None:
        return True
    try:
        if case_id is not None:
            found = visible_cases(user).filter(pk=int(case_id)).values_list("child_id", flat=True).first()
        else:
            found = visible_children(user).filter(pk=int(child_id)).values_list("pk", flat=True).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        message = REFUSAL_MESSAGES[Refusal.INVISIBLE] if case_id is not None else NO_SUCH_CHILD
        raise Http404(str(message))
    if not Child.objects.filter(_full_file_q(user), pk=found).exists():
        return True  # a child of 12 to 15: the overview, in child-friendly words
    return int(found)


def shows_institution_duties(user: User, case: Case) -> bool:
    """The view of what the institutions owe the child on the case page: the leerplichtambtenaar
    who sees the case's assessment (the family reads the same view on its own page)."""
    return _is_usable(user) and user.role == Role.LEERPLICHTAMBTENAAR and can(user, Act.VIEW_ASSESSMENT, case)


# ---------------------------------------------------------------- the family: gezag, invitations, accounts
#
# | who                                    | may                                                     |
# | -------------------------------------- | ------------------------------------------------------- |
# | intern_begeleider, schoolleider,       | invite a legal representative of a child they may see;  |
# | swv_consulent, swv_directeur,          | invite the child from 12; record who has gezag; resend  |
# | leerplichtambtenaar (may see the child)| or revoke an invitation of that child                   |
# | ouder with gezag or voogdij            | act for the child under 16 (consent, a zienswijze on the|
# |                                        | child's behalf); invite the child from 12; resend or    |
# |                                        | revoke the invitations they sent                        |
# | ouder without gezag                    | read the file (right to information, art. 1:377c BW);   |
# |                                        | never act for the child                                 |
# | leerling from 16                       | act for themselves (UAVG art. 5: they consent)          |
# | everyone else                          | nothing                                                 |


def own_file_scope(child: Child, *, on: date | None = None) -> str | None:
    """What a child sees of their own file on the day: nothing before 12, the child-friendly view
    from 12 to 15, the whole file (like a parent) from 16."""
    from kring.cases.models import Visibility

    from .scopes import CHILD_FRIENDLY

    age = ages.age_on(child.birth_date, _today(on))
    if age < ages.OWN_ACCOUNT_AGE:
        return None
    return CHILD_FRIENDLY if age < ages.FULL_RIGHTS_AGE else Visibility.VOLLEDIG


def _representation(user: User, child: Child) -> LegalRepresentative | None:
    if not (_is_usable(user) and user.role == Role.OUDER):
        return None
    return LegalRepresentative.objects.filter(child=child, user=user).order_by("pk").first()


def has_gezag(user: User, child: Child, *, on: date | None = None) -> bool:
    """A parent's account that represents the child with gezag or voogdij, while the child is a minor."""
    rep = _representation(user, child)
    return (
        rep is not None
        and rep.gezag in ACTING_GEZAG
        and ages.age_on(child.birth_date, _today(on)) < ages.MAJORITY_AGE
    )


def may_act_for_child(user: User, child: Child, *, on: date | None = None) -> bool:
    """Giving consent or adding a zienswijze on the child's behalf: a representative with gezag (or
    the voogd) while the child is under 16; from 16 the child themselves (UAVG art. 5 lid 1: from 16
    the child consents). A parent without gezag has a right to information, not to act (1:377c BW)."""
    if not _is_usable(user):
        return False
    age = ages.age_on(child.birth_date, _today(on))
    if user.role == Role.LEERLING:
        return child.account_id == user.pk and age >= ages.FULL_RIGHTS_AGE
    return age < ages.FULL_RIGHTS_AGE and has_gezag(user, child, on=on)


def may_invite_family(user: User, child: Child) -> bool:
    """Inviting a parent (and recording gezag): the school, the samenwerkingsverband or the
    leerplichtambtenaar who may see the child."""
    return (
        _is_usable(user)
        and user.role in INVITING_ROLES
        and user.organisation_id is not None
        and can_view_child(user, child)
    )


def may_record_gezag(user: User, child: Child) -> bool:
    """Who records who has gezag: whoever may invite the family (they check it at registration)."""
    return may_invite_family(user, child)


CHILD_TOO_YOUNG = _(
    "Een kind krijgt een eigen account vanaf 12 jaar. %(name)s is nu %(age)s jaar. "
    "Nodig %(name)s uit vanaf de 12e verjaardag (%(day)s)."
)
NOT_INVITING = _(
    "Alleen de school, het samenwerkingsverband, de leerplichtambtenaar of een ouder met gezag kan "
    "het kind uitnodigen."
)


def decide_invite_child(user: User, child: Child, *, on: date | None = None) -> StrOrPromise | None:
    """Inviting the child to their own account: a professional who may invite the family, or a
    parent with gezag; and only from the child's 12th birthday. None when allowed, else why not."""
    if not (may_invite_family(user, child) or has_gezag(user, child, on=on)):
        return NOT_INVITING
    age = ages.age_on(child.birth_date, _today(on))
    if age < ages.OWN_ACCOUNT_AGE:
        from django.utils.formats import date_format

        day = ages.birthday(child.birth_date, ages.OWN_ACCOUNT_AGE)
        return CHILD_TOO_YOUNG % {"name": child.first_name, "age": age, "day": date_format(day, "j F Y")}
    return None


def may_invite_child(user: User, child: Child, *, on: date | None = None) -> bool:
    return decide_invite_child(user, child, on=on) is None


def visible_invitations(user: User, child: Child) -> QuerySet[Invitation]:
    """The invitations of a child this user sees: all of them for whoever may invite the family;
    the ones they sent themselves for a parent with gezag."""
    if may_invite_family(user, child):
        return Invitation.objects.filter(child=child)
    if has_gezag(user, child):
        return Invitation.objects.filter(child=child, invited_by=user)
    return Invitation.objects.none()


def may_manage_invitation(user: User, invitation: Invitation) -> bool:
    """Re-sending or revoking an invitation: whoever sees it (`visible_invitations`)."""
    return visible_invitations(user, invitation.child).filter(pk=invitation.pk).exists()


def may_accept_invitation(user: User, invitation: Invitation) -> bool:
    """A logged-in account that accepts an invitation: a parent's account for a parent's invitation,
    a pupil's account without a file yet for the child's."""
    from kring.children.models import InvitationKind

    if not _is_usable(user):
        return False
    if invitation.kind == InvitationKind.KIND:
        return user.role == Role.LEERLING and not Child.objects.filter(account=user).exists()
    return user.role == Role.OUDER


def uses_invitation_page(user: User, child: Child) -> bool:
    """The page of a child's invitations: whoever may invite someone for the child."""
    return may_invite_family(user, child) or has_gezag(user, child)


# ---------------------------------------------------------------- the steunpunt's desk
#
# | who                                  | may                                                       |
# | ------------------------------------ | --------------------------------------------------------- |
# | steunpunt_medewerker of steunpunt S  | register, read, answer, anonymise and close S's questions;  |
# |                                      | link one to a case they may see, or ask an SWV S serves to  |
# |                                      | open one (both with recorded consent); raise signals to an  |
# |                                      | SWV S serves; produce S's signals report                    |
# | swv_directeur of SWV V               | read the signals raised to V and write V's response; read  |
# |                                      | the report of a steunpunt that serves V                     |
# | swv_consulent, swv_directeur of V    | read and handle the requests to V to open a case            |
# | ouder                                | see the links (not revoked) to their own child's cases      |
# | everyone else                        | nothing (the questions are the steunpunt's, not the file's) |
#
# A question is not part of a child's file: the steunpunt is independent, and the family decides
# whether their question reaches the file (a QuestionLink records that consent).


def works_at_desk(user: User) -> bool:
    """A worker of an ouder- en jeugdsteunpunt (the desk is theirs)."""
    return bool(
        _is_usable(user)
        and user.role == Role.STEUNPUNT_MEDEWERKER
        and user.organisation_id is not None
        and user.organisation is not None
        and user.organisation.kind == OrganisationKind.STEUNPUNT
    )


def desk_questions(user: User) -> QuerySet[Question]:
    """The questions this user may read and work on: those of their own steunpunt."""
    if not works_at_desk(user):
        return Question.objects.none()
    return Question.objects.filter(steunpunt_id=user.organisation_id)


def require_question(user: User, question_id: Any) -> Question:
    """The question with this id when the user may work on it; 404 otherwise (it reveals nothing)."""
    try:
        return desk_questions(user).get(pk=int(question_id))
    except (Question.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def desk_swvs(user: User) -> QuerySet[Samenwerkingsverband]:
    """The samenwerkingsverbanden the user's steunpunt serves (questions, requests and signals go there)."""
    if not works_at_desk(user):
        return Samenwerkingsverband.objects.none()
    return Samenwerkingsverband.objects.filter(steunpunten__steunpunt_id=user.organisation_id)


def linkable_cases(user: User) -> QuerySet[Case]:
    """The cases a steunpunt worker may link a question to (with consent): the ones they may see,
    which is through the circle (the steunpunt has no statutory task per child)."""
    from kring.cases.models import Case

    if not works_at_desk(user):
        return Case.objects.none()
    return visible_cases(user)


def _swv_of(user: User) -> int | None:
    if not _is_usable(user) or user.role not in SWV_ROLES or user.organisation_id is None:
        return None
    return int(user.organisation_id)


def desk_requests(user: User) -> QuerySet[QuestionLink]:
    """The requests (with consent) to open a case that reached this user's samenwerkingsverband."""
    swv_id = _swv_of(user)
    if swv_id is None:
        return QuestionLink.objects.none()
    return QuestionLink.objects.filter(kind=LinkKind.SWV_REQUEST, swv_id=swv_id, revoked_on__isnull=True)


def handles_desk_requests(user: User) -> bool:
    """The requests inbox of a samenwerkingsverband: its consulenten and its director."""
    return _swv_of(user) is not None


def visible_signals(user: User) -> QuerySet[PolicySignal]:
    """The policy signals this user may read: their steunpunt's, or those raised to their SWV."""
    if works_at_desk(user):
        return PolicySignal.objects.filter(steunpunt_id=user.organisation_id)
    swv_id = _swv_of(user)
    if swv_id is not None:
        return PolicySignal.objects.filter(swv_id=swv_id)
    return PolicySignal.objects.none()


def can_respond_to_signal(user: User, signal: PolicySignal) -> bool:
    """The samenwerkingsverband's written response: its director."""
    return bool(
        _is_usable(user) and user.role == Role.SWV_DIRECTEUR and user.organisation_id == signal.swv_id
    )


def desk_report_steunpunten(user: User) -> QuerySet[Organisation]:
    """The steunpunten whose signals report this user may produce: their own, or (for the director of
    an SWV) those that serve their samenwerkingsverband. The report holds aggregates only."""
    if works_at_desk(user):
        return Organisation.objects.filter(pk=user.organisation_id or 0)
    if _is_usable(user) and user.role == Role.SWV_DIRECTEUR and user.organisation_id is not None:
        return Organisation.objects.filter(
            kind=OrganisationKind.STEUNPUNT, desk_settings__swvs__organisation_id=user.organisation_id
        ).distinct()
    return Organisation.objects.none()


def desk_report_swvs(user: User, steunpunt: Organisation) -> QuerySet[Samenwerkingsverband]:
    """The samenwerkingsverbanden the report of `steunpunt` may be narrowed to. A worker of the
    steunpunt: every SWV it serves (or the whole report). The director of an SWV: only their own,
    and the report is always narrowed to it (the other SWVs' figures are not theirs)."""
    served = Samenwerkingsverband.objects.filter(steunpunten__steunpunt=steunpunt).select_related(
        "organisation"
    )
    if works_at_desk(user) and user.organisation_id == steunpunt.pk:
        return served
    if _is_usable(user) and user.role == Role.SWV_DIRECTEUR and user.organisation_id is not None:
        return served.filter(pk=user.organisation_id)
    return Samenwerkingsverband.objects.none()


def desk_report_whole_steunpunt(user: User, steunpunt: Organisation) -> bool:
    """The report over all the SWVs a steunpunt serves: its own workers only."""
    return works_at_desk(user) and user.organisation_id == steunpunt.pk


def can_read_signals(user: User) -> bool:
    """The pages of policy signals: a steunpunt's workers, and the people of an SWV."""
    return works_at_desk(user) or _swv_of(user) is not None


def can_raise_signal(user: User, swv: Samenwerkingsverband) -> bool:
    """A policy signal to an SWV: a worker of a steunpunt that serves it."""
    return works_at_desk(user) and desk_swvs(user).filter(pk=swv.pk).exists()


def family_desk_links(user: User) -> QuerySet[QuestionLink]:
    """The consented links of questions to the cases of a parent's own children (shown in the portal)."""
    if not (_is_usable(user) and user.role == Role.OUDER):
        return QuestionLink.objects.none()
    cases = visible_cases(user)
    return QuestionLink.objects.filter(Q(case__in=cases) | Q(handled_case__in=cases), revoked_on__isnull=True)


# ---------------------------------------------------------------- attendance and its signals
#
# | who                                     | may                                                     |
# | --------------------------------------- | ------------------------------------------------------- |
# | intern_begeleider (zorgcoördinator) of  | import the school's attendance; read and handle the      |
# | school S, schoolleider of S or its board| signals of S (acknowledge, link, open a case, dismiss);  |
# |                                         | prepare and submit the verzuimmelding                    |
# | ouder                                   | read the signals about their own child                   |
# | everyone else                           | nothing                                                  |
#
# Attendance of pupils who are not (yet) children in Kring stays with their school.


def attendance_schools(user: User) -> QuerySet[SchoolLocation]:
    """The school locations whose attendance this user imports and whose signals they handle."""
    if not _is_usable(user) or user.role not in SCHOOL_ROLES or user.organisation_id is None:
        return SchoolLocation.objects.none()
    return SchoolLocation.objects.filter(
        Q(organisation_id=user.organisation_id) | Q(board_id=user.organisation_id)
    ).select_related("organisation")


def can_import_attendance(user: User, school: SchoolLocation) -> bool:
    return attendance_schools(user).filter(pk=school.pk).exists()


def attendance_imports(user: User) -> QuerySet[AttendanceImport]:
    """The imports this user may see: those of the schools whose attendance they import."""
    return AttendanceImport.objects.filter(school__in=attendance_schools(user))


def require_attendance_import(user: User, import_id: Any) -> AttendanceImport:
    """An import of the user's schools (404 otherwise, revealing nothing)."""
    try:
        return (
            attendance_imports(user).select_related("school__organisation", "mapping").get(pk=int(import_id))
        )
    except (AttendanceImport.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def attendance_signals(user: User) -> QuerySet[AttendanceSignal]:
    """The signals this user may read: their schools' (professionals), their own child's (parents)."""
    if _is_usable(user) and user.role == Role.OUDER:
        return AttendanceSignal.objects.filter(child__in=visible_children(user))
    return AttendanceSignal.objects.filter(school__in=attendance_schools(user))


def require_attendance_signal(user: User, signal_id: Any) -> AttendanceSignal:
    """A signal of the user's schools (404 otherwise, revealing nothing); parents only read."""
    try:
        return attendance_signals(user).get(pk=int(signal_id))
    except (AttendanceSignal.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def can_handle_attendance_signal(user: User, signal: AttendanceSignal) -> bool:
    return attendance_schools(user).filter(pk=signal.school_id).exists()


def can_read_attendance_signals(user: User) -> bool:
    """The school's list of signals (/aanwezigheid/signalen/): the school roles of a school."""
    return attendance_schools(user).exists()


def attendance_linkable_cases(user: User, signal: AttendanceSignal) -> QuerySet[Case]:
    """The open cases a signal may be linked to: of the signal's child, a case this person may see,
    and only for whom handles the signal. A pupil not (yet) a child in Kring has none."""
    from kring.cases.models import OPEN_STATUSES, Case

    if signal.child_id is None or not can_handle_attendance_signal(user, signal):
        return Case.objects.none()
    return visible_cases(user).filter(child_id=signal.child_id, status__in=OPEN_STATUSES)


def family_attendance_signals(user: User) -> QuerySet[AttendanceSignal]:
    """The signals a parent reads in the family's view: about their own child only."""
    if not _is_usable(user) or user.role != Role.OUDER:
        return AttendanceSignal.objects.none()
    return attendance_signals(user)


# ---------------------------------------------------------------- the family's access log
#
# The rows are in this module's docstring: the child's legal representatives read it; nobody else.


def access_log_children(user: User) -> QuerySet[Child]:
    """The children whose access log (logbook) this user may read."""
    if not _is_usable(user) or user.role not in FAMILY_ROLES:
        return Child.objects.none()
    # a parent of a minor; the child from 16 (full rights over their own data, ADR 0018)
    return Child.objects.filter(_full_file_q(user))


def can_read_access_log(user: User, child: Child) -> bool:
    return access_log_children(user).filter(pk=child.pk).exists()


def require_access_log(user: User, child_id: Any) -> Child:
    """The child whose access log this user reads: Http404 otherwise (revealing nothing)."""
    try:
        pk = int(child_id)
    except (TypeError, ValueError):
        raise Http404 from None
    child = access_log_children(user).filter(pk=pk).first()
    if child is None:
        raise Http404(str(_("Dit kind bestaat niet of je mag het logboek niet zien.")))
    return child


# ---------------------------------------------------------------- toegang in een noodgeval (break-glass)
#
# | who                                   | may open a child's file in an emergency when ...           |
# | ------------------------------------- | ---------------------------------------------------------- |
# | BREAK_GLASS_ROLES (school, SWV,       | they may not see the child now; with a reason; for         |
# | leerplicht, jeugdhulp), active, with  | BREAK_GLASS_PERIOD; they then READ the whole file (the     |
# | an organisation                       | `_break_glass_ids` rows above) and change nothing            |
# | steunpunt_medewerker                  | never: the steunpunt is independent of the file; the family |
# |                                       | decides what reaches it                                    |
# | functioneel_beheerder, inspecteur     | never (least privilege)                                     |
# | ouder, leerling, anyone else          | never                                                       |
#
# The roles are a capability of the role, the same in every region (kept simple: no region setting).

BREAK_GLASS_ROLES = SCHOOL_ROLES | SWV_ROLES | {Role.LEERPLICHTAMBTENAAR, Role.JEUGDHULPVERLENER}
BREAK_GLASS_PERIOD = timedelta(hours=24)

BREAK_GLASS_REFUSALS: dict[str, StrOrPromise] = {
    "role": _("Met jouw rol kun je geen dossier openen in een noodgeval."),
    "visible": _("Je kunt dit dossier al zien. Je hebt hiervoor geen toegang in een noodgeval nodig."),
}


def may_break_glass(user: User) -> bool:
    """The page that opens a file in an emergency: the roles that may."""
    return _is_usable(user) and user.role in BREAK_GLASS_ROLES and user.organisation_id is not None


def break_glass_refusal(user: User, child: Child | None) -> str | None:
    """Why this user may not open this child's file in an emergency (None: they may). With
    `child` None: whether they may at all."""
    if not may_break_glass(user):
        return "role"
    if child is not None and can_view_child(user, child):
        return "visible"
    return None


def break_glass_until(user: User, child: Child) -> datetime | None:
    """Until when this user reads this child's file under toegang in een noodgeval (None: not)."""
    if not may_break_glass(user):
        return None
    grant = BreakGlassAccess.objects.active().filter(user=user, child=child).order_by("-ends_at").first()
    return grant.ends_at if grant is not None else None


# ---------------------------------------------------------------- the family's own view (zienswijze)

# Adding a zienswijze (the family's own view) to a part of the child's file: an overleg, the plan,
# a decision (kring.cases.zienswijzen.PARTS). Reading one follows the part: whoever sees the part
# sees the zienswijzen beside it (the part's read act, `zienswijze_visible`).
#
# | who                                        | may add a zienswijze to a part of the file |
# | ------------------------------------------ | ------------------------------------------ |
# | ouder or voogd with gezag of a minor        | yes (page and API): the family's view      |
# | ouder without gezag                        | no, 403: a right to information, not to    |
# |                                            | act for the child (BW 1:377c, ADR 0018)    |
# | a professional who may see the child       | no, 403: it is the family's own voice;     |
# |                                            | their own view goes in the verslag         |
# | leerling: their own file, from 16          | yes (full rights over their own data)      |
# | leerling of 12 to 15, their own file        | only "before the next overleg" of an open  |
# |                                            | case (hoorrecht, WPO 40a(6)-(8)): what they|
# |                                            | want to say, on their own page `portal:own`|
# |                                            | (page and API); no other part: 403         |
# | anyone who may not see the child           | no, 404 (as if the part did not exist)     |


def voice_children(user: User) -> QuerySet[Child]:
    """The children to whose file this user may add a zienswijze: a representative with gezag (or
    the voogd) of a minor, and the child from 16 (the rows of `exportable_children` narrowed to gezag)."""
    if _is_usable(user) and user.role == Role.OUDER:
        acting = LegalRepresentative.objects.filter(
            child=OuterRef("pk"), user=user, gezag__in=sorted(ACTING_GEZAG)
        )
        return exportable_children(user).filter(Exists(acting))
    return exportable_children(user)


def may_add_view(user: User, child: Child) -> bool:
    """May `user` add a zienswijze to a part of `child`'s file (any registered part)?"""
    return voice_children(user).filter(pk=child.pk).exists()


# The one part a child of 12 to 15 may write to: what they want to say before the next overleg.
CHILD_VOICE_PARTS = frozenset({"voor_overleg"})


def may_say_before_meeting(user: User, child: Child) -> bool:
    """A child of 12 to 15 with their own account, about their own file (hoorrecht): what they want
    to say before the next overleg (`CHILD_VOICE_PARTS`)."""
    return child_friendly_file(user) == child


def decide_view(user: User, child: Child, *, part: str | None = None) -> Refusal | None:
    """May `user` add a zienswijze to `child`'s file (to a part of kind `part`; None: any part)?"""
    if not can_view_child(user, child):
        return Refusal.INVISIBLE
    if may_add_view(user, child):
        return None
    if part is not None and part in CHILD_VOICE_PARTS and may_say_before_meeting(user, child):
        return None
    return Refusal.FAMILY_VOICE


def require_view_child(user: User, child_id: Any, *, part: str | None = None) -> Child:
    """The child of a zienswijze to be added (to a part of kind `part`): Http404 when invisible or
    missing (the same answer), PermissionDenied for a professional who sees the child."""
    try:
        pk = int(child_id)
    except (TypeError, ValueError):
        raise Http404(str(NO_SUCH_CHILD)) from None
    child = visible_children(user).select_related("gemeente").filter(pk=pk).first()
    if child is None:
        raise Http404(str(NO_SUCH_CHILD))
    refusal = decide_view(user, child, part=part)
    if refusal is not None:
        refuse(refusal)
    return child


def zienswijze_visible(user: User, act: Act, case: Case | None, child: Child) -> bool:
    """Whether `user` sees a zienswijze about a part read through `act` (of `case`, or of the
    child's own timeline when `case` is None): exactly when they see the part."""
    if case is None:
        return can_child(user, act, child)
    return can(user, act, case)


# ---------------------------------------------------------------- placement: TLV, waiting lists, profiles
#
# A TLV request holds the deskundigen's advice (health data, WPO art. 18a lid 13): it is read by the
# parties to the request and the family, not by the whole circle.
#
# | who                                       | may                                                      |
# | ----------------------------------------- | -------------------------------------------------------- |
# | intern_begeleider, schoolleider of school | request a TLV for a child enrolled or aangemeld at S     |
# | S (or its board)                          | (`tlv_request_schools`); read the requests of S          |
# | swv_consulent, swv_directeur of the SWV   | read the requests to their SWV; decide on them           |
# |                                           | (`may_decide_tlv`)                                       |
# | ouder (minor), the child from 16          | read the whole request and the decision (family view)    |
# | everyone else (circle, leerplicht, ...)   | no TLV request                                           |
#
# | who                                       | waiting lists (`waiting_list_schools`)                   |
# | ----------------------------------------- | -------------------------------------------------------- |
# | school roles of a special-school location | keep the list of that location (add, end); read it       |
# | (sbo, so, vso)                            |                                                          |
# | swv roles                                 | the same for the special schools in their region         |
# | who may see the child (professional or    | read that the child waits, and which school stays        |
# | family)                                   | responsible meanwhile (the case panel, the family view)  |
#
# | who                                       | support profiles (schoolondersteuningsprofiel)           |
# | ----------------------------------------- | -------------------------------------------------------- |
# | school roles of S (or its board)          | edit and read the profile of S                           |
# | swv roles                                 | read the profiles of the schools in their region         |
# | everyone else                             | nothing                                                  |

SPECIAL_SECTORS = frozenset({"sbo", "so", "vso", "so_vso"})

NO_TLV_SCHOOL = _(
    "Je kunt voor dit kind geen TLV aanvragen. Dat doet de school waar het kind is ingeschreven of "
    "aangemeld, via de intern begeleider of de schoolleider."
)
NOT_TLV_DECIDER = _(
    "Alleen het samenwerkingsverband dat de aanvraag kreeg, neemt het besluit over de "
    "toelaatbaarheidsverklaring."
)
NOT_WAITING_LIST_KEEPER = _(
    "Je mag deze wachtlijst niet bijhouden. Dat doen de school voor speciaal (basis)onderwijs zelf en "
    "het samenwerkingsverband van de regio."
)
NOT_PROFILE_EDITOR = _("Alleen de school zelf past haar ondersteuningsprofiel aan.")


def _own_schools(user: User) -> QuerySet[SchoolLocation]:
    if not _is_usable(user) or user.role not in SCHOOL_ROLES or user.organisation_id is None:
        return SchoolLocation.objects.none()
    return SchoolLocation.objects.filter(
        Q(organisation_id=user.organisation_id) | Q(board_id=user.organisation_id)
    )


def _own_swv(user: User) -> Samenwerkingsverband | None:
    if not _is_usable(user) or user.role not in SWV_ROLES or user.organisation_id is None:
        return None
    return Samenwerkingsverband.objects.filter(pk=user.organisation_id).first()


def tlv_request_schools(user: User, child: Child) -> QuerySet[SchoolLocation]:
    """The schools for which `user` may ask a TLV for `child`: their own schools where the child is
    enrolled or has an undecided aanmelding (the zorgplicht rests there)."""
    schools = _own_schools(user)
    if not can_view_child(user, child):
        return SchoolLocation.objects.none()
    enrolled = Child.objects.filter(pk=child.pk)
    ids = [
        school.pk
        for school in schools
        if enrolled.filter(
            enrolled_at_q(SchoolLocation.objects.filter(pk=school.pk))
            | applied_at_q(SchoolLocation.objects.filter(pk=school.pk))
        ).exists()
    ]
    return SchoolLocation.objects.filter(pk__in=ids).select_related("organisation")


def may_request_tlv(user: User, child: Child) -> bool:
    return tlv_request_schools(user, child).exists()


def visible_tlv_requests(user: User) -> QuerySet[Any]:
    """The TLV requests `user` may read (the table above)."""
    from kring.placement.models import TlvRequest

    if not _is_usable(user):
        return TlvRequest.objects.none()
    if user.role in FAMILY_ROLES:
        return TlvRequest.objects.filter(child__in=Child.objects.filter(_full_file_q(user)))
    swv = _own_swv(user)
    if swv is not None:
        return TlvRequest.objects.filter(swv=swv)
    return TlvRequest.objects.filter(school__in=_own_schools(user))


def require_tlv_request(user: User, request_id: Any) -> Any:
    """A TLV request this user may read (Http404 otherwise, revealing nothing)."""
    from kring.placement.models import TlvRequest

    try:
        return (
            visible_tlv_requests(user)
            .select_related(
                "child", "swv__organisation", "school__organisation", "target_school__organisation"
            )
            .get(pk=int(request_id))
        )
    except (TlvRequest.DoesNotExist, TypeError, ValueError):
        raise Http404(str(_("Deze TLV-aanvraag bestaat niet of je mag hem niet zien."))) from None


def may_decide_tlv(user: User, tlv_request: Any) -> bool:
    """The samenwerkingsverband that received the request decides on it."""
    swv = _own_swv(user)
    return swv is not None and swv.pk == tlv_request.swv_id


def waiting_list_schools(user: User) -> QuerySet[SchoolLocation]:
    """The special-school locations whose waiting list `user` keeps."""
    swv = _own_swv(user)
    if swv is not None:
        from kring.organisations.selectors import schools_in_swv

        schools = schools_in_swv(swv)
    else:
        schools = _own_schools(user)
    return schools.filter(sector__in=sorted(SPECIAL_SECTORS))


def may_keep_waiting_list(user: User, school: SchoolLocation) -> bool:
    return waiting_list_schools(user).filter(pk=school.pk).exists()


def visible_waiting_entries(user: User) -> QuerySet[Any]:
    """The waiting-list entries `user` may read: the lists they keep, and the entries of the
    children they may see (who waits where, and which school stays responsible)."""
    from kring.placement.models import WaitingListEntry

    if not _is_usable(user) or user.role in NO_CHILD_DATA_ROLES:
        return WaitingListEntry.objects.none()
    return WaitingListEntry.objects.filter(
        Q(school__in=waiting_list_schools(user)) | Q(child__in=visible_children(user))
    )


def support_profile_schools(user: User) -> QuerySet[SchoolLocation]:
    """The school locations whose support profile `user` edits: their own."""
    return _own_schools(user)


def may_edit_support_profile(user: User, school: SchoolLocation) -> bool:
    return support_profile_schools(user).filter(pk=school.pk).exists()


def readable_support_profiles(user: User) -> QuerySet[SchoolLocation]:
    """The school locations whose support profile `user` reads: their own, and for the
    samenwerkingsverband every school in its region."""
    swv = _own_swv(user)
    if swv is not None:
        from kring.organisations.selectors import schools_in_swv

        return schools_in_swv(swv)
    return _own_schools(user)


def region_of_reader(user: User) -> Samenwerkingsverband | None:
    """The region whose schools' profiles and waiting lists `user` compares (the SWV's staff)."""
    return _own_swv(user)


# ---------------------------------------------------------------- minder onderwijstijd (kring.timetable)
#
# | who                                     | reads a reduced timetable when ...           | acts on it      |
# | --------------------------------------- | -------------------------------------------- | --------------- |
# | intern_begeleider, schoolleider         | it is at their school (or a school of their  | records, asks   |
# |                                         | board), or they see the child's timeline     | the inspectorate|
# |                                         |                                              | consents, ends  |
# |                                         |                                              | (child enrolled |
# |                                         |                                              | there now)      |
# | swv_consulent, swv_directeur,           | they see the child's timeline (the same      | nothing         |
# | leerplichtambtenaar, circle 'volledig'  | facts are on it: `children_showing`)         |                 |
# | ouder, leerling from 16                 | it is about their child (the whole file)     | nothing         |
# | everyone else (jeugdhulp without        | never                                        | never           |
# | consent, beheerder, inspecteur, ...)    |                                              |                 |
#
# The school records because the board asks the inspectorate's consent and answers for the hours
# (WPO art. 8 lid 10; WEC art. 12 lid 2: the rules engine's OT-02); the leerplichtambtenaar and the
# SWV read it because a long reduced timetable hides a thuiszitter (TZ-06).

TIMETABLE_LIST_ROLES = SCHOOL_ROLES | SWV_ROLES | {Role.LEERPLICHTAMBTENAAR}

NOT_TIMETABLE_SCHOOL = _(
    "Alleen de school waar het kind staat ingeschreven legt minder onderwijstijd vast, via de intern "
    "begeleider of de schoolleider. Jij kunt het lezen."
)


def timetable_schools(user: User) -> QuerySet[SchoolLocation]:
    """The school locations whose reduced timetables `user` records: their own (or their board's)."""
    return _own_schools(user).select_related("organisation")


def reduced_timetable_schools(user: User, child: Child) -> QuerySet[SchoolLocation]:
    """The schools for which `user` may record a reduced timetable for `child`: their own schools
    where the child is enrolled now."""
    if not can_view_child(user, child):
        return SchoolLocation.objects.none()
    ids = [
        school.pk
        for school in _own_schools(user)
        if Child.objects.filter(
            enrolled_at_q(SchoolLocation.objects.filter(pk=school.pk)), pk=child.pk
        ).exists()
    ]
    return SchoolLocation.objects.filter(pk__in=ids).select_related("organisation")


def may_record_reduced_timetable(user: User, child: Child) -> bool:
    return reduced_timetable_schools(user, child).exists()


def visible_reduced_timetables(user: User) -> QuerySet[Any]:
    """The reduced timetables `user` may read (the table above). Lists, panels and pages start here."""
    from kring.access.scopes import Section
    from kring.timetable.models import ReducedTimetable

    if not _is_usable(user) or user.role in NO_CHILD_DATA_ROLES:
        return ReducedTimetable.objects.none()
    q = Q(child__in=children_showing(user, Section.TIMELINE))
    if user.role in SCHOOL_ROLES:
        q |= Q(school__in=_own_schools(user), child__in=visible_children(user))
    return ReducedTimetable.objects.filter(q)


def may_list_reduced_timetables(user: User) -> bool:
    """The list of children with a reduced timetable: the school, the SWV and the leerplichtambtenaar."""
    return _is_usable(user) and user.role in TIMETABLE_LIST_ROLES


def may_manage_reduced_timetable(user: User, timetable: Any) -> bool:
    """Asking the inspectorate, recording its consent, ending it: the school of the timetable."""
    return timetable_schools(user).filter(pk=timetable.school_id).exists() and can_view_child(
        user, timetable.child
    )


def require_reduced_timetable(user: User, timetable_id: Any, *, manage: bool = False) -> Any:
    """A reduced timetable this user may read (404 otherwise, revealing nothing); with `manage`,
    403 when they may read it but the act is the school's."""
    from kring.timetable.models import ReducedTimetable

    try:
        found = (
            visible_reduced_timetables(user)
            .select_related("child", "school__organisation")
            .get(pk=int(timetable_id))
        )
    except (ReducedTimetable.DoesNotExist, TypeError, ValueError):
        raise Http404(str(_("Deze gegevens bestaan niet of je mag ze niet zien."))) from None
    if manage and not may_manage_reduced_timetable(user, found):
        raise PermissionDenied(str(NOT_TIMETABLE_SCHOOL))
    return found


# ---------------------------------------------------------------- aanmeldingen (kring.enrolment)
#
# | who                                     | sees an aanmelding when ...                  | acts on it      |
# | --------------------------------------- | -------------------------------------------- | --------------- |
# | intern_begeleider, schoolleider         | it is at their school (or a school of their  | registers,      |
# |                                         | board), also one the parents sent online     | extends, decides|
# |                                         | that is not taken in yet                     | (zorgplicht)    |
# | every other professional                | they see the child's timeline (the same      | nothing         |
# |                                         | facts are on it: `children_showing`)         |                 |
# | ouder, leerling from 16                 | it is about their child (the whole file)     | nothing here    |
# | anyone else                             | never                                        |                 |
#
# The school decides because the zorgplicht is the school board's (WPO art. 40 lid 4; WVO 2020
# art. 8.9); the SWV and the leerplichtambtenaar read it on the child's timeline.


def aanmelding_schools(user: User) -> QuerySet[SchoolLocation]:
    """The school locations whose aanmeldingen this person handles: a school professional's own
    school, or the schools of their board (the same as `registration_schools`); none for others."""
    if not _is_usable(user) or user.organisation_id is None:
        return SchoolLocation.objects.none()
    schools = registration_schools(user)
    return schools if schools is not None else SchoolLocation.objects.none()


def visible_aanmeldingen(user: User) -> QuerySet[Aanmelding]:
    """Every aanmelding this person may read (the table above). Lists and detail pages start here."""
    from kring.access.scopes import Section
    from kring.enrolment.models import Aanmelding

    if not _is_usable(user):
        return Aanmelding.objects.none()
    q = Q(child__in=children_showing(user, Section.TIMELINE))
    if user.role in SCHOOL_ROLES:
        q |= Q(school__in=aanmelding_schools(user))
    return Aanmelding.objects.filter(q)


def can_handle_aanmelding(user: User, aanmelding: Aanmelding) -> bool:
    """Register, extend, investigate, decide and record the parents' response: the school's own."""
    return aanmelding_schools(user).filter(pk=aanmelding.school_id).exists()


def require_aanmelding(user: User, aanmelding_id: Any, *, handle: bool = False) -> Aanmelding:
    """The aanmelding with this id when the user may read it (404 otherwise: it reveals nothing);
    with `handle`, 403 when they may read it but the act is the school's."""
    from kring.enrolment.models import Aanmelding

    try:
        found = (
            visible_aanmeldingen(user)
            .select_related("school__organisation", "child", "other_school__organisation")
            .get(pk=int(aanmelding_id))
        )
    except (Aanmelding.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if handle and not can_handle_aanmelding(user, found):
        raise PermissionDenied(_("Alleen de school waar het kind is aangemeld, legt dit vast."))
    return found


# ------------------------------------------------------------- schorsing and verwijdering (kring.enrolment)
#
# | who                                     | reads a suspension or removal when ...       | records it      |
# | --------------------------------------- | -------------------------------------------- | --------------- |
# | intern_begeleider, schoolleider         | it is at their school (or a school of their  | yes, for a child|
# |                                         | board)                                       | enrolled there  |
# | every other professional                | they see the child's timeline (the same      | no              |
# |                                         | facts are on it: `children_showing`)         |                 |
# | ouder, leerling from 16                 | it is about their child (the whole file)     | no              |
# | anyone else                             | never                                        | no              |
#
# The school's bevoegd gezag suspends and removes (WPO art. 40 lid 11 and art. 40c; WVO 2020
# art. 8.14 and 8.15; WEC art. 40 and 40a), so only the school where the child is enrolled records
# it; the letters are read by everyone who reads the record (the family sees what was sent).


def discipline_schools(user: User, child: Child) -> QuerySet[SchoolLocation]:
    """The schools of `user` (their own, or their board's) where `child` is enrolled now: there
    they may record a suspension or a removal."""
    schools = aanmelding_schools(user)
    if not schools.exists() or not can_view_child(user, child):
        return SchoolLocation.objects.none()
    ids = [
        school.pk
        for school in schools
        if Child.objects.filter(
            enrolled_at_q(SchoolLocation.objects.filter(pk=school.pk)), pk=child.pk
        ).exists()
    ]
    return SchoolLocation.objects.filter(pk__in=ids).select_related("organisation")


def may_record_discipline(user: User, child: Child) -> bool:
    """Record a suspension or a removal of `child`: the school where the child is enrolled."""
    return discipline_schools(user, child).exists()


def _discipline_q(user: User) -> Q:
    from kring.access.scopes import Section

    q = Q(child__in=children_showing(user, Section.TIMELINE))
    if user.role in SCHOOL_ROLES:
        q |= Q(school__in=aanmelding_schools(user))
    return q


def visible_suspensions(user: User) -> QuerySet[Any]:
    """Every suspension this person may read (the table above)."""
    from kring.enrolment.models import Suspension

    if not _is_usable(user):
        return Suspension.objects.none()
    return Suspension.objects.filter(_discipline_q(user))


def visible_removals(user: User) -> QuerySet[Any]:
    """Every removal this person may read (the table above)."""
    from kring.enrolment.models import Removal

    if not _is_usable(user):
        return Removal.objects.none()
    return Removal.objects.filter(_discipline_q(user))


def can_handle_suspension(user: User, suspension: Any) -> bool:
    """Add the report to the inspectie to a suspension: the school's own."""
    return aanmelding_schools(user).filter(pk=suspension.school_id).exists()


def can_handle_removal(user: User, removal: Any) -> bool:
    """Add the day the gemeente was told to a removal: the school's own."""
    return aanmelding_schools(user).filter(pk=removal.school_id).exists()


def require_suspension(user: User, suspension_id: Any) -> Any:
    """The suspension with this id when the user may read it (404 otherwise: it reveals nothing)."""
    from kring.enrolment.models import Suspension

    try:
        return (
            visible_suspensions(user)
            .select_related("school__organisation", "school__board", "child__gemeente", "recorded_by")
            .get(pk=int(suspension_id))
        )
    except (Suspension.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def require_removal(user: User, removal_id: Any) -> Any:
    """The removal with this id when the user may read it (404 otherwise: it reveals nothing)."""
    from kring.enrolment.models import Removal

    try:
        return (
            visible_removals(user)
            .select_related(
                "school__organisation",
                "school__board",
                "child__gemeente",
                "willing_school__organisation",
                "recorded_by",
            )
            .get(pk=int(removal_id))
        )
    except (Removal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# ---------------------------------------------------------------- the OPP (kring.opp)
#
# | who                                      | reads the OPP | writes (see below)           | consents  |
# | ---------------------------------------- | ------------- | ---------------------------- | --------- |
# | intern_begeleider, schoolleider of the   | yes           | yes: the school (its bevoegd | no        |
# | school where the child is enrolled       |               | gezag) draws up the OPP      |           |
# | swv_consulent, swv_directeur (region),   | yes (the whole| no: they advise; the school  | no        |
# | leerplichtambtenaar, circle 'volledig'   | file)         | decides                      |           |
# | circle member with a narrower scope      | no (the plan  | no                           | no        |
# |                                          | is 'volledig')|                              |           |
# | ouder with gezag or voogdij (minor)      | yes           | no                           | yes       |
# | ouder without gezag                      | yes (1:377c)  | no                           | no        |
# | leerling (own file, from 12)             | yes           | no                           | from 18   |
# | everyone else                            | no (404)      | no                           | no        |
#
# Writing: drawing up a version, recording an evaluation or a parent's consent on paper, declaring
# handelingsverlegen (WPO art. 40a, WEC art. 41a: the school's bevoegd gezag).
#
# Consent to the handelingsdeel is the parents' (WPO art. 40a lid 2, WEC art. 41a: the rules engine's
# OPP-04); an adult pupil who is handelingsbekwaam consents for themselves. A parent without
# gezag does not consent (BW 1:245: gezag is the right to act for the child).


def opp_children(user: User) -> QuerySet[Child]:
    """The children whose OPP this user may read: those of whom they see the plan."""
    from .scopes import Section

    return children_showing(user, Section.PLAN)


def may_view_opp(user: User, child: Child) -> bool:
    return opp_children(user).filter(pk=child.pk).exists()


def opp_schools(user: User) -> QuerySet[SchoolLocation]:
    """The school locations for which this user draws up OPPs: their school, or their board's."""
    if not (_is_usable(user) and user.role in SCHOOL_ROLES and user.organisation_id is not None):
        return SchoolLocation.objects.none()
    return SchoolLocation.objects.filter(
        Q(organisation_id=user.organisation_id) | Q(board_id=user.organisation_id)
    ).select_related("organisation")


def may_write_opp(user: User, child: Child) -> bool:
    """Drawing up a version, recording an evaluation or a parent's consent on paper, declaring
    handelingsverlegen: the school where the child is enrolled now (see the table above)."""
    schools = opp_schools(user)
    if not schools.exists():
        return False
    return Child.objects.filter(enrolled_at_q(schools), pk=child.pk).exists() and can_view_child(user, child)


def may_consent_opp(user: User, child: Child, *, on: date | None = None) -> bool:
    """Consenting to (or objecting against) the handelingsdeel in Kring: a representative with gezag
    while the child is a minor; the pupil themselves from 18."""
    if not _is_usable(user):
        return False
    if user.role == Role.LEERLING:
        return child.account_id == user.pk and ages.age_on(child.birth_date, _today(on)) >= ages.MAJORITY_AGE
    return has_gezag(user, child, on=on)


def may_consent_on_paper(representative: LegalRepresentative) -> bool:
    """Which representative's consent on paper counts: one with gezag or voogdij."""
    return representative.gezag in ACTING_GEZAG


def require_opp_child(user: User, child_id: Any, *, write: bool = False) -> Child:
    """The child of an OPP page: Http404 when this user may not read the OPP (or the child does not
    exist), PermissionDenied for a write by someone who may only read."""
    try:
        pk = int(child_id)
    except (TypeError, ValueError):
        raise Http404(str(NO_SUCH_CHILD)) from None
    child = opp_children(user).select_related("gemeente").filter(pk=pk).first()
    if child is None:
        raise Http404(str(NO_SUCH_CHILD))
    if write and not may_write_opp(user, child):
        raise PermissionDenied(str(OPP_NOT_SCHOOL))
    return child


OPP_NOT_SCHOOL = _(
    "Alleen de school waar het kind staat ingeschreven stelt het OPP op en legt de evaluaties vast. "
    "Jij kunt het OPP lezen."
)


# ---------------------------------------------------------------- the terugkeerplan (kring.opp)
#
# 'Onderwijs staat (tijdelijk) stil' and the steps back to education (issue 10, item 11).
#
# | who                                        | reads the plan | writes (opens, adds, marks, ends) |
# | ------------------------------------------ | -------------- | --------------------------------- |
# | the school where the child is enrolled     | yes            | yes (like the OPP: zorgplicht)    |
# | (intern_begeleider, schoolleider)          |                |                                   |
# | circle member 'volledig' of an open case   | yes            | yes when they may change the      |
# | (the regievoerder, ...)                    |                | case's plan (Act.CHANGE_PLAN)     |
# | swv_consulent/-directeur, leerplicht-      | yes (the plan  | only as such a circle member      |
# | ambtenaar (statutory task)                 | is 'volledig') |                                   |
# | ouder (with or without gezag), leerling    | yes (B1 view)  | no                                |
# | everyone else                              | no (404)       | no                                |
#
# Readers are those of the OPP (`opp_children`, Section.PLAN): the plan is part of the child's plan.
# The region's overview of who pays (`payer_overview_swv`) holds counts only: the SWV's staff.


def return_plan_children(user: User) -> QuerySet[Child]:
    """The children whose terugkeerplan this user may read (the readers of the OPP)."""
    return opp_children(user)


def may_view_return_plan(user: User, child: Child) -> bool:
    return return_plan_children(user).filter(pk=child.pk).exists()


def may_write_return_plan(user: User, child: Child) -> bool:
    """Open a plan, add, mark or replace a step, end it: the child's school (zorgplicht, WPO art. 40
    lid 4), or who may change the plan of the child's open case (the regievoerder's circle)."""
    if not may_view_return_plan(user, child):
        return False
    if may_write_opp(user, child):
        return True
    return any(can(user, Act.CHANGE_PLAN, case) for case in visible_cases(user).filter(child=child))


def require_return_plan_child(user: User, child_id: Any, *, write: bool = False) -> Child:
    """The child of a terugkeerplan page: Http404 when this user may not read it, PermissionDenied
    for a write by someone who may only read."""
    try:
        pk = int(child_id)
    except (TypeError, ValueError):
        raise Http404(str(NO_SUCH_CHILD)) from None
    child = return_plan_children(user).select_related("gemeente").filter(pk=pk).first()
    if child is None:
        raise Http404(str(NO_SUCH_CHILD))
    if write and not may_write_return_plan(user, child):
        raise PermissionDenied(str(RETURN_PLAN_NOT_WRITER))
    return child


def payer_overview_swv(user: User) -> Samenwerkingsverband | None:
    """The region whose overview of who pays (support actions, steps back) this user reads: the
    SWV's own staff. Counts only, no child."""
    return _own_swv(user)


RETURN_PLAN_NOT_WRITER = _(
    "Alleen de school waar het kind staat ingeschreven, of wie in de kring het plan van de casus "
    "mag veranderen, legt het terugkeerplan vast. Jij kunt het lezen."
)


# ---------------------------------------------------------------- rights requests (inzage, correctie)
#
# A request for access (AVG art. 15) or correction (AVG art. 16) of the child's data, addressed to
# one organisation, which answers within AVG-12's term (`kring.privacy.rights`).
#
# | who                                        | asks     | reads the child's requests | answers, extends |
# | ------------------------------------------ | -------- | -------------------------- | ---------------- |
# | ouder or voogd with gezag, child under 16  | yes      | yes                        | no               |
# | ouder with gezag, child 16 or 17           | no: the  | yes (the whole file)       | no               |
# |                                            | child    |                            |                  |
# | ouder without gezag                        | no (403) | yes (right to information) | no               |
# | leerling: their own file, from 16          | yes      | yes                        | no               |
# | leerling of 12 to 15                       | no (403) | no (the child-friendly     | no               |
# |                                            |          | view)                      |                  |
# | a professional of the addressed            | no (403) | the requests to their      | yes              |
# | organisation who sees the child through    |          | organisation               |                  |
# | the circle, a statutory task or a mandate  |          |                            |                  |
# | a professional of another organisation     | no (403) | no                         | no (403)         |
# | an emergency reader (break-glass)          | no (403) | no                         | no: reads only   |
# | anyone who may not see the child           | 404      | 404                        | 404              |


def may_request_rights(user: User, child: Child, *, on: date | None = None) -> bool:
    """Asking for access or a correction for the child: who acts for the child (`may_act_for_child`:
    a representative with gezag of a child under 16, the child from 16 for themselves)."""
    return can_view_child(user, child, on=on) and may_act_for_child(user, child, on=on)


def require_request_child(user: User, child_id: Any) -> Child:
    """The child of a new request: Http404 when invisible or missing (the same answer),
    PermissionDenied for whoever sees the child but may not ask (a professional, a parent without
    gezag, a child under 16)."""
    try:
        pk = int(child_id)
    except (TypeError, ValueError):
        raise Http404(str(NO_SUCH_CHILD)) from None
    child = visible_children(user).select_related("gemeente").filter(pk=pk).first()
    if child is None:
        raise Http404(str(NO_SUCH_CHILD))
    if not may_request_rights(user, child):
        refuse(Refusal.FAMILY_REQUEST)
    return child


def family_rights_requests(user: User, child: Child) -> QuerySet[RightsRequest]:
    """The child's requests the family sees: all of them, for whoever sees the whole family view
    (a parent of a minor, with or without gezag; the child from 16)."""
    if not shows_whole_family_view(user, child):
        return RightsRequest.objects.none()
    return RightsRequest.objects.filter(child=child)


def handles_rights_requests(user: User) -> bool:
    """The list of requests to one's organisation: professionals who act for an organisation."""
    return _is_usable(user) and user.role in PROFESSIONAL_CASE_ROLES and user.organisation_id is not None


def _working_q(user: User) -> Q:
    """The children this professional works for (not an emergency read): the circle, a statutory
    task, a mandate."""
    return _any_of(
        _circle_ids(user=user, organisation_id=user.organisation_id),
        *_statutory_ids(role=user.role, organisation=user.organisation),
        _mandate_ids(user),
    )


def organisation_rights_requests(user: User) -> QuerySet[RightsRequest]:
    """The requests addressed to this professional's organisation about children they work for."""
    org_id = user.organisation_id
    if org_id is None or not handles_rights_requests(user):
        return RightsRequest.objects.none()
    return RightsRequest.objects.filter(
        organisation_id=org_id, child__in=Child.objects.filter(_working_q(user))
    )


def may_answer_request(user: User, request: RightsRequest) -> bool:
    return organisation_rights_requests(user).filter(pk=request.pk).exists()


def require_answerable_request(user: User, request_id: Any) -> RightsRequest:
    """The request to answer or extend: Http404 when this user may not see it (or it does not
    exist), PermissionDenied when they see the child but the request is another organisation's."""
    try:
        pk = int(request_id)
    except (TypeError, ValueError):
        raise Http404(str(NO_SUCH_CHILD)) from None
    found = organisation_rights_requests(user).select_related("child", "organisation").filter(pk=pk).first()
    if found is not None:
        return found
    other = RightsRequest.objects.filter(pk=pk).values_list("child_id", flat=True).first()
    if (
        other is not None
        and handles_rights_requests(user)
        and Child.objects.filter(_working_q(user), pk=other).exists()
    ):
        refuse(Refusal.NOT_ADDRESSEE)
    raise Http404(str(NO_SUCH_CHILD))


# ---------------------------------------------------------------- toestemming (consent)
#
# Youth care (jeugdhulp) has no statutory task per child in Kring: inside the circle it sees the
# circle's work (who, how to reach them, the agreements), and the file itself only with the family's
# consent. Where the law is the basis (LEGAL_BASES), nobody asks for consent and the family's page says so.
#
# | who                                        | consent (give, revoke, accept or refuse a request)   |
# | ------------------------------------------ | ---------------------------------------------------- |
# | ouder or voogd with gezag, child under 16  | yes, page and API (`may_act_for_child`, UAVG art. 5) |
# | ouder without gezag; any parent from 16    | no, 403: reads the consents, does not decide         |
# | leerling: their own file, from 16          | yes: they consent themselves                         |
# | a professional who sees the child          | reads them (who may see what, on which basis); 403   |
# |                                            | for giving or revoking                               |
# | CONSENT_ROLES member who sees the child    | may ASK for consent for themselves                   |
# |                                            | (`may_request_consent`)                              |
# | anyone who may not see the child           | 404, as for a child that does not exist              |
#
# | a CONSENT_ROLES member of the circle sees a CONSENT_SECTIONS section when ...              |
# | ------------------------------------------------------------------------------------------ |
# | the circle scope shows it AND a running consent (given, not revoked, today in the period)   |
# | for the child names them (recipient_user) or their organisation (recipient_organisation,    |
# | no user named) and covers the section's category; or they see the whole file anyway (a     |
# | mandate, toegang in een noodgeval: `_full_file_q`). Revoking takes effect on the next query.|

CONSENT_ROLES = frozenset({Role.JEUGDHULPVERLENER})


def _consent_sections() -> dict[Any, str]:
    from .scopes import Section

    return {
        Section.TIMELINE: ConsentCategory.TIMELINE,
        Section.ASSESSMENT: ConsentCategory.ASSESSMENT,
        Section.PLAN: ConsentCategory.PLAN,
        Section.MEETINGS: ConsentCategory.MEETINGS,
    }


def consent_category(section: Any) -> str | None:
    """The consent category that covers a section of the file (None: consent plays no part)."""
    return _consent_sections().get(section)


# Writes that rest on a gated section: who may not read it, may not change it either.
def _consent_writes() -> dict[Act, Any]:
    from .scopes import Section

    return {
        Act.ADD_MEETING: Section.MEETINGS,
        Act.CHANGE_PLAN: Section.PLAN,
        Act.WRITE_TIMELINE: Section.TIMELINE,
    }


def _consent_gated(user: User, section: Any) -> bool:
    return _is_usable(user) and user.role in CONSENT_ROLES and consent_category(section) is not None


def recipient_consents(user: User) -> ConsentQuerySet:
    """The consents that open parts of a file to this user: named, or their organisation when no
    person is named; only for CONSENT_ROLES (to the others a consent opens nothing). The logbook
    gives every read under one the purpose consent (`privacy.audit`)."""
    if not _is_usable(user) or user.role not in CONSENT_ROLES:
        return Consent.objects.filter(pk__in=[])
    who = Q(recipient_user=user)
    if user.organisation_id is not None:
        who |= Q(recipient_user__isnull=True, recipient_organisation_id=user.organisation_id)
    return Consent.objects.filter(who)


def _consented_q(user: User, section: Any, on: date | None = None) -> Q:
    """Children with a running consent to this user that covers `section`."""
    category = consent_category(section)
    if category is None:
        return _NOTHING
    running = recipient_consents(user).running(on).covering(category).filter(child=OuterRef("pk"))
    return Q(Exists(running))


def needs_consent(user: User, child_id: int, section: Any) -> bool:
    """Whether `user` would see `section` of the child's file only with a consent they do not have
    (the circle's scope is decided elsewhere: `decide`)."""
    if not _consent_gated(user, section):
        return False
    return not Child.objects.filter(
        Q(pk=child_id) & (_full_file_q(user) | _consented_q(user, section))
    ).exists()


def consent_deciders_q(user: User, on: date | None = None) -> Q:
    """The children for whom this user gives, revokes, accepts or refuses consent (`may_act_for_child`)."""
    if not _is_usable(user):
        return _NOTHING
    if user.role == Role.OUDER:
        acting = LegalRepresentative.objects.filter(
            child=OuterRef("pk"), user=user, gezag__in=sorted(ACTING_GEZAG)
        )
        return Q(Exists(acting)) & Q(birth_date__gt=ages.born_on_or_before(ages.FULL_RIGHTS_AGE, _today(on)))
    if user.role == Role.LEERLING:
        return _own_file_q(user, on) & _at_least_q(ages.FULL_RIGHTS_AGE, on)
    return _NOTHING


def may_decide_consent(user: User, child: Child) -> bool:
    return Child.objects.filter(consent_deciders_q(user), pk=child.pk).exists()


def consent_readable_children(user: User) -> QuerySet[Child]:
    """The children whose consents this user reads: the family with the whole file (a parent, also
    without gezag; the child from 16), and every professional who may see the child (the case page
    says who may see what on which basis)."""
    if not _is_usable(user):
        return Child.objects.none()
    if user.role in FAMILY_ROLES:
        return Child.objects.filter(_full_file_q(user))
    if user.role in PROFESSIONAL_CASE_ROLES:
        return visible_children(user)
    return Child.objects.none()


def consent_recipient_members(child: Child) -> QuerySet[Any]:
    """The members of the child's circles a family may choose as the recipient of a consent: the
    people with an account for whom consent opens the file (CONSENT_ROLES)."""
    from kring.cases.models import CircleMember

    return (
        CircleMember.objects.filter(
            case__child=child, active=True, user__is_active=True, user__role__in=sorted(CONSENT_ROLES)
        )
        .select_related("user", "organisation", "user__organisation")
        .order_by("user__last_name", "pk")
    )


def may_request_consent(user: User, child: Child) -> bool:
    """Asking the family for consent (for themselves): a professional who needs it (CONSENT_ROLES)
    and may see the child. The roles with a task by law have no need to ask."""
    return (
        _is_usable(user)
        and user.role in CONSENT_ROLES
        and user.organisation_id is not None
        and can_view_child(user, child)
    )


class ConsentAct(StrEnum):
    LIST = "list"
    DECIDE = "decide"  # give, revoke, accept or refuse a request
    REQUEST = "request"


CONSENT_REFUSALS: dict[str, StrOrPromise] = {
    "decide": _(
        "Alleen een ouder of voogd met gezag beslist over toestemming, tot het kind 16 is. Vanaf 16 "
        "beslist het kind zelf."
    ),
    "request": _(
        "Om toestemming vraagt alleen wie die nodig heeft: de jeugdhulp in de kring. Wie een wettelijke "
        "taak heeft, heeft geen toestemming nodig."
    ),
}


def require_consent_child(user: User, child_id: Any, act: ConsentAct) -> Child:
    """The child of a consent page or endpoint: Http404 when invisible or missing (the same answer),
    PermissionDenied when the child is visible but the act is not this user's."""
    try:
        pk = int(child_id)
    except (TypeError, ValueError):
        raise Http404(str(NO_SUCH_CHILD)) from None
    child = consent_readable_children(user).select_related("gemeente").filter(pk=pk).first()
    if child is None:
        raise Http404(str(NO_SUCH_CHILD))
    if act == ConsentAct.DECIDE and not may_decide_consent(user, child):
        raise PermissionDenied(str(CONSENT_REFUSALS["decide"]))
    if act == ConsentAct.REQUEST and not may_request_consent(user, child):
        raise PermissionDenied(str(CONSENT_REFUSALS["request"]))
    return child


# Where the law itself is the basis, Kring asks no consent and says so (the family's consent page,
# the case page). (who, what, source)
LEGAL_BASES: tuple[tuple[StrOrPromise, StrOrPromise, str], ...] = (
    (
        _("De leerplichtambtenaar"),
        _("ziet het hele dossier, want die houdt toezicht op de leerplicht."),
        "Leerplichtwet 1969, art. 16 en 18 lid 3",
    ),
    (
        _("De school"),
        _("meldt verzuim: 16 uur ongeoorloofd verzuim in 4 lesweken moet de school doorgeven."),
        "Leerplichtwet 1969, art. 21a; Wet register onderwijsdeelnemers, art. 12 lid 3",
    ),
    (
        _("Het samenwerkingsverband"),
        _(
            "beslist over een toelaatbaarheidsverklaring (TLV) en zorgt voor een passende plek. Gegevens "
            "over gezondheid gebruikt het alleen daarvoor."
        ),
        "Wet op het primair onderwijs, art. 18a lid 6 en 13",
    ),
)


def basis_rows(case: Case) -> list[dict[str, Any]]:
    """Who may see what of the case, and on which basis: for the case page. One row per active
    professional member of the circle: the whole file by law (a statutory task), by the circle, or
    (youth care) the parts a running consent covers, until its end."""
    from kring.cases.models import CircleMember

    from .scopes import SECTIONS

    consents = list(Consent.objects.running().filter(child_id=case.child_id))
    rows: list[dict[str, Any]] = []
    members = CircleMember.objects.filter(case=case, active=True).select_related("user", "organisation")
    for member in members:
        user = member.user
        if user is None or user.role not in PROFESSIONAL_CASE_ROLES:
            continue
        statutory = Child.objects.filter(
            _statutory_q(role=user.role, organisation=user.organisation), pk=case.child_id
        ).exists()
        row: dict[str, Any] = {"member": member, "user": user, "basis": "circle", "consents": []}
        if statutory:
            row["basis"] = "law"
        elif user.role in CONSENT_ROLES:
            row["basis"] = "consent"
            shown = SECTIONS.get(member.visibility, frozenset())
            for consent in consents:
                if consent.recipient_user_id == user.pk or (
                    consent.recipient_user_id is None
                    and consent.recipient_organisation_id is not None
                    and consent.recipient_organisation_id == user.organisation_id
                ):
                    labels = [
                        str(ConsentCategory(consent_category(s)).label)  # type: ignore[arg-type]
                        for s in _consent_sections()
                        if s in shown and consent_category(s) in consent.categories
                    ]
                    row["consents"].append({"consent": consent, "labels": labels})
        rows.append(row)
    return rows
