"""The forms of toestemming (consent): they only parse input; the service checks it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.access import policy
from kring.accounts.models import User
from kring.cases.models import CircleMember
from kring.children.models import Child
from kring.privacy.models import ConsentCategory
from kring.web.forms import KringFormMixin, date_widget

OTHER = "anders"
# A consent is asked for three months unless the family chooses otherwise.
DEFAULT_DAYS = 91


def circle_recipients(child: Child) -> list[CircleMember]:
    """The members of the circle the family may choose as recipient (the access policy says who)."""
    return list(policy.consent_recipient_members(child))


class PeriodMixin(forms.Form):
    stated_purpose = forms.CharField(
        label=_("Waarvoor mag de ontvanger de gegevens gebruiken?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
    )
    categories = forms.MultipleChoiceField(
        label=_("Wat mag de ontvanger zien?"),
        choices=ConsentCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    valid_from = forms.DateField(label=_("Vanaf"), widget=date_widget(), required=False)
    valid_until = forms.DateField(label=_("Tot en met"), widget=date_widget(), required=False)

    def set_period(self) -> None:
        today = timezone.localdate()
        self.fields["valid_from"].initial = today
        self.fields["valid_until"].initial = today + timedelta(days=DEFAULT_DAYS)


class ConsentForm(KringFormMixin, PeriodMixin):
    """The family gives consent: to whom, what for, which parts, for how long."""

    use_required_attribute = False

    recipient = forms.ChoiceField(label=_("Met wie deel je?"), required=False)
    recipient_name = forms.CharField(
        label=_("Iemand anders: naam van de persoon of organisatie"), max_length=200, required=False
    )

    field_order = ["recipient", "recipient_name", "stated_purpose", "categories", "valid_from", "valid_until"]

    def __init__(self, data: Any, *, child: Child) -> None:
        super().__init__(data)
        self.members = {str(m.user_id): m for m in circle_recipients(child)}
        choices = [
            (key, f"{m.user.display_name}{f' ({m.organisation.name})' if m.organisation else ''}")
            for key, m in self.members.items()
            if m.user is not None
        ]
        self.fields["recipient"].choices = [*choices, (OTHER, _("Iemand anders (vul hieronder de naam in)"))]  # type: ignore[attr-defined]
        self.fields["recipient"].initial = choices[0][0] if choices else OTHER
        self.set_period()

    def recipient_values(self) -> dict[str, Any]:
        """The service's recipient arguments for what was chosen."""
        member = self.members.get(self.cleaned_data.get("recipient") or "")
        if member is None or member.user is None:
            return {"recipient_name": self.cleaned_data.get("recipient_name", "")}
        user: User = member.user
        organisation = member.organisation or user.organisation
        name = user.display_name + (f" ({organisation.name})" if organisation else "")
        return {"recipient_user": user, "recipient_organisation": organisation, "recipient_name": name}


class RequestConsentForm(KringFormMixin, PeriodMixin):
    """A professional asks the family for consent, for themselves."""

    use_required_attribute = False

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        self.set_period()


class ConfirmForm(KringFormMixin, forms.Form):
    """A confirmation step has nothing to fill in."""
