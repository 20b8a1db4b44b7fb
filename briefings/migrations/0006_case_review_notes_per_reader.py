"""Repeat rows stored before the ASB Case Review note was worked out per reader carry the
note as text, from every case; turn each into the ASB reports among the row's linked cases,
so every reader's note counts only the reports they may see."""

from django.db import migrations

NOTES = [
    [3, "Eligible for an ASB Case Review"],
    [2, "Second ASB report: explain the ASB Case Review"],
]


def note_from_links(item, asb_ids: set[int]) -> bool:
    note, cases = item.cells.get("case_review"), item.cells.get("cases")
    if note is None or "t" in note or not cases or cases.get("t") != "cases":
        return False
    pairs = [pair for pair in cases["v"] if pair[0] in asb_ids]
    item.cells["case_review"] = {
        "v": pairs, "s": "standard", "t": "count", "label": "", "notes": NOTES
    }
    return True


def forwards(apps, schema_editor) -> None:
    BriefingItem = apps.get_model("briefings", "BriefingItem")
    Case = apps.get_model("casework", "Case")
    items = list(BriefingItem.objects.filter(section__key="repeats").only("cells"))
    linked = {pair[0] for item in items for pair in item.cells.get("cases", {}).get("v", [])}
    asb_ids = set(
        Case.objects.filter(pk__in=linked, case_type="asb").values_list("pk", flat=True)
    )
    changed = [item for item in items if note_from_links(item, asb_ids)]
    BriefingItem.objects.bulk_update(changed, ["cells"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("briefings", "0005_document_out_of_date"),
        ("casework", "0006_indexes_for_home_and_briefing"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True),
    ]
