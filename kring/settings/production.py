"""Production: PostgreSQL via DATABASE_URL, secrets from the environment, two-factor enforced, HTTPS only.

Served by gunicorn (`kring serve`, which reads KRING_WEB_* for its workers; see docs/operations.md).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, env_bool

DEBUG = False
KRING_DEMO = False
KRING_REQUIRE_2FA = True
KRING_PRODUCTION = True  # `kring serve` is gunicorn, not the development server

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

# Connection reuse on PostgreSQL: each gunicorn worker (thread) keeps its connection for a minute
# instead of opening one per request, and checks it before reusing it after an error or a restart
# of the database. SQLite opens a file, not a connection over the network: nothing to reuse.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("DATABASE_CONN_HEALTH_CHECKS", True)

# Static files: collected by `kring collectstatic` into KRING_STATIC_ROOT with hashed names and
# gzip copies (whitenoise's CompressedManifestStaticFilesStorage, base.py's STORAGES); whitenoise
# serves the hashed names with `Cache-Control: max-age=315360000, public, immutable`.
