"""Make the access log append-only in the database itself.

The SQL is frozen here on purpose (migrations must not import app code); audit/triggers.py
holds the statements the purge and flush commands use at run time.
"""

from django.db import migrations

POSTGRES_INSTALL = """
CREATE OR REPLACE FUNCTION audit_accesslogentry_guard() RETURNS trigger AS $$
DECLARE
    purge_before text := coalesce(current_setting('elkedagbeter.purge_before', true), '');
BEGIN
    IF TG_OP = 'TRUNCATE' AND purge_before = 'infinity' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' AND purge_before <> ''
       AND OLD.occurred_at < purge_before::timestamptz THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the access log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_accesslogentry_append_only
    BEFORE UPDATE OR DELETE ON audit_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION audit_accesslogentry_guard();
CREATE TRIGGER audit_accesslogentry_no_truncate
    BEFORE TRUNCATE ON audit_accesslogentry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_accesslogentry_guard();
"""
POSTGRES_REMOVE = """
DROP TRIGGER IF EXISTS audit_accesslogentry_no_truncate ON audit_accesslogentry;
DROP TRIGGER IF EXISTS audit_accesslogentry_append_only ON audit_accesslogentry;
DROP FUNCTION IF EXISTS audit_accesslogentry_guard();
"""
SQLITE_INSTALL = [
    """CREATE TRIGGER IF NOT EXISTS audit_accesslogentry_no_update
    BEFORE UPDATE ON audit_accesslogentry
    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_accesslogentry_no_delete
    BEFORE DELETE ON audit_accesslogentry
    BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_accesslogentry_no_update",
    "DROP TRIGGER IF EXISTS audit_accesslogentry_no_delete",
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_INSTALL)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_INSTALL:
            schema_editor.execute(statement)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_REMOVE)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_REMOVE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
