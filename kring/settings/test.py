"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL points at it (make test runs both)."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR

SECRET_KEY = "kring-test-secret"
KRING_FIELD_KEY = "kring-test-field-key"
KRING_DEMO = False
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = os.environ.get("AXES_ENABLED", "true") == "true"
STATIC_ROOT = VAR_DIR / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# pytest captures log records itself; a console handler would write to a stream pytest has closed
# when the live server's threads log after a test.
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
