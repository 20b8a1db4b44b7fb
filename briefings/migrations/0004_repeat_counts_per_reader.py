"""Repeat rows stored before counts were cut per reader carry their count as text; turn
each into a count of the row's linked cases, so every reader sees only how many they may see.
"""

from django.db import migrations


def count_from_links(item) -> bool:
    reports, cases = item.cells.get("reports"), item.cells.get("cases")
    if not reports or "t" in reports or not cases or cases.get("t") != "cases":
        return False
    _, _, label = str(reports.get("v", "")).partition(" ")
    item.cells["reports"] = {"v": cases["v"], "s": "standard", "t": "count", "label": label}
    return True


def forwards(apps, schema_editor) -> None:
    BriefingItem = apps.get_model("briefings", "BriefingItem")
    items = BriefingItem.objects.filter(section__key="repeats").only("cells")
    changed = [item for item in items.iterator(chunk_size=500) if count_from_links(item)]
    BriefingItem.objects.bulk_update(changed, ["cells"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0003_section_row_limit"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True),
    ]
