"""The aanmelding register (issue 10, items 1 and 2): a written aanmelding at a school, its
receipt, the one extension of the decision term, the decision and the parents' response, and the
school's zorgplicht investigation (its steps, what the child needs, its conclusion).

The facts the law attaches terms to (`aanmelding`, `aanmelding_verlenging`, `aanmelding_besluit`)
also go on the child's timeline, through `kring/children/timeline.py` (see `services.py`); the
rules engine computes ZP-05 and ZP-06 from there. What the law allows is held by named database
constraints wherever a row can say it on its own.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kring.children.models import Child
from kring.organisations.models import SchoolLocation

# No 0/O or 1/I/L: a reference is read out over the phone (as the steunpunt's).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    """A reference parents can read out: 'AM-' and two groups of four, not guessable."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"AM-{chars[:4]}-{chars[4:]}"


class Channel(models.TextChoices):
    SCHOOL = "school", _("Schriftelijk bij de school")
    ONLINE = "online", _("Door de ouders via Kring")


class Outcome(models.TextChoices):
    TOEGELATEN = "toegelaten", _("Toegelaten")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    PLAATS_ELDERS = "plaats_elders", _("Plaats op een andere school die het kind toelaat")


class RefusalGround(models.TextChoices):
    """The grounds on which a school may refuse without offering another place (WPO art. 40 lid 5;
    WVO 2020 art. 8.9 lid 3): the zorgplicht does not apply."""

    VOL = "vol", _("De school is vol (geen plaatsruimte)")
    GRONDSLAG = "grondslag", _("De ouders willen de grondslag van de school niet respecteren")
    TOELATINGSEISEN = "toelatingseisen", _("Het kind voldoet niet aan de wettelijke toelatingseisen (vo)")


class ParentResponse(models.TextChoices):
    AKKOORD = "akkoord", _("Akkoord met het besluit")
    NIET_AKKOORD = "niet_akkoord", _("Niet akkoord; in gesprek met de school")
    BEZWAAR = "bezwaar", _("Bezwaar gemaakt of naar de Geschillencommissie passend onderwijs")


class Conclusion(models.TextChoices):
    KAN_BIEDEN = "kan_bieden", _("De school kan de ondersteuning bieden")
    KAN_NIET_BIEDEN = "kan_niet_bieden", _("De school kan de ondersteuning niet bieden")


class StepKind(models.TextChoices):
    INFORMATIE_OUDERS = "informatie_ouders", _("Informatie gevraagd aan de ouders")
    OBSERVATIE = "observatie", _("Observatie van het kind")
    OVERLEG_SWV = "overleg_swv", _("Overleg met het samenwerkingsverband")
    ANDERS = "anders", _("Iets anders")


