"""Development / embedded default: `make run`. Loads demo data; SQLite and eager tasks unless
DATABASE_URL / CELERY_BROKER_URL say otherwise."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
DEMO_DATA_ALLOWED = True
# A template edited while `make run` serves shows at once: the page cache is off while DEBUG is
# on (PAGE_CACHE_ENABLED=true to try it).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", not DEBUG)
