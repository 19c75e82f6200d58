"""Placement in special education: TLV requests and decisions, waiting lists, and what each school
location offers (a light schoolondersteuningsprofiel).

A TLV request belongs to the child (not a case): the school asks the samenwerkingsverband for a
toelaatbaarheidsverklaring; the SWV's decision follows with the deskundigen's advice. The facts also
go to the child's timeline (`tlv_aanvraag`, `deskundigenadvies`, `tlv_besluit`) so the rules engine
computes the terms (AWB-413, TLV-04, TLV-06).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kring.children.models import Child
from kring.organisations.models import Samenwerkingsverband, SchoolLocation


class TlvSoort(models.TextChoices):
    SBO = "sbo", _("Speciaal basisonderwijs (sbo)")
    SO = "so", _("Speciaal onderwijs (so)")
    VSO = "vso", _("Voortgezet speciaal onderwijs (vso)")


class Cluster(models.TextChoices):
    NONE = "", _("Geen cluster (sbo)")
    CLUSTER_3 = "3", _("Cluster 3: lichamelijke of verstandelijke beperking, langdurig ziek")
    CLUSTER_4 = "4", _("Cluster 4: psychische of gedragsproblemen")


class Categorie(models.TextChoices):
    NONE = "", _("Geen categorie")
    LAAG = "laag", _("Laag")
    MIDDEN = "midden", _("Midden")
    HOOG = "hoog", _("Hoog")


class Functie(models.TextChoices):
    """The deskundigen of the contract (SCENARIOS.md, `deskundigenadvies`)."""

    ORTHOPEDAGOOG = "orthopedagoog", _("Orthopedagoog")
    PSYCHOLOOG = "psycholoog", _("Psycholoog")
    KINDER_JEUGDPSYCHOLOOG = "kinder_jeugdpsycholoog", _("Kinder- en jeugdpsycholoog")
    PEDAGOOG = "pedagoog", _("Pedagoog")
    KINDERPSYCHIATER = "kinderpsychiater", _("Kinderpsychiater")
    MAATSCHAPPELIJK_WERKER = "maatschappelijk_werker", _("Maatschappelijk werker")
    ARTS = "arts", _("Arts")


# TLV-03: one of the two deskundigen is an orthopedagoog or a psycholoog.
TLV03_FUNCTIES = frozenset({Functie.ORTHOPEDAGOOG, Functie.PSYCHOLOOG})


class TlvRequest(models.Model):
    """A school's request to the samenwerkingsverband for a toelaatbaarheidsverklaring.

    Stored only when the region's checklist is met (the service refuses it otherwise). The parents'
    and the child's views are part of the request (text the school attaches, in their words), so the
    SWV decides on what they said and the family reads it back in its own view.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="tlv_requests")
    swv = models.ForeignKey(Samenwerkingsverband, on_delete=models.PROTECT, related_name="tlv_requests")
    school = models.ForeignKey(SchoolLocation, on_delete=models.PROTECT, related_name="tlv_requests")
    soort = models.CharField(_("soort onderwijs"), max_length=3, choices=TlvSoort.choices)
    cluster = models.CharField(_("cluster"), max_length=1, choices=Cluster.choices, blank=True)
    categorie = models.CharField(_("categorie"), max_length=6, choices=Categorie.choices, blank=True)
    received_on = models.DateField(_("ontvangen door het samenwerkingsverband op"))
    reason = models.TextField(_("waarom deze aanvraag"), blank=True)
    parents_view = models.TextField(_("zienswijze van de ouders"), blank=True)
    child_view = models.TextField(_("mening van het kind"), blank=True)
    target_school = models.ForeignKey(
        SchoolLocation, on_delete=models.PROTECT, null=True, blank=True, related_name="tlv_targets"
    )
    place_confirmed = models.BooleanField(_("de school heeft een plek bevestigd"), default=False)
    waiting_position = models.PositiveIntegerField(_("plaats op de wachtlijst"), null=True, blank=True)
    # What Kring read of the OPP when the request was accepted (kring.opp), kept with the request.
    opp_evaluated_on = models.DateField(_("OPP laatst geëvalueerd op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("TLV-aanvraag")
        verbose_name_plural = _("TLV-aanvragen")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(soort__in=TlvSoort.values), name="tlv_request_soort_known"),
            # sbo has no cluster; so and vso are cluster 3 or 4
            models.CheckConstraint(
                condition=(
                    Q(soort="sbo", cluster="") | (Q(soort__in=["so", "vso"]) & Q(cluster__in=["3", "4"]))
                ),
                name="tlv_request_cluster_fits_soort",
            ),
            models.CheckConstraint(
                condition=Q(categorie__in=Categorie.values), name="tlv_request_categorie_known"
            ),
            models.CheckConstraint(
                condition=Q(waiting_position__isnull=True) | Q(waiting_position__gte=1),
                name="tlv_request_waiting_position_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"TLV-aanvraag {self.pk} ({self.soort})"


class ExpertAdvice(models.Model):
    """The written advice of one deskundige on the child's toelaatbaarheid (TLV-03)."""

    request = models.ForeignKey(TlvRequest, on_delete=models.CASCADE, related_name="advices")
    name = models.CharField(_("naam van de deskundige"), max_length=200)
    functie = models.CharField(_("functie"), max_length=24, choices=Functie.choices)
    given_on = models.DateField(_("advies gegeven op"))
    advice = models.TextField(_("advies"))

    class Meta:
        verbose_name = _("deskundigenadvies")
        verbose_name_plural = _("deskundigenadviezen")
        ordering = ["given_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="expert_advice_name_not_empty"),
            models.CheckConstraint(
                condition=Q(functie__in=Functie.values), name="expert_advice_functie_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.functie})"


class Outcome(models.TextChoices):
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


DEFAULT_OBJECTION_ROUTE = _(
    "Ben je het niet eens met dit besluit? Dan kun je bezwaar maken bij het samenwerkingsverband. "
    "Het samenwerkingsverband vraagt dan advies aan de Landelijke Bezwaaradviescommissie "
    "Toelaatbaarheidsverklaringen (LBT)."
)


class TlvDecision(models.Model):
    """The samenwerkingsverband's decision on a TLV request, sent to the parents on `decided_on`
    with a copy of the deskundigen's advice."""

    request = models.OneToOneField(TlvRequest, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("besluit"), max_length=10, choices=Outcome.choices)
    decided_on = models.DateField(_("bekendgemaakt aan de ouders op"))
    schooljaren = models.PositiveSmallIntegerField(_("geldig voor (schooljaren)"), null=True, blank=True)
    volgnummer = models.CharField(_("TLV-nummer"), max_length=40, blank=True)
    motivation = models.TextField(_("motivering"))
    advice_copy_to_parents = models.BooleanField(
        _("de ouders kregen een kopie van de adviezen"), default=False
    )
    objection_route = models.TextField(_("hoe de ouders bezwaar maken"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("TLV-besluit")
        verbose_name_plural = _("TLV-besluiten")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="tlv_decision_outcome_known"
            ),
            # the contract: schooljaren (>= 1) with toegekend; neither schooljaren nor volgnummer
            # with afgewezen
            models.CheckConstraint(
                condition=Q(outcome="toegekend", schooljaren__gte=1)
                | Q(outcome="afgewezen", schooljaren__isnull=True, volgnummer=""),
                name="tlv_decision_period_fits_outcome",
            ),
            models.CheckConstraint(condition=~Q(objection_route=""), name="tlv_decision_objection_route"),
        ]

    def __str__(self) -> str:
        return f"TLV-besluit {self.request_id}: {self.outcome}"


class WaitingListEntry(models.Model):
    """A child waiting for a place at a special-school location. While the child waits, the
    `responsible_school` (where the child is enrolled) keeps the zorgplicht."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="waiting_list_entries")
    school = models.ForeignKey(SchoolLocation, on_delete=models.PROTECT, related_name="waiting_list")
    responsible_school = models.ForeignKey(
        SchoolLocation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    since = models.DateField(_("op de wachtlijst sinds"))
    start_on = models.DateField(_("gewenste startdatum"), null=True, blank=True)
    tlv_request = models.ForeignKey(
        TlvRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="waiting_list_entries"
    )
    ended_on = models.DateField(_("van de wachtlijst af op"), null=True, blank=True)
    end_reason = models.CharField(_("waarom van de wachtlijst af"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("plek op een wachtlijst")
        verbose_name_plural = _("wachtlijsten")
        ordering = ["school", "since", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "school"],
                condition=Q(ended_on__isnull=True),
                name="waiting_list_one_open_entry_per_school",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("since")),
                name="waiting_list_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="waiting_list_end_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Wachtlijst {self.school_id}: kind {self.child_id}"


class OfferLevel(models.TextChoices):
    BASIS = "basis", _("Basisondersteuning")
    EXTRA = "extra", _("Extra ondersteuning")


class OfferCategory(models.TextChoices):
    """The areas of support (the same words as the needs in a perspective or OPP)."""

    LEREN = "leren", _("Leren en ontwikkeling")
    GEDRAG = "gedrag", _("Gedrag")
    SOCIAAL_EMOTIONEEL = "sociaal_emotioneel", _("Sociaal-emotionele ontwikkeling")
    COMMUNICATIE = "communicatie", _("Taal, spraak en communicatie")
    LICHAMELIJK = "lichamelijk", _("Lichamelijk en medisch")
    ZINTUIGLIJK = "zintuiglijk", _("Horen en zien")
    WERKHOUDING = "werkhouding", _("Werkhouding en concentratie")
    THUISSITUATIE = "thuissituatie", _("Thuissituatie en samenwerking met jeugdhulp")


class SupportOffer(models.Model):
    """One thing a school location offers: basisondersteuning (every school) or extra support."""

    school = models.ForeignKey(SchoolLocation, on_delete=models.CASCADE, related_name="support_offers")
    level = models.CharField(_("soort ondersteuning"), max_length=5, choices=OfferLevel.choices)
    category = models.CharField(_("gebied"), max_length=20, choices=OfferCategory.choices)
    description = models.CharField(_("wat de school biedt"), max_length=300)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ondersteuningsaanbod")
        verbose_name_plural = _("ondersteuningsprofielen")
        ordering = ["school", "category", "level", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=OfferLevel.values), name="support_offer_level_known"
            ),
            models.CheckConstraint(
                condition=Q(category__in=OfferCategory.values), name="support_offer_category_known"
            ),
            models.CheckConstraint(condition=~Q(description=""), name="support_offer_description_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.school_id}: {self.category} ({self.level})"
