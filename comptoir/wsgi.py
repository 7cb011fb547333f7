"""WSGI entry point for a production server (gunicorn, uwsgi...)."""

import os

from django.core.wsgi import get_wsgi_application

from comptoir import instance

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings.dev")
instance.prepare()  # the settings only read the working folder: the server makes it
application = get_wsgi_application()
