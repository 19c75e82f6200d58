"""Settings shared by every environment. Environment variables drive what differs per machine."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # the kring package
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("KRING_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    # kring.web first: its templates/admin/ overrides (accessibility of functioneel beheer) win.
    "kring.web",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "kring.core",
    "kring.accounts",
    "kring.accounts.oidc",
    "kring.organisations",
    "kring.reference",
    "kring.privacy",
    "kring.children",
    "kring.regions",
    "kring.cases",
    "kring.agenda",
    "kring.desk",
    "kring.attendance",
    "kring.enrolment",
    "kring.opp",
    "kring.portal",
    "kring.placement",
    "kring.timetable",
    "kring.access",
    "kring.api",
    "kring.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kring.web.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kring.web.middleware.NoStoreMiddleware",
    "kring.web.middleware.RefusalLogMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kring.accounts.middleware.RequireTwoFactorMiddleware",
    "kring.portal.middleware.FamilyViewRedirectMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kring.urls"
WSGI_APPLICATION = "kring.wsgi.application"
# `kring serve` runs gunicorn (not the development server) when this is true: production.py sets it.
KRING_PRODUCTION = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kring.web.context_processors.shell",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'kring.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", False),
    )
}
# The embedded default, SQLite, serves parallel requests: WAL lets reads go on while one request
# writes, the busy timeout makes a writer wait for the other instead of failing "database is locked",
# and immediate transactions take the write lock at BEGIN (a deferred transaction that reads first
# and then writes cannot wait: SQLite refuses it at once).
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": int(os.environ.get("KRING_SQLITE_TIMEOUT", "30")),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
# PostgreSQL without JIT compilation: a list query over the national data set (1,000,000 children)
# has a plan cost above jit_above_cost, and PostgreSQL spent 1.1 s compiling it for a query that
# runs in 1.0 s without (docs/performance.md). Kring's queries are short; JIT does not pay off.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("KRING_PG_NO_JIT", True):
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Logging in through OpenID Connect (a region's DigiD broker); unused until KRING_OIDC_ISSUER is set.
    "kring.accounts.oidc.backend.OidcBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two-factor authentication: professionals must confirm a TOTP code after their password.
KRING_REQUIRE_2FA = env_bool("KRING_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Kring"

# OpenID Connect (docs/operations.md, "Inloggen via DigiD"): off while KRING_OIDC_ISSUER is empty.
KRING_OIDC_ISSUER = os.environ.get("KRING_OIDC_ISSUER", "").strip()
KRING_OIDC_CLIENT_ID = os.environ.get("KRING_OIDC_CLIENT_ID", "")
KRING_OIDC_CLIENT_SECRET = os.environ.get("KRING_OIDC_CLIENT_SECRET", "")
KRING_OIDC_SCOPES = env_list("KRING_OIDC_SCOPES", ["openid"])
KRING_OIDC_SUBJECT_CLAIM = os.environ.get("KRING_OIDC_SUBJECT_CLAIM", "sub")
# What the login button says: "Inloggen met <service> (via <provider>)".
KRING_OIDC_SERVICE_NAME = os.environ.get("KRING_OIDC_SERVICE_NAME", "DigiD")
KRING_OIDC_PROVIDER_NAME = os.environ.get("KRING_OIDC_PROVIDER_NAME", "")
# The acr values the provider sends for DigiD's levels basis, midden, substantieel and hoog (lowest
# first), and the level from which a login through the provider counts as two-factor.
KRING_OIDC_ACR_VALUES = env_list(
    "KRING_OIDC_ACR_VALUES",
    [
        "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
    ],
)
KRING_OIDC_MIN_ACR = os.environ.get("KRING_OIDC_MIN_ACR", "midden")
KRING_OIDC_REQUEST_ACR = env_bool("KRING_OIDC_REQUEST_ACR", False)
# Professionals: "password" (password + app code only), "either", or "oidc" (only through the provider).
KRING_OIDC_PROFESSIONALS = os.environ.get("KRING_OIDC_PROFESSIONALS", "password")
KRING_OIDC_TIMEOUT = float(os.environ.get("KRING_OIDC_TIMEOUT", "10"))
# First login of an unknown person: each hook (a dotted path to a callable taking the request and an
# ExternalLogin) may return the invited account to link to (kring.accounts.oidc.linking).
KRING_OIDC_LINK_HOOKS: list[str] = ["kring.children.invitations.oidc_account_for_session"]

# Brute-force lockout (django-axes): 5 failures lock the username+address for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("KRING_STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security headers. Everything is served by Kring itself: no CDN, no inline script.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}


def oidc_form_action(issuer: str, extra: list[str]) -> list[str]:
    """Logging out at the provider is a redirect after Kring's logout form, and browsers check
    form-action on that redirect too: the provider's origin (and KRING_OIDC_LOGOUT_ORIGINS, when its
    end_session_endpoint lives elsewhere) is a form target."""
    if not issuer:
        return []
    parts = urlsplit(issuer)
    return [f"{parts.scheme}://{parts.netloc}", *extra]


CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += oidc_form_action(
    KRING_OIDC_ISSUER, env_list("KRING_OIDC_LOGOUT_ORIGINS", [])
)

REST_FRAMEWORK = {
    # Token first: a request without credentials gets 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kring.api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "EXCEPTION_HANDLER": "kring.api.errors.handle",
    "DEFAULT_PERMISSION_CLASSES": ["kring.api.permissions.IsAuthenticatedAndVerified"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Request bodies are JSON only (anything else is a 415), so the schema offers generated clients
    # one body type per operation.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kring API",
    "DESCRIPTION": "API van Kring: regie rond kinderen die thuiszitten of dreigen uit te vallen.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No deep links: Swagger UI puts them as links inside the operation's button (nested
    # interactive controls, too small as touch targets); kring/web/static/kring/api-docs.js reads these.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "InvitationKindEnum": "kring.children.models.InvitationKind.choices",
        "TlvOutcomeEnum": "kring.placement.models.Outcome.choices",
        "OppDecisionEnum": "kring.opp.models.Decision.choices",
        "OppChannelEnum": "kring.opp.models.Channel.choices",
        "OppExecutionEnum": "kring.opp.models.Execution.choices",
        "OppChildInputEnum": "kring.opp.models.ChildInput.choices",
        "OppPayerEnum": "kring.opp.models.Payer.choices",
        "RightsRequestKindEnum": "kring.privacy.rights.models.RequestKind.choices",
        "AanmeldingOutcomeEnum": "kring.enrolment.models.Outcome.choices",
        "ZorgplichtStepKindEnum": "kring.enrolment.models.StepKind.choices",
    },
    # Every operation documents the error answers of the shared plumbing (kring/api/schema_hooks.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kring.api.schema_hooks.document_error_answers",
    ],
}

# Background work: django-tasks, database backend (ADR 0004). The worker is `kring db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kring@localhost")
KRING_BASE_URL = os.environ.get("KRING_BASE_URL", "http://127.0.0.1:8000")

# Where the reference data lives (DUO, CBS, OCW); `kring import reference` reads from here.
# The public reference data ships inside the package (kring/reference/data, with its attribution).
KRING_REFERENCE_DIR = Path(os.environ.get("KRING_REFERENCE_DIR", BASE_DIR / "reference" / "data"))

# Keyed hash for looking up a BSN without storing it readably (see kring.privacy.crypto).
KRING_FIELD_KEY = os.environ.get("KRING_FIELD_KEY", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KRING_LOG_LEVEL", "INFO")},
    # fontTools lists every glyph of every PDF it subsets at INFO (the family's file, the signals
    # report): the characters of a child's name have no place in the server's log.
    "loggers": {"fontTools": {"level": "WARNING"}},
}
# Nightly jobs run by `kring tick`, in order; each is idempotent (see kring.core.tick).
# Registries: each app contributes through a list of dotted paths, in this order (see the ADR
# "Registries for panels, agenda sources and nightly jobs").
# The nightly tick: the per-child assessment first, then the case work that reads it, then the
# mail about what the agenda holds.
KRING_TICK_JOBS: list[str] = [
    "kring.children.jobs.assess_children",
    "kring.cases.jobs.run_nightly",
    "kring.desk.jobs.escalate_overdue",
    "kring.desk.jobs.remove_expired_contacts",
    "kring.attendance.jobs.remove_expired_attendance",
    "kring.cases.retention.remove_expired_cases",
    "kring.children.retention.remove_expired_timeline",
    "kring.agenda.jobs.send_notifications",
]
# The agenda's sources; a later source's page for a child wins (the case page over the child's).
KRING_AGENDA_SOURCES: list[str] = [
    "kring.children.agenda.StatutoryTerms",
    "kring.opp.agenda.NextSteps",
    "kring.opp.return_agenda.ReturnSteps",
    "kring.cases.agenda.CaseWork",
    "kring.desk.agenda.DeskQuestions",
    "kring.attendance.agenda.AttendanceSignals",
    "kring.enrolment.agenda.Aanmeldingen",
    "kring.timetable.agenda.ReducedTimetables",
]
# The panels of the case page, in this order.
KRING_CASE_PANELS: list[str] = [
    "kring.cases.panels.circle_panel",
    "kring.cases.panels.meetings_panel",
    "kring.cases.panels.plan_panel",
    "kring.cases.panels.escalations_panel",
    "kring.desk.panels.desk_links_panel",
    "kring.children.panels.institutions_panel",
    "kring.opp.panels.opp_panel",
    "kring.opp.return_panels.case_panel",
    "kring.placement.panels.case_panel",
    "kring.timetable.panels.case_panel",
    "kring.enrolment.panels.case_discipline_panel",
    "kring.portal.consent_panel.consent_panel",
]
# The panels of the family's view of one child (kring.portal), in this order.
KRING_FAMILY_PANELS: list[str] = [
    "kring.opp.panels.family_panel",
    "kring.opp.return_panels.family_panel",
    "kring.enrolment.panels.family_panel",
    "kring.enrolment.panels.family_discipline_panel",
    "kring.placement.panels.family_panel",
    "kring.timetable.panels.family_panel",
]
# The panels of the page about one child (without a case: the page to open one), in this order.
KRING_CHILD_PANELS: list[str] = [
    "kring.timetable.panels.child_panel",
    "kring.enrolment.panels.child_discipline_panel",
]
# The sections of the child's whole file (the family's download, kring.privacy.dossier), in order.
KRING_DOSSIER_SECTIONS: list[str] = [
    "kring.children.dossier.section",
    "kring.cases.dossier.section",
    "kring.attendance.dossier.section",
    "kring.enrolment.dossier.section",
    "kring.desk.dossier.section",
    "kring.opp.dossier.section",
    "kring.placement.dossier.section",
    "kring.timetable.dossier.section",
    "kring.privacy.rights.dossier.section",
    "kring.privacy.dossier_consent.section",
    "kring.privacy.dossier_log.section",
]
