"""Migrations run from an empty database to the latest state and back, on SQLite and PostgreSQL,
and the models have no changes without a migration."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

OUR_APPS = ["organisations", "accounts", "audit", "cases"]


@pytest.mark.django_db
def test_every_model_change_has_a_migration() -> None:
    output = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=output)
    assert "No changes detected" in output.getvalue()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_migrations_apply_from_empty_and_back() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([(app, None) for app in reversed(OUR_APPS)])
    tables = set(connection.introspection.table_names())
    assert not {"cases_case", "audit_accesslogentry", "organisations_team"} & tables

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    tables = set(connection.introspection.table_names())
    assert {"cases_case", "audit_accesslogentry", "organisations_team"} <= tables
    # The append-only guard came back with the audit migrations.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_accesslogentry (occurred_at, event_code, action_code, result, "
            "user_id_ref, user_display, user_role, organisation, responsible_user, region_code, "
            "object_type, object_ref, authorisation_rule, user_agent, reason) VALUES "
            "(CURRENT_TIMESTAMP, 'case.read', 'R', 'success', '', '', '', '', '', '', '', "
            "'x', 'none', '', '')"
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslogentry SET reason = 'changed'")
