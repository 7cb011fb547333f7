"""Settings for ``comptoir`` commands on a laptop (the default)."""

from .base import *  # noqa: F403
