"""Forms of the family's accounts: inviting a parent or the child, recording gezag. Parse only:
the services in `kring.children.invitations` decide and refuse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.web.forms import KringFormMixin, date_widget

from .models import Child, Gezag, LegalRepresentative


class InviteParentForm(KringFormMixin, forms.Form):
    representative = forms.ModelChoiceField(
        label=_("Ouder of verzorger"),
        queryset=LegalRepresentative.objects.none(),
        required=False,
        empty_label=_("Iemand anders (vul hieronder de naam in)"),
        help_text=_("Kies iemand die al bij het kind is vastgelegd, of vul een nieuwe naam in."),
    )
    name = forms.CharField(label=_("Naam"), max_length=200, required=False)
    relation = forms.CharField(
        label=_("Relatie tot het kind"),
        max_length=60,
        required=False,
        help_text=_("Bijvoorbeeld: moeder, vader, voogd."),
    )
    gezag = forms.ChoiceField(label=_("Gezag"), choices=Gezag.choices, initial=Gezag.GEZAG, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={
            "required": _("Vul het e-mailadres in. Daar sturen we de uitnodiging naartoe."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["representative"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = LegalRepresentative.objects.filter(child=child, user__isnull=True).order_by("name")
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class InviteChildForm(KringFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van het kind"),
        error_messages={
            "required": _("Vul het e-mailadres in. Daar sturen we de uitnodiging naartoe."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its own ids: the family page shows it beside the parent's form, whose e-mail field would
        # otherwise have the same id (and this label would point at the parent's field).
        kwargs.setdefault("auto_id", "id_kind_%s")
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class GezagForm(KringFormMixin, forms.Form):
    gezag = forms.ChoiceField(label=_("Gezag"), choices=Gezag.choices)
    gezag_on = forms.DateField(
        label=_("Vastgesteld op"),
        required=False,
        widget=date_widget(),
        help_text=_("De dag waarop je het gezag hebt nagekeken, bijvoorbeeld in het gezagsregister."),
    )

    def __init__(self, *args: Any, prefix: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, prefix=prefix, **kwargs)
