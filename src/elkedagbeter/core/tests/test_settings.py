"""Settings come from the environment, with secure defaults and loud failures on bad values."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from elkedagbeter.settings.env import env_bool, env_int, env_list, env_str

GOOD_KEY = "k" * 60


def _production(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the production settings in a clean interpreter with only ``env`` set."""
    script = (
        "import json; from django.conf import settings as s; s._setup(); print(json.dumps({"
        "'debug': s.DEBUG, 'hsts': s.SECURE_HSTS_SECONDS, 'ssl': s.SECURE_SSL_REDIRECT,"
        "'secure_cookie': s.SESSION_COOKIE_SECURE, 'csrf_cookie': s.CSRF_COOKIE_SECURE,"
        "'idle': s.SESSION_COOKIE_AGE, 'engine': s.DATABASES['default']['ENGINE'],"
        "'script_src': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'],"
        "'cache': s.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}))"
    )
    base = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "elkedagbeter.settings.production",
        "PSEUDONYM_SECRET": "s" * 40,
    }
    return subprocess.run(
        [sys.executable, "-c", script],
        env={**base, "PYTHONPATH": str(Path(__file__).parents[3]), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_defaults_are_secure() -> None:
    result = _production(
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="jeugd.example.nl",
        DATABASE_URL="postgres://edb:secret@db.example.nl/edb",
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "debug": False,
        "hsts": 31_536_000,
        "ssl": True,
        "secure_cookie": True,
        "csrf_cookie": True,
        "idle": 30 * 60,
        "engine": "django.db.backends.postgresql",
        "script_src": ["'self'"],
        "cache": "LocMemCache",
    }


@pytest.mark.parametrize(
    ("shared", "backend"), [("database", "DatabaseCache"), ("/var/cache/edb", "FileBasedCache")]
)
def test_several_workers_can_share_the_rate_limit_cache(shared: str, backend: str) -> None:
    result = _production(
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="jeugd.example.nl",
        DATABASE_URL="postgres://edb:secret@db.example.nl/edb",
        SHARED_CACHE=shared,
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["cache"] == backend


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "jeugd.example.nl"}, "SECRET_KEY is required"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "a.nl"}, "at least 50 characters"),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS must name"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "a.nl", "DEBUG": "true"}, "DEBUG must be off"),
        (
            {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "a.nl", "SESSION_IDLE_MINUTES": "soon"},
            "SESSION_IDLE_MINUTES must be an integer",
        ),
        (
            {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "a.nl", "DATABASE_URL": "sqlite:///x.db"},
            "Production runs on PostgreSQL",
        ),
        (
            {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "a.nl", "PSEUDONYM_SECRET": "short"},
            "PSEUDONYM_SECRET must be at least 32 characters",
        ),
    ],
)
def test_production_refuses_to_start_misconfigured(env: dict[str, str], message: str) -> None:
    result = _production(**{"DATABASE_URL": "postgres://edb@db.example.nl/edb", **env})

    assert result.returncode != 0
    assert message in result.stderr


def test_env_helpers_read_values_and_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n", encoding="utf-8")
    monkeypatch.setenv("EDB_TEST_SECRET_FILE", str(secret))
    monkeypatch.setenv("EDB_TEST_FLAG", "Yes")
    monkeypatch.setenv("EDB_TEST_NUMBER", "12")
    monkeypatch.setenv("EDB_TEST_HOSTS", "a.nl, b.nl ,")

    assert env_str("EDB_TEST_SECRET") == "from-a-file"
    assert env_bool("EDB_TEST_FLAG", False) is True
    assert env_int("EDB_TEST_NUMBER", 1, minimum=1) == 12
    assert env_list("EDB_TEST_HOSTS", []) == ["a.nl", "b.nl"]
    assert env_str("EDB_TEST_MISSING", "fallback") == "fallback"


@pytest.mark.parametrize(
    ("name", "value", "read"),
    [
        ("EDB_TEST_FLAG", "maybe", lambda: env_bool("EDB_TEST_FLAG", False)),
        ("EDB_TEST_NUMBER", "0", lambda: env_int("EDB_TEST_NUMBER", 5, minimum=1)),
    ],
)
def test_env_helpers_refuse_bad_values(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, read: object
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        read()  # type: ignore[operator]
