"""Writing children and their timeline.

Every function is keyword-only, runs in one transaction and writes its audit event. Messages that
a user sees are plain Dutch and name the field they are about (`kring.core.errors.Refused`, the
field being the function's own input name), so a form or the API shows them next to that field.

A timeline event is checked by the rules engine's own parser (the web app can never store what
`kring rules assess` would reject) and then by the engine itself: an act the law forbids and Kring
refuses (LPW-47, ZP-11) is only stored when the professional records it as a violation, with a
reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kring.children import audit
from kring.core import dates
from kring.core.errors import Conflict, Refused, messages_by_field
from kring.organisations.models import Gemeente, SchoolLocation, Vakantieregio
from kring.privacy.crypto import bsn_lookup_hash, encrypt_bsn, validate_bsn
from kring.privacy.text import refuse_bsn_in_text
from kring.rules.kalender import format_date_nl

from .models import Child, EventType, LegalRepresentative, TimelineEvent
from .timeline import REFUSED_RULES, EventInvalid, EventRefused, NewEvent, record_events

if TYPE_CHECKING:
    from kring.accounts.models import User

__all__ = [
    "REFUSED_RULES",
    "ConcurrentEditError",
    "EventRefused",
    "add_representative",
    "create_child",
    "delete_event",
    "record_event",
    "register_child",
    "update_child",
]

DUPLICATE_NAME = gettext_noop(
    "Er is al een kind met deze naam en geboortedatum in Kring (geregistreerd op %(day)s). Is het "
    "hetzelfde kind? Zoek het dan op in de lijst met kinderen. Is het een ander kind? Vink dan "
    "'Toch registreren' aan en sla opnieuw op."
)
DUPLICATE_BSN = gettext_noop(
    "Er is al een kind met dit BSN in Kring. Zoek dat kind op in plaats van het opnieuw in te voeren."
)

_POSTCODE_RE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")

_CHILD_FIELD_LABELS: Mapping[str, str] = {
    "first_name": gettext_noop("voornaam"),
    "last_name": gettext_noop("achternaam"),
    "birth_date": gettext_noop("geboortedatum"),
    "bsn": gettext_noop("BSN"),
    "postcode": gettext_noop("postcode"),
    "gemeente": gettext_noop("woongemeente"),
    "vakantieregio": gettext_noop("vakantieregio"),
}


class ConcurrentEditError(Conflict):
    """Someone else changed the child since the form was opened (optimistic locking)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Iemand anders heeft de gegevens van dit kind intussen gewijzigd. Je wijziging is niet "
                "opgeslagen. Laad de pagina opnieuw, bekijk de nieuwe gegevens en voer je wijziging "
                "opnieuw in."
            ),
        )


# ---------------------------------------------------------------- children


def _clean_name(value: str, field: str, errors: dict[str, list[str]]) -> str:
    text = (value or "").strip()
    if not text:
        errors.setdefault(field, []).append(_("Vul de %s in.") % _(_CHILD_FIELD_LABELS[field]))
    elif len(text) > 100:
        errors.setdefault(field, []).append(
            _("De %s mag hoogstens 100 tekens hebben.") % _(_CHILD_FIELD_LABELS[field])
        )
    return text


def _clean_birth_date(value: object, errors: dict[str, list[str]]) -> date | None:
    if not isinstance(value, date):
        errors.setdefault("birth_date", []).append(_("Vul de geboortedatum in."))
        return None
    problem = dates.birth_date_problem(value, today=timezone.localdate())
    if problem:
        errors.setdefault("birth_date", []).append(problem)
    return value


def _clean_postcode(value: str, errors: dict[str, list[str]]) -> str:
    code = re.sub(r"\s+", "", value or "").upper()
    if code and not _POSTCODE_RE.match(code):
        errors.setdefault("postcode", []).append(
            _("Vul de postcode in als 4 cijfers en 2 letters, bijvoorbeeld 3511 AB.")
        )
    return code


def _clean_vakantieregio(value: str, errors: dict[str, list[str]]) -> str:
    if value not in Vakantieregio.values:
        errors.setdefault("vakantieregio", []).append(_("Kies de vakantieregio: noord, midden of zuid."))
    return value


