"""Settings for the test suite: fast hashing, mail in memory."""

import os

from .base import *  # noqa: F403

# pytest-django reads the settings before anything prepares var/: the tests sign with a key of
# their own (never one that serves), unless the environment gives one.
SECRET_KEY = os.environ.get("COMPTOIR_SECRET_KEY", "comptoir-test-suite-only-not-a-secret")

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
# Messages asserted in unit tests are the English source texts; French is tested explicitly.
LANGUAGE_CODE = "en"
# Jobs (load plans, e-mail) run at once inside the request, so unit tests see the result;
# the worker's own tests and the browser tests use the database queue with a real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# SQLite: a test database in a file, not in memory. The browser tests run a live server and
# background threads (load plans); an in-memory database shares one cache between them and
# answers "table is locked" at once, where a file in WAL mode waits for the writer as in
# production.
# Test databases are built from the models (no migrations: ~700 operations took ~165 s per
# xdist worker); the root conftest.py then loads the reference data that the data migrations
# install. Migrations keep their own tests: comptoir/web/tests/test_migrations.py runs them
# all from an empty database, on each backend (docs/architecture.md, "Testing").
DATABASES["default"]["TEST"] = {"MIGRATE": False}  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"]["NAME"] = str(VAR_DIR / "test-db.sqlite3")  # noqa: F405
