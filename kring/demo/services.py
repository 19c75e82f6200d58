"""`kring demo`: one real samenwerkingsverband region with fictional children.

The region is Samenwerkingsverband PO 26-05 (Nieuwegein, Houten, IJsselstein, Lopik, Vianen) with
its real schools and gemeenten from the reference data. The children, parents and professionals are
fictional; their situations cover what Kring is for. Every date is relative to `today`, so the demo
always shows current deadlines. Everything is written through the same services the pages use, so
the demo's timelines, audit log and assessments are what a region would see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.cases import services as cases
from kring.cases.models import Case, CircleMember, MemberKind, Perspective, RouteKind
from kring.children import services as children
from kring.children.models import Child
from kring.core.tick import run_tick
from kring.organisations.models import (
    Gemeente,
    Organisation,
    OrganisationKind,
    Samenwerkingsverband,
    SchoolLocation,
)
from kring.privacy.consents import give_consent
from kring.reference.services import import_reference
from kring.regions import services as region_services
from kring.regions.models import TermUnit
from kring.regions.services import LevelSpec

from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount
from .attendance import load_attendance
from .desk import load_desk
from .passend import load_passend

Progress = Callable[[str], None]

SWV_CODE = "PO2605"
GEMEENTE = "Nieuwegein"
SCHOOL = "12FF00"  # Koningin Beatrixschool, Nieuwegein
MONTESSORI = "15QM00"  # Montessorischool De Vleugel, Nieuwegein
SBO = "04DA00"  # School voor Speciaal Basisonderwijs De Evenaar, Nieuwegein
SO = "02RF01"  # Berg en Boschschool, Houten

FICTIONAL_ORGANISATIONS = {
    "jeugdhulp": (OrganisationKind.JEUGDHULP, "DEMO-JEUGDTEAM", "Jeugdteam Lek en IJssel (fictief)"),
    "steunpunt": (
        OrganisationKind.STEUNPUNT,
        "DEMO-STEUNPUNT",
        "Ouder- en jeugdsteunpunt Lek en IJssel (fictief)",
    ),
    "inspectie": (OrganisationKind.INSPECTIE, "INSPECTIE", "Inspectie van het Onderwijs"),
}


class DemoUnavailable(Exception):
    """The demo cannot be loaded (e.g. the reference data lacks the demo region)."""


@dataclass
class DemoRegion:
    today: date
    swv: Samenwerkingsverband
    gemeente: Gemeente
    schools: dict[str, SchoolLocation]
    organisations: dict[str, Organisation]
    users: dict[str, User] = field(default_factory=dict)

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def years_ago(self, years: int, days: int = 0) -> date:
        try:
            day = self.today.replace(year=self.today.year - years)
        except ValueError:  # 29 February
            day = self.today.replace(year=self.today.year - years, day=28)
        return day - timedelta(days=days)


def database_is_empty() -> bool:
    return not (User.objects.exists() or Child.objects.exists())


def load_demo(*, today: date, reference_dir: Path, progress: Progress | None = None) -> DemoRegion:
    """Load the reference data when missing, then the demo region, in one transaction."""
    say = progress or (lambda message: None)
    if not SchoolLocation.objects.exists():
        say(f"Referentiegegevens laden uit {reference_dir} ...")
        report = import_reference(directory=reference_dir, progress=say)
        say(report.summary())
    with transaction.atomic():
        region = _region(today)
        say(f"Demoregio: {region.swv.organisation.name} ({GEMEENTE} en omgeving)")
        _accounts(region)
        _configure_region(region)
        for build in (_sem, _noor, _milan, _sara, _youssef, _emma, _lotte):
            child = build(region)
            say(f"Fictief kind: {child.first_name} {child.last_name}")
        for line in load_passend(region, school=SCHOOL):
            say(line)
        say(f"Steunpunt: {load_desk(region)} fictieve vragen van ouders en jongeren")
        attendance = load_attendance(region, region.schools[SCHOOL])
        say(f"Aanwezigheid: {attendance.summary.get('findings', 0)} signalen uit {attendance.filename}")
        for result in run_tick(today=today):
            say(f"Nachtelijke taak {result.name}: {result.report}")
    return region


def _region(today: date) -> DemoRegion:
    try:
        swv = Samenwerkingsverband.objects.select_related("organisation").get(code=SWV_CODE)
        gemeente = Gemeente.objects.select_related("organisation").get(name__iexact=GEMEENTE)
        schools = {
            code: SchoolLocation.objects.select_related("organisation").get(vestigingscode=code)
            for code in (SCHOOL, MONTESSORI, SBO, SO)
        }
    except (Samenwerkingsverband.DoesNotExist, Gemeente.DoesNotExist, SchoolLocation.DoesNotExist) as exc:
        raise DemoUnavailable(
            f"De referentiegegevens missen de demoregio ({SWV_CODE}, {GEMEENTE}): {exc}. "
            "Draai eerst `kring import reference`."
        ) from exc
    organisations = {
        "school": schools[SCHOOL].organisation,
        "swv": swv.organisation,
        "gemeente": gemeente.organisation,
    }
    for key, (kind, code, name) in FICTIONAL_ORGANISATIONS.items():
        organisations[key], _ = Organisation.objects.get_or_create(
            kind=kind, code=code, defaults={"name": name}
        )
    return DemoRegion(today=today, swv=swv, gemeente=gemeente, schools=schools, organisations=organisations)


def _accounts(region: DemoRegion) -> None:
    for account in DEMO_ACCOUNTS:
        region.users[account.username] = _account(region, account)


def _account(region: DemoRegion, account: DemoAccount) -> User:
    user = User.objects.create_user(
        username=account.username,
        password=DEMO_PASSWORD,
        first_name=account.first_name,
        last_name=account.last_name,
        email=f"{account.username}@demo.kring.invalid",
        role=account.role,
        organisation=region.organisations[account.organisation] if account.organisation else None,
    )
    if account.role == Role.FUNCTIONEEL_BEHEERDER:
        # Functioneel beheer works in /beheer/ (see beheer_permissions).
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.user_permissions.set(beheer_permissions())
    return user


def beheer_permissions() -> QuerySet[Permission]:
    """What functioneel beheer may change in /beheer/: people, organisations, two-factor devices,
    links to a login at the identity provider (OIDC; view and delete only), lockouts, and the
    steunpunt desk's configuration (its categories and settings; never questions)."""
    return Permission.objects.filter(
        Q(content_type__app_label__in=["accounts", "organisations", "otp_totp", "kring_oidc", "axes"])
        | Q(content_type__app_label="desk", content_type__model__in=["questioncategory", "desksettings"])
    )


