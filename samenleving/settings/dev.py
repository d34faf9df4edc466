"""Development / embedded default: `make run`. Loads demo data; SQLite and eager tasks unless
DATABASE_URL / CELERY_BROKER_URL say otherwise."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
DEMO_DATA_ALLOWED = True
