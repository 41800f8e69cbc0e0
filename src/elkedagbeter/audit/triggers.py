"""Database triggers that make the access log append-only below the ORM.

PostgreSQL: one guard function refuses UPDATE always, and DELETE/TRUNCATE unless the transaction
set ``elkedagbeter.purge_before`` (retention purge) and the row is older than it. SQLite has no
session variables, so the purge lifts its DELETE trigger inside its own transaction.
The migration that installs these keeps its own frozen copy of the SQL.
"""

SQLITE_UPDATE_GUARD = """
CREATE TRIGGER IF NOT EXISTS audit_accesslogentry_no_update
BEFORE UPDATE ON audit_accesslogentry
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END
"""
SQLITE_DELETE_GUARD = """
CREATE TRIGGER IF NOT EXISTS audit_accesslogentry_no_delete
BEFORE DELETE ON audit_accesslogentry
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END
"""
SQLITE_DROP_DELETE_GUARD = "DROP TRIGGER IF EXISTS audit_accesslogentry_no_delete"
