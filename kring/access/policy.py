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
| jeugdhulpverlener,        | only through the circle (or a mandate, as above)           | no statutory     |
| steunpunt_medewerker      |                                                            | task per child   |
| functioneel_beheerder     | never (configuration only)                                 | least privilege  |
| inspecteur                | never in v1 (the monitor shows aggregates)                 | least privilege  |
| ouder                     | only a child they are LegalRepresentative.user of          | co-owns the file |
| leerling                  | never in v1 (child accounts are linked in the portal step) | not yet linked   |
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

Deciding at an escalation level (`holds_mandate`): the level's named mandate holder, or else every
user with the level's role at the level's organisation (default: the samenwerkingsverband).

Every read of a child's data is audited by the selector that reads it, not here: this module only
decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr

from kring.accounts.roles import Role
from kring.children.models import Child, EventType, LegalRepresentative, TimelineEvent
from kring.organisations.models import Organisation, OrganisationKind, Samenwerkingsverband, SchoolLocation

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.cases.models import Case, EscalationLevel

__all__ = [
    "applied_at_q",
    "can_configure_region",
    "can_edit_case",
    "can_view_case",
    "can_view_child",
    "can_write_timeline",
    "case_view_scope",
    "editable_cases",
    "enrolled_at_q",
    "holds_mandate",
    "mandate_holders",
    "visible_cases",
    "visible_children",
    "visible_children_for_organisation",
]

SCHOOL_ROLES = frozenset({Role.INTERN_BEGELEIDER, Role.SCHOOLLEIDER})
SWV_ROLES = frozenset({Role.SWV_CONSULENT, Role.SWV_DIRECTEUR})
CIRCLE_ONLY_ROLES = frozenset({Role.JEUGDHULPVERLENER, Role.STEUNPUNT_MEDEWERKER})
NO_CHILD_DATA_ROLES = frozenset({Role.FUNCTIONEEL_BEHEERDER, Role.INSPECTEUR, Role.LEERLING})
PROFESSIONAL_CASE_ROLES = SCHOOL_ROLES | SWV_ROLES | CIRCLE_ONLY_ROLES | {Role.LEERPLICHTAMBTENAAR}

_NOTHING = Q(pk__in=[])


# ---------------------------------------------------------------- building blocks (Q on Child)


def _circle_q(*, user: User | None, organisation_id: int | None) -> Q:
    """Children with a case whose circle has this user or organisation as an active member."""
    from kring.cases.models import CircleMember

    who = Q()
    if user is not None:
        who |= Q(user=user)
    if organisation_id is not None:
        who |= Q(organisation_id=organisation_id)
    if not who:
        return _NOTHING
    # A plain IN on the children of those circles: SQLite plans a correlated EXISTS here as a scan
    # of every membership per child (benchmarks/region_scale.py), PostgreSQL handles both well.
    return Q(pk__in=CircleMember.objects.filter(who, active=True).values("case__child_id"))


def enrolled_at_q(schools: QuerySet[SchoolLocation]) -> Q:
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


def applied_at_q(schools: QuerySet[SchoolLocation]) -> Q:
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


def _school_q(organisation: Organisation) -> Q:
    schools = SchoolLocation.objects.filter(Q(organisation=organisation) | Q(board=organisation))
    return enrolled_at_q(schools) | applied_at_q(schools)


def _gemeente_q(organisation: Organisation) -> Q:
    if organisation.kind != OrganisationKind.GEMEENTE:
        return _NOTHING
    # Gemeente's primary key is its organisation's id.
    return Q(gemeente_id=organisation.pk)


def _swv_q(organisation: Organisation) -> Q:
    from kring.organisations.selectors import schools_in_swv
    from kring.reference.models import PostcodeArea

    if organisation.kind != OrganisationKind.SWV or not hasattr(organisation, "swv"):
        return _NOTHING
    column = "swv_vo" if organisation.swv.sector == "vo" else "swv_po"
    home = Q(
        Exists(
            PostcodeArea.objects.filter(pc4=Substr(OuterRef("postcode"), 1, 4), **{column: organisation.pk})
        )
    )
    return home | enrolled_at_q(schools_in_swv(organisation.swv))


