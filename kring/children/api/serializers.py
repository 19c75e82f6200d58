"""Children and their timeline. The BSN is write-only: no response ever contains it."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kring.children.models import Child, EventType, LegalRepresentative, TimelineEvent
from kring.organisations.models import Gemeente, SchoolLocation, Vakantieregio


class RepresentativeSerializer(serializers.ModelSerializer[LegalRepresentative]):
    class Meta:
        model = LegalRepresentative
        fields = ["id", "name", "relation", "email", "phone", "gezag", "gezag_on"]
        read_only_fields = ["id", "gezag", "gezag_on"]
        extra_kwargs = {"relation": {"required": False}}


class ChildSerializer(serializers.ModelSerializer[Child]):
    """A child as the API shows it: never the BSN, only whether one is known."""

    gemeente_name = serializers.CharField(source="gemeente.name", read_only=True, default="")
    vakantieregio_label = serializers.CharField(source="get_vakantieregio_display", read_only=True)
    has_bsn = serializers.SerializerMethodField(
        help_text="Of Kring een BSN van dit kind heeft (nooit het BSN)."
    )
    representatives = RepresentativeSerializer(many=True, read_only=True)

    class Meta:
        model = Child
        fields = [
            "id",
            "first_name",
            "last_name",
            "birth_date",
            "postcode",
            "gemeente",
            "gemeente_name",
            "vakantieregio",
            "vakantieregio_label",
            "has_bsn",
            "representatives",
            "version",
        ]
        read_only_fields = fields

    def get_has_bsn(self, child: Child) -> bool:
        return child.bsn_hash is not None


class RepresentativeInputSerializer(serializers.Serializer[dict[str, str]]):
    """A parent or other legal representative, as given when registering the child."""

    name = serializers.CharField(allow_blank=True)
    relation = serializers.CharField(required=False, allow_blank=True, default="ouder")
    email = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="")


class ChildCreateSerializer(serializers.Serializer[dict[str, Any]]):
    """Input of `children.services.register_child` (the same registration as the page).

    The service checks the values (Dutch messages): a school professional names the school of their
    own organisation and the date of enrolment; the gemeente follows from the postcode and the
    vakantieregio from the school or gemeente when they are left out."""

    first_name = serializers.CharField(allow_blank=True, max_length=200)
    last_name = serializers.CharField(allow_blank=True, max_length=200)
    birth_date = serializers.DateField()
    bsn = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        help_text="Burgerservicenummer (9 cijfers). Alleen te schrijven: de API geeft het nooit terug.",
    )
    postcode = serializers.CharField(required=False, allow_blank=True, default="")
    gemeente = serializers.PrimaryKeyRelatedField(
        queryset=Gemeente.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Leeg: Kring leidt de woongemeente af uit de postcode.",
    )
    vakantieregio = serializers.ChoiceField(
        choices=Vakantieregio.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Leeg: Kring leidt de vakantieregio af uit de school of de gemeente.",
    )
    school = serializers.PrimaryKeyRelatedField(
        queryset=SchoolLocation.objects.select_related("organisation"),
        required=False,
        allow_null=True,
        default=None,
        help_text="Alleen voor de school (verplicht voor intern begeleider en schoolleider): de eigen "
        "schoolvestiging waar het kind staat ingeschreven.",
    )
    enrolled_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Sinds wanneer het kind op die school staat."
    )
    sector = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Soort onderwijs (po, sbo, so, vso, vo, pro); leeg: zoals de school in het register.",
    )
    representatives = RepresentativeInputSerializer(many=True, required=False, default=list)
    confirm_duplicate = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Toch registreren als er al een kind met deze naam en geboortedatum is dat je mag zien "
        "(zonder dit veld geeft Kring eerst een waarschuwing op dit veld).",
    )


class ChildSearchSerializer(serializers.Serializer[dict[str, Any]]):
    """Search one child by BSN: in the request body, so the number never reaches an address or log."""

    bsn = serializers.CharField(
        write_only=True, help_text="Burgerservicenummer (9 cijfers); wordt nooit teruggegeven."
    )


class EventSerializer(serializers.ModelSerializer[TimelineEvent]):
    type_label = serializers.CharField(source="get_type_display", read_only=True)
    recorded_by_name = serializers.SerializerMethodField()

    class Meta:
        model = TimelineEvent
        fields = [
            "id",
            "date",
            "type",
            "type_label",
            "data",
            "school",
            "note",
            "recorded_as_violation",
            "violation_reason",
            "recorded_by_name",
            "created_at",
        ]
        read_only_fields = fields

    def get_recorded_by_name(self, event: TimelineEvent) -> str:
        return event.recorded_by.display_name if event.recorded_by else ""


class EventCreateSerializer(serializers.Serializer[dict[str, Any]]):
    """Input of `children.services.record_event`. `data`: the contract's fields besides date and type."""

    type = serializers.ChoiceField(choices=EventType.choices)
    date = serializers.DateField()
    data = serializers.DictField(  # type: ignore[assignment]
        required=False, default=dict, help_text="De velden van de gebeurtenis volgens het regelcontract."
    )
    school = serializers.PrimaryKeyRelatedField(
        queryset=SchoolLocation.objects.select_related("organisation"),
        required=False,
        allow_null=True,
        default=None,
        help_text="Een school uit het register (vult `data.school` met de naam als die ontbreekt).",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    violation_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Alleen na een weigering (`rule`): leg het vast als overtreding, met de reden.",
    )


class ReasonSerializer(serializers.Serializer[dict[str, Any]]):
    reason = serializers.CharField(allow_blank=True)