class Aanmelding(models.Model):
    reference = models.CharField(_("referentie"), max_length=16, unique=True, default=new_reference)
    school = models.ForeignKey(
        SchoolLocation, on_delete=models.PROTECT, related_name="aanmeldingen", verbose_name=_("school")
    )
    # Empty only while an aanmelding the parents sent online waits for the school to take it in.
    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, null=True, blank=True, related_name="aanmeldingen"
    )
    channel = models.CharField(_("hoe binnengekomen"), max_length=10, choices=Channel.choices)
    received_on = models.DateField(_("ontvangen op"))
    support_question = models.BooleanField(_("ondersteuningsvraag"), default=False)
    support_description = models.TextField(_("wat de ouders over de ondersteuning vertellen"), blank=True)
    # What the parents typed on the public page (the school takes the child in from it).
    child_first_name = models.CharField(_("voornaam van het kind"), max_length=100, blank=True)
    child_last_name = models.CharField(_("achternaam van het kind"), max_length=100, blank=True)
    child_birth_date = models.DateField(_("geboortedatum van het kind"), null=True, blank=True)
    parent_name = models.CharField(_("naam van de ouder"), max_length=200, blank=True)
    parent_email = models.EmailField(_("e-mailadres van de ouder"), blank=True)
    parent_phone = models.CharField(_("telefoon van de ouder"), max_length=20, blank=True)
    # The receipt (ontvangstbevestiging).
    receipt_on = models.DateField(_("ontvangstbevestiging gemaakt op"), null=True, blank=True)
    receipt_mailed_to = models.EmailField(_("ontvangstbevestiging gemaild naar"), blank=True)
    # The one extension of the decision term (ZP-05).
    extended_on = models.DateField(_("verlengd op"), null=True, blank=True)
    extension_reason = models.TextField(_("waarom de school meer tijd nodig heeft"), blank=True)
    # The zorgplicht investigation's result (its steps are ZorgplichtStep rows).
    support_needed = models.TextField(_("wat het kind nodig heeft"), blank=True)
    conclusion = models.CharField(_("conclusie"), max_length=20, choices=Conclusion.choices, blank=True)
    conclusion_substantiation = models.TextField(_("onderbouwing van de conclusie"), blank=True)
    concluded_on = models.DateField(_("conclusie op"), null=True, blank=True)
    # The decision.
    outcome = models.CharField(_("besluit"), max_length=20, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)
    refusal_ground = models.CharField(
        _("grond voor afwijzen"), max_length=20, choices=RefusalGround.choices, blank=True
    )
    decision_reasons = models.TextField(_("uitleg van het besluit"), blank=True)
    other_school = models.ForeignKey(
        SchoolLocation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offered_places",
        verbose_name=_("andere school"),
    )
    other_school_confirmed_on = models.DateField(_("plaats bevestigd op"), null=True, blank=True)
    other_school_confirmed_by = models.CharField(_("plaats bevestigd door"), max_length=200, blank=True)
    # The parents' response to the decision.
    response = models.CharField(
        _("reactie van de ouders"), max_length=20, choices=ParentResponse.choices, blank=True
    )
    response_on = models.DateField(_("reactie op"), null=True, blank=True)
    response_note = models.TextField(_("toelichting bij de reactie"), blank=True)

    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["school", "outcome"], name="aanmelding_school_open")]
        constraints = [
            models.CheckConstraint(
                condition=Q(child__isnull=False) | Q(channel=Channel.ONLINE, outcome=""),
                name="aanmelding_child_unless_online_and_undecided",
            ),
            models.CheckConstraint(
                condition=Q(extended_on__isnull=True) | Q(extended_on__gte=F("received_on")),
                name="aanmelding_extended_after_receipt",
            ),
            models.CheckConstraint(
                condition=Q(extended_on__isnull=True) | ~Q(extension_reason=""),
                name="aanmelding_extension_has_reason",
            ),
            models.CheckConstraint(
                condition=(Q(outcome="") & Q(decided_on__isnull=True))
                | (~Q(outcome="") & Q(decided_on__isnull=False) & Q(decided_on__gte=F("received_on"))),
                name="aanmelding_decision_dated_after_receipt",
            ),
            # ZP-04: a refusal names its ground and explains itself.
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.AFGEWEZEN) | (~Q(refusal_ground="") & ~Q(decision_reasons="")),
                name="aanmelding_refusal_ground_and_reasons",
            ),
            # ZP-03: a place elsewhere names a school (not this one) that confirmed it, by the decision.
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.PLAATS_ELDERS)
                | (
                    Q(other_school__isnull=False)
                    & ~Q(other_school=F("school"))
                    & Q(other_school_confirmed_on__isnull=False)
                    & Q(other_school_confirmed_on__lte=F("decided_on"))
                    & ~Q(other_school_confirmed_by="")
                    & ~Q(decision_reasons="")
                ),
                name="aanmelding_place_elsewhere_confirmed",
            ),
            # ZP-03: a school that cannot offer the support may not just refuse, nor admit anyway.
            models.CheckConstraint(
                condition=~Q(conclusion=Conclusion.KAN_NIET_BIEDEN)
                | Q(outcome__in=["", Outcome.PLAATS_ELDERS]),
                name="aanmelding_cannot_support_means_place_elsewhere",
            ),
            models.CheckConstraint(
                condition=(Q(conclusion="") & Q(concluded_on__isnull=True))
                | (~Q(conclusion="") & Q(concluded_on__isnull=False) & ~Q(conclusion_substantiation="")),
                name="aanmelding_conclusion_substantiated",
            ),
            models.CheckConstraint(
                condition=(Q(response="") & Q(response_on__isnull=True))
                | (~Q(response="") & ~Q(outcome="") & Q(response_on__gte=F("decided_on"))),
                name="aanmelding_response_after_decision",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return not self.outcome

    @property
    def child_name(self) -> str:
        if self.child is not None:
            return f"{self.child.first_name} {self.child.last_name}".strip()
        return f"{self.child_first_name} {self.child_last_name}".strip()


class ZorgplichtStep(models.Model):
    """One step of the school's investigation of what the child needs (ZP-02, WPO art. 40 lid 3)."""

    aanmelding = models.ForeignKey(Aanmelding, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("soort stap"), max_length=20, choices=StepKind.choices)
    on = models.DateField(_("datum"))
    description = models.TextField(_("wat er is gedaan en wat eruit kwam"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stap in het onderzoek")
        verbose_name_plural = _("stappen in het onderzoek")
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(description=""), name="zorgplicht_step_described"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.on})"


# ---------------------------------------------------------------- schorsing and verwijdering (item 8)


class HeardHow(models.TextChoices):
    GESPREK = "gesprek", _("In een gesprek op school")
    TELEFOON = "telefoon", _("Aan de telefoon")
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk")


class Suspension(models.Model):
    """A suspension (schorsing): the school keeps the pupil from school for a few days, with reasons,
    at most a week (ZP-10; WPO art. 40c, WVO 2020 art. 8.14, WEC art. 40a). Longer than one day:
    the school informs the inspectie in writing. The week is the service's refusal (a date
    difference is not portable in a CHECK); the rest the row says itself."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="suspensions")
    school = models.ForeignKey(
        SchoolLocation, on_delete=models.PROTECT, related_name="suspensions", verbose_name=_("school")
    )
    date_from = models.DateField(_("geschorst vanaf"))
    date_to = models.DateField(_("geschorst tot en met"))
    reason = models.TextField(_("reden van de schorsing"))
    parents_heard_on = models.DateField(_("ouders gehoord op"), null=True, blank=True)
    parents_heard_how = models.CharField(
        _("hoe de ouders zijn gehoord"), max_length=20, choices=HeardHow.choices, blank=True
    )
    inspectorate_reported_on = models.DateField(_("gemeld aan de inspectie op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("schorsing")
        verbose_name_plural = _("schorsingen")
        ordering = ["-date_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_to__gte=F("date_from")), name="suspension_ends_after_start"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="suspension_has_reason"),
            models.CheckConstraint(
                condition=(Q(parents_heard_on__isnull=True) & Q(parents_heard_how=""))
                | (Q(parents_heard_on__isnull=False) & ~Q(parents_heard_how="")),
                name="suspension_parents_heard_on_and_how",
            ),
            # ZP-10: the report counts from the suspension's first day (the engine reads it so).
            models.CheckConstraint(
                condition=Q(inspectorate_reported_on__isnull=True)
                | Q(inspectorate_reported_on__gte=F("date_from")),
                name="suspension_reported_from_first_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date_from} - {self.date_to}"

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    @property
    def must_report(self) -> bool:
        """Longer than one day: the inspectie must be told (ZP-10)."""
        return self.days > 1


class Removal(models.Model):
    """A removal (verwijdering): the school board's decision that the pupil leaves the school.
    The parents are heard first; a leerplichtig pupil only once another school is willing to admit
    the pupil (ZP-11; WPO art. 40 lid 11, WVO 2020 art. 8.15, WEC art. 40); the gemeente is told
    at once (Leerplichtwet art. 18 lid 1)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="removals")
    school = models.ForeignKey(
        SchoolLocation, on_delete=models.PROTECT, related_name="removals", verbose_name=_("school")
    )
    decided_on = models.DateField(_("besloten op"))
    effective_on = models.DateField(_("gaat in op"))
    reason = models.TextField(_("reden van de verwijdering"))
    parents_heard_on = models.DateField(_("ouders gehoord op"))
    willing_school = models.ForeignKey(
        SchoolLocation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school die het kind wil toelaten"),
    )
    willing_school_name = models.CharField(
        _("naam van die school (niet in Kring)"), max_length=200, blank=True
    )
    willing_confirmed_on = models.DateField(_("toelating bevestigd op"), null=True, blank=True)
    gemeente_informed_on = models.DateField(_("gemeld aan de gemeente op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verwijdering")
        verbose_name_plural = _("verwijderingen")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="removal_has_reason"),
            models.CheckConstraint(
                condition=Q(effective_on__gte=F("decided_on")), name="removal_effective_after_decision"
            ),
            # WPO art. 40 lid 11, WVO 2020 art. 8.15 lid 3: the parents are heard before the decision.
            models.CheckConstraint(
                condition=Q(parents_heard_on__lte=F("decided_on")), name="removal_parents_heard_first"
            ),
            # ZP-11: a willing school is named (in Kring or by name, not both), confirmed by the day
            # the removal takes effect; or there is none at all (a pupil no longer leerplichtig).
            models.CheckConstraint(
                condition=(
                    Q(willing_school__isnull=True)
                    & Q(willing_school_name="")
                    & Q(willing_confirmed_on__isnull=True)
                )
                | (
                    (
                        (Q(willing_school__isnull=False) & Q(willing_school_name=""))
                        | (Q(willing_school__isnull=True) & ~Q(willing_school_name=""))
                    )
                    & Q(willing_confirmed_on__isnull=False)
                    & Q(willing_confirmed_on__lte=F("effective_on"))
                ),
                name="removal_willing_school_confirmed",
            ),
            models.CheckConstraint(
                condition=Q(willing_school__isnull=True) | ~Q(willing_school=F("school")),
                name="removal_willing_school_is_another",
            ),
            models.CheckConstraint(
                condition=Q(gemeente_informed_on__isnull=True) | Q(gemeente_informed_on__gte=F("decided_on")),
                name="removal_gemeente_informed_after_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decided_on}"

    @property
    def willing_school_label(self) -> str:
        if self.willing_school is not None:
            return self.willing_school.organisation.name
        return self.willing_school_name
