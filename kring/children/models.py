"""A child and its timeline.

The timeline events are the events of the rules contract (shared/rules/SCENARIOS.md): each
event stores the contract's type and fields, so a child's timeline *is* the rules engine's
input and the case page shows exactly what `kring rules assess` computes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from kring.organisations.models import Gemeente, SchoolLocation, Vakantieregio

from .event_types import label_of


class Child(models.Model):
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=100)
    birth_date = models.DateField(_("geboortedatum"))
    # The BSN is stored encrypted; bsn_hash is a keyed hash (HMAC) for lookup. Never in lists or logs.
    bsn_encrypted = models.BinaryField(_("BSN (versleuteld)"), null=True, blank=True, editable=False)
    bsn_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)  # e.g. 3511AB; PC4 used for SWV
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("woongemeente"),
    )
    vakantieregio = models.CharField(_("vakantieregio"), max_length=6, choices=Vakantieregio.choices)
    # The child's own account (from 12, through an invitation: kring/children/invitations.py).
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="own_file",
        verbose_name=_("eigen account"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking

    class Meta:
        verbose_name = _("kind")
        verbose_name_plural = _("kinderen")
        ordering = ["last_name", "first_name"]
        constraints = [
            # Dutch postcode, normalised by the service: 4 digits (no leading 0) and 2 capitals, no space.
            models.CheckConstraint(
                condition=Q(postcode="") | Q(postcode__regex=r"^[1-9][0-9]{3}[A-Z]{2}$"),
                name="child_postcode_format",
            ),
            # The encrypted BSN and its lookup hash are written together or not at all.
            models.CheckConstraint(
                condition=(Q(bsn_encrypted__isnull=True) & Q(bsn_hash__isnull=True))
                | (Q(bsn_encrypted__isnull=False) & Q(bsn_hash__isnull=False)),
                name="child_bsn_hash_with_ciphertext",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="child_version_positive"),
        ]
        indexes = [
            # The home PC4: the SWV's statutory branch of the access policy selects children by it.
            models.Index(Substr("postcode", 1, 4), name="child_home_pc4"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def pc4(self) -> str:
        return self.postcode[:4]


class Gezag(models.TextChoices):
    """Who may act for the child (ouderlijk gezag or voogdij, BW boek 1 titel 14). A parent without
    gezag keeps the right to information (art. 1:377c BW) but does not act for the child. What each
    may do is decided by the access policy (`policy.may_act_for_child`); docs/privacy.md has the rule."""

    GEZAG = "gezag", _("Heeft ouderlijk gezag")
    GEEN_GEZAG = "geen_gezag", _("Heeft geen gezag")
    VOOGD = "voogd", _("Is voogd (voogdij)")


class LegalRepresentative(models.Model):
    """A parent or other wettelijk vertegenwoordiger, with an account once they accepted an invitation."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="representatives")
    name = models.CharField(_("naam"), max_length=200)
    relation = models.CharField(_("relatie"), max_length=60, default="ouder")
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    # Most parents of a child have gezag; a professional records it otherwise (and the date they
    # checked it, e.g. in the gezagsregister).
    gezag = models.CharField(_("gezag"), max_length=12, choices=Gezag.choices, default=Gezag.GEZAG)
    gezag_on = models.DateField(_("gezag vastgesteld op"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="represents"
    )

    class Meta:
        verbose_name = _("wettelijk vertegenwoordiger")
        verbose_name_plural = _("wettelijk vertegenwoordigers")
        constraints = [
            models.CheckConstraint(condition=Q(gezag__in=Gezag.values), name="representative_gezag_known"),
        ]

    def __str__(self) -> str:
        return self.name


class InvitationKind(models.TextChoices):
    OUDER = "ouder", _("Ouder of wettelijk vertegenwoordiger")
    KIND = "kind", _("Het kind zelf")


class Invitation(models.Model):
    """A one-time link, mailed once, that lets a parent or the child (from 12) make an account that
    is linked to the child's file. Only a hash of the link's secret is stored (as EnrolmentLink).
    Re-sending gives a new secret (the old link stops working); revoking ends it."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="invitations")
    kind = models.CharField(_("voor"), max_length=8, choices=InvitationKind.choices)
    representative = models.ForeignKey(
        LegalRepresentative, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verstuurd op"))
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=InvitationKind.values), name="invitation_kind_known"),
            # A parent's invitation belongs to one representative; the child's to nobody else.
            models.CheckConstraint(
                condition=Q(kind=InvitationKind.OUDER, representative__isnull=False)
                | Q(kind=InvitationKind.KIND, representative__isnull=True),
                name="invitation_parent_has_representative",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gte=models.F("sent_at")), name="invitation_expires_after_sending"
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_accepted_or_revoked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.child_id}, {self.created_at:%Y-%m-%d})"


class EventType(models.TextChoices):
    """The event types of the rules contract (SCENARIOS.md). Their labels and everything else Kring
    knows about each type are in the one table, `kring/children/event_types.py`."""

    AANMELDING = "aanmelding", label_of("aanmelding")
    AANMELDING_VERLENGING = "aanmelding_verlenging", label_of("aanmelding_verlenging")
    AANMELDING_BESLUIT = "aanmelding_besluit", label_of("aanmelding_besluit")
    INSCHRIJVING = "inschrijving", label_of("inschrijving")
    UITSCHRIJVING = "uitschrijving", label_of("uitschrijving")
    AFWEZIG = "afwezig", label_of("afwezig")
    VERZUIMMELDING = "verzuimmelding", label_of("verzuimmelding")
    SCHORSING = "schorsing", label_of("schorsing")
    SCHORSING_GEMELD_INSPECTIE = "schorsing_gemeld_inspectie", label_of("schorsing_gemeld_inspectie")
    VERWIJDERING = "verwijdering", label_of("verwijdering")
    ANDERE_SCHOOL_BEREID = "andere_school_bereid", label_of("andere_school_bereid")
    VRIJSTELLING = "vrijstelling", label_of("vrijstelling")
    OPP_VASTGESTELD = "opp_vastgesteld", label_of("opp_vastgesteld")
    OPP_INSTEMMING = "opp_instemming", label_of("opp_instemming")
    OPP_EVALUATIE = "opp_evaluatie", label_of("opp_evaluatie")
    REGIEVOERDER_AANGEWEZEN = "regievoerder_aangewezen", label_of("regievoerder_aangewezen")
    ONTWIKKELPERSPECTIEF_VASTGESTELD = (
        "ontwikkelperspectief_vastgesteld",
        label_of("ontwikkelperspectief_vastgesteld"),
    )
    ROUTE_VASTGESTELD = "route_vastgesteld", label_of("route_vastgesteld")
    EVALUATIEFREQUENTIE_VASTGESTELD = (
        "evaluatiefrequentie_vastgesteld",
        label_of("evaluatiefrequentie_vastgesteld"),
    )
    # catalog v2
    TLV_AANVRAAG = "tlv_aanvraag", label_of("tlv_aanvraag")
    DESKUNDIGENADVIES = "deskundigenadvies", label_of("deskundigenadvies")
    TLV_BESLUIT = "tlv_besluit", label_of("tlv_besluit")
    ONDERWIJSTIJD_VERMINDERD = "onderwijstijd_verminderd", label_of("onderwijstijd_verminderd")
    INSTEMMING_INSPECTIE_ONDERWIJSTIJD = (
        "instemming_inspectie_onderwijstijd",
        label_of("instemming_inspectie_onderwijstijd"),
    )
    VERVANGENDE_LEERPLICHT_AANVRAAG = (
        "vervangende_leerplicht_aanvraag",
        label_of("vervangende_leerplicht_aanvraag"),
    )
    VERVANGENDE_LEERPLICHT_BESLUIT = (
        "vervangende_leerplicht_besluit",
        label_of("vervangende_leerplicht_besluit"),
    )
    VERZOEK_INZAGE = "verzoek_inzage", label_of("verzoek_inzage")
    VERZOEK_RECTIFICATIE = "verzoek_rectificatie", label_of("verzoek_rectificatie")
    VERZOEK_VERLENGD = "verzoek_verlengd", label_of("verzoek_verlengd")
    VERZOEK_BEANTWOORD = "verzoek_beantwoord", label_of("verzoek_beantwoord")


class TimelineEvent(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="events")
    date = models.DateField(_("datum"))
    type = models.CharField(_("soort"), max_length=40, choices=EventType.choices)
    # The contract's fields besides date and type, e.g. {"school": "De Brug", "sector": "po"}.
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    school = models.ForeignKey(
        SchoolLocation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("toelichting"), blank=True)
    # A professional may record what actually happened even when the law forbids it; then a reason
    # is required.
    recorded_as_violation = models.BooleanField(_("vastgelegd als overtreding"), default=False)
    violation_reason = models.TextField(_("reden"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["child", "date", "id"], name="timeline_child_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(recorded_as_violation=False) | ~Q(violation_reason=""),
                name="timeline_violation_needs_reason",
            ),
            models.CheckConstraint(condition=Q(type__in=EventType.values), name="timeline_type_known"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_type_display()}"


class ChildAssessment(models.Model):
    """The rules engine's last assessment of a child (contract shape): the per-child read model.

    One row per child, whether or not the child has a case. Lists, the agenda and the nightly job
    filter on the columns below without recomputing; `readmodel.py` keeps the row fresh.
    """

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="assessment")
    computed_on = models.DateField(_("berekend voor"))
    # Which timeline the assessment saw: "<number of events>:<highest event id>:<child version>".
    source_fingerprint = models.CharField(max_length=64)
    data = models.JSONField(default=dict)
    thuiszitter_category = models.CharField(max_length=40, blank=True)  # TZ-01 category, or ""
    # A hidden out-of-school situation (vrijstelling 5a, ziek).
    is_verborgen = models.BooleanField(default=False)
    overdue_count = models.PositiveIntegerField(default=0)
    # Obligations still to do (open or overdue): the child stays on the nightly list while > 0.
    open_count = models.PositiveIntegerField(default=0)
    next_due = models.DateField(null=True, blank=True)  # the soonest due date of an open obligation
    kr_3m_status = models.CharField(max_length=16, blank=True)
    # The horizon (`kring.rules.horizon`): the first day on which the engine's answer for the same
    # timeline can differ; until then the row stays fresh. Null: no part of it depends on the day.
    fresh_until = models.DateField(null=True, blank=True)
    # The region whose norms were used, the key of those norms and of the holiday calendar: another
    # key than the region's or the calendar's current one makes the row stale.
    swv = models.ForeignKey(
        "organisations.Samenwerkingsverband",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    norms_key = models.CharField(max_length=16, blank=True)
    calendar_key = models.CharField(max_length=16, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        indexes = [
            models.Index(fields=["thuiszitter_category"], name="assessment_thuiszitter"),
            models.Index(fields=["next_due"], name="assessment_next_due"),
            models.Index(fields=["overdue_count"], name="assessment_overdue"),
            models.Index(fields=["open_count"], name="assessment_open"),
            models.Index(fields=["fresh_until"], name="assessment_fresh_until"),
            models.Index(fields=["swv", "norms_key"], name="assessment_swv_norms"),
        ]

    def __str__(self) -> str:
        return f"Beoordeling kind {self.child_id} op {self.computed_on}"
