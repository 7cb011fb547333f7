"""Settings for a Comptoir served over HTTPS (imported when COMPTOIR_HTTPS=1)."""

SECURE_SSL_REDIRECT = True
# The proxy (nginx...) terminates TLS and says so in this header; never trust it otherwise.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False  # preloading is a promise for the whole domain: the owner's call
SECURE_REFERRER_POLICY = "same-origin"
