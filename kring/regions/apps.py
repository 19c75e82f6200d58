from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "kring.regions"
    label = "regions"
