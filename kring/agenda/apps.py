from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "kring.agenda"
    label = "agenda"
