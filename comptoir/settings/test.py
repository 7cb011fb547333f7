"""Settings for the test suite: fast hashing, mail in memory."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
# Messages asserted in unit tests are the English source texts; French is tested explicitly.
LANGUAGE_CODE = "en"
# Load plans are computed inside the request, so unit tests see the result at once.
LOAD_PLANS_INLINE = True
