"""The ouder- en jeugdsteunpunt's desk: the questions parents and pupils bring, the steunpunt's
settings, and the signals it raises to the samenwerkingsverband.

A question is anonymous by default. Its contact details are kept only as long as needed to answer
(`DeskSettings.contact_retention_months` after closing), and its text reaches the signals report only
as `anonymised_text`, which the worker wrote after removing what identifies someone. A question
becomes part of a child's file only through a `QuestionLink`, with the parent's recorded consent.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.organisations.models import Organisation, OrganisationKind, Samenwerkingsverband, Vakantieregio

# No 0/O or 1/I/L: a reference is read out over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    """A reference a parent can read out: 'SP-' and two groups of four, not guessable."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"SP-{chars[:4]}-{chars[4:]}"


class DeskSettings(models.Model):
    """How one steunpunt works: which samenwerkingsverbanden it serves, when it is closed, how long
    it keeps contact details, and who its coordinator is (overdue questions escalate to them)."""

    steunpunt = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="desk_settings",
        limit_choices_to={"kind": OrganisationKind.STEUNPUNT},
        verbose_name=_("steunpunt"),
    )
    swvs = models.ManyToManyField(
        Samenwerkingsverband, related_name="steunpunten", blank=True, verbose_name=_("samenwerkingsverbanden")
    )
    vakantieregio = models.CharField(
        _("vakantieregio"), max_length=6, choices=Vakantieregio.choices, blank=True
    )
    closed_in_school_holidays = models.BooleanField(
        _("gesloten in de schoolvakanties"),
        default=False,
        help_text=_("Aan: de dagen van de schoolvakanties tellen niet mee in de termijn om te antwoorden."),
    )
    contact_retention_months = models.PositiveSmallIntegerField(
        _("contactgegevens bewaren (maanden na afsluiten)"), default=3
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coördinator"),
        help_text=_("Vragen die te laat zijn, komen bij deze persoon. Leeg: bij alle medewerkers."),
    )
    public_form_enabled = models.BooleanField(_("webformulier open"), default=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("instellingen van het steunpunt")
        verbose_name_plural = _("instellingen van steunpunten")
        constraints = [
            models.CheckConstraint(
                condition=Q(contact_retention_months__gte=1, contact_retention_months__lte=24),
                name="desk_contact_retention_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Instellingen {self.steunpunt}"


class QuestionCategory(models.Model):
    """One category of the configurable tree (e.g. 'thuiszitten', 'OPP'), with its answer term."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("valt onder"),
    )
    name = models.CharField(_("naam"), max_length=120)
    name_en = models.CharField(_("naam (Engels)"), max_length=120, blank=True)
    description = models.TextField(_("uitleg in gewone taal"), blank=True)
    description_en = models.TextField(_("uitleg (Engels)"), blank=True)
    answer_term_days = models.PositiveSmallIntegerField(_("termijn om te antwoorden (werkdagen)"), default=10)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("categorie van vragen")
        verbose_name_plural = _("categorieën van vragen")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer_term_days__gte=1, answer_term_days__lte=60),
                name="desk_category_term_range",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="desk_category_name_not_empty"),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="desk_category_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon")
    EMAIL = "email", _("E-mail")
    INLOOP = "inloop", _("Inloop (langs geweest)")
    WEBFORMULIER = "webformulier", _("Webformulier")


class Asker(models.TextChoices):
    OUDER = "ouder", _("Ouder of verzorger")
    LEERLING = "leerling", _("Leerling of jongere zelf")
    ANDERS = "anders", _("Iemand anders")


class AgeGroup(models.TextChoices):
    JONGER_DAN_4 = "0_4", _("Jonger dan 4 jaar")
    VIER_TOT_12 = "4_12", _("4 tot 12 jaar")
    TWAALF_TOT_16 = "12_16", _("12 tot 16 jaar")
    ZESTIEN_TOT_18 = "16_18", _("16 tot 18 jaar")
    ACHTTIEN_PLUS = "18_plus", _("18 jaar of ouder")
    ONBEKEND = "onbekend", _("Onbekend")


class SchoolType(models.TextChoices):
    PO = "po", _("Basisschool")
    SBO = "sbo", _("Speciaal basisonderwijs")
    SO = "so", _("Speciaal onderwijs")
    VO = "vo", _("Middelbare school")
    VSO = "vso", _("Voortgezet speciaal onderwijs")
    MBO = "mbo", _("Mbo")
    GEEN = "geen", _("Gaat nu niet naar school")
    ONBEKEND = "onbekend", _("Onbekend")


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BEANTWOORD = "beantwoord", _("Beantwoord")
    GESLOTEN = "gesloten", _("Afgesloten")


class Question(models.Model):
    """One contact with a parent or pupil: the question in their words, its categories and term."""

    reference = models.CharField(_("referentie"), max_length=16, unique=True, default=new_reference)
    steunpunt = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="desk_questions", verbose_name=_("steunpunt")
    )
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="desk_questions",
        verbose_name=_("samenwerkingsverband"),
    )
    channel = models.CharField(_("hoe kwam de vraag binnen"), max_length=12, choices=Channel.choices)
    asker = models.CharField(_("wie vraagt"), max_length=8, choices=Asker.choices, default=Asker.OUDER)
    received_on = models.DateField(_("ontvangen op"))
    age_group = models.CharField(
        _("leeftijd van het kind"), max_length=8, choices=AgeGroup.choices, default=AgeGroup.ONBEKEND
    )
    school_type = models.CharField(
        _("soort school"), max_length=8, choices=SchoolType.choices, default=SchoolType.ONBEKEND
    )
    categories = models.ManyToManyField(
        QuestionCategory, related_name="questions", verbose_name=_("categorieën")
    )
    question_text = models.TextField(_("de vraag, in de woorden van de vrager"), blank=True)
    # Contact details: only as long as needed to answer (removed by the nightly job after closing).
    contact_name = models.CharField(_("naam"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    contact_removed_on = models.DateField(_("contactgegevens verwijderd op"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandeld door"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    answer_due = models.DateField(_("antwoord uiterlijk op"))
    answered_on = models.DateField(_("beantwoord op"), null=True, blank=True)
    answer_summary = models.TextField(_("wat is geantwoord"), blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    escalated_on = models.DateField(_("te laat gemeld op"), null=True, blank=True)
    # The text for signals: written by the worker after removing what identifies someone.
    anonymised_text = models.TextField(_("de vraag zonder herkenbare gegevens"), blank=True)
    anonymised_on = models.DateField(_("herkenbare gegevens verwijderd op"), null=True, blank=True)
    anonymised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    quote_selected = models.BooleanField(_("gebruiken als citaat in de signalenrapportage"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("vraag aan het steunpunt")
        verbose_name_plural = _("vragen aan het steunpunt")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["steunpunt", "status", "answer_due"], name="desk_question_queue"),
            models.Index(fields=["swv", "received_on"], name="desk_question_report"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer_due__gte=F("received_on")), name="desk_due_after_received"
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("received_on")),
                name="desk_answered_after_received",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("received_on")),
                name="desk_closed_after_received",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=QuestionStatus.OPEN, answered_on__isnull=True, closed_on__isnull=True)
                    | Q(status=QuestionStatus.BEANTWOORD, answered_on__isnull=False, closed_on__isnull=True)
                    | Q(status=QuestionStatus.GESLOTEN, closed_on__isnull=False)
                ),
                name="desk_status_matches_dates",
            ),
            models.CheckConstraint(
                condition=Q(quote_selected=False) | (Q(anonymised_on__isnull=False) & ~Q(anonymised_text="")),
                name="desk_quote_needs_anonymised_text",
            ),
            models.CheckConstraint(
                condition=Q(contact_removed_on__isnull=True)
                | Q(contact_name="", contact_email="", contact_phone="", question_text=""),
                name="desk_removed_contact_is_empty",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class ConsentHow(models.TextChoices):
    TELEFONISCH = "telefonisch", _("Telefonisch")
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk of per e-mail")
    IN_GESPREK = "in_gesprek", _("In een gesprek")


class LinkKind(models.TextChoices):
    CASE = "casus", _("Gekoppeld aan de casus van het kind")
    SWV_REQUEST = "verzoek_swv", _("Verzoek aan het samenwerkingsverband om een casus te openen")


class QuestionLink(models.Model):
    """With the parent's recorded consent: the question linked to the child's case, or a request to
    the samenwerkingsverband to open one. Revocable; the parent sees it in the portal."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("soort"), max_length=12, choices=LinkKind.choices)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="desk_links"
    )
    swv = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, null=True, blank=True, related_name="desk_requests"
    )
    # What the samenwerkingsverband needs to open a case (only for a request, only with consent).
    child_name = models.CharField(_("naam van het kind"), max_length=120, blank=True)
    child_birth_date = models.DateField(_("geboortedatum van het kind"), null=True, blank=True)
    school_name = models.CharField(_("school"), max_length=200, blank=True)
    situation = models.TextField(_("de situatie, kort"), blank=True)
    consent_on = models.DateField(_("toestemming gegeven op"))
    consent_by = models.CharField(_("toestemming gegeven door"), max_length=120)
    consent_how = models.CharField(_("hoe is toestemming gegeven"), max_length=12, choices=ConsentHow.choices)
    consent_scope = models.TextField(_("waarvoor is toestemming gegeven"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_on = models.DateField(_("toestemming ingetrokken op"), null=True, blank=True)
    handled_on = models.DateField(_("verzoek behandeld op"), null=True, blank=True)
    handled_case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="desk_requests_opened"
    )

    class Meta:
        verbose_name = _("koppeling met toestemming")
        verbose_name_plural = _("koppelingen met toestemming")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=LinkKind.CASE, case__isnull=False, swv__isnull=True))
                | (Q(kind=LinkKind.SWV_REQUEST, case__isnull=True, swv__isnull=False) & ~Q(child_name="")),
                name="desk_link_kind_matches_target",
            ),
            models.CheckConstraint(condition=~Q(consent_by=""), name="desk_link_consent_by_named"),
            models.CheckConstraint(condition=~Q(consent_scope=""), name="desk_link_consent_scope_named"),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | Q(revoked_on__gte=F("consent_on")),
                name="desk_link_revoked_after_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question} → {self.get_kind_display()}"