def _configure_region(region: DemoRegion) -> None:
    director = region.users["directeur"]
    region_services.configure_region(
        actor=director, swv=region.swv, kr_3m_enabled=True, kr_3m_months=3, escalate_statutory=True
    )
    region_services.configure_escalation_ladder(
        actor=director,
        swv=region.swv,
        levels=[
            LevelSpec(name="Casusoverleg samenwerkingsverband", term_amount=10, mandate_user=director),
            LevelSpec(
                name="Bestuurlijk overleg onderwijs, gemeente en jeugdhulp",
                term_amount=4,
                term_unit=TermUnit.WEKEN,
                mandate_role="swv_directeur",
                mandate_organisation=region.swv.organisation,
            ),
        ],
    )


# --- helpers -----------------------------------------------------------------------------------


def _child(
    region: DemoRegion,
    *,
    actor: User,
    first: str,
    last: str,
    born: date,
    parent: str,
    relation: str = "moeder",
) -> Child:
    return children.create_child(
        actor=actor,
        first_name=first,
        last_name=last,
        birth_date=born,
        postcode="3431AB",
        gemeente=region.gemeente,
        vakantieregio="midden",
        representatives=[{"name": parent, "relation": relation, "email": "", "phone": ""}],
    )


def _event(region: DemoRegion, child: Child, actor: User, day: date, type: str, **data: object) -> None:
    school = data.pop("at", None)
    children.record_event(
        actor=actor,
        child=child,
        type=type,
        date=day,
        data=data,
        school=region.schools[str(school)] if school else None,
    )


