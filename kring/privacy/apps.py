from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "kring.privacy"
    label = "privacy"

    def ready(self) -> None:
        # Every app declares its audit event kinds in its own `audit` module; import them all now,
        # so each code is registered (for writing and rendering) before the first request.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("audit")
        from .rights import audit as rights_audit  # noqa: F401  (the rights requests' events)
