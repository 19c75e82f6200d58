"""Afwijking van de onderwijstijd: a school gives one child fewer hours of education than the law
prescribes (a reduced timetable, *een aangepast programma*).

The law allows it only for an individual pupil on physical or psychological grounds and only with
the inspectorate's consent, asked by the school board (WPO art. 8 lid 10; WEC art. 12 lid 2; the
rules engine's OT-02). A reduced timetable that runs longer than 28 days makes the child a *verborgen
thuiszitter* (TZ-06): enrolled, but hardly any education. The facts also go to the child's timeline
(`onderwijstijd_verminderd`, `instemming_inspectie_onderwijstijd`) so the engine computes both.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kring.children.models import Child, TimelineEvent
from kring.organisations.models import SchoolLocation


class Ground(models.TextChoices):
    """The grounds the law allows (WPO art. 8 lid 10: "om lichamelijke of psychische redenen")."""

    LICHAMELIJK = "lichamelijk", _("Lichamelijke redenen (bijvoorbeeld een ziekte)")
    PSYCHISCH = "psychisch", _("Psychische redenen (bijvoorbeeld angst of overbelasting)")
    BEIDE = "beide", _("Lichamelijke en psychische redenen")


class ReducedTimetable(models.Model):
    """One reduced timetable of one child at one school location: how many hours a week, from when
    until when, why; the school's request to the inspectorate and the inspectorate's consent.

    `ends_on` empty: the reduced timetable still runs. A child has at most one running reduced
    timetable per school (a change of hours is a new one after the old one ends)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="reduced_timetables")
    school = models.ForeignKey(SchoolLocation, on_delete=models.PROTECT, related_name="reduced_timetables")
    hours_per_week = models.DecimalField(_("uren onderwijs per week"), max_digits=4, decimal_places=1)
    normal_hours_per_week = models.DecimalField(
        _("normale uren per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    starts_on = models.DateField(_("vanaf"))
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    ground = models.CharField(_("grond"), max_length=12, choices=Ground.choices)
    reason = models.TextField(_("waarom minder onderwijstijd"))
    requested_on = models.DateField(_("instemming gevraagd aan de inspectie op"), null=True, blank=True)
    consent_on = models.DateField(_("de inspectie stemde in op"), null=True, blank=True)
    consent_until = models.DateField(_("instemming geldt tot en met"), null=True, blank=True)
    # The facts on the child's timeline (the one gateway wrote them); null when removed there.
    event = models.OneToOneField(
        TimelineEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_event = models.OneToOneField(
        TimelineEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    end_reason = models.CharField(_("waarom beëindigd"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("afwijking van de onderwijstijd")
        verbose_name_plural = _("afwijkingen van de onderwijstijd")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours_per_week__gte=0), name="timetable_hours_not_negative"),
            models.CheckConstraint(
                condition=Q(normal_hours_per_week__isnull=True)
                | Q(normal_hours_per_week__gt=F("hours_per_week")),
                name="timetable_hours_below_normal",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="timetable_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(ground__in=Ground.values), name="timetable_ground_known"),
            models.CheckConstraint(condition=~Q(reason=""), name="timetable_reason_not_empty"),
            models.CheckConstraint(
                condition=Q(consent_until__isnull=True) | Q(consent_on__isnull=False),
                name="timetable_consent_until_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(consent_until__isnull=True) | Q(consent_until__gte=F("consent_on")),
                name="timetable_consent_until_after_consent",
            ),
            models.CheckConstraint(
                condition=Q(consent_on__isnull=True)
                | Q(requested_on__isnull=True)
                | Q(consent_on__gte=F("requested_on")),
                name="timetable_consent_after_request",
            ),
            models.UniqueConstraint(
                fields=["child", "school"],
                condition=Q(ends_on__isnull=True),
                name="timetable_one_running_per_school",
            ),
        ]

    def __str__(self) -> str:
        return f"Minder onderwijstijd {self.pk} ({self.hours_per_week} uur per week)"
