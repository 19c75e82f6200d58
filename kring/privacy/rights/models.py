"""A rights request of the family (AVG art. 15 and 16): what was asked, of whom, and the answer.

The term is not here: the request writes `verzoek_inzage` / `verzoek_rectificatie` on the child's
timeline (and later `verzoek_verlengd`, `verzoek_beantwoord`), and the rules engine's AVG-12
obligation on the child's assessment carries the due date and its status. A request is never
deleted and its texts are never changed: the family's words, the part they were about, and the
organisation's answer (with the corrected text beside the original) stay in the file.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    INZAGE = "inzage", _("inzage")
    RECTIFICATIE = "rectificatie", _("correctie")


class RequestOutcome(models.TextChoices):
    CORRECTED = "gecorrigeerd", _("verbeterd")
    NOT_CORRECTED = "niet_gecorrigeerd", _("niet verbeterd")
    PROVIDED = "inzage_gegeven", _("inzage gegeven")


OUTCOMES_OF: dict[str, frozenset[str]] = {
    RequestKind.INZAGE: frozenset({RequestOutcome.PROVIDED}),
    RequestKind.RECTIFICATIE: frozenset({RequestOutcome.CORRECTED, RequestOutcome.NOT_CORRECTED}),
}


class RightsRequest(models.Model):
    """One request of the family to one organisation about one child's data."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="rights_requests")
    kind = models.CharField(_("soort verzoek"), max_length=16, choices=RequestKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="rights_requests"
    )
    # The organisation's name as the engine knows it (`organisatie` of the timeline's events).
    organisation_name = models.CharField(_("organisatie"), max_length=200)
    # A correction is about one part of the file (a part of `kring.cases.zienswijzen.PARTS`).
    part = models.CharField(_("over"), max_length=16, blank=True)
    part_pk = models.PositiveBigIntegerField(_("onderdeel"), null=True, blank=True)
    part_label = models.CharField(_("onderdeel van het dossier"), max_length=300, blank=True)
    # What the part said when the family asked (the plan is changed in place: the original stays here).
    original_text = models.TextField(_("wat er stond"), blank=True)
    # The family's words: what is not correct and what it should say (correction), or what they
    # want to see (access, optional).
    incorrect = models.TextField(_("wat klopt er niet"), blank=True)
    proposal = models.TextField(_("wat zou er moeten staan"), blank=True)
    question = models.TextField(_("wat wil je inzien"), blank=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requester_name = models.CharField(_("gevraagd door"), max_length=200)
    requester_role = models.CharField(_("als"), max_length=16)  # the contract's `verzoeker`: ouder/leerling
    received_on = models.DateField(_("ontvangen op"))
    event = models.ForeignKey(
        "children.TimelineEvent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    extended_on = models.DateField(_("verlengd op"), null=True, blank=True)
    extension_reason = models.TextField(_("waarom meer tijd"), blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField(_("beantwoord op"), null=True, blank=True)
    outcome = models.CharField(_("antwoord"), max_length=20, choices=RequestOutcome.choices, blank=True)
    # Not corrected: why not; access: what was provided; corrected: a note (optional).
    answer = models.TextField(_("toelichting"), blank=True)
    # Corrected: the corrected text; the original part stays as it was, both are in the history.
    corrected_text = models.TextField(_("verbeterde tekst"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_by_name = models.CharField(_("beantwoord door"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("verzoek om inzage of correctie")
        verbose_name_plural = _("verzoeken om inzage of correctie")
        ordering = ["received_on", "id"]
        indexes = [
            models.Index(fields=["child", "received_on"], name="rights_request_child_idx"),
            models.Index(fields=["organisation", "answered_on"], name="rights_request_org_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=RequestKind.INZAGE, part="", part_pk__isnull=True)
                | (
                    Q(kind=RequestKind.RECTIFICATIE, part_pk__isnull=False)
                    & ~Q(part="")
                    & ~Q(incorrect="")
                    & ~Q(proposal="")
                ),
                name="rights_request_correction_has_part",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True, outcome="")
                | (Q(answered_on__isnull=False) & ~Q(outcome="")),
                name="rights_request_answer_complete",
            ),
            models.CheckConstraint(
                condition=Q(outcome="")
                | Q(kind=RequestKind.INZAGE, outcome=RequestOutcome.PROVIDED)
                | Q(
                    kind=RequestKind.RECTIFICATIE,
                    outcome__in=[RequestOutcome.CORRECTED, RequestOutcome.NOT_CORRECTED],
                ),
                name="rights_request_outcome_fits_kind",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=RequestOutcome.CORRECTED) | ~Q(corrected_text=""),
                name="rights_request_corrected_has_text",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["", RequestOutcome.CORRECTED]) | ~Q(answer=""),
                name="rights_request_answer_explained",
            ),
            models.CheckConstraint(
                condition=Q(extended_on__isnull=True, extension_reason="")
                | (Q(extended_on__isnull=False) & ~Q(extension_reason="")),
                name="rights_request_extension_explained",
            ),
            models.CheckConstraint(
                condition=Q(requester_role__in=["ouder", "leerling"]), name="rights_request_requester_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.child_id} → {self.organisation_name} ({self.received_on})"

    @property
    def is_open(self) -> bool:
        return self.answered_on is None