def _member(case: Case, kind: str) -> CircleMember:
    member = case.circle.filter(kind=kind, active=True).order_by("id").first()
    assert member is not None, f"no {kind} in the circle"
    return member


def _join(region: DemoRegion, case: Case, actor: User, username: str, kind: str, on: date) -> CircleMember:
    user = region.users[username]
    return cases.add_circle_member(
        actor=actor,
        case=case,
        kind=kind,
        joined_on=on,
        user=user,
        organisation=user.organisation,
        role=user.get_role_display(),
        contact_route=f"{user.email}, 030 000 00 00 (fictief)",
    )


def _step(case: Case, actor: User, to: str, reason: str, on: date) -> Case:
    case.refresh_from_db()
    return cases.transition_case(
        actor=actor, case=case, to_status=to, reason=reason, on=on, expected_version=case.version
    )


# --- the fictional children ----------------------------------------------------------------------


def _sem(region: DemoRegion) -> Child:
    """Rising absence at a regular primary school: the 16-hour report to DUO is due."""
    ib = region.users["ib"]
    child = _child(
        region,
        actor=ib,
        first="Sem",
        last="Voorbeeld",
        born=region.years_ago(9, 40),
        parent="Petra Voorbeeld",
    )
    _event(region, child, ib, region.years_ago(5), "inschrijving", at=SCHOOL, sector="po")
    _event(
        region,
        child,
        ib,
        region.ago(38),
        "afwezig",
        reden="ongeoorloofd",
        to=region.ago(36).isoformat(),
        hours_per_day=5,
    )
    _event(
        region,
        child,
        ib,
        region.ago(24),
        "afwezig",
        reden="ongeoorloofd",
        to=region.ago(22).isoformat(),
        hours_per_day=5,
    )
    _event(
        region,
        child,
        ib,
        region.ago(15),
        "afwezig",
        reden="ongeoorloofd",
        to=region.ago(13).isoformat(),
        hours_per_day=5,
    )
    cases.open_case(
        actor=ib,
        child=child,
        signal_kind="verzuim",
        signal_description=(
            "Sem is de laatste weken steeds vaker afwezig zonder bericht. Moeder maakt zich zorgen."
        ),
        opened_on=region.ago(12),
    )
    return child


def _noor(region: DemoRegion) -> Child:
    """A long-term thuiszitter: nothing has been arranged for more than three months."""
    lpa = region.users["leerplicht"]
    child = _child(
        region,
        actor=lpa,
        first="Noor",
        last="Verzonnen",
        born=region.years_ago(11, 100),
        parent="Karim Verzonnen",
        relation="vader",
    )
    _event(region, child, lpa, region.years_ago(7), "inschrijving", at=MONTESSORI, sector="po")
    _event(region, child, lpa, region.ago(130), "afwezig", reden="ongeoorloofd", hours_per_day=5)
    _event(region, child, lpa, region.ago(122), "verzuimmelding")
    case = cases.open_case(
        actor=lpa,
        child=child,
        signal_kind="thuiszitten",
        signal_description="Noor gaat sinds de zomer niet meer naar school. Er is nog geen plan.",
        opened_on=region.ago(120),
    )
    _join(region, case, lpa, "consulent", MemberKind.SWV, region.ago(110))
    return child


