# The region's settings and escalation ladder moved from `kring.cases` (cases 0001 created the tables).
# State only: the tables keep their names (`cases_regionsettings`, `cases_escalationlevel`).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("cases", "0001_initial"),
        ("organisations", "0002_reference_constraints"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="RegionSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kr_3m_enabled", models.BooleanField(default=True, verbose_name="driemaandennorm (KR-3M) aan")),
                ("kr_3m_months", models.PositiveSmallIntegerField(default=3, verbose_name="aantal maanden")),
                (
                    "escalate_statutory",
                    models.BooleanField(default=True, verbose_name="escaleren bij een gemiste wettelijke termijn"),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "swv",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="case_settings",
                        to="organisations.samenwerkingsverband",
                    ),
                ),
            ],
            options={
                "db_table": "cases_regionsettings",
                "verbose_name": "regio-instellingen",
                "verbose_name_plural": "regio-instellingen",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("kr_3m_months__gte", 1), ("kr_3m_months__lte", 24)),
                        name="region_kr3m_months_range",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="EscalationLevel",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("order", models.PositiveSmallIntegerField(verbose_name="trede")),
                ("name", models.CharField(max_length=200, verbose_name="naam")),
                (
                    "mandate_role",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("intern_begeleider", "Intern begeleider / zorgcoördinator"),
                            ("schoolleider", "Schoolleider"),
                            ("swv_consulent", "Consulent samenwerkingsverband"),
                            ("swv_directeur", "Directeur samenwerkingsverband"),
                            ("leerplichtambtenaar", "Leerplichtambtenaar"),
                            ("jeugdhulpverlener", "Jeugdhulpverlener"),
                            ("steunpunt_medewerker", "Medewerker ouder- en jeugdsteunpunt"),
                            ("inspecteur", "Inspecteur van het onderwijs"),
                            ("functioneel_beheerder", "Functioneel beheerder"),
                            ("ouder", "Ouder of wettelijk vertegenwoordiger"),
                            ("leerling", "Leerling"),
                        ],
                        max_length=32,
                        verbose_name="rol met mandaat",
                    ),
                ),
                ("term_amount", models.PositiveSmallIntegerField(verbose_name="termijn")),
                (
                    "term_unit",
                    models.CharField(
                        choices=[("werkdagen", "werkdagen"), ("weken", "weken")],
                        default="werkdagen",
                        max_length=10,
                        verbose_name="eenheid",
                    ),
                ),
                (
                    "mandate_organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                    ),
                ),
                (
                    "mandate_user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "swv",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="escalation_levels",
                        to="organisations.samenwerkingsverband",
                    ),
                ),
            ],
            options={
                "db_table": "cases_escalationlevel",
                "verbose_name": "escalatietrede",
                "verbose_name_plural": "escalatieladder",
                "ordering": ["swv", "order"],
                "constraints": [
                    models.UniqueConstraint(fields=("swv", "order"), name="escalation_level_order_unique"),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("mandate_user__isnull", False),
                            models.Q(("mandate_role", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="escalation_level_has_mandate",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("term_amount__gte", 1)), name="escalation_level_term_positive"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("term_unit__in", ["werkdagen", "weken"])),
                        name="escalation_level_unit_known",
                    ),
                ],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
