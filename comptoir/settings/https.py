"""Settings for a Comptoir served over HTTPS (imported when COMPTOIR_HTTPS=1)."""

import os

SECURE_SSL_REDIRECT = True
# The proxy (nginx...) terminates TLS and says so in this header; never trust it otherwise.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading is a promise for the whole domain and every subdomain, made by its owner at
# hstspreload.org: COMPTOIR_HSTS_PRELOAD=1 once that is decided; until then the check is quiet.
SECURE_HSTS_PRELOAD = os.environ.get("COMPTOIR_HSTS_PRELOAD", "") in {"1", "true", "yes", "on"}
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
