"""The purpose of an audit event is one of the closed list; every event has a code.

See the ADR on audit events and purposes.

Apart from 0002 so that the rows are rewritten in one transaction and the table is altered in the
next (PostgreSQL refuses to alter a table with pending trigger events in the same transaction).
"""

from django.db import migrations, models
from django.db.models import Q

PURPOSES = [
    "casusregie",
    "leerplicht",
    "zorgplicht",
    "escalatie",
    "family_access",
    "functioneel_beheer",
    "nightly_job",
    "login",
    "onbekend",
]


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_audit_codes_and_purposes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="purpose",
            field=models.CharField(
                choices=[
                    ("casusregie", "Regie op de casus"),
                    ("leerplicht", "Leerplicht en verzuim"),
                    ("zorgplicht", "Zorgplicht: een passende plek"),
                    ("escalatie", "Escalatie"),
                    ("family_access", "Inzage door het gezin"),
                    ("functioneel_beheer", "Functioneel beheer"),
                    ("nightly_job", "Dagelijkse controle door Kring"),
                    ("login", "Inloggen"),
                    ("onbekend", "Onbekend (oude logregel)"),
                ],
                max_length=32,
                verbose_name="doel",
            ),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.CheckConstraint(condition=Q(purpose__in=PURPOSES), name="audit_purpose_in_closed_list"),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.CheckConstraint(condition=~Q(code=""), name="audit_code_required"),
        ),
    ]
