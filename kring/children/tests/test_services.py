"""Registering and changing a child: validation, encrypted BSN, optimistic locking, audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from kring.children.models import Child, LegalRepresentative
from kring.children.services import ConcurrentEditError, add_representative, create_child, update_child
from kring.organisations.models import Gemeente, OrganisationKind
from kring.privacy.crypto import bsn_lookup_hash, decrypt_bsn
from kring.privacy.models import AuditAction, AuditEvent

from .conftest import BSN_A, BSN_B

pytestmark = pytest.mark.django_db


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def _row_bytes(table: str, pk: int) -> bytes:
    """Everything in one database row, as bytes (binary columns as they are stored)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])  # fixed table names only
        row = cursor.fetchone()
    parts = []
    for value in row:
        if isinstance(value, memoryview | bytes | bytearray):
            parts.append(bytes(value))
        else:
            parts.append(str(value).encode())
    return b"|".join(parts)


# ---------------------------------------------------------------- create_child


def test_create_child_with_everything(actor, make_organisation):
    org = make_organisation(kind=OrganisationKind.GEMEENTE, name="Utrecht")
    gemeente = Gemeente.objects.create(organisation=org, name="Utrecht")
    child = create_child(
        actor=actor,
        first_name=" Noor ",
        last_name="de Vries",
        birth_date=date(2014, 3, 1),
        bsn="1112.22.333",
        postcode="3511 ab",
        gemeente=gemeente,
        vakantieregio="midden",
        representatives=[{"name": "Fatima de Vries", "relation": "moeder", "email": "fatima@example.org"}],
    )
    child.refresh_from_db()
    assert child.first_name == "Noor"
    assert child.postcode == "3511AB" and child.pc4 == "3511"
    assert child.gemeente == gemeente
    assert child.version == 1
    assert child.bsn_hash == bsn_lookup_hash(BSN_A)
    assert child.bsn_encrypted is not None
    assert decrypt_bsn(child.bsn_encrypted) == BSN_A
    rep = LegalRepresentative.objects.get(child=child)
    assert (rep.name, rep.relation, rep.email) == ("Fatima de Vries", "moeder", "fatima@example.org")


def test_bsn_is_never_stored_in_plaintext(make_child):
    child = make_child(bsn=BSN_A)
    assert BSN_A.encode() not in _row_bytes("children_child", child.pk)
    for event in AuditEvent.objects.all():
        assert BSN_A.encode() not in _row_bytes("privacy_auditevent", event.pk)


def test_child_without_bsn(make_child):
    child = make_child(bsn=None)
    assert child.bsn_encrypted is None and child.bsn_hash is None
    assert make_child(bsn="").bsn_hash is None  # a second child without BSN is fine


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"bsn": "123456789"},
            "bsn",
            "Dit BSN bestaat niet: het voldoet niet aan de elfproef. Kijk het nummer na.",
        ),
        ({"bsn": "12345"}, "bsn", "Een BSN bestaat uit 9 cijfers. Kijk het nummer na."),
        (
            {"postcode": "351AB"},
            "postcode",
            "Vul de postcode in als 4 cijfers en 2 letters, bijvoorbeeld 3511 AB.",
        ),
        (
            {"postcode": "0511AB"},
            "postcode",
            "Vul de postcode in als 4 cijfers en 2 letters, bijvoorbeeld 3511 AB.",
        ),
        ({"first_name": "  "}, "first_name", "Vul de voornaam in."),
        ({"last_name": ""}, "last_name", "Vul de achternaam in."),
        ({"vakantieregio": "oost"}, "vakantieregio", "Kies de vakantieregio: noord, midden of zuid."),
        (
            {"birth_date": timezone.localdate() + timedelta(days=1)},
            "birth_date",
            "De geboortedatum ligt in de toekomst. Kijk de datum na.",
        ),
        (
            {"representatives": [{"name": ""}]},
            "representatives[0].name",
            "Vul de naam van de wettelijk vertegenwoordiger in.",
        ),
        (
            {"representatives": [{"name": "Piet", "email": "geen-adres"}]},
            "representatives[0].email",
            "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
        ),
    ],
)
def test_create_child_refuses_invalid_input_with_a_message_on_the_field(make_child, changes, field, message):
    with pytest.raises(ValidationError) as exc:
        make_child(**changes)
    assert _errors(exc) == {field: [message]}
    assert not Child.objects.exists()
    assert not AuditEvent.objects.exists()


def test_several_errors_at_once(make_child):
    with pytest.raises(ValidationError) as exc:
        make_child(first_name="", postcode="x", bsn="1")
    assert set(_errors(exc)) == {"first_name", "postcode", "bsn"}


def test_duplicate_bsn_is_refused_clearly(make_child):
    make_child(bsn=BSN_A)
    with pytest.raises(ValidationError) as exc:
        make_child(bsn="111 222 333", first_name="Ander")
    assert _errors(exc) == {
        "bsn": [
            "Er is al een kind met dit BSN in Kring. Zoek dat kind op in plaats van het opnieuw in te voeren."
        ]
    }
    assert Child.objects.count() == 1


