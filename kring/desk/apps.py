from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "kring.desk"
    label = "desk"
    verbose_name = "Ouder- en jeugdsteunpunt"
