from django.apps import AppConfig


class OidcConfig(AppConfig):
    name = "kring.accounts.oidc"
    label = "kring_oidc"
    verbose_name = "Inloggen via OpenID Connect"
    default_auto_field = "django.db.models.BigAutoField"
