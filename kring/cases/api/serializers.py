"""Cases and the work on a case: what the API shows (read serializers) and what it accepts (input
serializers, one per service). The services check the content and answer in Dutch; the input
serializers only check types, so a missing field is named in the 400 response."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kring.access import policy
from kring.accounts.models import User
from kring.api.fields import enum_field
from kring.cases.models import (
    Agreement,
    AgreementStatus,
    Case,
    CaseStatus,
    CircleMember,
    Dimension,
    Escalation,
    EscalationDecision,
    Meeting,
    MemberKind,
    Perspective,
    RegievoerderAssignment,
    Route,
    RouteKind,
    RouteOutcome,
    SignalKind,
    StatusChange,
    Visibility,
)
from kring.cases.planning import NextEvaluation, next_evaluation
from kring.cases.services import UNKNOWN_REPRESENTATIVE
from kring.children.models import Child, LegalRepresentative
from kring.organisations.models import Organisation

CaseStatusField = enum_field(CaseStatus, "CaseStatus")
AgreementStatusField = enum_field(AgreementStatus, "AgreementStatus")
MemberKindField = enum_field(MemberKind, "MemberKind")
RouteKindField = enum_field(RouteKind, "RouteKind")
VisibilityField = enum_field(Visibility, "Visibility")


def _today() -> Any:
    return timezone.localdate()


def _name(user: User | None) -> str:
    return user.display_name if user is not None else ""


# ---------------------------------------------------------------- reading


class CaseChildSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    birth_date = serializers.DateField()


class RegievoerderSerializer(serializers.ModelSerializer[RegievoerderAssignment]):
    user_name = serializers.SerializerMethodField()
    organisation_name = serializers.SerializerMethodField()
    contact_route = serializers.CharField(source="member.contact_route", read_only=True)

    class Meta:
        model = RegievoerderAssignment
        fields = [
            "id",
            "member",
            "user",
            "user_name",
            "organisation_name",
            "contact_route",
            "started_on",
            "ended_on",
            "note",
        ]
        read_only_fields = fields

    def get_user_name(self, obj: RegievoerderAssignment) -> str:
        return obj.user.display_name

    def get_organisation_name(self, obj: RegievoerderAssignment) -> str:
        return obj.user.organisation.name if obj.user.organisation else ""


class SnapshotSummarySerializer(serializers.Serializer[Any]):
    computed_on = serializers.DateField()
    thuiszitter_category = serializers.CharField()
    is_verborgen = serializers.BooleanField()
    overdue_count = serializers.IntegerField()
    next_due = serializers.DateField(allow_null=True)
    kr_3m_status = serializers.CharField()


class CaseSerializer(serializers.ModelSerializer[Case]):
    """A case in a list: what the case list page shows (never the BSN)."""

    child = CaseChildSerializer(read_only=True)
    status = CaseStatusField(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    signal_kind_label = serializers.CharField(source="get_signal_kind_display", read_only=True)
    assessment = serializers.SerializerMethodField(
        help_text="De laatst opgeslagen beoordeling (nachtelijke berekening), of null."
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "child",
            "status",
            "status_label",
            "escalated",
            "signal_kind",
            "signal_kind_label",
            "opened_on",
            "closed_on",
            "version",
            "assessment",
        ]
        read_only_fields = fields

    @extend_schema_field(SnapshotSummarySerializer(allow_null=True))
    def get_assessment(self, case: Case) -> dict[str, Any] | None:
        """Only for cases whose assessment this user sees (`showing_assessment` in the context,
        computed by the view through the policy); null otherwise."""
        showing = self.context.get("showing_assessment")
        if showing is None or case.pk not in showing:
            return None
        stored = getattr(case.child, "assessment", None)
        if stored is None:
            return None
        return dict(SnapshotSummarySerializer(stored).data)


class StatusChangeSerializer(serializers.ModelSerializer[StatusChange]):
    from_status = CaseStatusField(read_only=True)
    to_status = CaseStatusField(read_only=True)
    changed_by_name = serializers.SerializerMethodField()

    class Meta:
        model = StatusChange
        fields = ["from_status", "to_status", "reason", "changed_on", "changed_by_name"]
        read_only_fields = fields

    def get_changed_by_name(self, obj: StatusChange) -> str:
        return _name(obj.changed_by)


class CaseDetailSerializer(CaseSerializer):
    """One case: the list's fields, plus what this user may see and do."""

    signal_description = serializers.CharField(read_only=True)
    closing_reason = serializers.CharField(read_only=True)
    scope = VisibilityField(read_only=True, help_text="Welk deel van het dossier je mag zien.")
    can_edit = serializers.BooleanField(read_only=True, help_text="Of je deze casus mag wijzigen.")
    allowed_transitions = serializers.ListField(
        child=CaseStatusField(),
        read_only=True,
        help_text="De fasen waar de casus volgens het werkproces naartoe kan.",
    )
    regievoerder = RegievoerderSerializer(read_only=True, allow_null=True)
    status_changes = StatusChangeSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "signal_description",
            "closing_reason",
            "scope",
            "can_edit",
            "allowed_transitions",
            "regievoerder",
            "status_changes",
        ]
        read_only_fields = fields


