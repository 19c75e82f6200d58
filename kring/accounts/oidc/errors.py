"""Why a login through the provider was refused: a code for the logbook, a sentence for the person."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# code -> what the person reads. The code goes into the logbook; never a token, claim or subject.
REASONS: dict[str, Promise] = {
    "state": _("Deze inlogpoging is verlopen of niet in deze browser begonnen. Begin opnieuw met inloggen."),
    "cancelled": _("Het inloggen is afgebroken. Je bent niet ingelogd."),
    "provider_error": _("De inlogdienst meldt een fout. Probeer het later opnieuw."),
    "unreachable": _("De inlogdienst is nu niet bereikbaar. Probeer het later opnieuw."),
    "code_rejected": _("De inlogcode is al gebruikt of verlopen. Begin opnieuw met inloggen."),
    "signature": _("Het bewijs van de inlogdienst klopt niet (de handtekening). Je bent niet ingelogd."),
    "issuer": _("Het bewijs komt niet van de ingestelde inlogdienst. Je bent niet ingelogd."),
    "audience": _("Het bewijs van de inlogdienst is niet voor Kring bedoeld. Je bent niet ingelogd."),
    "expired": _("Het bewijs van de inlogdienst is verlopen. Begin opnieuw met inloggen."),
    "issued_at": _("Het bewijs van de inlogdienst heeft een onjuiste tijd. Begin opnieuw met inloggen."),
    "nonce": _("Het bewijs hoort niet bij deze inlogpoging. Begin opnieuw met inloggen."),
    "token": _("Het bewijs van de inlogdienst is onvolledig of onleesbaar. Je bent niet ingelogd."),
    "inactive": _("Dit account is niet actief. Vraag de functioneel beheerder van je organisatie om hulp."),
    "professional_password": _(
        "Als professional log je in met je gebruikersnaam, wachtwoord en de code uit je app."
    ),
    "level": _(
        "Je bent ingelogd op een te laag niveau. Log opnieuw in met de DigiD app of met sms-controle."
    ),
    "already_linked": _("Dit account is al gekoppeld aan een andere inlog. Vraag je beheerder om hulp."),
}


class OidcLoginError(Exception):
    """The login through the provider is refused; `code` is one of REASONS."""

    def __init__(self, code: str) -> None:
        if code not in REASONS:
            raise ValueError(f"unknown OIDC refusal code {code!r}")
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> Promise:
        return REASONS[self.code]
