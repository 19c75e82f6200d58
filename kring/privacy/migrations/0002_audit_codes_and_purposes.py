"""Audit events get a code, structured data and a purpose from a closed list.

See the ADR on audit events and purposes.

Existing lines keep their Dutch sentence (`message`) and their old free-text purpose (now in
`purpose_note`); their purpose is mapped to the closed list (or `onbekend`) and their code is
derived from what they are about, or `legacy.line` when that is not clear. Their data stays empty:
the family's log renders them with the short sentence of their code and the sentence kept.
"""

from django.db import migrations, models
from django.db.models import Q

PURPOSES = [
    "casusregie",
    "leerplicht",
    "zorgplicht",
    "escalatie",
    "family_access",
    "functioneel_beheer",
    "nightly_job",
    "login",
    "onbekend",
]

# A frozen copy of kring.privacy.purposes.LEGACY_PURPOSES as it was when this migration was written.
LEGACY_PURPOSES = {
    "inloggen": "login",
    "referentiegegevens bijwerken": "functioneel_beheer",
    "regio instellen": "functioneel_beheer",
    "functioneel beheer": "functioneel_beheer",
    "functioneel beheer van accounts": "functioneel_beheer",
    "kind registreren": "leerplicht",
    "kind registreren (geweigerd)": "leerplicht",
    "gegevens kind bijwerken": "leerplicht",
    "wettelijk vertegenwoordiger vastleggen": "leerplicht",
    "tijdlijn bijhouden": "leerplicht",
    "tijdlijn corrigeren": "leerplicht",
    "beoordeling controleren": "leerplicht",
    "beoordeling controleren (API)": "leerplicht",
    "beoordeling bekijken (API)": "leerplicht",
    "tijdlijn bekijken (API)": "leerplicht",
    "gegevens kind bekijken (API)": "leerplicht",
    "kinderen zoeken (API)": "leerplicht",
    "kind zoeken op BSN": "leerplicht",
    "regie op de casus": "casusregie",
    "regie op de casus (API)": "casusregie",
    "casus openen": "casusregie",
    "overzicht van casussen": "casusregie",
    "export van casussen": "casusregie",
    "casussen bekijken (API)": "casusregie",
    "escalatie bij een gemiste termijn of norm": "escalatie",
    "dagelijkse controle van termijnen": "nightly_job",
    "inzage door het gezin": "family_access",
}

# (action, object_type) -> code; None means: look at the sentence (see `_code`).
CODES = {
    ("login", "account"): "account.logged_in",
    ("create", "account"): "account.created",
    ("update", "account"): "account.rights_changed",
    ("create", "inschrijflink"): "account.enrolment_link_issued",
    ("update", "inschrijflink"): "account.enrolment_link_used",
    ("import", "referentiegegevens"): "reference.imported",
    ("create", "kind"): "child.registered",
    ("create", "registratie geweigerd"): "child.registration_refused",
    ("update", "kind"): "child.updated",
    ("view", "kind"): None,
    ("view", "bsn"): "child.bsn_viewed",
    ("create", "wettelijk vertegenwoordiger"): "child.representative_added",
    ("create", "gebeurtenis"): "timeline.event_recorded",
    ("delete", "gebeurtenis"): "timeline.event_deleted",
    ("export", "tijdlijn"): "timeline.scenario_exported",
    ("view", "casus"): None,
    ("export", "casus"): "case.exported",
    ("create", "casus"): "case.opened",
    ("update", "casus"): "case.status_changed",
    ("create", "kringlid"): "circle.member_added",
    ("update", "kringlid"): "circle.member_left",
    ("create", "regievoerder"): "case.regievoerder_appointed",
    ("update", "regievoerder"): "case.regie_handed_over",
    ("create", "overleg"): "case.meeting_recorded",
    ("create", "afspraak"): "case.agreement_added",
    ("update", "afspraak"): None,
    ("create", "ontwikkelperspectief"): "plan.perspective_set",
    ("update", "ontwikkelperspectief"): None,
    ("create", "route"): "plan.route_started",
    ("update", "route"): "plan.route_outcome",
    ("create", "escalatie"): None,
    ("update", "escalatie"): "escalation.level_raised",
    ("create", "escalatiebesluit"): "escalation.decided",
    ("update", "regio-instellingen"): "region.settings_changed",
    ("update", "escalatieladder"): "region.escalation_ladder_set",
}


def _code(action, object_type, message):
    if object_type.startswith("beheer"):  # copied from Django's admin log (accounts.admin_trace)
        return {"create": "admin.object_added", "delete": "admin.object_deleted"}.get(action, "admin.object_changed")
    key = (action, object_type)
    if key not in CODES:
        return "legacy.line"
    code = CODES[key]
    if code is not None:
        return code
    if key == ("view", "kind"):
        return "child.found_by_bsn" if "gevonden door te zoeken op BSN" in message else "child.viewed"
    if key == ("view", "casus"):
        return "case.listed" if "stond in een lijst" in message else "case.viewed"
    if key == ("update", "afspraak"):
        if "is gedaan op" in message:
            return "case.agreement_done"
        return "case.agreement_cancelled" if "is vervallen" in message else "legacy.line"
    if key == ("update", "ontwikkelperspectief"):
        return "plan.evaluation_rhythm_set" if "weken te evalueren" in message else "plan.perspective_changed"
    if key == ("create", "escalatie"):
        return "escalation.raised_automatically" if "automatisch" in message else "escalation.raised"
    return "legacy.line"


def forwards(apps, schema_editor):
    AuditEvent = apps.get_model("privacy", "AuditEvent")
    for event in AuditEvent.objects.all().iterator():
        old = (event.purpose or "").strip()
        event.purpose_note = old[:200]
        event.purpose = old if old in PURPOSES else LEGACY_PURPOSES.get(old, "onbekend")
        event.code = _code(event.action, event.object_type, event.message)
        event.save(update_fields=["purpose_note", "purpose", "code"])


def backwards(apps, schema_editor):
    AuditEvent = apps.get_model("privacy", "AuditEvent")
    for event in AuditEvent.objects.all().iterator():
        event.purpose = event.purpose_note or event.purpose
        event.save(update_fields=["purpose"])


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="code",
            field=models.CharField(default="legacy.line", max_length=64, verbose_name="soort gebeurtenis"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="data",
            field=models.JSONField(blank=True, default=dict, verbose_name="gegevens"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="purpose_note",
            field=models.CharField(blank=True, default="", max_length=200, verbose_name="oud doel"),
            preserve_default=False,
        ),
        migrations.RemoveConstraint(model_name="auditevent", name="audit_purpose_required"),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
