"""The `kring` command: Django's manage.py with Kring's own subcommands.

- `kring rules ...` runs the rules engine directly (no database needed).
- `kring import reference` is the management command `import_reference` (`import` is a Python keyword).
- everything else (`kring demo`, `kring tick`, `kring runserver`, `kring migrate`, ...) goes to Django.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] == "rules":
        from kring.rules.cli import main as rules_main

        return rules_main(args[2:])
    if len(args) > 2 and args[1] == "import":
        args = [args[0], f"import_{args[2]}", *args[3:]]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kring.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
