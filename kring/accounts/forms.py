"""Forms for logging in: password step and the two-factor code."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.web.forms import KringFormMixin


class LoginForm(KringFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "De gebruikersnaam of het wachtwoord klopt niet. Let op hoofdletters en kleine letters."
        ),
        "inactive": _(
            "Dit account is niet actief. Vraag de functioneel beheerder van je organisatie om hulp."
        ),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        from kring.accounts.oidc.services import professionals_may_use_password

        # KRING_OIDC_PROFESSIONALS=oidc: professionals log in only through the identity provider
        # (a superuser keeps the password and app code, for when the provider is down).
        if user.is_professional and not user.is_superuser and not professionals_may_use_password():
            raise forms.ValidationError(
                _("Als professional log je in via de knop hierboven, niet met een wachtwoord."),
                code="oidc_required",
            )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username, password = self.fields["username"], self.fields["password"]
        username.label = _("Gebruikersnaam")
        username.error_messages["required"] = _("Vul je gebruikersnaam in.")
        username.widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        )
        username.widget.attrs.pop("autofocus", None)
        password.label = _("Wachtwoord")
        password.error_messages["required"] = _("Vul je wachtwoord in.")


TOKEN_PATTERN = re.compile(r"^\d{6}$")


class TokenForm(KringFormMixin, forms.Form):
    """A 6-digit code from the authenticator app, checked against one TOTP device."""

    code = forms.CharField(
        label=_("Code uit je app"),
        help_text=_("6 cijfers. De code verandert elke 30 seconden."),
        max_length=16,
        error_messages={"required": _("Vul de code van 6 cijfers uit je app in.")},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "class": "kring-textbox--code",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args: Any, device: TOTPDevice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not TOKEN_PATTERN.match(code):
            raise forms.ValidationError(_("Vul precies 6 cijfers in, zonder letters."), code="format")
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Er zijn te veel verkeerde codes ingevuld. Wacht een minuut en probeer het dan opnieuw."),
                code="throttled",
            )
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _("Deze code klopt niet of is verlopen. Vul de code in die je app nu laat zien."),
                code="invalid",
            )
        return code


class AcceptInvitationForm(KringFormMixin, forms.Form):
    """Making a family account from an invitation: contact details (shown in the circle), a password
    (Django's validators, in the service) and, if they want, an authenticator app."""

    email = forms.EmailField(
        label=_("Je e-mailadres"),
        help_text=_("Hiermee log je in. De mensen in de kring zien het, zodat ze je kunnen bereiken."),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
    )
    phone = forms.CharField(
        label=_("Je telefoonnummer"),
        max_length=40,
        required=False,
        help_text=_("De mensen in de kring zien het, zodat ze je kunnen bellen."),
    )
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 12 tekens. Gebruik geen wachtwoord dat je al ergens anders gebruikt."),
        error_messages={"required": _("Kies een wachtwoord.")},
    )
    password2 = forms.CharField(
        label=_("Typ het wachtwoord nog een keer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Typ het wachtwoord nog een keer.")},
    )
    totp = forms.BooleanField(
        label=_("Ik wil ook inloggen met een code uit een app op mijn telefoon (extra veilig)"),
        required=False,
    )

    def __init__(
        self, *args: Any, existing_account: bool = False, offer_totp: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        if existing_account:  # logged in already: the account has its password
            del self.fields["password1"], self.fields["password2"], self.fields["totp"]
        elif not offer_totp:
            del self.fields["totp"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        passwords = (data.get("password1"), data.get("password2"))
        if "password1" in self.fields and all(passwords) and passwords[0] != passwords[1]:
            self.add_error("password2", _("De twee wachtwoorden zijn niet hetzelfde. Typ ze opnieuw."))
        return data
