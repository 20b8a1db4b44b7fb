"""Trigram indexes for free-text search on PostgreSQL (other databases scan instead).

Django's icontains becomes UPPER(col::text) LIKE UPPER('%term%') on PostgreSQL,
so the indexes are on that same expression. On a large live table, build these
by hand with CREATE INDEX CONCURRENTLY first (docs/deploy.md); IF NOT EXISTS
then makes this migration a no-op.
"""

from django.db import migrations

INDEXES = [
    ("person_given_name_trgm", "casework_person", "given_name"),
    ("person_family_name_trgm", "casework_person", "family_name"),
    ("case_address_trgm", "casework_case", "address"),
    ("case_reference_trgm", "casework_case", "reference"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("casework", "0003_retention")]

    operations = [migrations.RunPython(create, drop)]
