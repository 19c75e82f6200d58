"""WSGI entry point (production: `gunicorn kring.wsgi` or any WSGI server)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kring.settings.production")
application = get_wsgi_application()
