"""Indexes for the home page and the daily briefing over a large casebook: open cases by
type and risk (the home page's counts), open cases by review date (cases past review), and
cases by the time they entered the casebook (the briefing's new cases).

Built concurrently on PostgreSQL; ordinary indexes elsewhere.
"""

from django.db import migrations, models

from casework.migration_operations import AddIndexConcurrentlyOnPostgres


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("casework", "0005_case_status_type_reported")]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="case",
            index=models.Index(
                condition=~models.Q(status="closed"),
                fields=["lead_agency", "case_type", "risk_level", "is_restricted", "id"],
                name="case_open_summary",
            ),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="case",
            index=models.Index(
                condition=~models.Q(status="closed"),
                fields=["next_review_on", "id"],
                name="case_open_review",
            ),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="case",
            index=models.Index(fields=["created_at"], name="case_created_at"),
        ),
    ]
