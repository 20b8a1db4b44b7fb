"""Test overlay: fast hasher, eager Celery, in-memory cache, no network."""

from .development import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Two-factor and lockout are switched on in the tests that prove them; elsewhere
# tests sign in with force_login and would otherwise all be sent to enrol.
TWO_FACTOR_REQUIRED_ROLES: list[str] = []
AXES_ENABLED = False

# Victim follow-ups: texts kept in memory for the tests to read.
FOLLOWUPS_SMS_BACKEND = "followups.channels.LocmemSmsBackend"
# The rate-limit test sets its own low limit; other tests share one address.
FOLLOWUPS_STATUS_LINK_RATE = "1000/h"

# A case type registered by the tests alone (tests/example_case_type), proving that a
# type added in the settings reaches the form, the API, the history and the policy.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.example_case_type"]  # noqa: F405
ICST_CASE_TYPES = [*ICST_CASE_TYPES, "tests.example_case_type.kind.kind"]  # noqa: F405