def _milan(region: DemoRegion) -> Child:
    """A pupil in speciaal basisonderwijs with an OPP without consent and an unreported suspension."""
    consulent = region.users["consulent"]
    child = _child(
        region,
        actor=consulent,
        first="Milan",
        last="Fictief",
        born=region.years_ago(8, 200),
        parent="Anouk Fictief",
    )
    _event(region, child, consulent, region.years_ago(3), "inschrijving", at=SCHOOL, sector="po")
    _event(region, child, consulent, region.ago(70), "inschrijving", at=SBO, sector="sbo")
    _event(region, child, consulent, region.ago(70), "uitschrijving", at=SCHOOL, grond="inschrijving_elders")
    _event(region, child, consulent, region.ago(30), "opp_vastgesteld", instemming_handelingsdeel=False)
    _event(region, child, consulent, region.ago(20), "schorsing", at=SBO, to=region.ago(18).isoformat())
    case = cases.open_case(
        actor=consulent,
        child=child,
        signal_kind="zorg_ouders",
        signal_description=(
            "Moeder is het niet eens met het handelingsdeel van het OPP en Milan is geschorst."
        ),
        opened_on=region.ago(17),
    )
    me = _member(case, MemberKind.SWV)
    cases.appoint_regievoerder(
        actor=consulent, case=case, member=me, note="Ik ken het gezin al.", on=region.ago(16)
    )
    _step(case, consulent, "verkenning", "Gesprek met moeder en school gepland.", region.ago(16))
    return child


def _sara(region: DemoRegion) -> Child:
    """A pending aanmelding at a school for special education: the school must decide soon."""
    ib = region.users["ib"]
    child = _child(
        region,
        actor=ib,
        first="Sara",
        last="Denkbeeld",
        born=region.years_ago(6, 60),
        parent="Fatma Denkbeeld",
    )
    _event(region, child, ib, region.years_ago(1, 30), "inschrijving", at=SCHOOL, sector="po")
    _event(region, child, ib, region.ago(28), "aanmelding", at=SO)
    cases.open_case(
        actor=ib,
        child=child,
        signal_kind="zorg_school",
        signal_description=(
            "Sara is aangemeld bij een school voor speciaal onderwijs; we volgen of die op tijd beslist."
        ),
        opened_on=region.ago(27),
    )
    return child