class CircleMemberSerializer(serializers.ModelSerializer[CircleMember]):
    kind = MemberKindField(read_only=True)
    visibility = VisibilityField(read_only=True)
    display_name = serializers.CharField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    visibility_label = serializers.CharField(source="get_visibility_display", read_only=True)
    organisation_name = serializers.SerializerMethodField()

    class Meta:
        model = CircleMember
        fields = [
            "id",
            "kind",
            "kind_label",
            "display_name",
            "user",
            "representative",
            "name",
            "organisation",
            "organisation_name",
            "role",
            "contact_route",
            "visibility",
            "visibility_label",
            "active",
            "joined_on",
            "left_on",
            "left_reason",
        ]
        read_only_fields = fields

    def get_organisation_name(self, obj: CircleMember) -> str:
        return obj.organisation.name if obj.organisation else ""


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    recorded_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "held_on",
            "attendees",
            "other_attendees",
            "parents_present",
            "parents_absent_reason",
            "child_present",
            "child_absent_reason",
            "child_voice",
            "child_voice_in_own_words",
            "notes",
            "is_evaluation",
            "recorded_by_name",
        ]
        read_only_fields = fields

    def get_recorded_by_name(self, obj: Meeting) -> str:
        return _name(obj.recorded_by)


class AgreementSerializer(serializers.ModelSerializer[Agreement]):
    status = AgreementStatusField(read_only=True)
    owner_name = serializers.CharField(source="owner.display_name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "text",
            "owner",
            "owner_name",
            "due_on",
            "meeting",
            "status",
            "status_label",
            "done_on",
            "status_note",
        ]
        read_only_fields = fields


class PerspectiveSerializer(serializers.ModelSerializer[Perspective]):
    needs = serializers.SerializerMethodField(
        help_text="Wat het kind nodig heeft, per gebied (gebied → beschrijving)."
    )
    jointly_set = serializers.BooleanField(read_only=True)
    next_evaluation_on = serializers.SerializerMethodField(
        help_text="De volgende evaluatie: de laatste evaluatie (of de afspraak van het ritme) plus het "
        "aantal weken. Leeg zonder ritme of bij een afgesloten casus."
    )
    evaluation_late = serializers.SerializerMethodField(help_text="De volgende evaluatie is te laat.")

    class Meta:
        model = Perspective
        fields = [
            "id",
            "set_on",
            "set_with_parents",
            "set_with_child",
            "jointly_set",
            "goals",
            "needs",
            "evaluation_every_weeks",
            "evaluation_set_on",
            "next_evaluation_on",
            "evaluation_late",
            "version",
        ]
        read_only_fields = fields

    def get_needs(self, obj: Perspective) -> dict[str, str]:
        return {n.dimension: n.description for n in obj.needs.all()}

    def _next(self, obj: Perspective) -> NextEvaluation | None:
        return next_evaluation(obj.case, today=timezone.localdate())

    def get_next_evaluation_on(self, obj: Perspective) -> date | None:
        upcoming = self._next(obj)
        return upcoming.due if upcoming is not None else None

    def get_evaluation_late(self, obj: Perspective) -> bool:
        upcoming = self._next(obj)
        return upcoming is not None and upcoming.late


