from django.apps import AppConfig


class TimetableConfig(AppConfig):
    name = "kring.timetable"
    label = "timetable"
    verbose_name = "Afwijking van de onderwijstijd (minder uren onderwijs)"
