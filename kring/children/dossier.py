"""The children app's section of the child's whole file (`kring.privacy.dossier`): the child's
details (with the BSN: it is the family's own data, AVG art. 15; the PDF masks it), the legal
representatives, the timeline and the rules engine's stored assessment."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.privacy.crypto import BsnDecryptionError, decrypt_bsn, mask_bsn
from kring.privacy.dossier import Part, Section, dossier_section, iso, name_of
from kring.rules.catalog import rule_for

from .event_types import label_of, shown_fields
from .labels import status_words, thuiszitter_words
from .models import Child, Invitation, LegalRepresentative
from .readmodel import current_assessment
from .selectors import child_timeline

LABELS = {
    # the child
    "first_name": _("Voornaam"),
    "last_name": _("Achternaam"),
    "birth_date": _("Geboortedatum"),
    "bsn": _("BSN"),
    "postcode": _("Postcode"),
    "gemeente": _("Woongemeente"),
    "vakantieregio_label": _("Vakantieregio"),
    "created_at": _("In Kring sinds"),
    "updated_at": _("Laatst gewijzigd"),
    # representatives
    "name": _("Naam"),
    "relation": _("Relatie"),
    "email": _("E-mail"),
    "phone": _("Telefoon"),
    "has_account": _("Heeft een account in Kring"),
    "gezag_label": _("Gezag"),
    "gezag_on": _("Gezag vastgesteld op"),
    # invitations
    "kind_label": _("Uitnodiging voor"),
    "sent_at": _("Verstuurd op"),
    "expires_at": _("Geldig tot"),
    "status_label_invitation": _("Stand"),
    # timeline
    "date": _("Datum"),
    "type_label": _("Wat er gebeurde"),
    "school": _("School"),
    "details": _("Gegevens"),
    "note": _("Toelichting"),
    "recorded_as_violation": _("Vastgelegd als overtreding"),
    "violation_reason": _("Reden"),
    "recorded_by": _("Vastgelegd door"),
    # assessment
    "computed_on": _("Berekend op"),
    "leerplicht_status": _("Leerplicht"),
    "leerplicht_start": _("Leerplichtig vanaf"),
    "leerplicht_end": _("Leerplichtig tot"),
    "thuiszitter_label": _("Thuiszitter"),
    "thuiszitter_since": _("Thuis sinds"),
    "obligations": _("Plichten en termijnen"),
    "violations": _("Overtredingen"),
    "title": _("Wat moet er gebeuren"),
    "rule": _("Regel"),
    "source": _("Wettelijke bron"),
    "subject": _("Wie of wat"),
    "due": _("Uiterlijk"),
    "status_label": _("Stand"),
}


def _details(value: Any) -> str:
    return "; ".join(f"{row['label']}: {row['value']}" for row in value or [])


def _only_yes(value: Any) -> str:
    return str(_("ja")) if value else ""


def _bsn(child: Child) -> str | None:
    if child.bsn_encrypted is None:
        return None
    try:
        return decrypt_bsn(child.bsn_encrypted)
    except BsnDecryptionError:
        return None


def _child(child: Child) -> dict[str, Any]:
    return {
        "id": child.pk,
        "first_name": child.first_name,
        "last_name": child.last_name,
        "birth_date": iso(child.birth_date),
        "bsn": _bsn(child),
        "postcode": child.postcode,
        "gemeente": child.gemeente.name if child.gemeente_id and child.gemeente else None,
        "vakantieregio": child.vakantieregio,
        "vakantieregio_label": child.get_vakantieregio_display(),
        "created_at": iso(child.created_at),
        "updated_at": iso(child.updated_at),
    }


def _representative(rep: LegalRepresentative) -> dict[str, Any]:
    return {
        "id": rep.pk,
        "name": rep.name,
        "relation": rep.relation,
        "email": rep.email,
        "phone": rep.phone,
        "has_account": rep.user_id is not None,
        "gezag": rep.gezag,
        "gezag_label": rep.get_gezag_display(),
        "gezag_on": iso(rep.gezag_on),
    }


def _invitation(invitation: Invitation) -> dict[str, Any]:
    if invitation.accepted_at is not None:
        status = _("Account gemaakt")
    elif invitation.revoked_at is not None:
        status = _("Ingetrokken")
    elif invitation.expires_at <= timezone.now():
        status = _("Verlopen")
    else:
        status = _("Verstuurd, nog niet gebruikt")
    return {
        "id": invitation.pk,
        "kind": invitation.kind,
        "kind_label": invitation.get_kind_display(),
        "email": invitation.email,
        "sent_at": iso(invitation.sent_at),
        "expires_at": iso(invitation.expires_at),
        "status_label_invitation": str(status),
    }


def _rule(rule_id: str, on: str | None) -> tuple[str, str]:
    rule = rule_for(rule_id, date.fromisoformat(on) if on else None)
    return (rule.title, rule.source) if rule is not None else ("", "")


def _assessment(child: Child) -> dict[str, Any]:
    stored = current_assessment(child, today=timezone.localdate())
    data = stored.data or {}
    as_of = data.get("as_of")
    leerplicht = data.get("leerplicht") or {}
    thuiszitter = data.get("thuiszitter") or {}
    obligations = []
    for item in data.get("obligations", []):
        title, source = _rule(item["rule"], as_of)
        obligations.append(
            {
                "rule": item["rule"],
                "title": title,
                "source": source,
                "subject": item.get("subject"),
                "due": item.get("due"),
                "status": item.get("status"),
                "status_label": status_words(item.get("status") or ""),
            }
        )
    violations = []
    for item in data.get("violations", []):
        title, source = _rule(item["rule"], as_of)
        violations.append(
            {
                "rule": item["rule"],
                "title": title,
                "source": source,
                "subject": item.get("subject"),
                "date": item.get("date"),
            }
        )
    return {
        "computed_on": iso(stored.computed_on),
        "leerplicht_status": leerplicht.get("status"),
        "leerplicht_start": leerplicht.get("start"),
        "leerplicht_end": leerplicht.get("end"),
        "thuiszitter": thuiszitter.get("category"),
        "thuiszitter_label": thuiszitter_words(thuiszitter.get("category") or ""),
        "thuiszitter_since": thuiszitter.get("since"),
        "obligations": obligations,
        "violations": violations,
        # The engine's own output (the rules contract), for machines: `kring rules assess` reads it.
        "engine_output": {k: v for k, v in data.items() if k not in ("obligations", "violations")}
        | {
            "obligations": [
                {k: v for k, v in o.items() if k != "params"} for o in data.get("obligations", [])
            ],
            "violations": [{k: v for k, v in o.items() if k != "params"} for o in data.get("violations", [])],
        },
    }


@dossier_section(
    models=(
        "children.Child",
        "children.LegalRepresentative",
        "children.TimelineEvent",
        "children.ChildAssessment",
        "children.Invitation",
    )
)
def section(child: Child) -> Section:
    child = Child.objects.select_related("gemeente").get(pk=child.pk)
    representatives = list(LegalRepresentative.objects.filter(child=child).order_by("pk"))
    events = [
        {
            "id": event.pk,
            "date": iso(event.date),
            "type": event.type,
            "type_label": str(label_of(event.type)),
            "data": event.data,
            "details": [
                {"label": label, "value": value} for label, value in shown_fields(event.type, event.data)
            ],
            "school": event.school.organisation.name if event.school_id and event.school else None,
            "note": event.note,
            "recorded_as_violation": event.recorded_as_violation,
            "violation_reason": event.violation_reason,
            "recorded_by": name_of(event.recorded_by),
            "created_at": iso(event.created_at),
        }
        for event in child_timeline(child)
    ]
    return Section(
        key="children",
        title=_("Het kind"),
        parts=[
            Part(
                key="child",
                title=_("Gegevens van het kind"),
                intro=_(
                    "Zo staat je kind in Kring. In de download voor computers (JSON) staat het hele BSN. "
                    "In deze PDF zie je alleen de laatste 3 cijfers."
                ),
                data=_child(child),
                labels=LABELS,
                formats={"bsn": mask_bsn},
            ),
            Part(
                key="representatives",
                title=_("Ouders en verzorgers"),
                intro=_("Wie voor het kind mag optreden (wettelijk vertegenwoordiger)."),
                data=[_representative(r) for r in representatives],
                labels=LABELS,
                empty=_("Er staan geen ouders of verzorgers in Kring."),
            ),
            Part(
                key="invitations",
                title=_("Uitnodigingen voor een account"),
                intro=_(
                    "De e-mails met een link om een account in Kring te maken, voor een ouder of het kind."
                ),
                data=[_invitation(i) for i in Invitation.objects.filter(child=child).order_by("pk")],
                labels=LABELS,
                empty=_("Er zijn geen uitnodigingen gestuurd."),
            ),
            Part(
                key="timeline",
                title=_("Tijdlijn"),
                intro=_(
                    "Wat er is gebeurd rond school, zoals inschrijving, verzuim en besluiten. Kring "
                    "rekent hiermee de termijnen uit."
                ),
                data=events,
                labels={**LABELS, "created_at": _("Vastgelegd op")},
                empty=_("Er staat nog niets op de tijdlijn."),
                formats={"details": _details, "recorded_as_violation": _only_yes},
            ),
            Part(
                key="assessment",
                title=_("Termijnen en plichten"),
                intro=_(
                    "Wat de school, het samenwerkingsverband en de gemeente volgens de wet moeten doen, en "
                    "of dat op tijd is gebeurd. Kring rekent dit uit met de tijdlijn."
                ),
                data=_assessment(child),
                labels=LABELS,
                tables=frozenset({"obligations", "violations"}),
                table_widths={"title": 2.0, "rule": 0.8, "source": 2.4, "subject": 1.4, "due": 1.2},
            ),
        ],
    )
