from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "kring.attendance"
    label = "attendance"
    verbose_name = "Aanwezigheid en verzuim"
