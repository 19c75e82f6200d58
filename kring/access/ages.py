"""The ages at which a child's rights over their own file change: pure functions, no database.

| age on the day  | the child                                      | the parents (legal representatives)     |
| --------------- | ---------------------------------------------- | --------------------------------------- |
| under 12        | no account of their own                        | see the file; with gezag they act       |
| 12 to 15        | their own view in child-friendly words: the    | see the file; with gezag they act       |
|                 | plan, the circle, the meetings, agreements     | (consent, a zienswijze for the child)   |
| 16 and 17       | the whole file, like a parent; they decide on  | see the file (gezag, or art. 1:377c BW  |
|                 | consent themselves (UAVG art. 5)               | without it); they no longer act for it  |
| 18 and older    | the whole file                                 | nothing: the child is of age            |

The sources and the reasoning are in docs/adr/0018-family-accounts-gezag-and-age.md.

A child born on 29 February is a year older on 1 March in a year without 29 February (the day
after 28 February): the age is the number of birthdays reached, and (month, day) on the day is
compared with (month, day) of the birth. This is the same rule as `children.selectors.age_on`.
"""

from __future__ import annotations

from datetime import date

__all__ = [
    "FULL_RIGHTS_AGE",
    "MAJORITY_AGE",
    "OWN_ACCOUNT_AGE",
    "age_on",
    "birthday",
    "born_on_or_before",
]

OWN_ACCOUNT_AGE = 12  # own access: to be heard and to see their plan in child-friendly words
FULL_RIGHTS_AGE = 16  # full rights over their own data (UAVG art. 5 lid 1)
MAJORITY_AGE = 18  # of age: gezag ends (art. 1:233 BW)


def age_on(birth_date: date, day: date) -> int:
    """The age in whole years on `day` (0 before the first birthday; negative before birth)."""
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1)


def born_on_or_before(age: int, day: date) -> date:
    """The latest birth date of a child who is at least `age` on `day`: a child is `age` or older
    exactly when their birth date is on or before this date (the policy's queries use it)."""
    year = day.year - age
    if day.month == 2 and day.day == 29:
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)  # born 29 February in a leap year: only on 1 March
    return date(year, day.month, day.day)


def birthday(birth_date: date, age: int) -> date:
    """The day the child turns `age` (1 March for a 29 February birth in a year without it)."""
    try:
        return birth_date.replace(year=birth_date.year + age)
    except ValueError:
        return date(birth_date.year + age, 3, 1)
