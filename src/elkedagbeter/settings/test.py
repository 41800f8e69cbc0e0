"""Test settings: fast hashing, in-memory e-mail; the database comes from DATABASE_URL if set."""

from __future__ import annotations

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret-" + "x" * 40)
os.environ.setdefault("PSEUDONYM_SECRET", "test-only-pseudonym-secret-" + "p" * 32)
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
ACCESS_LOG_FLUSH_ALLOWED = True
WHITENOISE_AUTOREFRESH = True  # serve from the finders; no collectstatic in tests
