"""Production profile: ``DJANGO_SETTINGS_MODULE=comptoir.settings.prod``.

Debug is off whatever the environment says, and the site is served over HTTPS (secure cookies,
HSTS, redirect from http://) unless COMPTOIR_HTTPS=0 says a proxy is not there yet.
``comptoir check --deploy`` is clean with this profile.
"""

from .base import *  # noqa: F403
from .base import _env_bool

DEBUG = False
WHITENOISE_AUTOREFRESH = False

# The base settings turn HTTPS on when COMPTOIR_HTTPS says so; here it is on unless it says
# no (read, not written into the environment: importing the settings changes nothing).
if _env_bool("COMPTOIR_HTTPS", True):
    from .https import *  # noqa: F403
