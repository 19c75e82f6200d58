"""Forms for the work on a case (circle, regievoerder, overleg, afspraken, plan, escalation),
and the plumbing the work views share: loading a case through the access policy, and the one page
flow (`kring.web.flow.run_service`) that puts a service refusal next to the field it names, in the
form that keeps what was typed.

The forms only parse what was typed. Every rule (what may, what must) is decided by the services;
their refusals (`Refused`, `PermissionDenied`) come back to the form as errors, on the field the
refusal names: the form fields carry the services' input names. Each form has a fixed prefix so
the panels on the case page and the stand-alone form pages post the same field names, and ids
never collide on the case page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.accounts.models import User
from kring.accounts.roles import FAMILY_ROLES
from kring.children.models import LegalRepresentative, TimelineEvent
from kring.organisations.models import Organisation, OrganisationKind
from kring.regions.norms import swv_for_child
from kring.web.flow import run_service
from kring.web.forms import KringFormMixin

from .models import (
    Case,
    CircleMember,
    Dimension,
    Meeting,
    MemberKind,
    Perspective,
    RouteKind,
    RouteOutcome,
    Visibility,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from kring.organisations.models import Samenwerkingsverband

T = TypeVar("T")


def today() -> date:
    return timezone.localdate()


def current_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # login_required runs first; this narrows the type
        raise PermissionDenied(gettext("Log eerst in."))
    return user


# ---------------------------------------------------------------- loading a case for work


NOT_EDITOR = policy.REFUSAL_MESSAGES[policy.Refusal.NOT_EDITOR]


def case_for_work(user: User, case_id: int, act: policy.Act) -> Case:
    """The case for work on it: fetched and authorised by the access policy in one call
    (`policy.require_case`): 404 when not visible, 403 with the reason when the act is not allowed.
    Reading is audited by the page that shows the case's data."""
    return policy.require_case(user, case_id, act)


# ---------------------------------------------------------------- shared field helpers


def date_field(
    label: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = ""
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Vul een datum in."), "invalid": _("Vul een geldige datum in.")},
    )


def text_area(
    label: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = "", rows: int = 3
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": _("Vul dit in.")},
    )


class WorkForm(KringFormMixin, forms.Form):
    """Base of the work forms. No HTML `required` attribute (the NL Design System textarea turns
    red on `:invalid` before anyone typed); `aria-required` tells assistive technology instead,
    and the server's Dutch messages do the checking."""

    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required and not field.widget.is_hidden:
                field.widget.attrs["aria-required"] = "true"


class MemberChoiceField(forms.ModelChoiceField[CircleMember]):
    def label_from_instance(self, obj: CircleMember) -> str:
        extra = obj.role or obj.get_kind_display()
        org = f", {obj.organisation.name}" if obj.organisation and obj.organisation.name != obj.name else ""
        return f"{obj.display_name} ({extra}{org})"


class MembersField(forms.ModelMultipleChoiceField[CircleMember]):
    def label_from_instance(self, obj: CircleMember) -> str:
        return f"{obj.display_name} ({obj.role or obj.get_kind_display()})"


class UserChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        org = f", {obj.organisation.name}" if obj.organisation else ""
        return f"{obj.display_name} ({obj.get_role_display()}{org})"


def active_members(case: Case) -> QuerySet[CircleMember]:
    return CircleMember.objects.filter(case=case, active=True).select_related(
        "user", "representative", "organisation"
    )


