"""The terugkeerplan (issue 10, item 11): 'Onderwijs staat (tijdelijk) stil' for a child, with the
reason (handelingsverlegen, zorg is voorliggend, rust is voorliggend, anders), who says so and since
when, and the steps that bring the child back to education: who does what, by when, and who pays.

The words that end support ask for a plan. So the database holds what the plan means:
- an open plan always points to a step (`next_step`), so a plan cannot exist without one; the
  service keeps that step an open one (a step done or replaced hands over to another open step, or
  the plan ends because the child is back in education);
- a plan ends only with the child back in education: the day and how;
- one open plan per child.

The step's id is a UUID made in Python, so the plan and its first step are written in one
transaction while each points to the other (the foreign keys are checked at commit). For the same
reason the plan's pointer to its step and a step's pointer to the step that replaced it do nothing
on delete: a plan goes with its steps (a child's file removed after its retention term), and a
step removed on its own leaves a dangling key, which the database refuses at commit.
Imported by `kring.opp.models` (the app's models module).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kring.children.models import Child

from .models import Handelingsverlegen, Payer

PAYER_CODES = [code for code, _label in Payer.choices]


class Reason(models.TextChoices):
    """Why education stands still, in the words that are used (see opp.phrases)."""

    HANDELINGSVERLEGEN = "handelingsverlegen", _("De school is handelingsverlegen")
    ZORG = "zorg_voorliggend", _("Zorg is voorliggend")
    RUST = "rust_voorliggend", _("Rust is voorliggend")
    OTHER = "anders", _("Een andere reden")


class ReturnPlan(models.Model):
    """'Onderwijs staat (tijdelijk) stil': the reason, who says so, since when, and the steps back."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="return_plans")
    reason = models.CharField(_("waarom staat het onderwijs stil"), max_length=20, choices=Reason.choices)
    reason_other = models.TextField(_("de andere reden"), blank=True)
    said_by = models.CharField(_("wie zegt dat"), max_length=200)
    since = models.DateField(_("sinds"))
    handelingsverlegen = models.ForeignKey(
        Handelingsverlegen, on_delete=models.SET_NULL, null=True, blank=True, related_name="return_plans"
    )
    next_step = models.ForeignKey(
        "ReturnStep", on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+"
    )  # the open step that keeps the plan open (see the module's docstring)
    back_on = models.DateField(_("weer naar school op"), null=True, blank=True)
    back_how = models.TextField(_("hoe het kind weer onderwijs krijgt"), blank=True)
    closed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-since", "-pk"]
        verbose_name = _("terugkeerplan")
        constraints = [
            models.CheckConstraint(
                condition=Q(reason__in=[code for code, _label in Reason.choices]),
                name="opp_return_plan_reason_known",
            ),
            models.CheckConstraint(
                condition=~Q(reason="anders") | ~Q(reason_other=""), name="opp_return_plan_other_reason_told"
            ),
            models.CheckConstraint(condition=~Q(said_by=""), name="opp_return_plan_said_by"),
            # open: there is a step; ended: only with the child back in education (day and how)
            models.CheckConstraint(
                condition=(
                    Q(closed_on__isnull=True)
                    & Q(next_step__isnull=False)
                    & Q(back_on__isnull=True)
                    & Q(back_how="")
                )
                | (Q(closed_on__isnull=False) & Q(back_on__isnull=False) & ~Q(back_how="")),
                name="opp_return_plan_step_or_back",
            ),
            models.UniqueConstraint(
                fields=["child"], condition=Q(closed_on__isnull=True), name="opp_return_plan_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"terugkeerplan {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class StepStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "gedaan", _("Gedaan")
    REPLACED = "vervangen", _("Vervangen door een nieuwe stap")


class ReturnStep(models.Model):
    """One step back to education: who (a person or an organisation), what, by when, who pays."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(ReturnPlan, on_delete=models.CASCADE, related_name="steps")
    who = models.CharField(_("wie"), max_length=200)
    what = models.TextField(_("wat"))
    due = models.DateField(_("uiterlijk op"))
    payer = models.CharField(_("wie betaalt"), max_length=12, choices=Payer.choices, blank=True)
    status = models.CharField(max_length=10, choices=StepStatus.choices, default=StepStatus.OPEN)
    done_on = models.DateField(null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self", on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "due", "created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(who="") & ~Q(what=""), name="opp_return_step_filled"),
            models.CheckConstraint(
                condition=Q(payer="") | Q(payer__in=PAYER_CODES), name="opp_return_step_payer_known"
            ),
            models.CheckConstraint(
                condition=(Q(status="open") & Q(done_on__isnull=True) & Q(replaced_by__isnull=True))
                | (Q(status="gedaan") & Q(done_on__isnull=False) & Q(replaced_by__isnull=True))
                | (Q(status="vervangen") & Q(replaced_by__isnull=False) & ~Q(replaced_by=models.F("id"))),
                name="opp_return_step_status_consistent",
            ),
        ]

    def __str__(self) -> str:
        return self.what[:40]

    @property
    def is_open(self) -> bool:
        return self.status == StepStatus.OPEN
