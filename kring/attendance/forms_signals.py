"""The forms of the signal pages: they only parse input; the services decide (`services.signals`,
`services.meldingen`). Field names are the services' input names, so a refusal lands on its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kring.cases.forms_work import WorkForm, date_field, text_area
from kring.cases.models import Case
from kring.organisations.models import SchoolLocation
from kring.web.forms import KringFormMixin

from .models import AttendanceSignal, SignalKind, SignalStatus, VerzuimMelding


class SchoolChoiceField(forms.ModelChoiceField[SchoolLocation]):
    def label_from_instance(self, obj: SchoolLocation) -> str:
        return obj.organisation.name


class FilterForm(KringFormMixin, forms.Form):
    use_required_attribute = False

    q = forms.CharField(label=_("Zoek op naam van de leerling"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle statussen")), *SignalStatus.choices]
    )
    kind = forms.ChoiceField(
        label=_("Soort signaal"), required=False, choices=[("", _("Alle soorten")), *SignalKind.choices]
    )
    school = SchoolChoiceField(
        label=_("School"),
        required=False,
        queryset=SchoolLocation.objects.none(),
        empty_label=_("Alle scholen"),
    )

    def __init__(self, data: Any, *, schools: QuerySet[SchoolLocation]) -> None:
        super().__init__(data)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        if schools.count() < 2:
            del self.fields["school"]


class VersionForm(WorkForm):
    """Seen: only the version the person saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data: Any, *, signal: AttendanceSignal, prefix: str = "gezien") -> None:
        super().__init__(data, auto_id=f"{prefix}-%s", initial={"version": signal.version})


class CaseChoiceField(forms.ModelChoiceField[Case]):
    def label_from_instance(self, obj: Case) -> str:
        return str(
            _("Casus van %(name)s, geopend op %(day)s")
            % {"name": obj.child.first_name, "day": obj.opened_on.strftime("%d-%m-%Y")}
        )


class LinkForm(WorkForm):
    case = CaseChoiceField(
        label=_("Open casus van de leerling"),
        queryset=Case.objects.none(),
        error_messages={"required": _("Kies de casus."), "invalid_choice": _("Kies een casus uit de lijst.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data: Any, *, signal: AttendanceSignal, cases: QuerySet[Case]) -> None:
        super().__init__(data, auto_id="koppelen-%s", initial={"version": signal.version})
        self.fields["case"].queryset = cases.select_related("child")  # type: ignore[attr-defined]


class OpenCaseForm(WorkForm):
    """A case from the signal; for a pupil not yet in Kring also the BSN (checked against the
    signal's pupil) and since when the pupil is enrolled."""

    bsn = forms.CharField(
        label=_("BSN van de leerling"),
        max_length=20,
        help_text=_(
            "Kring bewaart van deze leerling alleen een versleutelde code van het BSN. Typ het BSN over uit "
            "de leerlingadministratie; Kring controleert of het bij dit signaal hoort."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    enrolled_on = date_field(_("Ingeschreven op school sinds"))
    birth_date = date_field(_("Geboortedatum"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data: Any, *, signal: AttendanceSignal) -> None:
        initial = {
            "version": signal.version,
            "enrolled_on": signal.source.period_start,
            "birth_date": signal.pupil_birth_date,
        }
        super().__init__(data, auto_id="casus-%s", initial=initial)
        if signal.child_id is not None:
            for name in ("bsn", "enrolled_on", "birth_date"):
                del self.fields[name]
        elif signal.pupil_birth_date is not None:
            del self.fields["birth_date"]


class DismissForm(WorkForm):
    reason = text_area(
        _("Waarom hoeft er niets te gebeuren?"),
        rows=4,
        help_text=_("Bijvoorbeeld: de leerling was met toestemming afwezig, of de gegevens kloppen niet."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data: Any, *, signal: AttendanceSignal) -> None:
        super().__init__(data, auto_id="afwijzen-%s", initial={"version": signal.version})


class MeldingForm(WorkForm):
    start = date_field(_("Eerste dag van het verzuim"))
    end = date_field(_("Laatste dag van het verzuim"), required=False)
    presumed_kind = forms.CharField(label=_("Vermoedelijke soort verzuim"), max_length=60)
    presumed_reason = text_area(
        _("Vermoedelijke reden van het verzuim"),
        required=False,
        help_text=_("Wat denkt de school dat de reden is? Schrijf geen BSN of medische details op."),
    )
    school_actions = text_area(
        _("Wat de school al heeft gedaan"),
        required=False,
        rows=4,
        help_text=_("Bijvoorbeeld: gesprek met de leerling, de ouders gebeld, de jeugdarts ingeschakeld."),
    )
    municipal_action_wanted = forms.BooleanField(
        label=_("De school wil dat de gemeente (leerplicht) iets doet"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data: Any, *, melding: VerzuimMelding) -> None:
        super().__init__(
            data,
            auto_id="melding-%s",
            initial={
                "start": melding.start,
                "end": melding.end,
                "presumed_kind": melding.presumed_kind,
                "presumed_reason": melding.presumed_reason,
                "school_actions": melding.school_actions,
                "municipal_action_wanted": melding.municipal_action_wanted,
                "version": melding.version,
            },
        )


class SubmittedForm(WorkForm):
    submitted_on = date_field(_("Ingediend bij DUO op"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data: Any, *, melding: VerzuimMelding, today: Any) -> None:
        super().__init__(
            data, auto_id="ingediend-%s", initial={"version": melding.version, "submitted_on": today}
        )
