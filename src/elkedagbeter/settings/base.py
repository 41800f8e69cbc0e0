"""Settings shared by every environment. Secure by default: demo and test loosen explicitly."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(env_str("ELKEDAGBETER_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Demo mode prints logins and shows the current TOTP code on the verification page.
DEMO_MODE = False

INSTALLED_APPS = [
    "elkedagbeter.pages.admin_apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "elkedagbeter.accounts.axes_app.AxesConfig",  # django-axes, named in Dutch
    "csp",
    "rest_framework",
    "drf_spectacular",
    "elkedagbeter.core",
    "elkedagbeter.organisations",
    "elkedagbeter.accounts",
    "elkedagbeter.audit",
    "elkedagbeter.cases",
    "elkedagbeter.monitoring",
    "elkedagbeter.api",
    "elkedagbeter.indicators",
    "elkedagbeter.costs",
    "elkedagbeter.ijw",
    "elkedagbeter.bottlenecks",
    "elkedagbeter.knowledge",
    "elkedagbeter.reviews",
    "elkedagbeter.attention",
    "elkedagbeter.family",
    "elkedagbeter.stories",
    "elkedagbeter.retention",
    "elkedagbeter.pages",
    "elkedagbeter.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "elkedagbeter.core.sessions.SessionTouchMiddleware",
    "elkedagbeter.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "elkedagbeter.accounts.middleware.OTPMiddleware",  # django-otp's, its device read compiled
    "elkedagbeter.accounts.middleware.SecondFactorMiddleware",
    "elkedagbeter.family.middleware.FamilyScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "elkedagbeter.core.parameters.BadParameterMiddleware",
    "elkedagbeter.cases.registration.FormTimingMiddleware",
]

ROOT_URLCONF = "elkedagbeter.urls"
WSGI_APPLICATION = "elkedagbeter.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "elkedagbeter.pages.context_processors.navigation",
                "elkedagbeter.cases.registration.registration_cost",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "elkedagbeter.accounts.hashers.OwaspArgon2PasswordHasher",  # checks Django's Argon2 too
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "accounts:login"
LOGIN_REDIRECT_URL_FAILURE = "/inloggen/?sso=mislukt"  # single sign-on that did not work out

# How long a one-time code for activating an account or resetting a password stays valid.
ACCOUNT_CODE_VALID_HOURS = env_int("ACCOUNT_CODE_VALID_HOURS", 72, minimum=1)
# Lock-out after repeated failures of one username from one client address, so the response never
# depends on whether the account exists, and nobody can lock someone else out from elsewhere by
# typing a known username (locking by username alone let anyone do that for the cool-off time).
# The address is the one the story rate limit and the access log use (audit/addresses.py).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "elkedagbeter.audit.addresses.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "elkedagbeter.accounts.views.locked_out"  # names the cool-off time
AXES_HTTP_RESPONSE_CODE = 429  # Too Many Requests
AXES_VERBOSE = False

# The second factor is required for roles that can see case data.
OTP_TOTP_ISSUER = "Elke Dag Beter"

# Sessions expire after a period of inactivity and at browser close. Django's database sessions,
# read by a query compiled once per process (core/sessions.py).
SESSION_ENGINE = "elkedagbeter.core.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
# Written when changed, and at most once a minute to slide the idle timeout (core/sessions.py).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "elkedagbeter.pages.views.csrf_failure"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Strict Content-Security-Policy: no inline script or style, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@elkedagbeter.invalid")

# Key material for youths' pseudonyms (see cases/pseudonyms.py); separate from SECRET_KEY so
# that rotating one does not silently break the other.
PSEUDONYM_SECRET = env_str("PSEUDONYM_SECRET", "")
# NEN 7513: how long access-log entries are kept before the purge may remove them.
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 5 * 365 + 1, minimum=365)
# Retention per kind of data, in days from the moment each kind names (docs/retention.md);
# `manage.py purge_expired` removes what is older. A kind left out of the dict is kept forever.
RETENTION_DAYS: dict[str, int] = {
    "closed_cases": env_int("RETENTION_CLOSED_CASES_DAYS", 5 * 365 + 1, minimum=365),
    "review_dossiers": env_int("RETENTION_REVIEW_DOSSIERS_DAYS", 365, minimum=0),
    "monitoring_notes": env_int("RETENTION_MONITORING_NOTES_DAYS", 2 * 365, minimum=0),
    "emergency_access": env_int("RETENTION_EMERGENCY_ACCESS_DAYS", 2 * 365, minimum=0),
    "access_log": ACCESS_LOG_RETENTION_DAYS,
    "sessions": env_int("RETENTION_SESSIONS_DAYS", 0, minimum=0),
    "login_attempts": env_int("RETENTION_LOGIN_ATTEMPTS_DAYS", 90, minimum=1),
    "api_tokens": env_int("RETENTION_API_TOKENS_DAYS", 365, minimum=0),
    "account_codes": env_int("RETENTION_ACCOUNT_CODES_DAYS", 90, minimum=0),
    # Who approved whose access is evidence for the access log: kept as long as it.
    "membership_requests": ACCESS_LOG_RETENTION_DAYS,
    # A form's time is measured for the team's figure, not to time a person.
    "form_timing_users": env_int("RETENTION_FORM_TIMING_USERS_DAYS", 30, minimum=0),
    "withdrawn_stories": env_int("RETENTION_WITHDRAWN_STORIES_DAYS", 30, minimum=0),
    "rejected_stories": env_int("RETENTION_REJECTED_STORIES_DAYS", 180, minimum=0),
    # iJw (docs/ijw.md): care that ended lives as long as a closed case; the bookkeeping of
    # messages a year, long enough for resent and corrected messages to be recognised.
    "ijw_care_episodes": env_int("RETENTION_IJW_CARE_EPISODES_DAYS", 5 * 365 + 1, minimum=365),
    "ijw_messages": env_int("RETENTION_IJW_MESSAGES_DAYS", 365, minimum=30),
    "ijw_pending_stops": env_int("RETENTION_IJW_PENDING_STOPS_DAYS", 365, minimum=30),
    "ijw_set_aside": env_int("RETENTION_IJW_SET_ASIDE_DAYS", 365, minimum=0),
}
# How long an expert's stated reason for reading an escalated case stays valid.
ESCALATED_READ_REASON_HOURS = env_int("ESCALATED_READ_REASON_HOURS", 8, minimum=1)
EMERGENCY_ACCESS_HOURS = env_int("EMERGENCY_ACCESS_HOURS", 4, minimum=1)
# The regional norm for waiting time (days); waits longer than this count as above the norm.
WAITING_NORM_DAYS = env_int("WAITING_NORM_DAYS", 42, minimum=1)
# Re-evaluate a case's signals when it changes (attention app); a national deployment may turn
# this off and run `manage.py refresh_signals` from cron instead.
ATTENTION_REFRESH_ON_COMMIT = env_bool("ATTENTION_REFRESH_ON_COMMIT", True)
# Work out the small-number protection of every figure after each change to a case. A national
# deployment turns this off and runs `manage.py refresh_indicators --protect` from cron instead.
INDICATORS_PROTECT_ON_COMMIT = env_bool("INDICATORS_PROTECT_ON_COMMIT", True)

# Bottlenecks: the address links in e-mails start with, the response norm where a region has
# set none (working days), and the contact address of a region coordinator created on the fly.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
BOTTLENECK_RESPONSE_DAYS = env_int("BOTTLENECK_RESPONSE_DAYS", 10, minimum=1)
BOTTLENECK_FALLBACK_EMAIL = env_str("BOTTLENECK_FALLBACK_EMAIL", "knelpunten@elkedagbeter.invalid")

# Every import (cases, events, moments, review dossiers, the catalogue, stories) reads its file
# within these limits and stops at the first one passed (core/tabular.py): rows under the header,
# bytes of the upload, bytes an XLSX workbook unpacks to, cells (rows x columns) and characters
# in one cell (32,767 is Excel's own maximum).
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20_000, minimum=1)
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
IMPORT_MAX_UNCOMPRESSED_BYTES = env_int(
    "IMPORT_MAX_UNCOMPRESSED_BYTES", 100 * 1024 * 1024, minimum=1024
)
IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", 1_000_000, minimum=1)
IMPORT_MAX_CELL_CHARACTERS = env_int("IMPORT_MAX_CELL_CHARACTERS", 32_767, minimum=1)

# Public story form: at most STORY_RATE_LIMIT submissions (and withdrawal attempts) per client
# address per window; the address is only hashed into a cache key, never stored.
STORY_RATE_LIMIT = env_int("STORY_RATE_LIMIT", 5, minimum=1)
STORY_RATE_WINDOW_SECONDS = env_int("STORY_RATE_WINDOW_SECONDS", 600, minimum=1)
# How many proxies of our own stand in front of the application, each appending the address it
# received the request from to X-Forwarded-For. The client address (story rate limit, access
# log, login lock-out; audit/addresses.py) is the entry that many places from the right; 0
# ignores the header. STORY_TRUST_FORWARDED_FOR=true, the older setting, still means one proxy.
TRUSTED_PROXY_HOPS = env_int(
    "TRUSTED_PROXY_HOPS", 1 if env_bool("STORY_TRUST_FORWARDED_FOR", False) else 0, minimum=0
)

# The cache holds the story form's rate-limit counters. Per process by default; with several
# workers set SHARED_CACHE to "database" (run `manage.py createcachetable` once) or to a
# directory all workers can write, so that the limit counts per address, not per worker.
SHARED_CACHE = env_str("SHARED_CACHE", "")
CACHES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
if SHARED_CACHE == "database":
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "edb_cache",
        # Beyond MAX_ENTRIES every write deletes a third of the entries, live counters too
        # (Django's default of 300 is 300 addresses in a window); each write counts the table
        # (an index-only scan: well under a millisecond at 300 rows, a few at 20,000).
        "OPTIONS": {"MAX_ENTRIES": env_int("SHARED_CACHE_MAX_ENTRIES", 20_000, minimum=1)},
    }
elif SHARED_CACHE:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": SHARED_CACHE,
    }
# Rendered HTML whose cache key holds everything it shows (the dashboard's indicator sections,
# keyed by a digest of their figures): per process, so a new release starts empty.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 400},
}

# Optional single sign-on with OpenID Connect: enabled when a client id is configured.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
if OIDC_ENABLED:
    from .oidc import *  # noqa: F403

    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "elkedagbeter.accounts.oidc.OIDCBackend"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
