"""The column mappings every school can choose: Kring's own format, and the same columns as Excel
saves them on a Dutch Windows computer. No presets for ParnasSys, Magister, Somtoday or ESIS: their
export layouts are not public in a form Kring could check. A school adds its system's mapping in
/beheer/ (docs/attendance-import.md), without code."""

from django.db import migrations

STANDARD_COLUMNS = {
    "pupil": "bsn",
    "name": "naam",
    "birth_date": "geboortedatum",
    "date": "datum",
    "hours": "uren",
    "reason": "reden",
}
EXCEL_REASONS = {
    "o": "ongeoorloofd",
    "z": "ziek",
    "g": "geoorloofd",
    "s": "schorsing",
    "t": "te_laat",
    "te laat": "te_laat",
    "te-laat": "te_laat",
}
PRESETS = [
    {
        "name": "Kring-standaard",
        "system": "",
        "delimiter": ";",
        "encoding": "utf-8",
        "date_format": "%Y-%m-%d",
        "columns": STANDARD_COLUMNS,
        "reasons": {},
        "per_lesson": False,
    },
    {
        "name": "Kring-standaard, een regel per lesuur",
        "system": "",
        "delimiter": ";",
        "encoding": "utf-8",
        "date_format": "%Y-%m-%d",
        "columns": STANDARD_COLUMNS,
        "reasons": {},
        "per_lesson": True,
    },
    {
        "name": "Kring-standaard uit Excel (dd-mm-jjjj, Windows-tekens)",
        "system": "Excel",
        "delimiter": ";",
        "encoding": "cp1252",
        "date_format": "%d-%m-%Y",
        "columns": STANDARD_COLUMNS,
        "reasons": EXCEL_REASONS,
        "per_lesson": False,
    },
]


def add_presets(apps, schema_editor):
    ColumnMapping = apps.get_model("attendance", "ColumnMapping")
    for preset in PRESETS:
        ColumnMapping.objects.update_or_create(school=None, name=preset["name"], defaults=preset)


def remove_presets(apps, schema_editor):
    ColumnMapping = apps.get_model("attendance", "ColumnMapping")
    ColumnMapping.objects.filter(school=None, name__in=[p["name"] for p in PRESETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("attendance", "0001_initial")]

    operations = [migrations.RunPython(add_presets, remove_presets)]
