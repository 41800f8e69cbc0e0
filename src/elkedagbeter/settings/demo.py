"""Demo: embedded SQLite, plain HTTP on 127.0.0.1, console e-mail, visible demo hints."""

from __future__ import annotations

import os

os.environ.setdefault("SECRET_KEY", "demo-only-not-secret-" + "x" * 40)
os.environ.setdefault("PSEUDONYM_SECRET", "demo-only-pseudonym-secret-" + "p" * 32)
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# `make demo PORT=8080`: links in the demo's e-mails point at the port it is served on.
os.environ.setdefault("SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT') or 8000}")

from .base import *  # noqa: F403

DEBUG = False
DEMO_MODE = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# runserver serves static files from the app directories without collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the app directories (no collectstatic step for the demo).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
