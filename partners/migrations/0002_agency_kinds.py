from django.db import migrations

# (code, name, police intelligence, health, children's safeguarding)
KINDS = [
    ("police", "Police", True, False, False),
    ("council", "Council", False, False, False),
    ("fire", "Fire and rescue", False, False, False),
    ("adult_safeguarding", "Adult safeguarding", False, True, False),
    ("childrens_safeguarding", "Children's safeguarding", False, False, True),
    ("victim_support", "Victim support", False, False, False),
    ("health", "Health", False, True, False),
    ("housing", "Housing", False, False, False),
]


def add_kinds(apps, schema_editor):
    AgencyKind = apps.get_model("partners", "AgencyKind")
    for code, name, police, health, children in KINDS:
        AgencyKind.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "reads_police_intelligence": police,
                "reads_health": health,
                "reads_childrens_safeguarding": children,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