class RouteSerializer(serializers.ModelSerializer[Route]):
    needed_kind = RouteKindField(read_only=True)
    kind = RouteKindField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)

    class Meta:
        model = Route
        fields = [
            "id",
            "needed_kind",
            "needed_hours_per_week",
            "needed_summary",
            "kind",
            "kind_label",
            "offered_summary",
            "provider",
            "provider_organisation",
            "start_on",
            "hours_per_week",
            "end_on",
            "outcome",
            "outcome_label",
            "outcome_on",
            "outcome_note",
        ]
        read_only_fields = fields


class EscalationDecisionSerializer(serializers.ModelSerializer[EscalationDecision]):
    decided_by_name = serializers.SerializerMethodField()
    owner_name = serializers.SerializerMethodField()

    class Meta:
        model = EscalationDecision
        fields = [
            "id",
            "level",
            "decided_by_name",
            "decided_on",
            "decision",
            "owner",
            "owner_name",
            "due_on",
            "agreement",
        ]
        read_only_fields = fields

    def get_decided_by_name(self, obj: EscalationDecision) -> str:
        return obj.decided_by.display_name

    def get_owner_name(self, obj: EscalationDecision) -> str:
        return obj.owner.display_name


class EscalationSerializer(serializers.ModelSerializer[Escalation]):
    level_order = serializers.IntegerField(
        source="level.order", read_only=True, allow_null=True, default=None
    )
    level_name = serializers.CharField(source="level.name", read_only=True, allow_null=True, default=None)
    decisions = EscalationDecisionSerializer(many=True, read_only=True)
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = Escalation
        fields = [
            "id",
            "trigger",
            "rule_id",
            "reason",
            "level",
            "level_order",
            "level_name",
            "started_on",
            "level_started_on",
            "due_on",
            "resolved_on",
            "is_active",
            "decisions",
        ]
        read_only_fields = fields


# ---------------------------------------------------------------- input (one per service)


class CaseOpenSerializer(serializers.Serializer[Any]):
    """`context["user"]`: only children this user may see can be chosen (others are 'unknown')."""

    child = serializers.PrimaryKeyRelatedField(
        queryset=Child.objects.none(),
        help_text="Id van een kind dat je mag zien.",
        error_messages={"does_not_exist": "Onbekend kind: het bestaat niet, of je mag het niet zien."},
    )
    signal_kind = serializers.ChoiceField(choices=SignalKind.choices)
    signal_description = serializers.CharField(allow_blank=True)
    opened_on = serializers.DateField(default=_today)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.context.get("user")
        if user is not None:
            field = self.fields["child"]
            assert isinstance(field, serializers.PrimaryKeyRelatedField)
            field.queryset = policy.visible_children(user)


class TransitionSerializer(serializers.Serializer[Any]):
    to_status = CaseStatusField()
    reason = serializers.CharField(allow_blank=True)
    on = serializers.DateField(default=_today)
    expected_version = serializers.IntegerField(help_text="De `version` van de casus die je las.")


class CircleMemberCreateSerializer(serializers.Serializer[Any]):
    kind = MemberKindField()
    joined_on = serializers.DateField(default=_today)
    user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )
    representative = serializers.PrimaryKeyRelatedField(
        queryset=LegalRepresentative.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        error_messages={"does_not_exist": gettext_lazy(UNKNOWN_REPRESENTATIVE)},
    )
    name = serializers.CharField(required=False, allow_blank=True, default="")
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    role = serializers.CharField(required=False, allow_blank=True, default="")
    contact_route = serializers.CharField(required=False, allow_blank=True, default="")
    visibility = VisibilityField(default=Visibility.ALLEEN_AFSPRAKEN)


class CircleMemberRemoveSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(allow_blank=True)
    left_on = serializers.DateField(default=_today)


class RegievoerderCorrectSerializer(serializers.Serializer[Any]):
    member = serializers.IntegerField(
        help_text="Id van het lid van de kring dat de regie had moeten krijgen."
    )
    reason = serializers.CharField(allow_blank=True, help_text="Waarom de aanwijzing niet klopte.")


class RegievoerderSetSerializer(serializers.Serializer[Any]):
    member = serializers.IntegerField(help_text="Id van het lid van de kring dat de regie krijgt.")
    note = serializers.CharField(allow_blank=True)
    on = serializers.DateField(default=_today)


class MeetingCreateSerializer(serializers.Serializer[Any]):
    held_on = serializers.DateField()
    parents_present = serializers.BooleanField()
    child_present = serializers.BooleanField()
    attendees = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    other_attendees = serializers.CharField(required=False, allow_blank=True, default="")
    parents_absent_reason = serializers.CharField(required=False, allow_blank=True, default="")
    child_absent_reason = serializers.CharField(required=False, allow_blank=True, default="")
    child_voice = serializers.CharField(required=False, allow_blank=True, default="")
    child_voice_in_own_words = serializers.BooleanField(required=False, default=False)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    is_evaluation = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Dit overleg was de evaluatie van het evaluatieritme: de volgende evaluatie schuift op.",
    )


class AgreementCreateSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(allow_blank=True)
    owner = serializers.IntegerField(help_text="Id van het lid van de kring dat de afspraak uitvoert.")
    due_on = serializers.DateField()
    meeting = serializers.IntegerField(required=False, allow_null=True, default=None)


class AgreementCompleteSerializer(serializers.Serializer[Any]):
    done_on = serializers.DateField(default=_today)


class PerspectiveSetSerializer(serializers.Serializer[Any]):
    set_on = serializers.DateField()
    set_with_parents = serializers.BooleanField()
    set_with_child = serializers.BooleanField()
    goals = serializers.CharField(allow_blank=True)
    needs = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text="Per gebied wat het kind nodig heeft: " + ", ".join(Dimension.values),
    )
    expected_version = serializers.IntegerField(
        allow_null=True,
        required=False,
        default=None,
        help_text="Leeg (null) voor het eerste perspectief, anders de `version` die je las.",
    )


class RhythmSerializer(serializers.Serializer[Any]):
    weeks = serializers.IntegerField()
    set_on = serializers.DateField(default=_today)
    expected_version = serializers.IntegerField(help_text="De `version` van het ontwikkelperspectief.")


class RouteCreateSerializer(serializers.Serializer[Any]):
    needed_kind = RouteKindField()
    needed_summary = serializers.CharField(required=False, allow_blank=True, default="")
    needed_hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, required=False, allow_null=True, default=None
    )
    kind = RouteKindField()
    offered_summary = serializers.CharField(required=False, allow_blank=True, default="")
    provider = serializers.CharField(allow_blank=True)
    provider_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    start_on = serializers.DateField()
    hours_per_week = serializers.DecimalField(max_digits=4, decimal_places=1)


class RouteOutcomeSerializer(serializers.Serializer[Any]):
    outcome = serializers.ChoiceField(
        choices=[c for c in RouteOutcome.choices if c[0] != RouteOutcome.LOPEND]
    )
    on = serializers.DateField(default=_today)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EscalateSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(allow_blank=True)
    on = serializers.DateField(default=_today)


class DecisionCreateSerializer(serializers.Serializer[Any]):
    decision = serializers.CharField(allow_blank=True)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), help_text="Id van de professional die het uitvoert."
    )
    due_on = serializers.DateField()
    decided_on = serializers.DateField(default=_today)
