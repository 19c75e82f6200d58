"""Functioneel beheer of the desk (/beheer/): the category tree with its answer terms, and each
steunpunt's settings. Without code, and every change in Kring's logbook (accounts.admin_trace).

Questions, links and policy signals are NOT here: they hold what parents told the steunpunt, and
personal data stays out of /beheer/ (the steunpunt works with them on its own pages).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kring.accounts.models import User
from kring.accounts.roles import Role
from kring.organisations.models import OrganisationKind

from .models import DeskSettings, QuestionCategory

TERM_MESSAGES = {
    "min_value": _("Een termijn is minstens 1 werkdag."),
    "max_value": _("Een termijn is hoogstens 60 werkdagen."),
}


class QuestionCategoryForm(forms.ModelForm[QuestionCategory]):
    answer_term_days = forms.IntegerField(
        label=_("termijn om te antwoorden (werkdagen)"),
        min_value=1,
        max_value=60,
        error_messages=TERM_MESSAGES,
        help_text=_("Zoveel werkdagen heeft het steunpunt om een vraag in deze categorie te beantwoorden."),
    )

    class Meta:
        model = QuestionCategory
        fields = [
            "name",
            "code",
            "parent",
            "description",
            "answer_term_days",
            "position",
            "active",
            "name_en",
            "description_en",
        ]

    def clean_parent(self) -> QuestionCategory | None:
        parent: QuestionCategory | None = self.cleaned_data.get("parent")
        if parent is None or self.instance.pk is None:
            return parent
        seen = set()
        node: QuestionCategory | None = parent
        while node is not None and node.pk not in seen:
            if node.pk == self.instance.pk:
                raise forms.ValidationError(
                    gettext(
                        "Een categorie kan niet onder zichzelf of onder een van haar eigen "
                        "subcategorieën vallen."
                    )
                )
            seen.add(node.pk)
            node = node.parent
        return parent


@admin.register(QuestionCategory)
class QuestionCategoryAdmin(admin.ModelAdmin[QuestionCategory]):
    form = QuestionCategoryForm
    list_display = ("name", "parent", "answer_term_days", "position", "active")
    list_filter = ("active", ("parent", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "code", "description")
    prepopulated_fields = {"code": ("name",)}
    ordering = ("parent__position", "position", "name")

    def get_queryset(self, request: HttpRequest) -> QuerySet[QuestionCategory]:
        return super().get_queryset(request).select_related("parent")

    def _uses(self, obj: QuestionCategory) -> dict[str, int]:
        counts = QuestionCategory.objects.filter(pk=obj.pk).aggregate(
            questions=Count("questions", distinct=True),
            signals=Count("signals", distinct=True),
            children=Count("children", distinct=True),
        )
        return {key: int(value or 0) for key, value in counts.items()}

    def in_use_message(self, obj: QuestionCategory) -> str | None:
        uses = self._uses(obj)
        if not any(uses.values()):
            return None
        return gettext(
            "De categorie '%(name)s' is in gebruik (%(questions)s vragen, %(signals)s signalen, "
            "%(children)s subcategorieën). Je kunt haar niet verwijderen, want dan klopt de "
            "signalenrapportage niet meer. Zet haar op niet actief: dan kiest niemand haar nog voor een "
            "nieuwe vraag."
        ) % {"name": obj.name, **uses}

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple[Any, Any, Any, list[Any]]:
        """A category in use cannot be deleted; say why in plain words, instead of listing the questions
        (their references belong to the steunpunt, not to functioneel beheer)."""
        deleted, model_count, perms_needed, _protected = super().get_deleted_objects(objs, request)
        # Questions and signals hold their categories in a many-to-many table, which the database
        # would empty silently: a category in use is protected here, with the reason in words.
        in_use = [message for obj in objs if (message := self.in_use_message(obj))]
        return deleted, model_count, perms_needed, in_use

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        if request.method == "GET" and obj is not None and (message := self.in_use_message(obj)):
            messages.info(request, message)
        return super().change_view(request, object_id, form_url, extra_context)


class DeskSettingsForm(forms.ModelForm[DeskSettings]):
    contact_retention_months = forms.IntegerField(
        label=_("contactgegevens bewaren (maanden na afsluiten)"),
        min_value=1,
        max_value=24,
        error_messages={
            "min_value": _("Bewaar contactgegevens minstens 1 maand."),
            "max_value": _("Bewaar contactgegevens hoogstens 24 maanden."),
        },
        help_text=_(
            "Zo lang na het afsluiten van een vraag bewaart Kring naam, e-mailadres en telefoonnummer."
        ),
    )

    class Meta:
        model = DeskSettings
        fields = [
            "steunpunt",
            "swvs",
            "closed_in_school_holidays",
            "vakantieregio",
            "contact_retention_months",
            "coordinator",
            "public_form_enabled",
        ]
        widgets = {"swvs": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        workers = User.objects.filter(
            role=Role.STEUNPUNT_MEDEWERKER, is_active=True, organisation__kind=OrganisationKind.STEUNPUNT
        )
        if self.instance.pk is not None:
            workers = workers.filter(organisation_id=self.instance.steunpunt_id)
        if "coordinator" in self.fields:
            field = self.fields["coordinator"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = workers.order_by("last_name", "first_name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        steunpunt = data.get("steunpunt")
        coordinator = data.get("coordinator")
        if coordinator is not None and steunpunt is not None and coordinator.organisation_id != steunpunt.pk:
            self.add_error("coordinator", gettext("Kies als coördinator een medewerker van dit steunpunt."))
        if data.get("closed_in_school_holidays") and not data.get("vakantieregio"):
            self.add_error(
                "vakantieregio",
                gettext(
                    "Kies de vakantieregio: dan weet Kring welke schoolvakanties niet meetellen in "
                    "de termijn."
                ),
            )
        return data


@admin.register(DeskSettings)
class DeskSettingsAdmin(admin.ModelAdmin[DeskSettings]):
    form = DeskSettingsForm
    list_display = (
        "steunpunt",
        "closed_in_school_holidays",
        "vakantieregio",
        "contact_retention_months",
        "coordinator",
        "public_form_enabled",
    )
    list_filter = ("public_form_enabled", "closed_in_school_holidays", "vakantieregio")
    search_fields = ("steunpunt__name",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[DeskSettings]:
        return super().get_queryset(request).select_related("steunpunt", "coordinator")

    def save_model(self, request: HttpRequest, obj: DeskSettings, form: Any, change: bool) -> None:
        if change:
            obj.version += 1  # the steunpunt's own pages save with optimistic locking
        super().save_model(request, obj, form, change)
