"""A token of the report data's state that every committed write changes, whatever path it took.

The pages' caches (reports.page_cache) are keyed by it. The history-based fingerprint of the draft
PDFs (workreport.publishing.data_fingerprint) sees only saves and deletes that write history or
move a primary key; a `QuerySet.update()`, a `bulk_update`, a bulk create without history or raw
SQL pass it by. This token is set by the database itself: a trigger on every table of the report's
apps (and on the users' table, whose names the audit page prints) writes a fresh random token into
one row on every INSERT, UPDATE, DELETE and TRUNCATE, inside the writing transaction. So:

- a reader sees a new token exactly when it sees the write (same transaction, same commit);
- a rolled-back write leaves the old token, and the data is the old data too;
- a token is random, never a counter: a restored backup brings back its own token with its own
  data, and no later state can meet a token cached for another state.

Read the token *before* the data a cached value is computed from: what is computed is then at
least as new as the token says, never older.

A write on PostgreSQL takes the token row's lock until it commits (before its statement, so before
any row of its own): writes of report data wait for each other's commit. Edits here are short; a
background import holds it for its seconds.

The triggers are installed by a migration (workreport/migrations/0002_data_version.py). A table
made later (a new model) or remade (SQLite rebuilds a table to alter it) has none until a migration
calls install() again: current_token() then answers None, so nothing is cached (slower, never
stale), and tests/test_page_cache.py names the table.

This is the bottom layer: the apps are named by label, never imported.
"""
from django.apps import apps as global_apps
from django.db import connections

from reports.apps import REPORT_APPS

TABLE = "sdf_data_version"
TRIGGER = "sdf_data_version"
# The apps whose rows a cached page may show: the report's data with its history, the logins tied
# to people, the report cycle; and auth's user (the audit page names who changed what).
COVERED_APPS = (*REPORT_APPS, "accounts", "workreport")
COVERED_MODELS = (("auth", "user"),)
SQLITE_EVENTS = ("INSERT", "UPDATE", "DELETE")


def covered_tables(apps=global_apps) -> list[str]:
    """The database tables whose every write changes the token (apps: a migration's registry)."""
    models = [model for label in COVERED_APPS for model in apps.get_app_config(label).get_models(include_auto_created=True)]
    models += [apps.get_model(label, name) for label, name in COVERED_MODELS]
    return sorted({model._meta.db_table for model in models if model._meta.managed and not model._meta.proxy})


def postgresql_statements(tables) -> list[str]:
    statements = [
        f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY CHECK (id = 1), token varchar(36) NOT NULL)",
        f"INSERT INTO {TABLE} (id, token) VALUES (1, gen_random_uuid()::text) ON CONFLICT (id) DO NOTHING",
        f"""CREATE OR REPLACE FUNCTION {TRIGGER}_bump() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN UPDATE {TABLE} SET token = gen_random_uuid()::text WHERE id = 1; RETURN NULL; END $$""",
    ]
    for table in tables:
        statements += [
            f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"',
            f'CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}_bump()",
        ]
    return statements


def sqlite_trigger_name(table, event) -> str:
    return f"{TRIGGER}_{event.lower()}_{table}"


def sqlite_statements(tables) -> list[str]:
    statements = [
        f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY CHECK (id = 1), token text NOT NULL)",
        f"INSERT OR IGNORE INTO {TABLE} (id, token) VALUES (1, lower(hex(randomblob(16))))",
    ]
    for table in tables:
        for event in SQLITE_EVENTS:
            statements.append(
                f'CREATE TRIGGER IF NOT EXISTS "{sqlite_trigger_name(table, event)}" AFTER {event} ON "{table}" '
                f"BEGIN UPDATE {TABLE} SET token = lower(hex(randomblob(16))) WHERE id = 1; END"
            )
    return statements


STATEMENTS = {"postgresql": postgresql_statements, "sqlite": sqlite_statements}


def install(connection, apps=global_apps) -> None:
    """The token's table and a trigger on every covered table (idempotent; from a migration)."""
    if connection.vendor not in STATEMENTS:
        return
    with connection.cursor() as cursor:
        for statement in STATEMENTS[connection.vendor](covered_tables(apps)):
            cursor.execute(statement)


def tables_without_trigger(connection) -> list[str]:
    """The covered tables a write of which would not change the token (all of them on a database
    other than PostgreSQL or SQLite)."""
    tables = covered_tables()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                           "WHERE t.tgname = %s AND c.relnamespace = to_regnamespace(current_schema())", [TRIGGER])
            found = {row[0] for row in cursor.fetchall()}
            return [table for table in tables if table not in found]
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            found = {row[0] for row in cursor.fetchall()}
            return [table for table in tables
                    if any(sqlite_trigger_name(table, event) not in found for event in SQLITE_EVENTS)]
    return tables


# {alias: True} once every covered table was seen with its trigger in this process (a migration
# that adds or remakes a table is followed by a restart of the workers).
complete = {}


def current_token(using="default") -> str | None:
    """The data's token now (one query), or None when some covered table lacks its trigger, or the
    database cannot have them: then nothing may be cached by it."""
    connection = connections[using]
    if not complete.get(using):
        if connection.vendor not in STATEMENTS or tables_without_trigger(connection):
            return None
        complete[using] = True
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None
