"""The ontwikkelingsperspectiefplan (OPP) of a child, in versions, with the parents' consent per
version, the child's own words, the yearly evaluations, and the school's declaration that it is
handelingsverlegen (with the substantiation the law asks for).

An OPP (`Opp`) belongs to a child at one school. Its contents live in versions (`OppVersion`): a
change is a new version, the old one stays as it was (nothing here is edited after it is written).
The handelingsdeel is the list of support actions (`SupportAction`) of a version, each with who pays.
Consent (`OppConsent`) is given or refused per version, in Kring by a parent with gezag or on paper
(recorded by the school with the date and who recorded it). Evaluations (`OppEvaluation`) say what
was done of the handelingsdeel and what worked. Legal sources: WPO art. 40a, WEC art. 41a, WVO 2020
art. 2.42 (docs/glossary.md, OPP-04 .. OPP-07 in docs/rules.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kring.children.models import Child, LegalRepresentative
from kring.organisations.models import SchoolLocation


class Opp(models.Model):
    """The plan of one child at one school; its contents are in its versions."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="opps")
    school = models.ForeignKey(SchoolLocation, on_delete=models.PROTECT, related_name="opps")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "school"], name="opp_one_per_child_and_school"),
        ]

    def __str__(self) -> str:
        return f"OPP {self.pk}"


class ChildInput(models.TextChoices):
    """Whether what the child said changed the plan (hoorrecht, OPP-07)."""

    CHANGED = "veranderd", _("Ja, het plan is aangepast")
    UNCHANGED = "niet_veranderd", _("Nee, het plan is niet aangepast")


class OppVersion(models.Model):
    """One version of the plan, as it was vastgesteld. Never edited: a change is a new version."""

    opp = models.ForeignKey(Opp, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    vastgesteld_on = models.DateField(_("vastgesteld op"))
    needs = models.TextField(_("wat het kind nodig heeft"))
    uitstroomperspectief = models.CharField(_("uitstroomperspectief"), max_length=200)
    onderbouwing = models.TextField(_("onderbouwing van het uitstroomperspectief"))
    goals = models.TextField(_("doelen"))
    child_words = models.TextField(_("wat het kind zelf zegt"), blank=True)
    child_input = models.CharField(
        _("veranderde het plan daardoor?"), max_length=16, choices=ChildInput.choices, blank=True
    )
    child_effect = models.TextField(_("hoe het plan veranderde"), blank=True)
    child_not_heard_reason = models.TextField(_("waarom het kind niet is gehoord"), blank=True)
    change_reason = models.TextField(_("wat is er veranderd"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["opp", "number"]
        constraints = [
            models.UniqueConstraint(fields=["opp", "number"], name="opp_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="opp_version_number_positive"),
            models.CheckConstraint(
                condition=~Q(needs="") & ~Q(uitstroomperspectief="") & ~Q(onderbouwing="") & ~Q(goals=""),
                name="opp_version_contents_filled",
            ),
            # hoorrecht: the child's own words with what they changed, or why the child was not heard
            models.CheckConstraint(
                condition=(~Q(child_words="") & ~Q(child_input="") & Q(child_not_heard_reason=""))
                | (Q(child_words="") & Q(child_input="") & ~Q(child_not_heard_reason="")),
                name="opp_version_child_heard_or_why_not",
            ),
            models.CheckConstraint(
                condition=~Q(child_input="veranderd") | ~Q(child_effect=""),
                name="opp_version_change_by_child_described",
            ),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(change_reason=""), name="opp_version_change_reason_after_first"
            ),
        ]

    def __str__(self) -> str:
        return f"OPP {self.opp_id} versie {self.number}"

    @property
    def child_heard(self) -> bool:
        return bool(self.child_words)


class Payer(models.TextChoices):
    """Who pays for a support action (issue 10, item 11: the region sees where money decides)."""

    SCHOOL = "school", _("De school")
    SWV = "swv", _("Het samenwerkingsverband")
    GEMEENTE = "gemeente", _("De gemeente (Jeugdwet)")
    WLZ = "wlz", _("Wet langdurige zorg (Wlz)")
    PGB = "pgb", _("Persoonsgebonden budget (pgb)")


class SupportAction(models.Model):
    """One line of the handelingsdeel: what, who, how often, and who pays."""

    version = models.ForeignKey(OppVersion, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveIntegerField(default=0)
    what = models.TextField(_("wat"))
    who = models.CharField(_("wie"), max_length=200)
    how_often = models.CharField(_("hoe vaak"), max_length=200)
    payer = models.CharField(_("wie betaalt"), max_length=12, choices=Payer.choices)

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(what="") & ~Q(who="") & ~Q(how_often=""), name="opp_action_filled"
            ),
            models.CheckConstraint(
                condition=Q(payer__in=["school", "swv", "gemeente", "wlz", "pgb"]),
                name="opp_action_payer_known",
            ),
        ]

    def __str__(self) -> str:
        return self.what[:40]


class Decision(models.TextChoices):
    CONSENT = "instemming", _("Instemming met het handelingsdeel")
    OBJECTION = "bezwaar", _("Geen instemming (bezwaar)")


class Channel(models.TextChoices):
    KRING = "kring", _("In Kring, door de ouder zelf")
    PAPER = "papier", _("Op papier, vastgelegd door de school")


class OppConsent(models.Model):
    """A parent's consent to (or objection against) the handelingsdeel of one version (OPP-04).
    The latest row of a version is what counts."""

    version = models.ForeignKey(OppVersion, on_delete=models.CASCADE, related_name="consents")
    decision = models.CharField(_("besluit"), max_length=12, choices=Decision.choices)
    given_on = models.DateField(_("datum"))
    channel = models.CharField(_("hoe"), max_length=8, choices=Channel.choices)
    representative = models.ForeignKey(
        LegalRepresentative, on_delete=models.PROTECT, related_name="opp_consents", verbose_name=_("ouder")
    )
    note = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=["instemming", "bezwaar"]), name="opp_consent_decision_known"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=["kring", "papier"]), name="opp_consent_channel_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} {self.given_on}"


