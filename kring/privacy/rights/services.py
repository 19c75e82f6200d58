"""The family's rights requests: asking for access or a correction, extending the term, answering.

Every act writes its fact on the child's timeline through `kring.children.timeline.record_events`
(`verzoek_inzage`, `verzoek_rectificatie`, `verzoek_verlengd`, `verzoek_beantwoord`), so the rules
engine's AVG-12 obligation (due date and status) is on the child's assessment, the agenda and the
family's view; the term itself is never computed here. Each act writes its logbook line in the same
transaction. The policy decides who may (`policy.may_request_rights`, `policy.may_answer_request`).

The engine pairs an answer (and an extension) with the *first* open request of its kind to the
same organisation. So Kring asks the organisation to answer its requests in the order they came
in; otherwise the engine would count the answer for an earlier request.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kring.access import policy
from kring.accounts.models import User
from kring.children.models import Child
from kring.core.errors import Refused
from kring.organisations.models import Organisation

from . import audit
from .models import OUTCOMES_OF, RequestKind, RequestOutcome, RightsRequest
from .selectors import addressable_organisations, first_due, part_label, part_text, responsible_organisation

MAX_LENGTH = 4000
# The contract's names (SCENARIOS.md, catalog v2).
EVENT_OF_KIND = {RequestKind.INZAGE: "verzoek_inzage", RequestKind.RECTIFICATIE: "verzoek_rectificatie"}
EXTENDED_EVENT = "verzoek_verlengd"
ANSWERED_EVENT = "verzoek_beantwoord"

__all__ = ["answer_request", "extend_request", "request_access", "request_correction"]


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _text(value: str, *, field: str, required: str) -> str:
    text = (value or "").strip()
    if not text:
        raise Refused(required, field=field)
    if len(text) > MAX_LENGTH:
        raise Refused(
            _("Je tekst is te lang. Er passen maximaal %(limit)d tekens in.") % {"limit": MAX_LENGTH},
            field=field,
        )
    return text


def _requester(actor: User, child: Child) -> tuple[str, str]:
    """The requester's name and the contract's `verzoeker` (ouder / leerling)."""
    if child.account_id is not None and child.account_id == actor.pk:  # the child for themselves
        return (f"{child.first_name} {child.last_name}".strip(), "leerling")
    rep = child.representatives.filter(user=actor).order_by("pk").first()
    name = rep.name if rep is not None else (actor.get_full_name() or actor.get_username())
    return name, "ouder"


def _record(actor: User, child: Child, *, type: str, on: date, data: dict[str, Any]) -> Any:
    from kring.children.timeline import NewEvent, record_events

    return record_events(
        actor=actor, child=child, events=[NewEvent(type=type, date=on, data=data)], today=on
    )[0]


def _check_requester(actor: User, child: Child, today: date) -> None:
    if not policy.can_view_child(actor, child, on=today):
        raise Http404(str(policy.NO_SUCH_CHILD))
    if not policy.may_request_rights(actor, child, on=today):
        policy.refuse(policy.Refusal.FAMILY_REQUEST)


def _create(
    *,
    actor: User,
    child: Child,
    kind: RequestKind,
    organisation: Organisation,
    today: date,
    **fields: Any,
) -> RightsRequest:
    name, role = _requester(actor, child)
    event = _record(
        actor,
        child,
        type=EVENT_OF_KIND[kind],
        on=today,
        data={"organisatie": organisation.name, "verzoeker": role},
    )
    request = RightsRequest.objects.create(
        child=child,
        kind=kind,
        organisation=organisation,
        organisation_name=organisation.name,
        requester=actor,
        requester_name=name,
        requester_role=role,
        received_on=today,
        event=event,
        **fields,
    )
    audit.requested(actor=actor, request=request)
    return request


@transaction.atomic
def request_correction(
    *,
    actor: User,
    child: Child,
    part: str,
    part_id: Any,
    incorrect: str,
    proposal: str,
    organisation: Organisation | None = None,
    today: date | None = None,
) -> RightsRequest:
    """The family marks a part of the file as incorrect and proposes a correction (AVG art. 16).
    The request goes to the organisation that wrote the part; when Kring does not know who wrote
    it, the family chooses one of the organisations in the circle (`organisation`)."""
    from kring.cases import zienswijzen

    day = _today(today)
    _check_requester(actor, child, day)
    if not part or part_id in (None, ""):
        raise Refused(_("Kies het onderdeel van het dossier dat niet klopt."), field="part")
    found = zienswijzen.find_part(child, part, part_id)
    if found is None:
        raise Http404(str(policy.NO_SUCH_CHILD))
    kind, instance = found
    incorrect = _text(
        incorrect, field="incorrect", required=_("Schrijf op wat er niet klopt. Daarna kun je het versturen.")
    )
    proposal = _text(
        proposal,
        field="proposal",
        required=_("Schrijf op wat er volgens jou zou moeten staan. Daarna kun je het versturen."),
    )
    addressee = responsible_organisation(kind, instance)
    if addressee is None:
        if organisation is None or not addressable_organisations(child).filter(pk=organisation.pk).exists():
            raise Refused(
                _(
                    "Kring weet niet welke organisatie dit schreef. "
                    "Kies de organisatie die het moet verbeteren."
                ),
                field="organisation",
            )
        addressee = organisation
    return _create(
        actor=actor,
        child=child,
        kind=RequestKind.RECTIFICATIE,
        organisation=addressee,
        today=day,
        part=str(kind.part),
        part_pk=instance.pk,
        part_label=part_label(kind, instance),
        original_text=part_text(kind, instance),
        incorrect=incorrect,
        proposal=proposal,
    )


@transaction.atomic
def request_access(
    *,
    actor: User,
    child: Child,
    organisation: Organisation | None,
    question: str = "",
    today: date | None = None,
) -> RightsRequest:
    """The family asks an organisation in the child's circle which data it holds (AVG art. 15)."""
    day = _today(today)
    _check_requester(actor, child, day)
    if organisation is None or not addressable_organisations(child).filter(pk=organisation.pk).exists():
        raise Refused(_("Kies een organisatie uit de kring van je kind."), field="organisation")
    question = (question or "").strip()
    if len(question) > MAX_LENGTH:
        raise Refused(
            _("Je tekst is te lang. Er passen maximaal %(limit)d tekens in.") % {"limit": MAX_LENGTH},
            field="question",
        )
    return _create(
        actor=actor,
        child=child,
        kind=RequestKind.INZAGE,
        organisation=organisation,
        today=day,
        question=question,
    )


