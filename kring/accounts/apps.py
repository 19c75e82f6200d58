from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kring.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_save

        from .admin_trace import record_admin_change

        post_save.connect(record_admin_change, sender=LogEntry, dispatch_uid="kring-admin-trace")
