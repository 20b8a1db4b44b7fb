from django.db import migrations, models


def lapses_from_agreements(apps, schema_editor):
    """Shares made under an agreement stop on the day after it ends."""
    CaseShare = apps.get_model("casework", "CaseShare")
    for share in CaseShare.objects.filter(agreement__ends_on__isnull=False).select_related(
        "agreement"
    ):
        CaseShare.objects.filter(pk=share.pk).update(lapses_on=share.agreement.ends_on)


class Migration(migrations.Migration):
    dependencies = [("casework", "0007_vulnerability_flags")]

    operations = [
        migrations.AddField(
            model_name="caseshare",
            name="lapses_on",
            field=models.DateField(
                blank=True,
                help_text="The last day the agreement it was made under runs.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalcaseshare",
            name="lapses_on",
            field=models.DateField(
                blank=True,
                help_text="The last day the agreement it was made under runs.",
                null=True,
            ),
        ),
        migrations.AddIndex(
            model_name="caseshare",
            index=models.Index(
                condition=models.Q(("lapses_on__isnull", False), ("revoked_at__isnull", True)),
                fields=["lapses_on"],
                name="share_active_lapses_on",
            ),
        ),
        migrations.RunPython(lapses_from_agreements, migrations.RunPython.noop),
    ]
