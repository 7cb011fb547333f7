"""Production profile: ``DJANGO_SETTINGS_MODULE=comptoir.settings.prod``.

Debug is off whatever the environment says, and the site is served over HTTPS (secure cookies,
HSTS, redirect from http://) unless COMPTOIR_HTTPS=0 says a proxy is not there yet.
``comptoir check --deploy`` is clean with this profile.
"""

import os

os.environ.setdefault("COMPTOIR_HTTPS", "1")

from .base import *  # noqa: E402, F403

DEBUG = False
WHITENOISE_AUTOREFRESH = False
