"""Local development: runs with no configuration at all."""

import warnings

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is fine here and only here: production refuses to start without one.
SECRET_KEY = env.str("SECRET_KEY", default="development-only-not-secret-icst-casebook")

# Serve static files straight from the finders: no collectstatic in development.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
