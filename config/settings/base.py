"""Settings shared by every environment, read from environment variables.

django-environ is the one helper set: it parses URLs, booleans and lists and
raises ImproperlyConfigured on a malformed value instead of guessing.
"""

from datetime import time as datetime_time
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("ICST_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "config.apps.CasebookAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "rest_framework",
    "django_filters",
    "guardian",
    "simple_history",
    "formtools",
    # The casebook's apps, lowest layer first (see .importlinter and docs/adr).
    "partners",
    "audit",
    "accounts",
    "casework",
    "briefings",
    "api",
    "intake",
    "followups",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.middleware.RefuseNulInPathMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partners.context_processors.membership",
                "config.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker and the web process read while the other writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
    )
    # A transaction that reads then writes must not fail at once with "database is
    # locked" when the worker writes too: take the write lock when it begins.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
# A read replica for heavy reads (briefings, exports, figures): config/db_router.py.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
# PostgreSQL's JIT compiler spends hundreds of milliseconds compiling queries whose cost it
# overestimates (an access check with a subquery, over a million cases) to save a few:
# a loss for short interactive queries. DATABASE_JIT=true turns it back on.
if not env.bool("DATABASE_JIT", default=False):
    for database in DATABASES.values():
        if database["ENGINE"] == "django.db.backends.postgresql":
            options = database.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lock a username from an address after repeated failures (django-axes).
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_HTTP_RESPONSE_CODE = 429

# Two-factor authentication (django-otp, TOTP with recovery codes).
TWO_FACTOR_REQUIRED_ROLES = env.list(
    "TWO_FACTOR_REQUIRED_ROLES", default=["manager", "administrator"]
)
TWO_FACTOR_REQUIRED_FOR_EVERYONE = env.bool("TWO_FACTOR_REQUIRED_FOR_EVERYONE", default=False)
OTP_TOTP_ISSUER = "ICST casebook"
# Authenticator keys and recovery codes are never shown in the Django admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# The Django admin runs the system (agencies, memberships, agreements, sign-in devices).
# Read-only, access-checked pages of case records appear there only when this is on.
ICST_ADMIN_CASEWORK = env.bool("ICST_ADMIN_CASEWORK", default=False)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# No inline script anywhere; a page that must inline one uses the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]
# govuk-frontend's compiled CSS asks for fonts and images at /assets/...
WHITENOISE_ROOT = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "uploads")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://icst"),
}

# Celery. The default broker is kombu's filesystem transport so the worker and
# scheduler run with no server; production sets CELERY_BROKER_URL to Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
_broker_dir = VAR_DIR / "celery"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    # Above the longest task, so a slow task is never handed to a second worker.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# CELERY_BEAT_SCHEDULE is at the end of this module, after the settings its entries read.

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# Seconds an SMTP send may hang: well inside a delivery task's time limit, so a stuck
# server is a transient failure retried later, not a killed worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="icst-casebook@localhost")