def _locked(actor: User, request: RightsRequest) -> RightsRequest:
    if not policy.may_answer_request(actor, request):
        raise PermissionDenied(str(policy.REFUSAL_MESSAGES[policy.Refusal.NOT_ADDRESSEE]))
    locked = (
        RightsRequest.objects.select_for_update().select_related("child", "organisation").get(pk=request.pk)
    )
    if not locked.is_open:
        raise Refused(
            _("Dit verzoek is al beantwoord op %(day)s. Er kan niets meer aan worden veranderd.")
            % {"day": date_format(locked.answered_on, "j F Y") if locked.answered_on else ""}
        )
    return locked


def _earlier_open(request: RightsRequest) -> RightsRequest | None:
    """The first request of the same kind to the same organisation about the same child that came
    in before this one and is still open (the engine answers that one first)."""
    return (
        RightsRequest.objects.filter(
            child_id=request.child_id,
            kind=request.kind,
            organisation_name=request.organisation_name,
            answered_on__isnull=True,
        )
        .exclude(pk=request.pk)
        .filter(received_on__lte=request.received_on, pk__lt=request.pk)
        .order_by("received_on", "pk")
        .first()
    )


def _refuse_out_of_order(request: RightsRequest, *, extending: bool) -> None:
    earlier = _earlier_open(request)
    if earlier is None:
        return
    day = date_format(earlier.received_on, "j F Y")
    if extending:
        message = _(
            "Er ligt nog een ouder verzoek van dit gezin aan uw organisatie, van %(day)s. Verleng of "
            "beantwoord eerst dat verzoek: de wettelijke termijnen lopen op volgorde van binnenkomst."
        )
    else:
        message = _(
            "Er ligt nog een ouder verzoek van dit gezin aan uw organisatie, van %(day)s. Beantwoord "
            "eerst dat verzoek: de wettelijke termijnen lopen op volgorde van binnenkomst."
        )
    raise Refused(message % {"day": day})


