from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "kring.organisations"
    label = "organisations"
