"""The date rules of Kring: pure functions (no database), used by the services.

- A *past act* (a case opened, a regievoerder appointed, a meeting held, a perspective set, a route
  started, an enrolment, an absence, someone joining the circle, ...) has happened: it cannot be
  dated in the future.
- Nothing about a child can be dated before its birth.
- Far-off dates are typing errors: more than `YEARS_BACK` years ago, or, for a date that may lie
  ahead (a due date, the end of an absence, a suspension decided before it starts), more than
  `YEARS_AHEAD` years ahead.

Each check returns the first rule a date breaks as one plain Dutch sentence (B1) that says why and
what to do, or None. `refuse` turns the problems into one `Refused` (`kring.core.errors`) with a
message per field, so a form and the API show it next to the field.
"""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kring.core.errors import Refused

__all__ = [
    "YEARS_AHEAD",
    "YEARS_BACK",
    "birth_date_problem",
    "date_problem",
    "earliest",
    "latest",
    "refuse",
    "refuse_past_acts",
]

YEARS_BACK = 100
YEARS_AHEAD = 2


def _years_from(day: date, years: int) -> date:
    """`day` moved by whole years; 29 February becomes 28 February in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def earliest(today: date) -> date:
    """The earliest date Kring accepts: `YEARS_BACK` years before today."""
    return _years_from(today, -YEARS_BACK)


def latest(today: date) -> date:
    """The latest date Kring accepts for a date that may lie ahead: `YEARS_AHEAD` years from today."""
    return _years_from(today, YEARS_AHEAD)


def _in_words(day: date) -> str:
    return date_format(day, "j F Y")


def date_problem(day: date, *, today: date, past_act: bool, birth_date: date | None = None) -> str | None:
    """What is wrong with `day` for something about a child (born on `birth_date`, when known),
    or None. `past_act`: it has happened, so it cannot lie after `today`."""
    if birth_date is not None and day < birth_date:
        return _(
            "Deze datum ligt voor de geboortedatum van het kind (%(geboren)s). Iets over het kind kan "
            "niet eerder zijn gebeurd. Kijk de datum na."
        ) % {"geboren": _in_words(birth_date)}
    if day < earliest(today):
        return _(
            "Deze datum ligt meer dan %(jaren)s jaar terug. Dat kan niet kloppen. Kijk het jaartal na."
        ) % {"jaren": YEARS_BACK}
    if past_act and day > today:
        return _(
            "Deze datum ligt in de toekomst. Dit is al gebeurd, dus de datum is vandaag of eerder. "
            "Vul de datum in waarop het is gebeurd."
        )
    if day > latest(today):
        return _(
            "Deze datum ligt meer dan %(jaren)s jaar in de toekomst. Dat kan niet kloppen. Kijk het "
            "jaartal na."
        ) % {"jaren": YEARS_AHEAD}
    return None


def birth_date_problem(day: date, *, today: date) -> str | None:
    """What is wrong with a birth date, or None: not in the future, not more than 100 years ago."""
    if day > today:
        return _("De geboortedatum ligt in de toekomst. Kijk de datum na.")
    if day < earliest(today):
        return _(
            "Deze geboortedatum ligt meer dan %(jaren)s jaar terug. Dat kan niet kloppen. Kijk het "
            "jaartal na."
        ) % {"jaren": YEARS_BACK}
    return None


def refuse(**problems: str | None) -> None:
    """Raise a `Refused` `{field: [message]}` for every field whose problem is not None."""
    found = {name: [message] for name, message in problems.items() if message}
    if found:
        raise Refused.many(found, code="date")


def refuse_past_acts(*, today: date, birth_date: date | None = None, **acts: date) -> None:
    """Raise a `Refused` `{field: [message]}` for each of `acts` (field=day, all past acts
    about a child born on `birth_date`) that breaks a rule."""
    refuse(
        **{
            name: date_problem(day, today=today, past_act=True, birth_date=birth_date)
            for name, day in acts.items()
        }
    )
