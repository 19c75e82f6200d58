from django.apps import AppConfig


class PlacementConfig(AppConfig):
    name = "kring.placement"
    label = "placement"
    verbose_name = "Plaatsing: TLV, wachtlijsten en ondersteuningsprofielen"