def _clean_gemeente(value: object, errors: dict[str, list[str]]) -> Gemeente | None:
    if value is not None and not isinstance(value, Gemeente):
        errors.setdefault("gemeente", []).append(_("Kies een gemeente uit de lijst."))
        return None
    return value


def _clean_bsn(value: str | None, errors: dict[str, list[str]]) -> tuple[bytes | None, str | None]:
    """(ciphertext, lookup hash) of a BSN, or (None, None) when no BSN is given."""
    if value is None or not str(value).strip():
        return None, None
    try:
        bsn = validate_bsn(str(value))
    except ValidationError as exc:
        errors.setdefault("bsn", []).extend(exc.messages)
        return None, None
    return encrypt_bsn(bsn), bsn_lookup_hash(bsn)


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise Refused.many(errors)


def _clean_representative(
    *, name: str, relation: str, email: str, phone: str, prefix: str = ""
) -> tuple[dict[str, str], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    values = {
        "name": (name or "").strip(),
        "relation": (relation or "").strip() or "ouder",
        "email": (email or "").strip(),
        "phone": (phone or "").strip(),
    }
    if not values["name"]:
        errors.setdefault(f"{prefix}name", []).append(_("Vul de naam van de wettelijk vertegenwoordiger in."))
    elif len(values["name"]) > 200:
        errors.setdefault(f"{prefix}name", []).append(_("De naam mag hoogstens 200 tekens hebben."))
    if len(values["relation"]) > 60:
        errors.setdefault(f"{prefix}relation", []).append(_("De relatie mag hoogstens 60 tekens hebben."))
    if values["email"]:
        try:
            EmailValidator()(values["email"])
        except ValidationError:
            errors.setdefault(f"{prefix}email", []).append(
                _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")
            )
    if len(values["phone"]) > 40:
        errors.setdefault(f"{prefix}phone", []).append(
            _("Het telefoonnummer mag hoogstens 40 tekens hebben.")
        )
    return values, errors


def create_child(
    *,
    actor: User | None,
    first_name: str,
    last_name: str,
    birth_date: date,
    bsn: str | None = None,
    postcode: str = "",
    gemeente: Gemeente | None = None,
    vakantieregio: str,
    representatives: Iterable[Mapping[str, str]] = (),
) -> Child:
    """Register a child. `representatives`: mappings with `name` and optional `relation`, `email`, `phone`.

    Errors come as one `Refused` with a message per field (`representatives[0].name` for a
    representative).
    """
    errors: dict[str, list[str]] = {}
    first = _clean_name(first_name, "first_name", errors)
    last = _clean_name(last_name, "last_name", errors)
    birth = _clean_birth_date(birth_date, errors)
    code = _clean_postcode(postcode, errors)
    regio = _clean_vakantieregio(vakantieregio, errors)
    gem = _clean_gemeente(gemeente, errors)
    ciphertext, bsn_hash = _clean_bsn(bsn, errors)
    reps: list[dict[str, str]] = []
    for i, rep in enumerate(representatives):
        values, rep_errors = _clean_representative(
            name=rep.get("name", ""),
            relation=rep.get("relation", "ouder"),
            email=rep.get("email", ""),
            phone=rep.get("phone", ""),
            prefix=f"representatives[{i}].",
        )
        reps.append(values)
        errors.update(rep_errors)
    if bsn_hash is not None and Child.objects.filter(bsn_hash=bsn_hash).exists():
        errors.setdefault("bsn", []).append(_(DUPLICATE_BSN))
    _raise(errors)
    assert birth is not None

    with transaction.atomic():
        try:
            with transaction.atomic():  # savepoint: a concurrent insert of the same BSN ends up here
                child = Child.objects.create(
                    first_name=first,
                    last_name=last,
                    birth_date=birth,
                    bsn_encrypted=ciphertext,
                    bsn_hash=bsn_hash,
                    postcode=code,
                    gemeente=gem,
                    vakantieregio=regio,
                )
        except IntegrityError:
            if bsn_hash is not None and Child.objects.filter(bsn_hash=bsn_hash).exists():
                raise Refused(_(DUPLICATE_BSN), field="bsn", code="duplicate_bsn") from None
            raise
        audit.child_created(actor=actor, child=child)
        for values in reps:
            representative = LegalRepresentative.objects.create(child=child, **values)
            audit.representative_added(actor=actor, representative=representative)
    return child


# ---------------------------------------------------------------- registering a child (page and API)

REGISTRATION_ROLE_REFUSED = gettext_noop(
    "Kinderen registreren kan de school, de leerplichtambtenaar of het SWV."
)
NOT_VISIBLE = gettext_noop(
    "Dit kind is niet opgeslagen: je zou het daarna niet kunnen zien, want het woont niet in jouw gemeente "
    "of regio en staat niet ingeschreven op jouw school. Kijk de postcode en de gemeente na, of vraag de "
    "school, de leerplichtambtenaar of het samenwerkingsverband van het kind om het te registreren."
)
NOT_REGISTRABLE = gettext_noop(
    "Dit kind is niet opgeslagen: Kring kan het met dit BSN niet voor jou registreren. Kijk het BSN na. "
    "Klopt het, vraag dan de leerplichtambtenaar van de woongemeente van het kind om hulp."
)
_CONTRACT_SECTORS = frozenset({"po", "sbo", "so", "vso", "vo", "pro"})


class _RegistrationRefused(Exception):
    """Raised inside the registration's transaction: undo it, audit the refusal, answer `message`."""

    def __init__(self, message: str, log: str) -> None:
        super().__init__(message)
        self.message = message
        self.log = log


def _refuse_registration(actor: User | None, log: str) -> None:
    """The audit line of a refused registration, in its own transaction (the registration is undone)."""
    with transaction.atomic():
        audit.registration_refused(actor=actor, reason=log)


def contract_sector(school: SchoolLocation) -> str:
    """The school's sector as the contract names it (a combined so/vso school counts as so)."""
    sector = str(school.sector)
    if sector in _CONTRACT_SECTORS:
        return sector
    return "so" if sector == "so_vso" else "po"


def _derived_vakantieregio(chosen: str, school: SchoolLocation | None, gemeente: Gemeente | None) -> str:
    """The chosen region, else the school's, else the most common one among the gemeente's schools."""
    if chosen:
        return chosen
    if school is not None and school.vakantieregio:
        return str(school.vakantieregio)
    if gemeente is not None:
        regions = Counter(
            SchoolLocation.objects.filter(gemeente=gemeente)
            .exclude(vakantieregio="")
            .values_list("vakantieregio", flat=True)
        )
        if regions:
            return regions.most_common(1)[0][0]
    return ""


def register_child(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    birth_date: date,
    bsn: str | None = None,
    postcode: str = "",
    gemeente: Gemeente | None = None,
    vakantieregio: str = "",
    representatives: Iterable[Mapping[str, str]] = (),
    school: SchoolLocation | None = None,
    enrolled_on: date | None = None,
    sector: str = "",
    confirm_duplicate: bool = False,
    applied_on: date | None = None,
) -> Child:
    """Register a child the way the page and the API both do: the ONE registration of Kring.

    - only the roles of `policy.can_register_children` (else PermissionDenied, audited);
    - a school professional names the school of their own organisation where the child is enrolled
      (`school`, `enrolled_on`, optional `sector`): the enrolment goes on the timeline; or, for a
      child that is not a pupil yet but is aangemeld at that school (`applied_on`, the aanmelding
      register of `kring.enrolment`), the `aanmelding` goes on the timeline instead;
    - the gemeente comes from the postcode when not given, the vakantieregio from the school or the
      gemeente when not chosen;
    - a child the registrar could not see afterwards is not saved (no "orphans" that the real school
      could then not register) — refused with the same answer whether or not the BSN is known, and
      audited;
    - a BSN that Kring already has: the registrar who may see that child is told so (on `bsn`);
      anyone else gets a refusal that does not say whether the BSN exists, audited;
    - a child with the same name and birth date that the registrar may see: a warning first (on
      `confirm_duplicate`); with `confirm_duplicate` the child is registered all the same. Children
      the registrar may not see are not mentioned (that would tell who else Kring knows).

    Field errors come as one `Refused` with a message per field, like `create_child`; refusals as
    a `Refused` without a field.
    """
    from kring.access import policy
    from kring.organisations.selectors import gemeente_for_postcode

    if not policy.can_register_children(actor):
        _refuse_registration(actor, "deze persoon heeft geen rol die kinderen registreert.")
        raise PermissionDenied(_(REGISTRATION_ROLE_REFUSED))
    errors: dict[str, list[str]] = {}
    first = _clean_name(first_name, "first_name", errors)
    last = _clean_name(last_name, "last_name", errors)
    birth = _clean_birth_date(birth_date, errors)
    code = _clean_postcode(postcode, errors)
    gem = _clean_gemeente(gemeente, errors)
    ciphertext, bsn_hash = _clean_bsn(bsn, errors)
    schools = policy.registration_schools(actor)
    if schools is not None:
        if school is None:
            errors.setdefault("school", []).append(_("Kies de school waar het kind staat ingeschreven."))
        elif not schools.filter(pk=school.pk).exists():
            errors.setdefault("school", []).append(_("Kies een school van je eigen organisatie."))
            school = None
        if applied_on is not None:
            enrolled_on = None
        elif not isinstance(enrolled_on, date):
            errors.setdefault("enrolled_on", []).append(
                _("Vul in sinds wanneer het kind op school staat ingeschreven.")
            )
    elif school is not None:
        errors.setdefault("school", []).append(
            _("Alleen de school zelf legt bij het registreren vast waar het kind staat ingeschreven.")
        )
    if sector and sector not in _CONTRACT_SECTORS:
        errors.setdefault("sector", []).append(_("Kies de soort onderwijs uit de lijst."))
    if gem is None and code and "postcode" not in errors:
        gem = gemeente_for_postcode(code)
    regio = _derived_vakantieregio(vakantieregio or "", school, gem)
    if not regio:
        errors.setdefault("vakantieregio", []).append(
            _("Kies de vakantieregio: Kring kan die niet afleiden uit de school of gemeente.")
        )
    else:
        _clean_vakantieregio(regio, errors)
    reps: list[dict[str, str]] = []
    for i, rep in enumerate(representatives):
        values, rep_errors = _clean_representative(
            name=rep.get("name", ""),
            relation=rep.get("relation", "ouder"),
            email=rep.get("email", ""),
            phone=rep.get("phone", ""),
            prefix=f"representatives[{i}].",
        )
        reps.append(values)
        errors.update(rep_errors)
    _raise(errors)
    assert birth is not None

    try:
        with transaction.atomic():
            child = Child.objects.create(
                first_name=first,
                last_name=last,
                birth_date=birth,
                postcode=code,
                gemeente=gem,
                vakantieregio=regio,
            )
            if school is not None and applied_on is not None:
                try:
                    record_event(
                        actor=actor,
                        child=child,
                        type=EventType.AANMELDING,
                        date=applied_on,
                        data={},
                        school=school,
                    )
                except ValidationError as exc:
                    raise _renamed(exc, {"date": "received_on"}) from None
            elif school is not None:
                assert enrolled_on is not None
                try:
                    record_event(
                        actor=actor,
                        child=child,
                        type=EventType.INSCHRIJVING,
                        date=enrolled_on,
                        data={"sector": sector or contract_sector(school)},
                        school=school,
                    )
                except ValidationError as exc:
                    raise _renamed(exc, {"date": "enrolled_on"}) from None
            # Visibility first, the BSN after: a refusal here is the same whether or not the BSN exists.
            if not policy.can_view_child(actor, child):
                raise _RegistrationRefused(
                    _(NOT_VISIBLE), "het kind zou daarna niet zichtbaar zijn voor wie het registreerde."
                )
            if bsn_hash is not None:
                existing = Child.objects.filter(bsn_hash=bsn_hash).exclude(pk=child.pk).first()
                if existing is not None and policy.can_view_child(actor, existing):
                    raise Refused(_(DUPLICATE_BSN), field="bsn", code="duplicate_bsn")
                if existing is not None:
                    raise _RegistrationRefused(
                        _(NOT_REGISTRABLE), "het BSN hoort bij een kind dat deze persoon niet mag zien."
                    )
                try:
                    with transaction.atomic():  # savepoint: a concurrent registration of the same BSN
                        Child.objects.filter(pk=child.pk).update(bsn_encrypted=ciphertext, bsn_hash=bsn_hash)
                except IntegrityError:
                    raise _RegistrationRefused(
                        _(NOT_REGISTRABLE), "het BSN is tegelijk door iemand anders geregistreerd."
                    ) from None
                child.bsn_encrypted, child.bsn_hash = ciphertext, bsn_hash
            # A known BSN is refused above; the same name and birth date only warns.
            if not confirm_duplicate:
                twin = (
                    policy.visible_children(actor)
                    .filter(first_name__iexact=first, last_name__iexact=last, birth_date=birth)
                    .exclude(pk=child.pk)
                    .order_by("created_at")
                    .first()
                )
                if twin is not None:
                    registered = format_date_nl(timezone.localdate(twin.created_at))
                    message = _(DUPLICATE_NAME) % {"day": registered}
                    raise Refused(message, field="confirm_duplicate", code="duplicate_name")
            audit.child_created(actor=actor, child=child)
            for values in reps:
                representative = LegalRepresentative.objects.create(child=child, **values)
                audit.representative_added(actor=actor, representative=representative)
    except _RegistrationRefused as refusal:
        _refuse_registration(actor, refusal.log)
        raise Refused(refusal.message) from None
    return child


def _renamed(exc: ValidationError, rename: Mapping[str, str]) -> ValidationError:
    """A refusal of `record_event` inside another service, on that service's own input names."""
    if isinstance(exc, EventRefused):
        return exc
    fields = messages_by_field(exc)
    return Refused.many({(rename.get(f, f) if f else None): m for f, m in fields.items()})


_UPDATABLE = frozenset(_CHILD_FIELD_LABELS)


def update_child(*, actor: User | None, child: Child, expected_version: int, **changes: Any) -> Child:
    """Change the child's own fields (names, birth_date, bsn, postcode, gemeente, vakantieregio).

    `expected_version` is the `version` the user's form was built from; when the stored version
    differs, someone else saved in between and ConcurrentEditError is raised instead of
    overwriting. `bsn=None` or `bsn=""` removes the BSN. Returns the child, refreshed.
    """
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise TypeError(f"update_child() got fields it cannot change: {', '.join(sorted(unknown))}")
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    if "first_name" in changes:
        values["first_name"] = _clean_name(changes["first_name"], "first_name", errors)
    if "last_name" in changes:
        values["last_name"] = _clean_name(changes["last_name"], "last_name", errors)
    if "birth_date" in changes:
        values["birth_date"] = born = _clean_birth_date(changes["birth_date"], errors)
        first_event = TimelineEvent.objects.filter(child=child).order_by("date").first()
        if born is not None and first_event is not None and first_event.date < born:
            errors.setdefault("birth_date", []).append(
                _(
                    "Op de tijdlijn staat al iets van %(datum)s, voor deze geboortedatum. Kijk de "
                    "geboortedatum na, of verwijder eerst wat verkeerd op de tijdlijn staat."
                )
                % {"datum": date_format(first_event.date, "j F Y")}
            )
    if "postcode" in changes:
        values["postcode"] = _clean_postcode(changes["postcode"], errors)
    if "vakantieregio" in changes:
        values["vakantieregio"] = _clean_vakantieregio(changes["vakantieregio"], errors)
    if "gemeente" in changes:
        values["gemeente"] = _clean_gemeente(changes["gemeente"], errors)
    bsn_changed = False
    if "bsn" in changes:
        ciphertext, bsn_hash = _clean_bsn(changes["bsn"], errors)
        if bsn_hash != child.bsn_hash:
            bsn_changed = True
            values["bsn_encrypted"], values["bsn_hash"] = ciphertext, bsn_hash
            if bsn_hash is not None and Child.objects.filter(bsn_hash=bsn_hash).exclude(pk=child.pk).exists():
                errors.setdefault("bsn", []).append(_(DUPLICATE_BSN))
    _raise(errors)

    changed = [
        f
        for f in ("first_name", "last_name", "birth_date", "postcode", "vakantieregio")
        if f in values and values[f] != getattr(child, f)
    ]
    if "gemeente" in values and (values["gemeente"].pk if values["gemeente"] else None) != child.gemeente_id:
        changed.append("gemeente")
    if bsn_changed:
        changed.append("bsn")
    with transaction.atomic():
        if not changed:
            if not Child.objects.filter(pk=child.pk, version=expected_version).exists():
                raise ConcurrentEditError()
            return child
        update = {f: values[f] for f in changed if f != "bsn"}
        if bsn_changed:
            update["bsn_encrypted"], update["bsn_hash"] = values["bsn_encrypted"], values["bsn_hash"]
        try:
            with transaction.atomic():
                count = Child.objects.filter(pk=child.pk, version=expected_version).update(
                    **update, version=F("version") + 1, updated_at=timezone.now()
                )
        except IntegrityError:
            raise Refused(_(DUPLICATE_BSN), field="bsn", code="duplicate_bsn") from None
        if count != 1:
            raise ConcurrentEditError()
        child.refresh_from_db()
        audit.child_updated(actor=actor, child=child, fields=changed)
    return child


def add_representative(
    *,
    actor: User | None,
    child: Child,
    name: str,
    relation: str = "ouder",
    email: str = "",
    phone: str = "",
    user: User | None = None,
) -> LegalRepresentative:
    """Record a parent or other legal representative of the child."""
    values, errors = _clean_representative(name=name, relation=relation, email=email, phone=phone)
    _raise(errors)
    with transaction.atomic():
        representative = LegalRepresentative.objects.create(child=child, user=user, **values)
        audit.representative_added(actor=actor, representative=representative)
    return representative


# ---------------------------------------------------------------- timeline


def record_event(
    *,
    actor: User | None,
    child: Child,
    type: str,
    date: date,
    data: Mapping[str, Any],
    note: str = "",
    school: SchoolLocation | None = None,
    violation_reason: str = "",
) -> TimelineEvent:
    """Add one event to the child's timeline: a batch of one through the timeline's gateway
    (`kring/children/timeline.py`, `record_events`).

    `data` holds the contract's fields besides `date` and `type` (e.g. `{"school": "De Linde",
    "grond": "overig"}`); a `school` from the register fills `data["school"]` with its name when
    that is not given. The event is checked by the rules engine's parser; then the engine judges
    the timeline with the event: an act in REFUSED_RULES raises EventRefused unless
    `violation_reason` is given, in which case it is stored with `recorded_as_violation=True`.
    Errors name their field (`{"date": [...]}`).
    """
    event = NewEvent(
        type=type,
        date=date,
        data=data,
        note=note,
        school=school,
        violation_reason=violation_reason,
    )
    try:
        (stored,) = record_events(actor=actor, child=child, events=[event])
    except EventInvalid as exc:
        # One event: its field errors as a Refused without the batch's index.
        raise Refused.many(messages_by_field(exc)) from None
    return stored


def delete_event(*, actor: User | None, event: TimelineEvent, reason: str) -> None:
    """Remove an event that was recorded by mistake; the reason goes into the logbook.

    There is no legal check here: if removing the event makes another act a violation (e.g. the
    `andere_school_bereid` before a `verwijdering`), the assessment shows that violation.
    """
    refuse_bsn_in_text(reason=reason)
    text = (reason or "").strip()
    if not text:
        raise Refused(_("Schrijf op waarom je deze gebeurtenis verwijdert."), field="reason", code="required")
    with transaction.atomic():
        Child.objects.select_for_update().get(pk=event.child_id)
        if event.type == EventType.REGIEVOERDER_AANGEWEZEN:
            # The appointment on the case goes with its event (or the deletion is refused, why).
            from kring.cases.services import timeline_regie_event_deleted

            timeline_regie_event_deleted(actor=actor, event=event, reason=text)
        audit.event_deleted(actor=actor, event=event, reason=text)
        event.delete()
