"""Fast constructors for the engine's frozen, slotted dataclasses (events and results).

A frozen dataclass's `__init__` sets every field through `object.__setattr__`, the price of
`frozen=True`: about 1.5 µs for an event of five fields, 2 µs for an `Obligation`. The parser builds
about 27 events and the domains about 9 obligations per timeline, so that was a tenth of an
assessment. `fast_constructor(cls)` returns a function with the same parameters as `cls(...)`
(names, defaults, keyword-only or not) that builds the same object by storing each value straight
into its slot (the slot descriptor's `__set__`), which a frozen class allows. The objects are the
same in every way: same class, still frozen, equal and hashing alike; only the time differs.

The function is generated from the dataclass's fields, the way `dataclasses` generates `__init__`.
Only for classes without `__post_init__` and without `default_factory` fields (checked).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar, cast

_P = ParamSpec("_P")
_T = TypeVar("_T")


def _slot(cls: type, name: str) -> Any:
    """The slot descriptor of `name` (it lives on the class of the MRO that declares the field)."""
    for klass in cls.__mro__:
        if name in vars(klass):
            return vars(klass)[name]
    raise TypeError(f"{cls.__name__} has no slot {name!r}")  # pragma: no cover


def fast_constructor(cls: Callable[_P, _T]) -> Callable[_P, _T]:
    """A function `make(...)` with `cls`'s constructor parameters: `make(...) == cls(...)`, faster.

    Typed like `cls` itself, so calls of `make` are checked against the dataclass's fields."""
    if not isinstance(cls, type) or not dataclasses.is_dataclass(cls) or "__slots__" not in vars(cls):
        raise TypeError(f"{cls.__name__}: only for dataclasses with slots=True")
    params = dataclasses.fields(cls)
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: has __post_init__, use the class itself")
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    positional: list[str] = []
    keyword: list[str] = []
    body = ["    _o = _new(_cls)"]
    for f in params:
        if f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: default_factory is not supported")
        param = f.name
        if f.default is not dataclasses.MISSING:
            namespace[f"_default_{f.name}"] = f.default
            param += f"=_default_{f.name}"
        (keyword if f.kw_only else positional).append(param)
        namespace[f"_set_{f.name}"] = _slot(cls, f.name).__set__
        body.append(f"    _set_{f.name}(_o, {f.name})")
    signature = ", ".join(positional + (["*", *keyword] if keyword else []))
    source = f"def make({signature}):\n" + "\n".join(body) + "\n    return _o\n"
    exec(source, namespace)  # noqa: S102 - source built above from the class's own field names
    make = namespace["make"]
    make.__qualname__ = make.__name__ = f"new_{cls.__name__}"
    make.__doc__ = f"`{cls.__name__}(...)` without the frozen __init__ (kring.rules.construct)."
    return cast("Callable[_P, _T]", make)


__all__ = ["fast_constructor"]