def _statutory_q(*, role: str, organisation: Organisation | None) -> Q:
    """Children for whom this role at this organisation has a statutory task (not via the circle)."""
    if organisation is None:
        return _NOTHING
    if role == Role.LEERPLICHTAMBTENAAR:
        return _gemeente_q(organisation)
    if role in SWV_ROLES:
        return _swv_q(organisation)
    if role in SCHOOL_ROLES:
        return _school_q(organisation)
    return _NOTHING


def _mandate_q(user: User) -> Q:
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


def _is_usable(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _child_q(user: User) -> Q:
    if not _is_usable(user):
        return _NOTHING
    role = user.role
    if role == Role.OUDER:
        reps = LegalRepresentative.objects.filter(child=OuterRef("pk"), user=user)
        return Q(Exists(reps))
    if role not in PROFESSIONAL_CASE_ROLES or user.organisation_id is None:
        return _NOTHING  # deny by default: functioneel beheer, inspectie, leerling, unknown roles
    return (
        _circle_q(user=user, organisation_id=user.organisation_id)
        | _statutory_q(role=role, organisation=user.organisation)
        | _mandate_q(user)
    )


# ---------------------------------------------------------------- the public API


def visible_children(user: User) -> QuerySet[Child]:
    """Every child this user may see. Lists start here; detail pages narrow it to one row."""
    return Child.objects.filter(_child_q(user))


def can_view_child(user: User, child: Child) -> bool:
    return visible_children(user).filter(pk=child.pk).exists()


def visible_cases(user: User) -> QuerySet[Case]:
    """Every case (open or closed) of a child this user may see."""
    from kring.cases.models import Case

    return Case.objects.filter(child__in=visible_children(user))


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
    return editable_cases(user).filter(pk=case.pk).exists()


def can_write_timeline(user: User, child: Child) -> bool:
    """Who may add or remove events on a child's timeline: whoever may change the child's open case;
    without an open case, a professional with a statutory task for the child (the same rows of this
    policy that let them change a case). Pages and API both ask this function."""
    from kring.cases.models import OPEN_STATUSES, Case

    if not can_view_child(user, child):
        return False
    case = Case.objects.filter(child=child, status__in=OPEN_STATUSES).first()
    if case is not None:
        return can_edit_case(user, case)
    if user.role not in PROFESSIONAL_CASE_ROLES or user.role in CIRCLE_ONLY_ROLES:
        return False
    statutory = _statutory_q(role=user.role, organisation=user.organisation)
    return Child.objects.filter(statutory, pk=child.pk).exists()


def visible_children_for_organisation(organisation: Organisation) -> QuerySet[Child]:
    """Children an organisation as a whole may see: its circles, plus the statutory task of its kind
    (the organisation's agenda). Family and configuration-only roles play no part here."""
    q = _circle_q(user=None, organisation_id=organisation.pk)
    if organisation.kind == OrganisationKind.GEMEENTE:
        q |= _gemeente_q(organisation)
    elif organisation.kind == OrganisationKind.SWV:
        q |= _swv_q(organisation)
    elif organisation.kind in (OrganisationKind.SCHOOL, OrganisationKind.BESTUUR):
        q |= _school_q(organisation)
    elif organisation.kind == OrganisationKind.INSPECTIE:
        return Child.objects.none()
    return Child.objects.filter(q)


def case_view_scope(user: User, case: Case) -> str | None:
    """What part of the case this user may see: a `Visibility` value, or None for nothing.

    The family and holders of a statutory task see the whole file; other professionals see what
    their circle membership says (the widest of their own and their organisation's memberships).
    """
    from kring.cases.models import CircleMember, Visibility

    if not can_view_case(user, case):
        return None
    if user.role == Role.OUDER:
        return Visibility.VOLLEDIG
    if Child.objects.filter(
        Q(pk=case.child_id)
        & (_statutory_q(role=user.role, organisation=user.organisation) | _mandate_q(user))
    ).exists():
        return Visibility.VOLLEDIG
    scopes = set(
        CircleMember.objects.filter(
            Q(user=user) | Q(organisation_id=user.organisation_id), case=case, active=True
        ).values_list("visibility", flat=True)
    )
    for scope in (Visibility.VOLLEDIG, Visibility.KRING_EN_AFSPRAKEN, Visibility.ALLEEN_AFSPRAKEN):
        if scope in scopes:
            return scope
    # Visible through a circle of an earlier case of this child only: the basic picture.
    return Visibility.KRING_EN_AFSPRAKEN


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
