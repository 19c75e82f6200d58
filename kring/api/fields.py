"""Choice fields that appear in the schema as ONE named enum component each (e.g. `CaseStatus`),
wherever they are used and whatever the field is called (`status`, `to_status`, ...)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import TextChoices
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class EnumChoiceField(serializers.ChoiceField):
    pairs: ClassVar[list[tuple[str, str]]] = []

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=self.pairs, **kwargs)


def enum_field(choices: type[TextChoices] | list[tuple[str, str]], name: str) -> type[EnumChoiceField]:
    """A ChoiceField class for `choices`, documented as the schema component `name`."""
    pairs = [(str(v), str(label)) for v, label in (choices.choices if isinstance(choices, type) else choices)]
    description = "\n".join(f"* `{value}` - {label}" for value, label in pairs)
    schema = {"type": "string", "enum": [value for value, _label in pairs], "description": description}
    field_class = type(f"{name}Field", (EnumChoiceField,), {"pairs": pairs})
    return extend_schema_field(schema, component_name=name)(field_class)
