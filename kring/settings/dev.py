"""Local development and the demo: embedded SQLite, demo may skip two-factor (and says so)."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or "kring-demo-only-not-for-production"
KRING_FIELD_KEY = os.environ.get("KRING_FIELD_KEY") or "kring-demo-field-key"
KRING_REQUIRE_2FA = env_bool("KRING_REQUIRE_2FA", False)
KRING_DEMO = True
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = str(VAR_DIR / "mail")

VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database and demo mail live here