def relevant_organisations(case: Case, actor: User) -> QuerySet[Organisation]:
    """Organisations whose people may join this circle: those already in it, the child's gemeente,
    SWV and schools, the actor's own, and every youth-care organisation and steunpunt (they reach a
    child only through a circle)."""

    child = case.child
    ids: set[int] = set(
        CircleMember.objects.filter(case=case, organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    if actor.organisation_id:
        ids.add(actor.organisation_id)
    if child.gemeente_id:
        ids.add(child.gemeente_id)
    swv = swv_for_child(child, today=today())
    if swv is not None:
        ids.add(swv.pk)
    school_orgs = TimelineEvent.objects.filter(child=child, school__isnull=False).values_list(
        "school__organisation_id", flat=True
    )
    ids.update(pk for pk in school_orgs if pk)
    return Organisation.objects.filter(
        Q(pk__in=ids) | Q(kind__in=[OrganisationKind.JEUGDHULP, OrganisationKind.STEUNPUNT])
    ).order_by("name")


# ---------------------------------------------------------------- the circle


class MemberAddForm(WorkForm):
    prefix = "lid"

    kind = forms.ChoiceField(
        label=_("Soort lid"),
        choices=[("", _("Kies…"))] + [(k, label) for k, label in MemberKind.choices if k != MemberKind.KIND],
        error_messages={"required": _("Kies wat voor lid van de kring dit is.")},
    )
    user = UserChoiceField(
        label=_("Persoon met een account in Kring"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Geen (vul hieronder een naam in)"),
    )
    representative = forms.ModelChoiceField[LegalRepresentative](
        label=_("Ouder of wettelijk vertegenwoordiger"),
        queryset=LegalRepresentative.objects.none(),
        required=False,
        empty_label=_("Geen"),
        help_text=_("Alleen voor de soort 'Ouder of wettelijk vertegenwoordiger'."),
    )
    name = forms.CharField(
        label=_("Naam"),
        required=False,
        max_length=200,
        help_text=_("Als de persoon geen account in Kring heeft."),
    )
    organisation = forms.ModelChoiceField[Organisation](
        label=_("Organisatie"), queryset=Organisation.objects.none(), required=False, empty_label=_("Geen")
    )
    role = forms.CharField(
        label=_("Rol in de kring"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: mentor, jeugdconsulent, buurvrouw."),
    )
    contact_route = forms.CharField(
        label=_("Bereikbaar via"),
        required=False,
        max_length=300,
        help_text=_(
            "Telefoon, e-mail of een andere manier. Leeg: het e-mailadres en telefoonnummer uit Kring."
        ),
    )
    visibility = forms.ChoiceField(
        label=_("Mag zien"), choices=Visibility.choices, initial=Visibility.ALLEEN_AFSPRAKEN
    )
    joined_on = date_field(_("Lid sinds"))

    def __init__(self, *args: Any, case: Case, actor: User, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"joined_on": today(), "visibility": Visibility.ALLEEN_AFSPRAKEN})
        super().__init__(*args, **kwargs)
        orgs = relevant_organisations(case, actor)
        in_circle = CircleMember.objects.filter(case=case, active=True)
        users = (
            User.objects.filter(is_active=True, organisation__in=orgs)
            .exclude(role__in=list(FAMILY_ROLES))
            .exclude(pk__in=in_circle.filter(user__isnull=False).values("user_id"))
            .select_related("organisation")
            .order_by("organisation__name", "last_name", "first_name")
        )
        self.fields["user"].queryset = users  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = orgs  # type: ignore[attr-defined]
        self.fields["representative"].queryset = LegalRepresentative.objects.filter(  # type: ignore[attr-defined]
            child=case.child
        ).exclude(pk__in=in_circle.filter(representative__isnull=False).values("representative_id"))


class MemberRemoveForm(WorkForm):
    prefix = "weg"

    reason = text_area(_("Waarom verlaat dit lid de kring?"))
    left_on = date_field(_("Lid tot en met"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"left_on": today()})
        super().__init__(*args, **kwargs)


def regie_candidates(case: Case) -> QuerySet[CircleMember]:
    """Members who can direct the case: professionals with an active account in Kring."""
    return (
        active_members(case)
        .filter(user__isnull=False, user__is_active=True)
        .exclude(user__role__in=list(FAMILY_ROLES))
    )


class RegieForm(WorkForm):
    """Appoint the first regievoerder (`handover=False`) or hand the regie over (`handover=True`)."""

    member = MemberChoiceField(
        label=_("Regievoerder"),
        queryset=CircleMember.objects.none(),
        empty_label=_("Kies…"),
        help_text=_("Een professional uit de kring met een account in Kring."),
        error_messages={"required": _("Kies wie de regie krijgt.")},
    )
    note = text_area(_("Toelichting"))
    on = date_field(_("Vanaf"))

    def __init__(self, *args: Any, case: Case, handover: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"on": today()})
        self.prefix = "overdracht" if handover else "regie"
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = regie_candidates(case)  # type: ignore[attr-defined]
        if handover:
            self.fields["member"].label = _("Nieuwe regievoerder")
            self.fields["note"].label = _("Overdrachtsnotitie")
            self.fields["note"].help_text = _("Wat moet de nieuwe regievoerder weten? Dit is verplicht.")
        else:
            self.fields["note"].help_text = _("Waarom krijgt deze persoon de regie? Dit is verplicht.")


class RegieCorrectForm(WorkForm):
    """The wrong person was appointed: the right one, and why the appointment was wrong."""

    prefix = "verbeteren"

    member = MemberChoiceField(
        label=_("Juiste regievoerder"),
        queryset=CircleMember.objects.none(),
        empty_label=_("Kies…"),
        help_text=_("Deze persoon is regievoerder vanaf dezelfde datum. Dit is geen overdracht."),
        error_messages={"required": _("Kies wie de regie had moeten krijgen.")},
    )
    reason = text_area(
        _("Waarom klopte de aanwijzing niet?"), help_text=_("Dit komt in het logboek. Dit is verplicht.")
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = regie_candidates(case)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- overleg and afspraken


class MeetingForm(WorkForm):
    prefix = "overleg"

    held_on = date_field(_("Datum van het overleg"))
    attendees = MembersField(
        label=_("Wie uit de kring was er?"),
        queryset=CircleMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_attendees = forms.CharField(label=_("Ook aanwezig"), required=False, max_length=500)
    parents_present = forms.BooleanField(label=_("De ouders waren erbij"), required=False)
    parents_absent_reason = text_area(
        _("Waarom waren de ouders er niet bij?"),
        required=False,
        help_text=_("Verplicht als de ouders er niet bij waren."),
    )
    child_present = forms.BooleanField(label=_("Het kind was erbij"), required=False)
    child_absent_reason = text_area(
        _("Waarom was het kind er niet bij?"),
        required=False,
        help_text=_("Verplicht als het kind er niet bij was."),
    )
    child_voice = text_area(
        _("Wat zegt of wil het kind?"),
        required=False,
        help_text=_("Ook als het kind er niet bij was: wat heeft het kind laten weten, en hoe?"),
        rows=4,
    )
    child_voice_in_own_words = forms.BooleanField(
        label=_("Dit zijn de eigen woorden van het kind"), required=False
    )
    notes = text_area(_("Verslag"), required=False, rows=5)
    is_evaluation = forms.BooleanField(
        label=_("Dit overleg was de evaluatie"),
        required=False,
        help_text=_(
            "Vink aan als jullie in dit overleg hebben geëvalueerd. De volgende evaluatie schuift dan op."
        ),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"held_on": today()})
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = active_members(case)  # type: ignore[attr-defined]


class AgreementForm(WorkForm):
    prefix = "afspraak"

    text = text_area(_("Afspraak"), help_text=_("In gewone woorden: wat gaat er gebeuren?"))
    owner = MemberChoiceField(
        label=_("Wie doet het?"),
        queryset=CircleMember.objects.none(),
        empty_label=_("Kies…"),
        error_messages={"required": _("Kies wie de afspraak uitvoert.")},
    )
    due_on = date_field(_("Klaar uiterlijk"))
    meeting = forms.ModelChoiceField[Meeting](
        label=_("Gemaakt in het overleg van"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Niet in een overleg"),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        meetings = Meeting.objects.filter(case=case).order_by("-held_on", "-id")
        latest = meetings.first()
        kwargs.setdefault("initial", {"meeting": latest.pk if latest else None})
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = active_members(case)  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
        self.fields["meeting"].label_from_instance = (  # type: ignore[attr-defined]
            lambda m: f"{m.held_on.strftime('%d-%m-%Y')}"
        )


class AgreementCompleteForm(WorkForm):
    prefix = "gedaan"
    done_on = date_field(_("Gedaan op"), required=False, help_text=_("Leeg: vandaag."))


class AgreementCancelForm(WorkForm):
    prefix = "vervalt"
    reason = text_area(_("Waarom vervalt de afspraak?"))


# ---------------------------------------------------------------- plan


def need_field_name(dimension: str) -> str:
    return f"need_{dimension}"


class PerspectiveForm(WorkForm):
    """The ontwikkelperspectief: goals, and what the child needs on each dimension (free text each)."""

    prefix = "perspectief"

    set_on = date_field(_("Vastgesteld op"))
    set_with_parents = forms.BooleanField(label=_("Samen met de ouders vastgesteld"), required=False)
    set_with_child = forms.BooleanField(label=_("Samen met het kind vastgesteld"), required=False)
    goals = text_area(_("Doelen"), help_text=_("Waar werkt de kring samen naartoe?"), rows=4)
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, perspective: Perspective | None = None, **kwargs: Any) -> None:
        initial: dict[str, Any] = {"set_on": today()}
        if perspective is not None:
            initial.update(
                set_on=perspective.set_on,
                set_with_parents=perspective.set_with_parents,
                set_with_child=perspective.set_with_child,
                goals=perspective.goals,
                expected_version=perspective.version,
            )
            for need in perspective.needs.all():
                initial[need_field_name(need.dimension)] = need.description
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for dimension, label in Dimension.choices:
            field = text_area(
                gettext("Wat het kind nodig heeft: %(dimension)s") % {"dimension": str(label).lower()},
                required=False,
                rows=2,
            )
            self.fields[need_field_name(dimension)] = field
        # Keep the goals after the needs: first what the child needs, then where to go.
        self.order_fields(
            ["set_on", *[need_field_name(d) for d in Dimension.values], "goals", "set_with_parents"]
        )

    def needs(self) -> dict[str, str]:
        return {d: self.cleaned_data.get(need_field_name(d)) or "" for d in Dimension.values}

    def need_fields(self) -> list[forms.BoundField]:
        return [self[need_field_name(d)] for d in Dimension.values]

    def other_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith("need_")]


class RouteForm(WorkForm):
    """What the child NEEDS, what was OFFERED and agreed: two sets of fields, never merged."""

    prefix = "route"

    needed_kind = forms.ChoiceField(
        label=_("Soort route die het kind nodig heeft"),
        choices=[("", _("Kies…")), *RouteKind.choices],
        error_messages={"required": _("Kies wat het kind nodig heeft.")},
    )
    needed_hours_per_week = forms.DecimalField(
        label=_("Uren per week die het kind nodig heeft"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(40),
        decimal_places=1,
    )
    needed_summary = text_area(
        _("Wat is er nodig?"), required=False, help_text=_("Los van wat er beschikbaar is.")
    )
    kind = forms.ChoiceField(
        label=_("Soort route die is aangeboden"),
        choices=[("", _("Kies…")), *RouteKind.choices],
        error_messages={"required": _("Kies de route die is afgesproken.")},
    )
    offered_summary = text_area(_("Wat is er aangeboden?"), required=False)
    provider = forms.CharField(
        label=_("Aanbieder"), max_length=200, error_messages={"required": _("Vul in wie de route aanbiedt.")}
    )
    start_on = date_field(_("Start"))
    hours_per_week = forms.DecimalField(
        label=_("Uren per week"),
        min_value=Decimal(0),
        max_value=Decimal(40),
        decimal_places=1,
        error_messages={"required": _("Vul het aantal uren per week in.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"start_on": today()})
        super().__init__(*args, **kwargs)

    def needed_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("needed_kind", "needed_hours_per_week", "needed_summary")]

    def offered_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("kind", "offered_summary", "provider", "start_on", "hours_per_week")]


class RouteOutcomeForm(WorkForm):
    prefix = "uitkomst"

    outcome = forms.ChoiceField(
        label=_("Waar is het kind terechtgekomen?"),
        choices=[("", _("Kies…"))] + [(k, v) for k, v in RouteOutcome.choices if k != RouteOutcome.LOPEND],
        error_messages={"required": _("Kies waar het kind terecht is gekomen.")},
    )
    on = date_field("Op")
    note = text_area(_("Toelichting"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"on": today()})
        super().__init__(*args, **kwargs)


class RhythmForm(WorkForm):
    prefix = "ritme"

    weeks = forms.IntegerField(
        label=_("Evalueren elke … weken"),
        min_value=1,
        max_value=52,
        help_text=_("Samen met ouders en kind afgesproken (1 tot en met 52)."),
        error_messages={"required": _("Vul in om de hoeveel weken jullie evalueren.")},
    )
    set_on = date_field(_("Afgesproken op"))
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, perspective: Perspective | None = None, **kwargs: Any) -> None:
        initial: dict[str, Any] = {"set_on": today()}
        if perspective is not None:
            initial.update(expected_version=perspective.version, weeks=perspective.evaluation_every_weeks)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)


# ---------------------------------------------------------------- escalation


class EscalateForm(WorkForm):
    prefix = "escaleren"

    reason = text_area(
        _("Waarom escaleer je?"),
        help_text=_("Wat zit vast, en welk besluit is nodig? De ouders kunnen dit lezen."),
    )
    on = date_field(_("Datum"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"on": today()})
        super().__init__(*args, **kwargs)


def decision_owners(case: Case, swv: Samenwerkingsverband | None) -> QuerySet[User]:
    """Who can carry out a decision: professionals in the circle, and the people of the SWV."""
    in_circle = CircleMember.objects.filter(case=case, active=True, user__isnull=False).values("user_id")
    q = Q(pk__in=in_circle)
    if swv is not None:
        q |= Q(organisation_id=swv.pk)
    return (
        User.objects.filter(q, is_active=True)
        .exclude(role__in=list(FAMILY_ROLES))
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


class DecisionForm(WorkForm):
    decision = text_area(_("Besluit"), help_text=_("Wat gaat er gebeuren? In gewone woorden."), rows=4)
    owner = UserChoiceField(
        label=_("Wie voert het uit?"),
        queryset=User.objects.none(),
        empty_label=_("Kies…"),
        error_messages={"required": _("Kies wie het besluit uitvoert.")},
    )
    due_on = date_field(_("Uitgevoerd uiterlijk"))
    decided_on = date_field(_("Besloten op"))

    def __init__(
        self, *args: Any, case: Case, escalation_id: int, swv: Samenwerkingsverband | None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {"decided_on": today()})
        kwargs.setdefault("prefix", f"besluit-{escalation_id}")
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = decision_owners(case, swv)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- the pages the work views share


def case_url(case: Case, fragment: str = "") -> str:
    """The case page (the colleague's `cases:detail`), at the panel the work belongs to."""
    return reverse("cases:detail", args=[case.pk]) + (f"#{fragment}" if fragment else "")


def finish(request: HttpRequest, case: Case, message: str, fragment: str) -> HttpResponse:
    """After a successful act: say what happened and go back to the case page."""
    messages.success(request, message)
    return redirect(case_url(case, fragment))


def form_page(
    request: HttpRequest,
    *,
    user: User,
    case: Case,
    form: forms.BaseForm,
    perform: Callable[[dict[str, Any]], T],
    done: Callable[[T], str],
    fragment: str,
    title: str,
    submit: str,
    intro: str = "",
    template: str = "cases/work/form.html",
    danger: bool = False,
    extra: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """A form on its own page, the flow every work form shares: a valid post calls the service
    (`perform`, given the cleaned data) and goes back to the case page with the message `done`
    makes of the service's result. Otherwise (a GET, input that is not valid, a refusal of the
    service) the page shows the form, with the refusal and what was typed. Works without
    JavaScript; the panels' forms on the case page post here."""
    denied = False
    if form.is_bound and form.is_valid():
        outcome = run_service(form, lambda: perform(form.cleaned_data))
        if outcome.done:
            return finish(request, case, done(cast(T, outcome.result)), fragment)
        denied = outcome.denied
    audit_form_view(request, user, case)
    context = {
        "case": case,
        "child": case.child,
        "form": form,
        "title": title,
        "intro": intro,
        "submit": submit,
        "danger": danger,
        "back_url": case_url(case, fragment),
        **(extra or {}),
    }
    return render(request, template, context, status=403 if denied else 200)


def audit_form_view(request: HttpRequest, user: User, case: Case) -> None:
    """Opening a form page shows the child's data: leave the same audit line as the case page."""
    from .audit import PURPOSE_REGIE, case_viewed

    if request.method == "GET":
        case_viewed(actor=user, case=case, purpose=PURPOSE_REGIE)


def work_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Show a refusal of the access policy with its reason (status 403), not a bare error page."""
    from functools import wraps

    from django.contrib.auth.decorators import login_required

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            return render(request, "cases/work/denied.html", {"reason": str(exc) or NOT_EDITOR}, status=403)

    return login_required(wrapped)