class PolicySignal(models.Model):
    """A signal the steunpunt raises to the samenwerkingsverband from the questions it heard, with the
    SWV's written response and what changed: the feedback loop."""

    steunpunt = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="desk_signals")
    swv = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.PROTECT, related_name="desk_signals", verbose_name=_("aan")
    )
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("het signaal"))
    categories = models.ManyToManyField(QuestionCategory, related_name="signals", blank=True)
    raised_on = models.DateField(_("gemeld op"))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    response = models.TextField(_("reactie van het samenwerkingsverband"), blank=True)
    responded_on = models.DateField(_("gereageerd op"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    what_changed = models.TextField(_("wat er is veranderd"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("signaal aan het samenwerkingsverband")
        verbose_name_plural = _("signalen aan het samenwerkingsverband")
        ordering = ["-raised_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="desk_signal_title_not_empty"),
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True, response="")
                | (Q(responded_on__isnull=False) & ~Q(response="")),
                name="desk_signal_response_dated",
            ),
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True) | Q(responded_on__gte=F("raised_on")),
                name="desk_signal_response_after_raise",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PublicSubmission(models.Model):
    """One question sent through the public web form, for its rate limit: when, and from which
    internet address as a keyed hash (never the address itself). Kept for a day (jobs.py)."""

    address_hash = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["address_hash", "at"], name="desk_public_submission_rate")]

    def __str__(self) -> str:
        return f"{self.address_hash[:8]}… {self.at:%Y-%m-%d %H:%M}"
