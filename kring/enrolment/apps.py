from django.apps import AppConfig


class EnrolmentConfig(AppConfig):
    name = "kring.enrolment"
    label = "enrolment"
    verbose_name = "Aanmelding en zorgplicht"
