"""Production: PostgreSQL via DATABASE_URL, secrets from the environment, two-factor enforced, HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
KRING_DEMO = False
KRING_REQUIRE_2FA = True

for required in ("SECRET_KEY", "DATABASE_URL", "KRING_FIELD_KEY"):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"Set the environment variable {required} for production.")

SECRET_KEY = os.environ["SECRET_KEY"]
KRING_FIELD_KEY = os.environ["KRING_FIELD_KEY"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true") == "true"
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
