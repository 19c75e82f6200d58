from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "kring.portal"
    label = "portal"
