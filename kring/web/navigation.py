"""The main navigation. Add an item here to show it on every page for the roles that need it."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kring.access.policy import PROFESSIONAL_CASE_ROLES, SCHOOL_ROLES, TIMETABLE_LIST_ROLES
from kring.accounts.roles import Role


@dataclass(frozen=True, kw_only=True)
class NavItem:
    label: str | Promise
    url_name: str
    fragment: str = ""  # "#agenda" to point into a page
    roles: frozenset[str] | None = None  # None: every professional role
    for_family: bool = False  # also shown to parents and children (portal)
    only_family: bool = False  # shown to parents and children only
    # URL names (namespace:name) for which this item is the current page.
    current_for: frozenset[str] = frozenset()


NAV_ITEMS: list[NavItem] = [
    NavItem(
        label=pgettext_lazy("navigatie", "Home"),
        url_name="web:home",
        current_for=frozenset({"web:home"}),
        for_family=True,
    ),
    NavItem(label=_("Agenda"), url_name="web:home", fragment="#agenda"),
    NavItem(
        label=_("Casussen"),
        url_name="cases:list",
        roles=frozenset(PROFESSIONAL_CASE_ROLES),
        current_for=frozenset({"cases:list", "cases:detail", "cases:open"}),
    ),
    NavItem(
        label=_("Kinderen"),
        url_name="children:list",
        roles=frozenset(PROFESSIONAL_CASE_ROLES),
        current_for=frozenset({"children:list", "children:new"}),
    ),
    NavItem(
        label=_("Steunpunt"),
        url_name="desk:home",
        roles=frozenset({Role.STEUNPUNT_MEDEWERKER}),
        current_for=frozenset({"desk:home", "desk:new_question", "desk:question"}),
    ),
    NavItem(
        label=_("TLV-aanvragen"),
        url_name="placement:tlv_list",
        roles=frozenset({Role.SWV_CONSULENT, Role.SWV_DIRECTEUR, Role.INTERN_BEGELEIDER, Role.SCHOOLLEIDER}),
        current_for=frozenset(
            {"placement:tlv_list", "placement:tlv", "placement:tlv_decide", "placement:tlv_new"}
        ),
    ),
    NavItem(
        label=_("Wachtlijsten"),
        url_name="placement:region",
        roles=frozenset({Role.SWV_CONSULENT, Role.SWV_DIRECTEUR}),
        current_for=frozenset({"placement:region", "placement:waiting_lists", "placement:waiting_end"}),
    ),
    NavItem(
        label=_("Wie betaalt"),
        url_name="opp:payers",
        roles=frozenset({Role.SWV_CONSULENT, Role.SWV_DIRECTEUR}),
        current_for=frozenset({"opp:payers"}),
    ),
    NavItem(
        label=_("Ondersteuningsprofiel"),
        url_name="placement:support_profile",
        roles=frozenset(SCHOOL_ROLES),
        current_for=frozenset({"placement:support_profile"}),
    ),
    NavItem(
        label=_("Instellingen van de regio"),
        url_name="regions:settings",
        roles=frozenset({Role.SWV_DIRECTEUR, Role.FUNCTIONEEL_BEHEERDER}),
        current_for=frozenset({"regions:settings"}),
    ),
    NavItem(
        label=_("Signalen"),
        url_name="desk:report",
        roles=frozenset({Role.STEUNPUNT_MEDEWERKER, Role.SWV_DIRECTEUR}),
        current_for=frozenset({"desk:report", "desk:signals", "desk:signal_new", "desk:signal_detail"}),
    ),
    NavItem(
        label=_("Signalen"),
        url_name="attendance:signals",
        roles=frozenset({Role.INTERN_BEGELEIDER, Role.SCHOOLLEIDER}),
        current_for=frozenset(
            {
                "attendance:signals",
                "attendance:signal",
                "attendance:signal_case",
                "attendance:signal_dismiss",
                "attendance:melding",
            }
        ),
    ),
    NavItem(
        label=_("Aanmeldingen"),
        url_name="enrolment:register",
        roles=frozenset(SCHOOL_ROLES),
        current_for=frozenset({"enrolment:register", "enrolment:new", "enrolment:detail"}),
    ),
    NavItem(
        label=_("Minder onderwijstijd"),
        url_name="timetable:list",
        roles=frozenset(TIMETABLE_LIST_ROLES),
        current_for=frozenset(
            {
                "timetable:list",
                "timetable:child",
                "timetable:record",
                "timetable:request",
                "timetable:consent",
                "timetable:end",
            }
        ),
    ),
    NavItem(
        label=_("Verzoeken van het steunpunt"),
        url_name="desk:requests",
        roles=frozenset({Role.SWV_CONSULENT, Role.SWV_DIRECTEUR}),
        current_for=frozenset({"desk:requests", "desk:handle_request"}),
    ),
    NavItem(
        label=_("Inzage en correctie"),
        url_name="children:rights_requests",
        roles=frozenset(PROFESSIONAL_CASE_ROLES),
        current_for=frozenset(
            {"children:rights_requests", "children:rights_answer", "children:rights_extend"}
        ),
    ),
    NavItem(
        label=_("Aanwezigheid inlezen"),
        url_name="attendance:imports",
        roles=frozenset(SCHOOL_ROLES),
        current_for=frozenset({"attendance:imports", "attendance:import"}),
    ),
    NavItem(
        label=_("De kring rond je kind"),
        url_name="portal:family",
        roles=frozenset({Role.OUDER}),  # a pupil's account is not linked to their file yet
        for_family=True,
        only_family=True,
        current_for=frozenset({"portal:family"}),
    ),
]


@dataclass(frozen=True)
class NavLink:
    label: str | Promise
    href: str
    current: bool


def nav_for(request: HttpRequest) -> list[NavLink]:
    """The navigation links for the person making this request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    role = getattr(user, "role", "")
    professional = bool(getattr(user, "is_professional", True))
    match = getattr(request, "resolver_match", None)
    current_view = match.view_name if match is not None else ""
    return [
        NavLink(
            label=item.label,
            href=reverse(item.url_name) + item.fragment,
            current=current_view in item.current_for,
        )
        for item in NAV_ITEMS
        if _visible(item, role=role, professional=professional)
    ]


def _visible(item: NavItem, *, role: str, professional: bool) -> bool:
    if not professional:
        return item.for_family and (item.roles is None or role in item.roles)
    if item.only_family:
        return False
    return item.roles is None or role in item.roles