class Execution(models.TextChoices):
    """How much of the handelingsdeel was carried out, as the evaluation found."""

    FULLY = "volledig", _("Helemaal uitgevoerd")
    PARTLY = "deels", _("Voor een deel uitgevoerd")
    NOT = "niet", _("Niet uitgevoerd")


class OppEvaluation(models.Model):
    """An evaluation of the plan (OPP-06, yearly with the parents; OPP-07, with the pupil)."""

    version = models.ForeignKey(OppVersion, on_delete=models.CASCADE, related_name="evaluations")
    held_on = models.DateField(_("gehouden op"))
    with_parents = models.BooleanField(_("met de ouders"))
    with_child = models.BooleanField(_("met de leerling"))
    carried_out = models.CharField(
        _("is het handelingsdeel uitgevoerd?"), max_length=10, choices=Execution.choices
    )
    done = models.TextField(_("wat er is gedaan van het handelingsdeel"))
    worked = models.TextField(_("wat werkte en wat niet"))
    child_words = models.TextField(_("wat de leerling zelf zegt"), blank=True)
    child_absent_reason = models.TextField(_("waarom de leerling er niet bij was"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(done="") & ~Q(worked=""), name="opp_evaluation_filled"),
            models.CheckConstraint(
                condition=Q(carried_out__in=["volledig", "deels", "niet"]),
                name="opp_evaluation_execution_known",
            ),
            models.CheckConstraint(
                condition=(Q(with_child=True) & ~Q(child_words=""))
                | (Q(with_child=False) & ~Q(child_absent_reason="")),
                name="opp_evaluation_child_words_or_why_not",
            ),
        ]

    def __str__(self) -> str:
        return f"evaluatie {self.held_on}"


class Handelingsverlegen(models.Model):
    """A school's declaration that it cannot (yet) meet the child's needs, with the substantiation
    the texts demand. A start, not an exit: it names the next step, who takes it and by when."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="handelingsverlegen")
    school = models.ForeignKey(SchoolLocation, on_delete=models.PROTECT, related_name="+")
    declared_on = models.DateField(_("datum"))
    unmet_needs = models.TextField(_("wat het kind nodig heeft dat de school niet kan bieden"))
    # the state of the OPP when the school declared it (opp_progress), and the school's explanation
    opp_drawn_up = models.BooleanField(default=False)
    opp_carried_out = models.BooleanField(default=False)
    opp_evaluated = models.BooleanField(default=False)
    opp_explanation = models.TextField(_("toelichting bij het OPP"), blank=True)
    parents_involved = models.TextField(_("hoe de ouders erbij betrokken waren"))
    child_involved = models.TextField(_("hoe het kind erbij betrokken was"))
    school_development = models.TextField(_("wat de school nodig heeft om het wel te kunnen"))
    swv_offered = models.TextField(_("wat het samenwerkingsverband heeft aangeboden"))
    next_step = models.TextField(_("de volgende stap"))
    next_step_who = models.CharField(_("wie zet die stap"), max_length=200)
    next_step_by = models.DateField(_("uiterlijk op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["declared_on", "pk"]
        verbose_name = _("handelingsverlegenheid")
        constraints = [
            models.CheckConstraint(
                condition=~Q(unmet_needs="")
                & ~Q(parents_involved="")
                & ~Q(child_involved="")
                & ~Q(school_development="")
                & ~Q(swv_offered="")
                & ~Q(next_step="")
                & ~Q(next_step_who=""),
                name="opp_handelingsverlegen_substantiated",
            ),
            # an OPP that was not drawn up, carried out and evaluated needs the school's explanation
            models.CheckConstraint(
                condition=(Q(opp_drawn_up=True) & Q(opp_carried_out=True) & Q(opp_evaluated=True))
                | ~Q(opp_explanation=""),
                name="opp_handelingsverlegen_opp_explained",
            ),
            models.CheckConstraint(
                condition=Q(next_step_by__gte=models.F("declared_on")),
                name="opp_handelingsverlegen_next_step_after",
            ),
        ]

    def __str__(self) -> str:
        return f"handelingsverlegen {self.declared_on}"


# The terugkeerplan lives in its own module; Django finds models through this one.
from .return_models import Reason, ReturnPlan, ReturnStep, StepStatus  # noqa: E402

__all__ = [
    "Channel",
    "ChildInput",
    "Decision",
    "Execution",
    "Handelingsverlegen",
    "Opp",
    "OppConsent",
    "OppEvaluation",
    "OppVersion",
    "Payer",
    "Reason",
    "ReturnPlan",
    "ReturnStep",
    "StepStatus",
    "SupportAction",
]
