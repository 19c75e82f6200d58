"""The case (casus) around one child: its circle, regievoerder, overleg, afspraken,
ontwikkelperspectief, route and escalations.

Invariants that the database can hold are constraints here (one open case per child, at most one
active regievoerder per case, one active route per case, reasons where a choice needs one). What a
constraint cannot say lives in one service in `services.py` (see the docstring there).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kring.children.models import Child, LegalRepresentative
from kring.organisations.models import Organisation, Samenwerkingsverband
from kring.regions.models import EscalationLevel as EscalationLevel  # re-exported for older imports
from kring.regions.models import RegionSettings as RegionSettings  # re-exported for older imports
from kring.regions.models import TermUnit as TermUnit  # re-exported for older imports

# ---------------------------------------------------------------- the case


class CaseStatus(models.TextChoices):
    SIGNAAL = "signaal", _("Signaal")
    VERKENNING = "verkenning", _("Verkenning")
    PLAN = "plan", _("Plan")
    UITVOERING = "uitvoering", _("Uitvoering")
    EVALUATIE = "evaluatie", _("Evaluatie")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


OPEN_STATUSES: tuple[str, ...] = tuple(s for s in CaseStatus.values if s != CaseStatus.AFGESLOTEN)


class SignalKind(models.TextChoices):
    VERZUIM = "verzuim", _("Afwezigheid of verzuim")
    ZORG_SCHOOL = "zorg_school", _("Zorg van de school")
    ZORG_OUDERS = "zorg_ouders", _("Zorg van ouders")
    AANMELDING_STOKT = "aanmelding_stokt", _("Aanmelding loopt vast")
    THUISZITTEN = "thuiszitten", _("Kind zit thuis")
    OVERIG = "overig", _("Anders")


class Case(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="cases", verbose_name=_("kind"))
    status = models.CharField(
        _("fase"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.SIGNAAL
    )
    # Geëscaleerd is a marker beside the status, never a state of its own: the work goes on.
    escalated = models.BooleanField(_("geëscaleerd"), default=False)
    signal_kind = models.CharField(_("soort signaal"), max_length=20, choices=SignalKind.choices)
    signal_description = models.TextField(_("wat is er aan de hand"))
    opened_on = models.DateField(_("geopend op"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    closing_reason = models.TextField(_("reden van afsluiten"), blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking (expected_version)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-opened_on", "-id"]
        constraints = [
            # At most one open case per child: a second signal joins the open case.
            models.UniqueConstraint(
                fields=["child"], condition=~Q(status="afgesloten"), name="case_one_open_per_child"
            ),
            models.CheckConstraint(condition=Q(status__in=CaseStatus.values), name="case_status_known"),
            models.CheckConstraint(
                condition=Q(signal_kind__in=SignalKind.values), name="case_signal_kind_known"
            ),
            models.CheckConstraint(condition=~Q(signal_description=""), name="case_signal_described"),
            # Closed means: a date and a reason. Open means: neither.
            models.CheckConstraint(
                condition=(Q(status="afgesloten") & Q(closed_on__isnull=False) & ~Q(closing_reason=""))
                | (~Q(status="afgesloten") & Q(closed_on__isnull=True)),
                name="case_closed_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="case_closed_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return f"Casus {self.pk} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.AFGESLOTEN


class StatusChange(models.Model):
    """The history of the workflow: every transition with its reason."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=CaseStatus.choices)
    to_status = models.CharField(max_length=16, choices=CaseStatus.choices)
    reason = models.TextField(_("reden"))
    changed_on = models.DateField(_("datum"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="status_change_reason_required")]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status} ({self.changed_on})"


# ---------------------------------------------------------------- the circle (kring)


class MemberKind(models.TextChoices):
    OUDER = "ouder", _("Ouder of wettelijk vertegenwoordiger")
    KIND = "kind", _("Kind")
    SCHOOL = "school", _("School")
    SWV = "swv", _("Samenwerkingsverband")
    LEERPLICHT = "leerplicht", _("Leerplicht")
    JEUGDHULP = "jeugdhulp", _("Jeugdhulp")
    STEUNPUNT = "steunpunt", _("Ouder- en jeugdsteunpunt")
    OVERIG = "overig", _("Anders")


FAMILY_MEMBER_KINDS: frozenset[str] = frozenset({MemberKind.OUDER, MemberKind.KIND})


