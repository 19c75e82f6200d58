"""BSN validation, encryption and the keyed lookup hash."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import override_settings

from kring.privacy import crypto

VALID = ["111222333", "123456782", "999999990"]
INVALID_ELFPROEF = ["123456789", "111222334", "000000000"]


@pytest.mark.parametrize("bsn", VALID)
def test_valid_bsns_pass_the_elfproef(bsn: str) -> None:
    assert crypto.is_valid_bsn(bsn)
    assert crypto.validate_bsn(bsn) == bsn


@pytest.mark.parametrize("typed", ["1112.22.333", "111 222 333", " 111-222-333 "])
def test_spaces_dots_and_dashes_are_removed(typed: str) -> None:
    assert crypto.validate_bsn(typed) == "111222333"


@pytest.mark.parametrize("bsn", INVALID_ELFPROEF)
def test_elfproef_failure_gets_a_dutch_message_without_the_number(bsn: str) -> None:
    assert not crypto.is_valid_bsn(bsn)
    with pytest.raises(ValidationError) as exc:
        crypto.validate_bsn(bsn)
    assert exc.value.messages == [
        "Dit BSN bestaat niet: het voldoet niet aan de elfproef. Kijk het nummer na."
    ]
    assert bsn not in str(exc.value)


@pytest.mark.parametrize("bad", ["", "12345678", "1234567890", "12345678a", "abcdefghi"])
def test_not_nine_digits(bad: str) -> None:
    assert not crypto.is_valid_bsn(bad)
    with pytest.raises(ValidationError) as exc:
        crypto.validate_bsn(bad)
    assert exc.value.messages == ["Een BSN bestaat uit 9 cijfers. Kijk het nummer na."]


def test_encryption_round_trip_and_no_plaintext_in_the_token() -> None:
    token = crypto.encrypt_bsn("111222333")
    assert isinstance(token, bytes)
    assert b"111222333" not in token
    assert crypto.decrypt_bsn(token) == "111222333"
    assert crypto.decrypt_bsn(memoryview(token)) == "111222333"  # what PostgreSQL hands back
    assert crypto.encrypt_bsn("111222333") != token  # random IV: equal BSNs give different tokens


def test_encrypt_refuses_an_invalid_bsn() -> None:
    with pytest.raises(ValidationError):
        crypto.encrypt_bsn("123456789")


def test_lookup_hash_is_keyed_hex_and_independent_of_formatting() -> None:
    h = crypto.bsn_lookup_hash("111222333")
    assert len(h) == 64 and all(c in "0123456789abcdef" for c in h)
    assert crypto.bsn_lookup_hash("1112.22.333") == h
    assert crypto.bsn_lookup_hash("123456782") != h
    import hashlib

    assert h != hashlib.sha256(b"111222333").hexdigest()  # not a plain (reversible by trying) hash


def test_another_field_key_gives_another_hash_and_cannot_decrypt() -> None:
    token = crypto.encrypt_bsn("111222333")
    h = crypto.bsn_lookup_hash("111222333")
    with override_settings(KRING_FIELD_KEY="een-andere-sleutel"):
        assert crypto.bsn_lookup_hash("111222333") != h
        with pytest.raises(crypto.BsnDecryptionError) as exc:
            crypto.decrypt_bsn(token)
        assert "111222333" not in str(exc.value)


def test_encryption_and_lookup_keys_differ() -> None:
    secret = b"kring-test-field-key"
    assert crypto._derive(secret, crypto._INFO_ENCRYPTION) != crypto._derive(secret, crypto._INFO_LOOKUP)


def test_missing_field_key_is_a_configuration_error() -> None:
    with override_settings(KRING_FIELD_KEY=""), pytest.raises(ImproperlyConfigured):
        crypto.bsn_lookup_hash("111222333")


def test_mask_and_redact() -> None:
    assert crypto.mask_bsn("111222333") == "******333"
    text = "Moeder gaf BSN 111222333 en later 1112.22.333 door; dossiernummer 123456789 blijft."
    redacted = crypto.redact_bsns(text)
    assert "111222333" not in redacted and "1112.22.333" not in redacted
    assert redacted.count("[BSN weggelaten]") == 2
    assert "123456789" in redacted  # fails the elfproef: not a BSN


def test_nothing_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        crypto.decrypt_bsn(crypto.encrypt_bsn("111222333"))
        crypto.bsn_lookup_hash("111222333")
    assert "111222333" not in caplog.text