def _youssef(region: DemoRegion) -> Child:
    """On a waiting list for special education: what he needs is not what is offered (yet)."""
    consulent = region.users["consulent"]
    ib = region.users["ib"]
    child = _child(
        region, actor=ib, first="Youssef", last="Proef", born=region.years_ago(10, 15), parent="Samira Proef"
    )
    _event(region, child, ib, region.years_ago(6), "inschrijving", at=SCHOOL, sector="po")
    _event(region, child, ib, region.ago(60), "aanmelding", at=SO)
    _event(region, child, ib, region.ago(35), "aanmelding_verlenging", at=SO)
    case = cases.open_case(
        actor=ib,
        child=child,
        signal_kind="aanmelding_stokt",
        signal_description=(
            "Youssef wacht op een plek in het speciaal onderwijs en gaat nu maar twee ochtenden naar school."
        ),
        opened_on=region.ago(58),
    )
    consulent_member = _join(region, case, ib, "consulent", MemberKind.SWV, region.ago(57))
    _join(region, case, ib, "jeugdhulp", MemberKind.JEUGDHULP, region.ago(50))
    cases.appoint_regievoerder(
        actor=ib,
        case=case,
        member=consulent_member,
        note="Het samenwerkingsverband regelt de plek.",
        on=region.ago(56),
    )
    _step(case, consulent, "verkenning", "Eerste gesprek met ouders en Youssef.", region.ago(55))
    meeting = cases.record_meeting(
        actor=consulent,
        case=case,
        held_on=region.ago(45),
        parents_present=True,
        child_present=True,
        child_voice="Ik wil gewoon naar een school waar het rustig is. Twee ochtenden is saai.",
        child_voice_in_own_words=True,
        notes="Tot er een plek is, komt er een tijdelijk onderwijs-zorgarrangement.",
    )
    owner_ib = _member(case, MemberKind.SCHOOL)
    cases.add_agreement(
        actor=consulent,
        case=case,
        meeting=meeting,
        text="School stuurt elke week werk mee voor thuis.",
        owner=owner_ib,
        due_on=region.ago(38),
    )
    cases.add_agreement(
        actor=consulent,
        case=case,
        meeting=meeting,
        text="Samenwerkingsverband belt de school voor speciaal onderwijs over de wachtlijst.",
        owner=consulent_member,
        due_on=region.today + timedelta(days=3),
    )
    cases.add_agreement(
        actor=consulent,
        case=case,
        meeting=meeting,
        text="Jeugdteam zoekt een begeleider voor de middagen.",
        owner=_member(case, MemberKind.JEUGDHULP),
        due_on=region.today + timedelta(days=10),
    )
    cases.set_perspective(
        actor=consulent,
        case=case,
        set_on=region.ago(44),
        set_with_parents=True,
        set_with_child=True,
        goals="Youssef gaat binnen drie maanden hele dagen naar een school die bij hem past.",
        needs={
            "leren": "Kleine groep, korte instructies, veel herhaling.",
            "gedrag_en_welzijn": "Een rustige plek om even bij te komen.",
            "vervoer": "Leerlingenvervoer naar Houten.",
        },
    )
    cases.set_route(
        actor=consulent,
        case=case,
        kind=RouteKind.ONDERWIJS_ZORGARRANGEMENT,
        start_on=region.ago(40),
        provider="Koningin Beatrixschool met het jeugdteam",
        hours_per_week=12,
        needed_kind=RouteKind.ANDERE_SCHOOL,
        needed_summary="Een plek in het speciaal onderwijs, hele dagen.",
        needed_hours_per_week=25,
        offered_summary="Twee ochtenden school en twee middagen begeleiding tot er plek is.",
    )
    perspective = Perspective.objects.get(case=case)
    cases.set_evaluation_rhythm(
        actor=consulent, case=case, weeks=4, set_on=region.ago(40), expected_version=perspective.version
    )
    _step(case, consulent, "plan", "Perspectief en tijdelijke route staan.", region.ago(40))
    _step(case, consulent, "uitvoering", "Tijdelijk arrangement is gestart.", region.ago(39))
    return child


def _emma(region: DemoRegion) -> Child:
    """A hidden thuiszitter: exempted under article 5a, and no route back for eight months."""
    lpa = region.users["leerplicht"]
    child = _child(
        region, actor=lpa, first="Emma", last="Oefening", born=region.years_ago(12, 45), parent="Ria Oefening"
    )
    _event(region, child, lpa, region.years_ago(8), "inschrijving", at=SCHOOL, sector="po")
    _event(region, child, lpa, region.ago(240), "vrijstelling", artikel="5a")
    _event(region, child, lpa, region.ago(240), "uitschrijving", at=SCHOOL, grond="vrijstelling")
    case = cases.open_case(
        actor=lpa,
        child=child,
        signal_kind="thuiszitten",
        signal_description="Emma heeft een vrijstelling 5a, maar ouders zeggen dat ze wel wil leren.",
        opened_on=region.ago(200),
    )
    me = _member(case, MemberKind.LEERPLICHT)
    cases.appoint_regievoerder(
        actor=lpa, case=case, member=me, note="Leerplicht houdt de regie.", on=region.ago(190)
    )
    cases.set_perspective(
        actor=lpa,
        case=case,
        set_on=region.ago(150),
        set_with_parents=True,
        set_with_child=True,
        goals="Emma krijgt weer onderwijs dat past bij wat ze aankan.",
        needs={
            "gezondheid": "Korte dagdelen; veel rust.",
            "leren": "Onderwijs op afstand, met een vaste docent.",
        },
    )
    return child


