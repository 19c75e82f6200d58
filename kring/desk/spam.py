"""Spam checks of the public web form, without third-party services:

- a signed timestamp (django.core.signing) in the form: a form sent back within MIN_SECONDS of
  being shown was not filled in by a person, one older than MAX_AGE is refused (show it again);
- a honeypot field that people do not see (`hidden`) and robots fill in (see forms_public.py);
- a rate limit per internet address, counted in the database (so it holds over every gunicorn
  worker): at most LIMIT questions per WINDOW. The address is stored only as a keyed hash
  (salted HMAC with the SECRET_KEY), and the rows are removed after a day (jobs.py).
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.core import signing
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import PublicSubmission

SALT = "kring.desk.public-form"
MIN_SECONDS = 3
MAX_AGE = 24 * 60 * 60  # a day
LIMIT = 5
WINDOW = timedelta(hours=1)


class TokenProblem:
    TOO_FAST = "too_fast"
    EXPIRED = "expired"
    INVALID = "invalid"


def new_token(now: float | None = None) -> str:
    """A signed moment the form was shown."""
    return signing.dumps(int(now if now is not None else time.time()), salt=SALT)


def token_problem(token: str, now: float | None = None) -> str | None:
    """What is wrong with the form's timestamp, or None when it was shown long enough ago."""
    now = now if now is not None else time.time()
    try:
        shown = int(signing.loads(token or "", salt=SALT, max_age=None))
    except (signing.BadSignature, TypeError, ValueError):
        return TokenProblem.INVALID
    age = now - shown
    if age > MAX_AGE:
        return TokenProblem.EXPIRED
    if age < MIN_SECONDS:
        return TokenProblem.TOO_FAST
    return None


def client_address(request: HttpRequest) -> str:
    """The address the request came from. Behind a proxy, the deployment sets REMOTE_ADDR right
    (gunicorn's --forwarded-allow-ips); a client-set X-Forwarded-For is not trusted here."""
    return str(request.META.get("REMOTE_ADDR", ""))


def address_hash(address: str) -> str:
    return salted_hmac(SALT, address, algorithm="sha256").hexdigest()


def over_limit(address: str) -> bool:
    """True when this address sent LIMIT questions within the last WINDOW."""
    since = timezone.now() - WINDOW
    return PublicSubmission.objects.filter(address_hash=address_hash(address), at__gte=since).count() >= LIMIT


def count_submission(address: str) -> None:
    PublicSubmission.objects.create(address_hash=address_hash(address))
