"""The logbook: every read and write of a child's personal data leaves an audit event.

Events are append-only (no service updates or deletes them) and the family can see the
ones about their child: who, what, when, and for which purpose.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .purposes import Purpose


class AuditAction(models.TextChoices):
    VIEW = "view", _("bekeken")
    CREATE = "create", _("aangemaakt")
    UPDATE = "update", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    EXPORT = "export", _("geëxporteerd")
    SHARE = "share", _("gedeeld")
    LOGIN = "login", _("ingelogd")
    LOGIN_FAILED = "login_failed", _("inloggen mislukt")
    IMPORT = "import", _("geïmporteerd")


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept as text too, so the log still says who it was after an account is removed.
    actor_name = models.CharField(_("wie"), max_length=200)
    actor_role = models.CharField(_("rol"), max_length=64, blank=True)
    actor_organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    action = models.CharField(_("handeling"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("soort gegeven"), max_length=64)
    object_id = models.CharField(_("id"), max_length=64, blank=True)
    # The child whose data this is (null for events that concern no child, e.g. a login). Indexed
    # through `audit_child_log` below (its first column), not on its own.
    child_id = models.BigIntegerField(_("kind"), null=True, blank=True)
    # What happened, as a code with structured data (ids, field names, counts; never a BSN or text
    # people typed): `kring.privacy.rendering` turns them into a sentence in the reader's language.
    code = models.CharField(_("soort gebeurtenis"), max_length=64)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    purpose = models.CharField(_("doel"), max_length=32, choices=Purpose.choices)
    # The free-text purpose of lines written before the closed list (see the ADR on audit events
    # and purposes); empty for new lines.
    purpose_note = models.CharField(_("oud doel"), max_length=200, blank=True)
    # The Dutch sentence with names, as written at the time (history; the family's log renders `code`).
    message = models.TextField(_("wat er gebeurde"))

    class Meta:
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboek")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The family's logbook: `child_id = X ORDER BY created_at DESC, id DESC`, one page at a
            # time, over what will be ten million lines at national scale. The index is read
            # backwards; it also serves every lookup by child alone.
            models.Index(fields=["child_id", "created_at", "id"], name="audit_child_log"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose__in=Purpose.values), name="audit_purpose_in_closed_list"
            ),
            models.CheckConstraint(condition=~Q(code=""), name="audit_code_required"),
            models.CheckConstraint(condition=~Q(message=""), name="audit_message_required"),
        ]

    def __str__(self) -> str:
        return self.message


class BreakGlassQuerySet(models.QuerySet["BreakGlassAccess"]):
    def active(self, at: datetime | None = None) -> BreakGlassQuerySet:
        """The grants whose period includes `at` (default: now)."""
        moment = at or timezone.now()
        return self.filter(starts_at__lte=moment, ends_at__gt=moment)


class BreakGlassAccess(models.Model):
    """Toegang in een noodgeval: a professional who may not see a child's file by the access policy
    opened it to read, for a short period, giving a reason. The policy (`kring.access.policy`) grants
    the read while the period lasts; every read in it is logged with the purpose `break_glass`, and
    the family's logbook shows these lines with the reason. Never changed or deleted by a service."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="+")
    # What the professional typed (a BSN is refused by the service): the family reads it.
    reason = models.TextField(_("reden"))
    starts_at = models.DateTimeField(_("vanaf"))
    ends_at = models.DateTimeField(_("tot"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BreakGlassQuerySet.as_manager()

    class Meta:
        verbose_name = _("toegang in een noodgeval")
        verbose_name_plural = _("toegang in een noodgeval")
        indexes = [models.Index(fields=["user", "child", "ends_at"], name="break_glass_user_child")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="break_glass_period"),
            models.CheckConstraint(condition=~Q(reason=""), name="break_glass_reason_required"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.child_id} ({self.starts_at:%Y-%m-%d %H:%M})"


# ---------------------------------------------------------------- toestemming (consent)


class ConsentCategory(models.TextChoices):
    """The parts of the file a consent can cover: a closed list, the sections of the child's file
    that the access policy gates for youth care without a legal basis (`policy.CONSENT_SECTIONS`)."""

    TIMELINE = "timeline", _("De tijdlijn: inschrijvingen, verzuim en vrijstellingen")
    ASSESSMENT = "assessment", _("De termijnen en wat de wet vraagt")
    PLAN = "plan", _("Het plan: het ontwikkelperspectief en de route")
    MEETINGS = "meetings", _("De overleggen en de verslagen")


class ConsentStatus(models.TextChoices):
    REQUESTED = "requested", _("gevraagd")
    GIVEN = "given", _("gegeven")
    REFUSED = "refused", _("geweigerd")


def category_field(category: str) -> str:
    """The column of a category (`share_timeline`, ...)."""
    return f"share_{category}"


class ConsentQuerySet(models.QuerySet["Consent"]):
    def running(self, on: date | None = None) -> ConsentQuerySet:
        """Given, not revoked, and the day `on` (default today) within the period."""
        day = on or timezone.localdate()
        return self.filter(
            status=ConsentStatus.GIVEN, revoked_at__isnull=True, valid_from__lte=day, valid_until__gte=day
        )

    def covering(self, category: str) -> ConsentQuerySet:
        return self.filter(**{category_field(category): True})


class Consent(models.Model):
    """Toestemming: the family lets a named recipient (a person or an organisation, in Kring or
    not) see parts of the child's file, for a stated purpose and a period. Revocable at any time;
    the access policy reads it at once (`policy.CONSENT_SECTIONS`). A professional may ask for it
    (status `requested`); the family gives or refuses. Never deleted by a service."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="consents")
    # Who receives it: a Kring account, an organisation in Kring, or only a name (outside Kring).
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipient_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipient_name = models.CharField(_("ontvanger"), max_length=200)
    stated_purpose = models.TextField(_("waarvoor"))
    share_timeline = models.BooleanField(ConsentCategory.TIMELINE.label, default=False)
    share_assessment = models.BooleanField(ConsentCategory.ASSESSMENT.label, default=False)
    share_plan = models.BooleanField(ConsentCategory.PLAN.label, default=False)
    share_meetings = models.BooleanField(ConsentCategory.MEETINGS.label, default=False)
    valid_from = models.DateField(_("vanaf"))
    valid_until = models.DateField(_("tot en met"))
    status = models.CharField(_("status"), max_length=12, choices=ConsentStatus.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("gevraagd op"), null=True, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    given_at = models.DateTimeField(_("gegeven op"), null=True, blank=True)
    refused_at = models.DateTimeField(_("geweigerd op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["child", "status", "valid_until"], name="consent_child_running")]
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__gte=F("valid_from")), name="consent_period"),
            models.CheckConstraint(condition=Q(status__in=ConsentStatus.values), name="consent_status_known"),
            models.CheckConstraint(condition=~Q(recipient_name=""), name="consent_recipient_named"),
            models.CheckConstraint(condition=~Q(stated_purpose=""), name="consent_purpose_stated"),
            models.CheckConstraint(
                condition=Q(share_timeline=True)
                | Q(share_assessment=True)
                | Q(share_plan=True)
                | Q(share_meetings=True),
                name="consent_some_category",
            ),
            # Given exactly when someone gave it, at a moment.
            models.CheckConstraint(
                condition=Q(status=ConsentStatus.GIVEN, given_at__isnull=False, given_by__isnull=False)
                | (~Q(status=ConsentStatus.GIVEN) & Q(given_at__isnull=True)),
                name="consent_given_by_someone",
            ),
            models.CheckConstraint(
                condition=Q(status=ConsentStatus.REFUSED, refused_at__isnull=False)
                | (~Q(status=ConsentStatus.REFUSED) & Q(refused_at__isnull=True)),
                name="consent_refused_at",
            ),
            models.CheckConstraint(
                condition=~Q(status=ConsentStatus.REQUESTED)
                | Q(requested_by__isnull=False, requested_at__isnull=False),
                name="consent_request_by_someone",
            ),
            # Only a given consent is revoked, after it was given, by someone.
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revoked_by__isnull=True)
                | Q(
                    status=ConsentStatus.GIVEN,
                    revoked_at__gte=F("given_at"),
                    revoked_by__isnull=False,
                ),
                name="consent_revoked_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child_id} → {self.recipient_name} ({self.valid_from}–{self.valid_until})"

    @property
    def categories(self) -> list[str]:
        return [c.value for c in ConsentCategory if getattr(self, category_field(c.value))]

    def category_labels(self) -> list[str]:
        return [str(ConsentCategory(c).label) for c in self.categories]

    def is_running(self, on: date | None = None) -> bool:
        day = on or timezone.localdate()
        return (
            self.status == ConsentStatus.GIVEN
            and self.revoked_at is None
            and self.valid_from <= day <= self.valid_until
        )

    @property
    def state(self) -> str:
        """For the family's list: requested, refused, running, revoked, ended, not yet started."""
        if self.status != ConsentStatus.GIVEN:
            return str(self.status)
        if self.revoked_at is not None:
            return "revoked"
        today = timezone.localdate()
        if self.valid_until < today:
            return "ended"
        if self.valid_from > today:
            return "future"
        return "running"


# The family's rights requests live in their own module (kring.privacy.rights); imported here so
# Django finds the model in the privacy app.
from .rights.models import RightsRequest  # noqa: E402

__all__ = [
    "AuditAction",
    "AuditEvent",
    "BreakGlassAccess",
    "BreakGlassQuerySet",
    "Consent",
    "ConsentCategory",
    "ConsentQuerySet",
    "ConsentStatus",
    "RightsRequest",
    "category_field",
]
