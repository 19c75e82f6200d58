"""`kring enrolment_link USERNAME`: the operator's way to let a person (e.g. the first functioneel
beheerder) connect their first authenticator app. Prints the one-time link and mails it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kring.accounts import services
from kring.accounts.models import User


class Command(BaseCommand):
    help = "Maak een eenmalige inschrijflink voor tweestapsverificatie en stuur die per e-mail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"Geen actief account met gebruikersnaam {options['username']!r}.")
        url = services.issue_enrolment_link(actor=None, user=user)
        self.stdout.write(url)
