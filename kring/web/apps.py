from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "kring.web"
    label = "web"
