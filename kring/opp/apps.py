from django.apps import AppConfig


class OppConfig(AppConfig):
    name = "kring.opp"
    label = "opp"
    verbose_name = "Ontwikkelingsperspectiefplan (OPP)"