# --- REST API (api/, on common/api/): defaults every app's endpoints under /api/v1/ inherit
INSTALLED_APPS += ["knox", "drf_spectacular", "drf_spectacular_sidecar"]  # noqa: PLE0604
REST_FRAMEWORK = {
    # Token first, so an anonymous request gets 401 with "WWW-Authenticate: Token".
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # IsAuthenticated, plus a verified second factor for session users whose role needs one.
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["common.api.parsers.BoundedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "common.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "common.api.exceptions.problem_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.ScopedRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api_token": env.str("API_TOKEN_THROTTLE_RATE", default="10/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Tokens (django-rest-knox) are stored as SHA-512 digests and expire.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.int("API_TOKEN_TTL_HOURS", default=10)),
    "AUTH_HEADER_PREFIX": "Token",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ICST casebook API",
    "DESCRIPTION": "The casebook for partner systems. See the README's API section.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "RiskLevelEnum": "casework.models.RiskLevel",
        "CaseStatusEnum": "casework.models.CaseStatus",
        "InitialStatusEnum": "api.serializers.INITIAL_STATUSES",
        "ParticipantRoleEnum": "casework.models.ParticipantRole",
        "MissingPersonGradeEnum": "casework.models.MissingPersonGrade",
        "AccessRequestStatusEnum": "casework.models.BreakGlassRequest.Status",
        "VulnerabilityKindEnum": "casework.models.VulnerabilityKind",
        "EntryKindEnum": "casework.models.EntryKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_problem_responses",
    ],
}
# --- end of REST API block --------------------------------------------------------------

GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

SIMPLE_HISTORY_REVERT_DISABLED = True

ICST_REFERENCE_PREFIX = env.str("ICST_REFERENCE_PREFIX", default="ICST")

# Case types: each a package declaring a CaseKind (see casework/types/), listed once here.
ICST_CASE_TYPES = [
    "casework.types.asb.kind.kind",
    "casework.types.missing_person.kind.kind",
    "casework.types.mental_health.kind.kind",
    "casework.types.troubled_family.kind.kind",
    "casework.types.other.kind.kind",
]

# Retention: years a closed case is kept before review. Each case type sets its own
# (ASB 3, missing person 6, mental health 8, family 6, other 2); RETENTION_YEARS
# overrides them by type (e.g. "asb=4,other=3") and RETENTION_DEFAULT_YEARS serves a
# type that sets none. Police-led cases are never kept under six years, whatever this says.
RETENTION_DEFAULT_YEARS = env.int("RETENTION_DEFAULT_YEARS", default=6)
RETENTION_YEARS = env.dict("RETENTION_YEARS", cast={"value": int}, default={})

# Case reviews: days between supervisory reviews by case risk, used for the next review
# date when none is set by hand (a risk not listed has no set review).
CASE_REVIEW_DAYS = env.dict(
    "CASE_REVIEW_DAYS", cast={"value": int}, default={"medium": 28, "high": 14}
)
# A missing person graded high whose grade has not been reviewed for this many hours is
# flagged on the home page and the daily briefing.
MISSING_PERSON_HIGH_REVIEW_HOURS = env.int("MISSING_PERSON_HIGH_REVIEW_HOURS", default=6)

# Shares made under an information-sharing agreement: managers see those lapsing this
# many days ahead, to renew them under a new agreement.
ICST_SHARE_LAPSE_WARNING_DAYS = env.int("ICST_SHARE_LAPSE_WARNING_DAYS", default=30)

# A referral of a case to another lead agency not answered within this many working
# hours is flagged on both agencies' home pages and on the daily briefing.
ICST_REFERRAL_ANSWER_WORKING_HOURS = env.int("ICST_REFERRAL_ANSWER_WORKING_HOURS", default=8)

# Break-glass: how long an approved request, and an emergency override, opens a case.
# How long a vulnerability flag stands before it must be reviewed, unless a date is given.
VULNERABILITY_REVIEW_MONTHS = env.int("VULNERABILITY_REVIEW_MONTHS", default=6)
BREAK_GLASS_APPROVED_HOURS = env.int("BREAK_GLASS_APPROVED_HOURS", default=72)
BREAK_GLASS_EMERGENCY_HOURS = env.int("BREAK_GLASS_EMERGENCY_HOURS", default=4)

# Error reports never carry the personal fields models declare (audit.redaction).
DEFAULT_EXCEPTION_REPORTER_FILTER = "audit.redaction.PersonalDataFilter"
DEFAULT_EXCEPTION_REPORTER = "audit.redaction.PersonalDataExceptionReporter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Briefings: the daily sheet is built at BRIEFING_TIME (local) on working days ---
try:
    BRIEFING_TIME = datetime_time.fromisoformat(env.str("BRIEFING_TIME", default="07:30"))
except ValueError as error:
    raise ImproperlyConfigured(f"BRIEFING_TIME must look like 07:30 ({error}).") from None
# A section holds at most this many rows, most urgent first: a sheet is an agenda for one
# meeting, and a backlog of thousands would bury it. The sheet says where it stopped.
BRIEFING_SECTION_LIMIT = env.int("BRIEFING_SECTION_LIMIT", default=200)

# --- Online reporting and triage (intake) ------------------------------------------
# The agency (by slug) whose working staff run the ICST triage queue: public
# reports arrive as new cases led by it until triage hands them on.
INTAKE_TRIAGE_AGENCY = env.str("INTAKE_TRIAGE_AGENCY", default="police")
# Triage is due within this many working hours, or clock hours when the reporter
# says the problem is still going on.
INTAKE_TRIAGE_WORKING_HOURS = env.int("INTAKE_TRIAGE_WORKING_HOURS", default=4)
INTAKE_TRIAGE_URGENT_HOURS = env.int("INTAKE_TRIAGE_URGENT_HOURS", default=1)
WORKING_DAY_START = env.str("WORKING_DAY_START", default="09:00")
WORKING_DAY_END = env.str("WORKING_DAY_END", default="17:00")
# Photos are kept outside the web root and only served through an access-checked view.
INTAKE_UPLOAD_DIR = env.str("INTAKE_UPLOAD_DIR", default=str(VAR_DIR / "uploads"))
INTAKE_PHOTO_MAX_BYTES = env.int("INTAKE_PHOTO_MAX_BYTES", default=5 * 1024 * 1024)
# Photos of reports started and never sent are deleted after this many hours (hourly sweep).
INTAKE_ABANDONED_UPLOAD_HOURS = env.int("INTAKE_ABANDONED_UPLOAD_HOURS", default=6)
# Per-address limits (django-ratelimit, counted in the default cache): page posts,
# and finished reports.
INTAKE_STEP_RATE = env.str("INTAKE_STEP_RATE", default="120/h")
INTAKE_SUBMIT_RATE = env.str("INTAKE_SUBMIT_RATE", default="10/h")

# --- Victim follow-ups (followups/) ------------------------------------------------------
# Deadline periods in working days, one table (see followups/rules.py for each key).
FOLLOWUPS_WORKING_DAYS = env.dict("FOLLOWUPS_WORKING_DAYS", cast={"value": int}, default={})
FOLLOWUPS_STATUS_LINK_DAYS = env.int("FOLLOWUPS_STATUS_LINK_DAYS", default=180)
FOLLOWUPS_STATUS_LINK_RATE = env.str("FOLLOWUPS_STATUS_LINK_RATE", default="30/h")
FOLLOWUPS_MAX_ATTEMPTS = env.int("FOLLOWUPS_MAX_ATTEMPTS", default=6)
FOLLOWUPS_RETRY_BASE_SECONDS = env.int("FOLLOWUPS_RETRY_BASE_SECONDS", default=60)
# A claim older than this is a dead worker's: well above the longest send.
FOLLOWUPS_CLAIM_TIMEOUT_SECONDS = env.int("FOLLOWUPS_CLAIM_TIMEOUT_SECONDS", default=600)
# A queued message whose task has not run by then is handed to a worker by the scan.
FOLLOWUPS_ENQUEUE_GRACE_SECONDS = env.int("FOLLOWUPS_ENQUEUE_GRACE_SECONDS", default=120)
FOLLOWUPS_SMS_BACKEND = env.str(
    "FOLLOWUPS_SMS_BACKEND", default="followups.channels.ConsoleSmsBackend"
)
# Email through Django's backend (SMTP), or followups.channels.NotifyEmailBackend to have
# GOV.UK Notify send it and report bounces.
FOLLOWUPS_EMAIL_BACKEND = env.str(
    "FOLLOWUPS_EMAIL_BACKEND", default="followups.channels.DjangoEmailBackend"
)
FOLLOWUPS_SMS_FILE_PATH = env.str("FOLLOWUPS_SMS_FILE_PATH", default=str(VAR_DIR / "sms.jsonl"))
NOTIFY_API_KEY = env.str("NOTIFY_API_KEY", default="")
NOTIFY_SMS_TEMPLATE_ID = env.str("NOTIFY_SMS_TEMPLATE_ID", default="")
NOTIFY_EMAIL_TEMPLATE_ID = env.str("NOTIFY_EMAIL_TEMPLATE_ID", default="")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
# django-ratelimit counts in the default cache (set CACHE_URL to Redis in production).
RATELIMIT_USE_CACHE = "default"
# Where victims open their status links (the site's public address).
FOLLOWUPS_PUBLIC_BASE_URL = env.str("FOLLOWUPS_PUBLIC_BASE_URL", default="http://127.0.0.1:8000")

# --- Session refresh (config/sessions.py): push an idle session's expiry back at most
# once per SESSION_REFRESH_SECONDS instead of writing the session on every request.
# 0 restores saving on every request.
SESSION_REFRESH_SECONDS = env.int("SESSION_REFRESH_SECONDS", default=60)
SESSION_SAVE_EVERY_REQUEST = SESSION_REFRESH_SECONDS == 0
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "config.sessions.SessionRefreshMiddleware",
)

# --- Periodic work (Celery beat): the whole schedule -----------------------------------
# Far-future work is rows with a due time, scanned by these, never ETA tasks.
CELERY_BEAT_SCHEDULE = {
    "followups-scan": {"task": "followups.tasks.followups_scan", "schedule": 60.0},
    "daily-briefing": {
        "task": "briefings.tasks.build_daily_briefing",
        # Weekdays only; the task itself skips England and Wales bank holidays.
        "schedule": crontab(
            hour=BRIEFING_TIME.hour, minute=BRIEFING_TIME.minute, day_of_week="mon-fri"
        ),
    },
    "intake-abandoned-uploads": {
        "task": "intake.tasks.sweep_abandoned_uploads",
        "schedule": 3600.0,
    },
}
