from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "kring.reference"
    label = "reference"
