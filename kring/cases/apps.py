from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "kring.cases"
    label = "cases"
