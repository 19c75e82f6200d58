from django.apps import AppConfig


class OidcConfig(AppConfig):
    name = "kring.accounts.oidc"
    label = "kring_oidc"
    verbose_name = "Inloggen via OpenID Connect"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the configuration check)
