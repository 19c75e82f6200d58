"""The fast constructors (kring.rules.construct) build the very objects the classes build."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from kring.rules import facts, results
from kring.rules.construct import fast_constructor
from kring.rules.facts import EVENT_TYPES, Afwezig, Reden, Scenario, parse_event
from kring.rules.results import Obligation, ObligationStatus

D = date(2025, 3, 4)


def sample_values(cls: type) -> dict[str, object]:
    """A value for every field of `cls` (not its default, so a swapped field would show)."""
    values: dict[str, object] = {}
    for n, f in enumerate(dataclasses.fields(cls)):
        hint = str(f.type)
        if f.name == "index":
            values[f.name] = 7
        elif "date" in hint:
            values[f.name] = date(2025, 3, 4 + n)
        elif "bool" in hint:
            values[f.name] = True
        elif "Decimal" in hint:
            values[f.name] = Decimal("2.5")
        elif "int" in hint:
            values[f.name] = 10 + n
        elif "tuple" in hint:
            values[f.name] = ("route",)
        else:
            values[f.name] = f"value of {f.name}"
    return values


RESULT_TYPES = (
    results.Leerplicht,
    results.Thuiszitter,
    results.Verborgen,
    results.Obligation,
    results.Violation,
    results.Assessment,
    results.Tlv,
    results.Termijn,
    results.Bewaartermijn,
)


@pytest.mark.parametrize("cls", EVENT_TYPES + RESULT_TYPES, ids=lambda c: c.__name__)
def test_same_object_as_the_class(cls: type) -> None:
    values = sample_values(cls)
    made = fast_constructor(cls)(**values)
    expected = cls(**values)
    assert type(made) is cls
    assert made == expected
    assert repr(made) == repr(expected)
    assert all(getattr(made, name) == value for name, value in values.items())
    first = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, first, values[first])


def test_same_parameters_as_the_class() -> None:
    new_obligation = fast_constructor(Obligation)
    args = ("LPW-21", "De Brug", D, ObligationStatus.OPEN, "Leerplichtwet", "tekst", D)
    assert new_obligation(*args) == Obligation(*args)  # defaults of fulfilled_on and missing
    assert new_obligation(*args, fulfilled_on=D) == Obligation(*args, fulfilled_on=D)
    assert hash(new_obligation(*args)) == hash(Obligation(*args))
    with pytest.raises(TypeError):
        new_obligation(*args[:3])  # type: ignore[call-arg]  # a missing field, as with the class
    new_afwezig = fast_constructor(Afwezig)
    assert new_afwezig(index=1, date=D, reden=Reden.ZIEK) == Afwezig(index=1, date=D, reden=Reden.ZIEK)
    with pytest.raises(TypeError):
        new_afwezig(1, D, Reden.ZIEK)  # type: ignore[misc]  # keyword-only, as with the class


def test_only_for_slotted_dataclasses_without_post_init() -> None:
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    with pytest.raises(TypeError):
        fast_constructor(NoSlots)
    with pytest.raises(TypeError):
        fast_constructor(Scenario)  # __post_init__ normalises its fields


def test_the_parser_builds_every_type_with_them() -> None:
    assert set(facts._NEW) == set(EVENT_TYPES)
    event = parse_event({"type": "afwezig", "date": "2025-03-04", "reden": "ziek", "to": "2025-03-06"}, 3)
    assert event == Afwezig(index=3, date=D, reden=Reden.ZIEK, to=date(2025, 3, 6))