def _lotte(region: DemoRegion) -> Child:
    """A thuiszitter for whom everything was arranged within three months: the norm is met."""
    lpa = region.users["leerplicht"]
    child = _child(
        region,
        actor=lpa,
        first="Lotte",
        last="Voorbeeldig",
        born=region.years_ago(10, 120),
        parent="Olga Voorbeeldig",
    )
    rep = child.representatives.get()
    rep.user = region.users["ouder"]
    rep.save(update_fields=["user"])
    _event(region, child, lpa, region.years_ago(6), "inschrijving", at=MONTESSORI, sector="po")
    _event(region, child, lpa, region.ago(100), "afwezig", reden="ongeoorloofd", hours_per_day=5)
    _event(region, child, lpa, region.ago(92), "verzuimmelding")
    case = cases.open_case(
        actor=lpa,
        child=child,
        signal_kind="thuiszitten",
        signal_description="Lotte durft na een nare periode in de klas niet meer naar school.",
        opened_on=region.ago(95),
    )
    me = _member(case, MemberKind.LEERPLICHT)
    _join(region, case, lpa, "jeugdhulp", MemberKind.JEUGDHULP, region.ago(90))
    cases.appoint_regievoerder(
        actor=lpa, case=case, member=me, note="Leerplicht houdt de regie.", on=region.ago(90)
    )
    _step(case, lpa, "verkenning", "Gesprekken met Lotte, ouders en school.", region.ago(89))
    meeting = cases.record_meeting(
        actor=lpa,
        case=case,
        held_on=region.ago(60),
        parents_present=True,
        child_present=True,
        child_voice="Ik wil terug, maar eerst een paar uur per dag en niet in de grote klas.",
        child_voice_in_own_words=True,
    )
    owner = _member(case, MemberKind.JEUGDHULP)
    cases.add_agreement(
        actor=lpa,
        case=case,
        meeting=meeting,
        text="Jeugdhulp start gesprekken over angst.",
        owner=owner,
        due_on=region.ago(50),
    )
    cases.add_agreement(
        actor=lpa,
        case=case,
        meeting=meeting,
        text="Leerplicht plant de evaluatie met Lotte en ouders.",
        owner=me,
        due_on=region.today + timedelta(days=5),
    )
    cases.set_perspective(
        actor=lpa,
        case=case,
        set_on=region.ago(60),
        set_with_parents=True,
        set_with_child=True,
        goals="Lotte is over drie maanden weer hele ochtenden op school.",
        needs={
            "gedrag_en_welzijn": "Hulp bij angst; een vaste vertrouwenspersoon.",
            "sociaal": "Een klein groepje om mee te beginnen.",
        },
    )
    cases.set_route(
        actor=lpa,
        case=case,
        kind=RouteKind.GELEIDELIJKE_TERUGKEER,
        start_on=region.ago(45),
        provider="Montessorischool De Vleugel",
        hours_per_week=8,
        needed_kind=RouteKind.GELEIDELIJKE_TERUGKEER,
        needed_summary="Opbouwen van een uur per dag naar hele ochtenden.",
        offered_summary="Start met een uur per dag.",
    )
    perspective = Perspective.objects.get(case=case)
    cases.set_evaluation_rhythm(
        actor=lpa, case=case, weeks=3, set_on=region.ago(45), expected_version=perspective.version
    )
    _step(case, lpa, "plan", "Plan staat.", region.ago(45))
    _step(case, lpa, "uitvoering", "Lotte is begonnen.", region.ago(44))
    # The parent lets the youth-care worker see the plan and the meetings for three months
    # (youth care has no task by law: without this it sees only the circle and the agreements).
    jeugdhulp = region.users["jeugdhulp"]
    give_consent(
        actor=region.users["ouder"],
        child=child,
        recipient_user=jeugdhulp,
        recipient_organisation=jeugdhulp.organisation,
        recipient_name=f"{jeugdhulp.display_name} ({jeugdhulp.organisation.name})"
        if jeugdhulp.organisation
        else "",
        stated_purpose="Gesprekken met Lotte over angst, zodat ze weer naar school kan.",
        categories=["plan", "meetings"],
        valid_from=timezone.localdate(),  # the access policy reads the real day, not the demo's
        valid_until=timezone.localdate() + timedelta(days=91),
    )
    return child
