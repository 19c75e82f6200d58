# RegionSettings and EscalationLevel moved to `kring.regions` (regions 0001). State only: the tables
# (`cases_regionsettings`, `cases_escalationlevel`) and the foreign-key columns stay as they are.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0002_assessment_per_child_notifications_to_agenda"),
        ("regions", "0001_initial"),
    ]

    state_operations = [
        migrations.AlterField(
            model_name="escalation",
            name="level",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="escalations",
                to="regions.escalationlevel",
            ),
        ),
        migrations.AlterField(
            model_name="escalationdecision",
            name="level",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.escalationlevel",
            ),
        ),
        migrations.DeleteModel(name="RegionSettings"),
        migrations.DeleteModel(name="EscalationLevel"),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