class Visibility(models.TextChoices):
    """What a member of the circle may see of the case (the pages use it to show parts)."""

    VOLLEDIG = "volledig", _("Het hele dossier")
    KRING_EN_AFSPRAKEN = "kring_en_afspraken", _("De kring, het overleg en de afspraken")
    ALLEEN_AFSPRAKEN = "alleen_afspraken", _("Alleen de eigen afspraken")


class CircleMember(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="circle")
    kind = models.CharField(_("soort"), max_length=12, choices=MemberKind.choices)
    # Who: a Kring user, a legal representative, or only a name (e.g. a neighbour, a coach).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="circle_memberships",
    )
    representative = models.ForeignKey(
        LegalRepresentative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="circle_memberships",
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="circle_memberships"
    )
    role = models.CharField(_("rol in de kring"), max_length=200, blank=True)
    contact_route = models.CharField(_("bereikbaar via"), max_length=300, blank=True)
    visibility = models.CharField(
        _("mag zien"), max_length=20, choices=Visibility.choices, default=Visibility.VOLLEDIG
    )
    active = models.BooleanField(_("actief"), default=True)
    joined_on = models.DateField(_("lid sinds"))
    left_on = models.DateField(_("lid tot"), null=True, blank=True)
    left_reason = models.TextField(_("reden vertrek"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lid van de kring")
        verbose_name_plural = _("kring")
        ordering = ["case", "kind", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=MemberKind.values), name="circle_kind_known"),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="circle_visibility_known"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False)
                | Q(representative__isnull=False)
                | Q(organisation__isnull=False)
                | ~Q(name=""),
                name="circle_member_is_someone",
            ),
            # Active exactly when no end date: one fact, one field to query.
            models.CheckConstraint(
                condition=Q(active=True, left_on__isnull=True) | Q(active=False, left_on__isnull=False),
                name="circle_active_iff_not_left",
            ),
            models.UniqueConstraint(
                fields=["case", "user"], condition=Q(active=True, user__isnull=False), name="circle_user_once"
            ),
            models.UniqueConstraint(
                fields=["case", "representative"],
                condition=Q(active=True, representative__isnull=False),
                name="circle_representative_once",
            ),
            models.UniqueConstraint(
                fields=["case"], condition=Q(active=True, kind="kind"), name="circle_one_child"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.user_id and self.user:
            return self.user.display_name
        if self.representative_id and self.representative:
            return self.representative.name
        return self.organisation.name if self.organisation else "?"

    @property
    def reachable_via(self) -> str:
        """How to reach this member: what the circle recorded, else the e-mail address and phone
        number a parent entered when they accepted their invitation (or that were registered)."""
        if self.contact_route:
            return self.contact_route
        rep = self.representative if self.representative_id else None
        if rep is not None:
            return " / ".join(p for p in (rep.email, rep.phone) if p)
        return ""


class RegievoerderAssignment(models.Model):
    """Who directs the case, from when to when.

    At most one active assignment per case is a database constraint; "exactly one while the case
    is open past `signaal`" is kept by the services (see services.py).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="regievoerders")
    member = models.ForeignKey(CircleMember, on_delete=models.PROTECT, related_name="regie_assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="regie_assignments"
    )
    started_on = models.DateField(_("vanaf"))
    ended_on = models.DateField(_("tot"), null=True, blank=True)
    note = models.TextField(_("toelichting bij de overdracht"))
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("regievoerder")
        verbose_name_plural = _("regievoerders")
        ordering = ["case", "started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_on__isnull=True), name="regievoerder_one_active_per_case"
            ),
            models.CheckConstraint(condition=~Q(note=""), name="regievoerder_note_required"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="regievoerder_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Regievoerder casus {self.case_id} vanaf {self.started_on}"


# ---------------------------------------------------------------- overleg and afspraken


class Meeting(models.Model):
    """A kernoverleg: who was there, what the child said, and what was agreed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("datum"))
    attendees = models.ManyToManyField(CircleMember, related_name="meetings", blank=True)
    other_attendees = models.CharField(_("ook aanwezig"), max_length=500, blank=True)
    parents_present = models.BooleanField(_("ouders aanwezig"))
    parents_absent_reason = models.TextField(_("waarom ouders er niet bij waren"), blank=True)
    child_present = models.BooleanField(_("kind aanwezig"))
    child_absent_reason = models.TextField(_("waarom het kind er niet bij was"), blank=True)
    # Hoorrecht: what the child said or wanted to say, in its own words where it wishes.
    child_voice = models.TextField(_("wat het kind zegt of wil"), blank=True)
    child_voice_in_own_words = models.BooleanField(_("in de eigen woorden van het kind"), default=False)
    notes = models.TextField(_("verslag"), blank=True)
    # This meeting was the evaluation of the evaluation rhythm: the next one is due `weeks` later.
    is_evaluation = models.BooleanField(_("telt als evaluatie"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parents_present=True) | ~Q(parents_absent_reason=""),
                name="meeting_parents_absent_reason",
            ),
            models.CheckConstraint(
                condition=Q(child_present=True) | ~Q(child_absent_reason=""),
                name="meeting_child_absent_reason",
            ),
            models.CheckConstraint(
                condition=Q(child_voice_in_own_words=False) | ~Q(child_voice=""),
                name="meeting_own_words_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"Overleg {self.held_on}"


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Gedaan")
    CANCELLED = "cancelled", _("Vervallen")


class Agreement(models.Model):
    """An afspraak in plain language, with an owner (a member of the circle) and a due date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agreements")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="agreements"
    )
    text = models.TextField(_("afspraak"))
    owner = models.ForeignKey(CircleMember, on_delete=models.PROTECT, related_name="agreements")
    due_on = models.DateField(_("uiterlijk"))
    status = models.CharField(_("stand"), max_length=10, choices=AgreementStatus.choices, default="open")
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    status_note = models.TextField(_("toelichting"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="agreement_text_required"),
            models.CheckConstraint(
                condition=Q(status__in=AgreementStatus.values), name="agreement_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False)
                | (~Q(status="done") & Q(done_on__isnull=True)),
                name="agreement_done_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(status_note=""), name="agreement_cancel_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


# ---------------------------------------------------------------- ontwikkelperspectief and route


class Perspective(models.Model):
    """The ontwikkelperspectief, set jointly. One per case, edited with optimistic locking."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="perspective")
    set_on = models.DateField(_("vastgesteld op"))
    set_with_parents = models.BooleanField(_("samen met ouders"))
    set_with_child = models.BooleanField(_("samen met het kind"))
    goals = models.TextField(_("doelen"))
    evaluation_every_weeks = models.PositiveSmallIntegerField(
        _("evalueren elke (weken)"), null=True, blank=True
    )
    evaluation_set_on = models.DateField(_("evaluatieritme afgesproken op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ontwikkelperspectief")
        verbose_name_plural = _("ontwikkelperspectieven")
        constraints = [
            models.CheckConstraint(condition=~Q(goals=""), name="perspective_goals_required"),
            models.CheckConstraint(
                condition=Q(evaluation_every_weeks__isnull=True)
                | Q(evaluation_every_weeks__gte=1, evaluation_every_weeks__lte=52),
                name="perspective_evaluation_weeks_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Ontwikkelperspectief casus {self.case_id}"

    @property
    def jointly_set(self) -> bool:
        return self.set_with_parents and self.set_with_child


class Dimension(models.TextChoices):
    LEREN = "leren", _("Leren")
    GEDRAG_EN_WELZIJN = "gedrag_en_welzijn", _("Gedrag en welzijn")
    SOCIAAL = "sociaal", _("Sociaal")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    THUIS_EN_GEZIN = "thuis_en_gezin", _("Thuis en gezin")
    VERVOER = "vervoer", _("Vervoer")
    OVERIG = "overig", _("Anders")


class NeedDimension(models.Model):
    """What the child needs, on one dimension, in free text. Several dimensions per child, never one label."""

    perspective = models.ForeignKey(Perspective, on_delete=models.CASCADE, related_name="needs")
    dimension = models.CharField(_("gebied"), max_length=20, choices=Dimension.choices)
    description = models.TextField(_("wat het kind nodig heeft"))

    class Meta:
        verbose_name = _("behoefte")
        verbose_name_plural = _("behoeften")
        ordering = ["perspective", "dimension"]
        constraints = [
            models.UniqueConstraint(fields=["perspective", "dimension"], name="need_one_per_dimension"),
            models.CheckConstraint(condition=Q(dimension__in=Dimension.values), name="need_dimension_known"),
            models.CheckConstraint(condition=~Q(description=""), name="need_description_required"),
        ]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}: {self.description[:40]}"


class RouteKind(models.TextChoices):
    GELEIDELIJKE_TERUGKEER = "geleidelijke_terugkeer", _("Geleidelijke terugkeer")
    HYBRIDE = "hybride", _("Hybride onderwijs")
    AFSTANDSONDERWIJS = "afstandsonderwijs", _("Afstandsonderwijs")
    ANDERE_SCHOOL = "andere_school", _("Andere school")
    ONDERWIJS_ZORGARRANGEMENT = "onderwijs_zorgarrangement", _("Onderwijs-zorgarrangement")
    DAGBESTEDING = "dagbesteding", _("Dagbesteding")
    OVERIG = "overig", _("Anders")


class RouteOutcome(models.TextChoices):
    """Where the child ended up: recorded apart from what it needed and what was offered."""

    LOPEND = "lopend", _("Loopt nog")
    EIGEN_SCHOOL = "eigen_school", _("Terug op de eigen school")
    ANDERE_SCHOOL = "andere_school", _("Op een andere school")
    SPECIAAL_ONDERWIJS = "speciaal_onderwijs", _("In het speciaal onderwijs")
    ONDERWIJS_ZORGARRANGEMENT = "onderwijs_zorgarrangement", _("In een onderwijs-zorgarrangement")
    DAGBESTEDING = "dagbesteding", _("Naar dagbesteding")
    VRIJSTELLING = "vrijstelling", _("Vrijstelling van leerplicht")
    THUIS_ZONDER_AANBOD = "thuis_zonder_aanbod", _("Thuis, zonder aanbod")
    OVERIG = "overig", _("Anders")


class Route(models.Model):
    """A concrete route. `needed_*` says what the child needs, `kind`/`offered_summary` what was
    offered and agreed, `outcome` where the child ended up: three facts, never merged."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="routes")
    # What the child needs (the circle's judgement, before looking at what is available).
    needed_kind = models.CharField(_("nodig"), max_length=32, choices=RouteKind.choices)
    needed_hours_per_week = models.DecimalField(
        _("uren per week nodig"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    needed_summary = models.TextField(_("wat nodig is"), blank=True)
    # What was offered and agreed.
    kind = models.CharField(_("route"), max_length=32, choices=RouteKind.choices)
    offered_summary = models.TextField(_("wat is aangeboden"), blank=True)
    provider = models.CharField(_("aanbieder"), max_length=200)
    provider_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    start_on = models.DateField(_("start"))
    hours_per_week = models.DecimalField(_("uren per week"), max_digits=4, decimal_places=1)
    end_on = models.DateField(_("einde"), null=True, blank=True)
    # Where the child ended up.
    outcome = models.CharField(_("uitkomst"), max_length=32, choices=RouteOutcome.choices, default="lopend")
    outcome_on = models.DateField(_("uitkomst op"), null=True, blank=True)
    outcome_note = models.TextField(_("toelichting uitkomst"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        ordering = ["case", "start_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(end_on__isnull=True), name="route_one_active"
            ),
            models.CheckConstraint(condition=Q(kind__in=RouteKind.values), name="route_kind_known"),
            models.CheckConstraint(
                condition=Q(needed_kind__in=RouteKind.values), name="route_needed_kind_known"
            ),
            models.CheckConstraint(condition=Q(outcome__in=RouteOutcome.values), name="route_outcome_known"),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=0, hours_per_week__lte=40), name="route_hours_range"
            ),
            models.CheckConstraint(condition=~Q(provider=""), name="route_provider_required"),
            models.CheckConstraint(
                condition=Q(outcome="lopend") | Q(outcome_on__isnull=False), name="route_outcome_has_date"
            ),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="route_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} bij {self.provider}"


# ---------------------------------------------------------------- escalation


class EscalationTrigger(models.TextChoices):
    AUTOMATISCH = "automatisch", _("Automatisch (termijn of norm gemist)")
    HANDMATIG = "handmatig", _("Handmatig, met reden")


class Escalation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    swv = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    level = models.ForeignKey(
        EscalationLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="escalations"
    )
    trigger = models.CharField(_("aanleiding"), max_length=12, choices=EscalationTrigger.choices)
    rule_id = models.CharField(_("regel"), max_length=16, blank=True)
    # For automatic escalations: "RULE|subject|due" — one escalation per missed due item, ever.
    trigger_key = models.CharField(max_length=200, blank=True)
    reason = models.TextField(_("reden"))
    started_on = models.DateField(_("gestart op"))
    level_started_on = models.DateField(_("op deze trede sinds"))
    due_on = models.DateField(_("besluit uiterlijk"), null=True, blank=True)
    resolved_on = models.DateField(_("afgehandeld op"), null=True, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("escalatie")
        verbose_name_plural = _("escalaties")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="escalation_reason_required"),
            models.CheckConstraint(
                condition=Q(trigger__in=EscalationTrigger.values), name="escalation_trigger_known"
            ),
            models.CheckConstraint(
                condition=Q(trigger="handmatig") | (~Q(rule_id="") & ~Q(trigger_key="")),
                name="escalation_automatic_has_rule",
            ),
            models.UniqueConstraint(
                fields=["case", "trigger_key"],
                condition=Q(trigger="automatisch"),
                name="escalation_once_per_missed_item",
            ),
        ]

    def __str__(self) -> str:
        return f"Escalatie casus {self.case_id} ({self.started_on})"

    @property
    def is_active(self) -> bool:
        return self.resolved_on is None


class EscalationDecision(models.Model):
    """The decision of the mandate holder: what, by whom, by when. Its follow-up is an agreement."""

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="decisions")
    level = models.ForeignKey(
        EscalationLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("besloten op"))
    decision = models.TextField(_("besluit"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("uitgevoerd uiterlijk"))
    agreement = models.OneToOneField(
        Agreement, on_delete=models.PROTECT, null=True, blank=True, related_name="escalation_decision"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("escalatiebesluit")
        verbose_name_plural = _("escalatiebesluiten")
        ordering = ["decided_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(decision=""), name="escalation_decision_text_required"),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("decided_on")), name="escalation_decision_due_after_decided"
            ),
        ]

    def __str__(self) -> str:
        return self.decision[:60]


# ---------------------------------------------------------------- the family's own view


class ZienswijzePart(models.TextChoices):
    """The parts of the file the family can add their view to (registered in `zienswijzen.PARTS`;
    a later part, such as a TLV request, is a new choice, a new nullable foreign key and a row
    there)."""

    MEETING = "overleg", _("overleg")
    PLAN = "plan", _("plan")
    DECISION = "besluit", _("besluit na escalatie")
    EVENT = "gebeurtenis", _("besluit op de tijdlijn")
    # What someone (above all the child of 12 to 15, hoorrecht) wants to say before the next overleg
    # of an open case: about the case, shown beside the overleg that follows it.
    BEFORE_MEETING = "voor_overleg", _("het volgende overleg")


# Which foreign key each part fills; the check constraint holds exactly that one.
ZIENSWIJZE_PART_FIELDS = {
    ZienswijzePart.MEETING: "meeting",
    ZienswijzePart.PLAN: "perspective",
    ZienswijzePart.DECISION: "decision",
    ZienswijzePart.EVENT: "event",
    ZienswijzePart.BEFORE_MEETING: "case",  # about the case itself: no other part yet
}


def _exactly_one_part() -> Q:
    fields = [f for f in ZIENSWIJZE_PART_FIELDS.values() if f != "case"]  # the case is beside every part
    condition = Q()
    for part, field in ZIENSWIJZE_PART_FIELDS.items():
        others = {f"{other}__isnull": True for other in fields if other != field}
        condition |= Q(part=part, **{f"{field}__isnull": False}, **others)
    return condition


class Zienswijze(models.Model):
    """What a parent (or, later, the child) says about one part of the file, stored beside it.

    Never edited in place and never deleted by its author: a zienswijze is what someone said on a
    day. Whoever wants to say something else adds a new one; the earlier stays in the file (and in
    the export), so the history is the list itself. The child is the hub; the case is kept for
    the case page (null for a decision on the child's timeline, which belongs to no case)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="zienswijzen")
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="zienswijzen"
    )
    part = models.CharField(_("over"), max_length=16, choices=ZienswijzePart.choices)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="zienswijzen"
    )
    perspective = models.ForeignKey(
        Perspective, on_delete=models.CASCADE, null=True, blank=True, related_name="zienswijzen"
    )
    decision = models.ForeignKey(
        EscalationDecision, on_delete=models.CASCADE, null=True, blank=True, related_name="zienswijzen"
    )
    event = models.ForeignKey(
        "children.TimelineEvent", on_delete=models.CASCADE, null=True, blank=True, related_name="zienswijzen"
    )
    text = models.TextField(_("jouw kijk hierop"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("geschreven door"), max_length=200)
    author_role = models.CharField(_("als"), max_length=60)  # the role then: "ouder", later "kind"
    representative = models.ForeignKey(
        LegalRepresentative, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("zienswijze")
        verbose_name_plural = _("zienswijzen")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["child", "created_at"], name="zienswijze_child_idx")]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_part(), name="zienswijze_exactly_one_part"),
            models.CheckConstraint(condition=~Q(text=""), name="zienswijze_text_required"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def part_pk(self) -> int | None:
        """The id of the part this zienswijze is about."""
        value = getattr(self, f"{ZIENSWIJZE_PART_FIELDS[ZienswijzePart(self.part)]}_id")
        return int(value) if value is not None else None
