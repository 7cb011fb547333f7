"""WSGI entry point for a production server (gunicorn, uwsgi...)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings.dev")
application = get_wsgi_application()