@transaction.atomic
def extend_request(
    *, actor: User, request: RightsRequest, reason: str, today: date | None = None
) -> RightsRequest:
    """The organisation takes two more months, once, and tells the family why, within the first
    month (AVG art. 12 lid 3). The first month's due date is the engine's (AVG-12)."""
    day = _today(today)
    request = _locked(actor, request)
    reason = _text(
        reason,
        field="reason",
        required=_("Schrijf op waarom u meer tijd nodig heeft. Het gezin leest dit."),
    )
    if request.extended_on is not None:
        raise Refused(
            _(
                "U heeft de termijn al verlengd op %(day)s. Dat kan maar één keer (AVG artikel 12 lid 3). "
                "Beantwoord het verzoek nu."
            )
            % {"day": date_format(request.extended_on, "j F Y")},
            field="reason",
        )
    due = first_due(request, today=day)
    if due is not None and day > due:
        raise Refused(
            _(
                "De eerste maand is voorbij: het antwoord moest er uiterlijk %(due)s zijn. Verlengen "
                "kan alleen binnen die maand (AVG artikel 12 lid 3). Beantwoord het verzoek nu."
            )
            % {"due": date_format(due, "j F Y")},
            field="reason",
        )
    earlier = _earlier_open(request)
    if earlier is not None and earlier.extended_on is None:
        earlier_due = first_due(earlier, today=day)
        if earlier_due is None or earlier_due >= day:  # the engine would extend that one
            _refuse_out_of_order(request, extending=True)
    _record(
        actor,
        request.child,
        type=EXTENDED_EVENT,
        on=day,
        data={"organisatie": request.organisation_name, "verzoek": request.kind},
    )
    request.extended_on = day
    request.extension_reason = reason
    request.extended_by = actor
    request.version += 1
    request.save(update_fields=["extended_on", "extension_reason", "extended_by", "version"])
    audit.extended(actor=actor, request=request)
    return request


@transaction.atomic
def answer_request(
    *,
    actor: User,
    request: RightsRequest,
    outcome: str,
    answer: str = "",
    corrected_text: str = "",
    today: date | None = None,
) -> RightsRequest:
    """The organisation answers: corrected (with the corrected text; the original part stays as it
    was, both are in the history), not corrected with the reason why, or access given (what was
    provided)."""
    day = _today(today)
    request = _locked(actor, request)
    if outcome not in OUTCOMES_OF[request.kind]:
        raise Refused(_("Kies wat u met het verzoek heeft gedaan."), field="outcome")
    answer = (answer or "").strip()
    corrected_text = (corrected_text or "").strip()
    if outcome == RequestOutcome.CORRECTED:
        corrected_text = _text(
            corrected_text,
            field="corrected_text",
            required=_("Schrijf op wat er nu staat. Het gezin ziet de oude en de nieuwe tekst."),
        )
    elif outcome == RequestOutcome.NOT_CORRECTED:
        answer = _text(
            answer,
            field="answer",
            required=_(
                "Leg uit waarom u het niet verbetert. Het gezin leest dit en kan er bezwaar tegen maken."
            ),
        )
        corrected_text = ""
    else:
        answer = _text(
            answer,
            field="answer",
            required=_("Schrijf op welke gegevens u heeft laten zien of gestuurd, en hoe."),
        )
    if len(answer) > MAX_LENGTH:
        raise Refused(
            _("Je tekst is te lang. Er passen maximaal %(limit)d tekens in.") % {"limit": MAX_LENGTH},
            field="answer",
        )
    _refuse_out_of_order(request, extending=False)
    _record(
        actor,
        request.child,
        type=ANSWERED_EVENT,
        on=day,
        data={"organisatie": request.organisation_name, "verzoek": request.kind},
    )
    request.answered_on = day
    request.outcome = outcome
    request.answer = answer
    request.corrected_text = corrected_text
    request.answered_by = actor
    request.answered_by_name = actor.display_name
    request.version += 1
    request.save(
        update_fields=[
            "answered_on",
            "outcome",
            "answer",
            "corrected_text",
            "answered_by",
            "answered_by_name",
            "version",
        ]
    )
    audit.answered(actor=actor, request=request)
    return request
