from django.db import migrations


def add_default_tree(apps, schema_editor):
    from kring.desk.categories import DEFAULT_CATEGORIES, ROOT

    Category = apps.get_model("desk", "QuestionCategory")
    root, _ = Category.objects.get_or_create(
        code=ROOT.code,
        defaults={
            "name": ROOT.name,
            "name_en": ROOT.name_en,
            "description": ROOT.description,
            "description_en": ROOT.description_en,
            "answer_term_days": ROOT.term_days,
            "position": 0,
        },
    )
    for position, item in enumerate(DEFAULT_CATEGORIES, start=1):
        Category.objects.get_or_create(
            code=item.code,
            defaults={
                "parent": root,
                "name": item.name,
                "name_en": item.name_en,
                "description": item.description,
                "description_en": item.description_en,
                "answer_term_days": item.term_days,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("desk", "0001_initial")]

    operations = [migrations.RunPython(add_default_tree, migrations.RunPython.noop)]
