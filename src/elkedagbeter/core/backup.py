"""Back up the database to one file and restore it into an empty database, then prove that
nothing was lost: every table's row count and a checksum over its rows are written beside the
backup and compared after the restore.

PostgreSQL goes through ``pg_dump --format=custom`` and ``pg_restore``; the embedded SQLite
database through SQLite's online backup API, which copies a consistent snapshot while the site
keeps running.
"""

from __future__ import annotations

import glob
import hashlib
import json
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection, transaction

MANIFEST_SUFFIX = ".manifest.json"
Manifest = dict[str, dict[str, Any]]


class BackupError(RuntimeError):
    """A backup or restore that cannot go on; the message says why, for the operator."""


def manifest() -> Manifest:
    """Per table: the number of rows and a SHA-256 over them in primary-key order."""
    result: Manifest = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        digest = hashlib.sha256()
        rows = model._base_manager.order_by("pk").values_list()
        count = 0
        for row in rows.iterator(2000):
            digest.update(repr(row).encode())
            count += 1
        result[model._meta.db_table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def differences(expected: Manifest, found: Manifest) -> list[str]:
    """Tables whose rows differ between two manifests, described for the operator."""
    problems = []
    for table in sorted(expected.keys() | found.keys()):
        before, after = expected.get(table), found.get(table)
        if before is None or after is None:
            problems.append(f"{table}: only in the {'restored' if before is None else 'backed-up'}")
        elif before["rows"] != after["rows"]:
            problems.append(f"{table}: {before['rows']} rows backed up, {after['rows']} restored")
        elif before["sha256"] != after["sha256"]:
            problems.append(f"{table}: same row count, different contents")
    return problems


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def back_up(target: Path) -> Manifest:
    """Write the database to ``target`` and its manifest beside it, both from one snapshot, so
    that writes during the backup do not make the two disagree."""
    if target.exists():
        raise BackupError(f"{target} exists already; a backup never overwrites one.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                (snapshot_id,) = cursor.fetchone()
            snapshot = manifest()
            dump = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}"]
            _run(*dump, f"--snapshot={snapshot_id}")
        elif connection.vendor == "sqlite":
            _sqlite_source()
            snapshot = manifest()  # the read transaction keeps writers out until the copy is done
            with closing(sqlite3.connect(target)) as copy:
                connection.connection.backup(copy)
        else:
            raise BackupError(f"No backup for the {connection.vendor} database.")
    manifest_path(target).write_text(json.dumps(snapshot, indent=1, sort_keys=True))
    return snapshot


def restore(source: Path) -> list[str]:
    """Restore ``source`` into the configured database, which must be empty, and return how it
    differs from the manifest written at backup time (nothing, when all is well)."""
    expected_file = manifest_path(source)
    if not source.is_file() or not expected_file.is_file():
        raise BackupError(f"{source} or its manifest {expected_file.name} is missing.")
    if connection.introspection.table_names():
        raise BackupError("The database has tables already; restore only into an empty one.")
    if connection.vendor == "postgresql":
        _run(_pg_tool("pg_restore"), "--no-owner", "--exit-on-error", str(source))
    elif connection.vendor == "sqlite":
        connection.close()
        _sqlite_copy(str(source), _sqlite_source())
    else:
        raise BackupError(f"No restore for the {connection.vendor} database.")
    connection.close()  # start afresh on the restored tables
    return differences(json.loads(expected_file.read_text()), manifest())


def _sqlite_source() -> str:
    name = str(connection.settings_dict["NAME"])
    if name in {"", ":memory:"} or name.startswith("file:memorydb"):
        raise BackupError("An in-memory database cannot be backed up or restored.")
    return name


def _sqlite_copy(source: str, target: str) -> None:
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
        origin.backup(copy)


def _pg_tool(name: str) -> str:
    """The PostgreSQL client on PATH, else the newest one Debian installs beside the server."""
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return found


def _run(tool: str, *arguments: str) -> None:
    settings = connection.settings_dict
    connect = [
        f"--dbname={settings['NAME']}",
        f"--host={settings['HOST'] or 'localhost'}",
        f"--port={settings['PORT'] or 5432}",
        f"--username={settings['USER']}",
    ]
    environment = {"PGPASSWORD": str(settings["PASSWORD"] or ""), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
        [tool, *connect, *arguments], capture_output=True, text=True, env=environment, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{Path(tool).name} failed: {done.stderr.strip()}")
