"""The BSN (burgerservicenummer): validation, encryption at rest and a keyed hash for lookup.

Kring keeps a child's BSN only in two forms:

- ``Child.bsn_encrypted``: a Fernet token (AES-128-CBC + HMAC-SHA256, with a timestamp) that only
  this installation can open, so a copy of the database alone does not reveal any BSN;
- ``Child.bsn_hash``: ``bsn_lookup_hash(bsn)``, an HMAC-SHA256 (hex) of the BSN, used to find a
  child by BSN and to keep one BSN to one child (unique column). A plain hash would not do: there
  are only about 10^8 valid BSNs, so an unkeyed hash is reversed by trying them all.

Both keys are derived from one secret, ``settings.KRING_FIELD_KEY``, with HKDF-SHA256 (RFC 5869),
each with its own ``info`` label, so the encryption key and the lookup key are independent: knowing
one tells nothing about the other. Changing ``KRING_FIELD_KEY`` makes stored BSNs unreadable and
unfindable, so treat it like a database backup key (store it apart from the database).

Nothing in this module logs, and no message it raises contains the number itself.
"""

from __future__ import annotations

import base64
import hmac
import re
from collections.abc import Callable
from functools import lru_cache
from hashlib import sha256

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

__all__ = [
    "BsnDecryptionError",
    "bsn_lookup_hash",
    "bsn_sealer",
    "contains_bsn",
    "decrypt_bsn",
    "encrypt_bsn",
    "is_valid_bsn",
    "looks_like_bsn",
    "mask_bsn",
    "normalize_bsn",
    "redact_bsns",
    "subject_lookup_hash",
    "validate_bsn",
]

# HKDF parameters. Changing any of these is a key change: old ciphertexts and hashes stop working.
_HKDF_SALT = b"kring-field-key-v1"
_INFO_ENCRYPTION = b"kring:bsn:encryption:v1"
_INFO_LOOKUP = b"kring:bsn:lookup-hash:v1"
_INFO_SUBJECT = b"kring:oidc:subject-hash:v1"

_SEPARATORS = re.compile(r"[\s.\-]")
_NINE_DIGITS = re.compile(r"^[0-9]{9}$")
_CANDIDATE = re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])|(?<![0-9])[0-9]{4}[ .][0-9]{2}[ .][0-9]{3}(?![0-9])")


class BsnDecryptionError(Exception):
    """A stored BSN cannot be opened with the current KRING_FIELD_KEY."""


def normalize_bsn(value: str) -> str:
    """Remove spaces, dots and dashes people type in a BSN ("1234.56.782" -> "123456782")."""
    return _SEPARATORS.sub("", value or "")


def is_valid_bsn(value: str) -> bool:
    """True for 9 digits that pass the elfproef (9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11).

    ``000000000`` passes the arithmetic but is no BSN; it is refused.
    """
    bsn = normalize_bsn(value)
    if not _NINE_DIGITS.match(bsn) or bsn == "000000000":
        return False
    digits = [int(c) for c in bsn]
    total = sum(weight * digit for weight, digit in zip(range(9, 1, -1), digits[:8], strict=True)) - digits[8]
    return total % 11 == 0


def validate_bsn(value: str) -> str:
    """Return the normalised BSN, or raise a ValidationError in plain Dutch (without the number)."""
    bsn = normalize_bsn(value)
    if not _NINE_DIGITS.match(bsn):
        raise ValidationError(_("Een BSN bestaat uit 9 cijfers. Kijk het nummer na."), code="bsn_format")
    if not is_valid_bsn(bsn):
        raise ValidationError(
            _("Dit BSN bestaat niet: het voldoet niet aan de elfproef. Kijk het nummer na."),
            code="bsn_elfproef",
        )
    return bsn


def _field_key() -> bytes:
    key = getattr(settings, "KRING_FIELD_KEY", "")
    if not key:
        raise ImproperlyConfigured("KRING_FIELD_KEY is not set: Kring cannot encrypt or look up a BSN.")
    return str(key).encode("utf-8")


@lru_cache(maxsize=8)
def _derive(secret: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=_HKDF_SALT, info=info).derive(secret)


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(_field_key(), _INFO_ENCRYPTION)))


def encrypt_bsn(bsn: str) -> bytes:
    """Encrypt a valid BSN (normalised first). Each call gives a different token."""
    return _fernet().encrypt(validate_bsn(bsn).encode("ascii"))


def decrypt_bsn(token: bytes | memoryview) -> str:
    """Open a token made by ``encrypt_bsn`` (PostgreSQL returns a memoryview for a BinaryField)."""
    try:
        return _fernet().decrypt(bytes(token)).decode("ascii")
    except InvalidToken:
        raise BsnDecryptionError(
            "The stored BSN cannot be decrypted with the current KRING_FIELD_KEY."
        ) from None


def bsn_lookup_hash(bsn: str) -> str:
    """HMAC-SHA256 of the normalised BSN with the lookup key, as 64 hex characters."""
    key = _derive(_field_key(), _INFO_LOOKUP)
    return hmac.new(key, validate_bsn(bsn).encode("ascii"), sha256).hexdigest()


def subject_lookup_hash(issuer: str, subject: str) -> str:
    """HMAC-SHA256 (hex) of an identity provider's subject, with its own key and bound to the issuer,
    for finding the account that logs in as that subject without storing the subject (DigiD brokers
    often send the BSN as subject; the same person at two issuers gets two unrelated hashes)."""
    key = _derive(_field_key(), _INFO_SUBJECT)
    message = issuer.encode("utf-8") + b"\x00" + subject.encode("utf-8")
    return hmac.new(key, message, sha256).hexdigest()


def bsn_sealer() -> Callable[[str], tuple[bytes, str]]:
    """`bsn -> (encrypt_bsn(bsn), bsn_lookup_hash(bsn))` with both keys derived once: for writing
    many BSNs at a time (the national data set); the same token format and the same hash."""
    fernet = _fernet()
    lookup_key = _derive(_field_key(), _INFO_LOOKUP)

    def seal(bsn: str) -> tuple[bytes, str]:
        valid = validate_bsn(bsn).encode("ascii")
        return fernet.encrypt(valid), hmac.new(lookup_key, valid, sha256).hexdigest()

    return seal


def mask_bsn(bsn: str) -> str:
    """Show only the last 3 digits ("******782"), for a detail page that must confirm which child."""
    normalised = normalize_bsn(bsn)
    return "******" + normalised[-3:] if len(normalised) >= 3 else "*********"


def redact_bsns(text: str) -> str:
    """Replace everything in free text that is a valid BSN by "[BSN weggelaten]".

    For texts that end up in the logbook (reasons, notes), so a number someone typed there by
    mistake is not stored readably.
    """

    def replace(match: re.Match[str]) -> str:
        return "[BSN weggelaten]" if is_valid_bsn(match.group(0)) else match.group(0)

    return _CANDIDATE.sub(replace, text)


def contains_bsn(text: str) -> bool:
    """True when free text holds a valid BSN (9 digits, or 4-2-3 with spaces or dots, elfproef)."""
    return any(is_valid_bsn(m.group(0)) for m in _CANDIDATE.finditer(text or ""))


def looks_like_bsn(text: str) -> bool:
    """True when a search text has the shape of a BSN (9 digits, separators allowed), valid or not."""
    return bool(_NINE_DIGITS.match(normalize_bsn((text or "").strip())))
