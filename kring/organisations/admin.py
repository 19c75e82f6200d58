"""Functioneel beheer of organisations. Reference data comes from `kring import reference`; here a
beheerder adds the organisations no public register has (youth care, steunpunten) and fixes names."""

from __future__ import annotations

from django.contrib import admin

from .models import Gemeente, Organisation, Samenwerkingsverband, SchoolLocation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name", "kind", "code", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "code")


@admin.register(SchoolLocation)
class SchoolLocationAdmin(admin.ModelAdmin[SchoolLocation]):
    list_display = ("organisation", "vestigingscode", "sector", "vakantieregio", "plaats")
    list_filter = ("sector", "vakantieregio")
    search_fields = ("organisation__name", "vestigingscode", "plaats")
    raw_id_fields = ("organisation", "board", "gemeente")


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(admin.ModelAdmin[Samenwerkingsverband]):
    list_display = ("code", "organisation", "sector")
    list_filter = ("sector",)
    search_fields = ("code", "organisation__name")
    raw_id_fields = ("organisation",)


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin[Gemeente]):
    list_display = ("name", "cbs_code", "provincie")
    search_fields = ("name", "cbs_code")
    raw_id_fields = ("organisation",)
