"""An index for the case list filtered by status and type (the commonest filters).

Built concurrently on PostgreSQL (no write lock on a table of millions of cases, see
docs/deploy.md); an ordinary index elsewhere.
"""

from django.db import migrations, models

from casework.migration_operations import AddIndexConcurrentlyOnPostgres


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("casework", "0004_search_trigram_indexes")]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="case",
            index=models.Index(
                fields=["status", "case_type", "-reported_at"], name="case_status_type_reported"
            ),
        )
    ]