def test_create_child_writes_audit_events_without_the_bsn(make_child, actor):
    child = make_child(bsn=BSN_A, representatives=[{"name": "Kees Testkind"}])
    events = list(AuditEvent.objects.order_by("id"))
    assert [(e.action, e.object_type) for e in events] == [
        (AuditAction.CREATE, "kind"),
        (AuditAction.CREATE, "wettelijk vertegenwoordiger"),
    ]
    for e in events:
        assert e.child_id == child.pk
        assert e.actor == actor and e.actor_name == "Lotte Leerplicht"
        assert e.purpose
        assert BSN_A not in e.message
    assert events[0].message == "De gegevens van Sam Testkind zijn in Kring vastgelegd met BSN."


# ---------------------------------------------------------------- update_child


def test_update_child_changes_fields_and_increments_version(make_child, actor):
    child = make_child()
    update_child(actor=actor, child=child, expected_version=1, postcode="1012 ab", first_name="Samira")
    assert child.version == 2
    stored = Child.objects.get(pk=child.pk)
    assert (stored.first_name, stored.postcode, stored.version) == ("Samira", "1012AB", 2)
    audit = AuditEvent.objects.filter(action=AuditAction.UPDATE).get()
    assert audit.child_id == child.pk
    assert audit.message == "De gegevens van Samira Testkind zijn gewijzigd: voornaam, postcode."


def test_concurrent_edit_is_detected_not_overwritten(make_child, actor):
    child = make_child()
    mine = Child.objects.get(pk=child.pk)
    theirs = Child.objects.get(pk=child.pk)
    update_child(actor=actor, child=theirs, expected_version=theirs.version, last_name="Jansen")
    with pytest.raises(ConcurrentEditError) as exc:
        update_child(actor=actor, child=mine, expected_version=mine.version, last_name="Pietersen")
    assert exc.value.messages == [
        "Iemand anders heeft de gegevens van dit kind intussen gewijzigd. Je wijziging is niet opgeslagen. "
        "Laad de pagina opnieuw, bekijk de nieuwe gegevens en voer je wijziging opnieuw in."
    ]
    assert isinstance(exc.value, ValidationError)  # a form shows it as a normal error
    stored = Child.objects.get(pk=child.pk)
    assert (stored.last_name, stored.version) == ("Jansen", 2)
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE).count() == 1


def test_stale_version_without_changes_is_also_reported(make_child, actor):
    child = make_child()
    update_child(actor=actor, child=Child.objects.get(pk=child.pk), expected_version=1, first_name="Bo")
    with pytest.raises(ConcurrentEditError):
        update_child(
            actor=actor, child=child, expected_version=1, first_name="Sam"
        )  # unchanged for this form


def test_update_child_validates_like_create(make_child, actor):
    child = make_child()
    with pytest.raises(ValidationError) as exc:
        update_child(actor=actor, child=child, expected_version=1, bsn="123456789", postcode="AB1234")
    assert set(_errors(exc)) == {"bsn", "postcode"}
    assert Child.objects.get(pk=child.pk).version == 1


def test_update_child_sets_changes_and_removes_the_bsn(make_child, actor):
    other = make_child(bsn=BSN_B, first_name="Ander")
    child = make_child()
    update_child(actor=actor, child=child, expected_version=1, bsn=BSN_A)
    ciphertext = Child.objects.get(pk=child.pk).bsn_encrypted
    assert ciphertext is not None and decrypt_bsn(ciphertext) == BSN_A
    with pytest.raises(ValidationError) as exc:
        update_child(actor=actor, child=child, expected_version=2, bsn=BSN_B)
    assert "Er is al een kind met dit BSN in Kring" in _errors(exc)["bsn"][0]
    update_child(actor=actor, child=child, expected_version=2, bsn="")
    stored = Child.objects.get(pk=child.pk)
    assert stored.bsn_hash is None and stored.bsn_encrypted is None and stored.version == 3
    messages = list(AuditEvent.objects.filter(action=AuditAction.UPDATE).values_list("message", flat=True))
    assert all(BSN_A not in m and BSN_B not in m for m in messages)
    assert other.bsn_hash == bsn_lookup_hash(BSN_B)


def test_update_child_rejects_unknown_fields(make_child, actor):
    child = make_child()
    with pytest.raises(TypeError):
        update_child(actor=actor, child=child, expected_version=1, version=7)


# ---------------------------------------------------------------- representatives


def test_add_representative(make_child, actor):
    child = make_child()
    rep = add_representative(
        actor=actor, child=child, name="Jan Testkind", relation="vader", phone="06-12345678"
    )
    assert rep.child == child and rep.relation == "vader"
    audit = AuditEvent.objects.filter(object_type="wettelijk vertegenwoordiger").get()
    assert audit.child_id == child.pk
    assert (
        audit.message
        == "Jan Testkind (vader) is vastgelegd als wettelijk vertegenwoordiger van Sam Testkind."
    )


def test_add_representative_needs_a_name(make_child, actor):
    child = make_child()
    with pytest.raises(ValidationError) as exc:
        add_representative(actor=actor, child=child, name=" ")
    assert _errors(exc) == {"name": ["Vul de naam van de wettelijk vertegenwoordiger in."]}
