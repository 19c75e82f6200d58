"""The download buttons' pages: /casussen/gezin/<child_id>/download.pdf and .json.

Thin: `family_download` asks the policy (404 for a child the person may not see, 403 for a
professional: the family downloads it themselves) and logs the download; this view only turns the
file into a response. Always an attachment, never shown inline, never stored on disk.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify

from kring.cases.forms_work import current_user, work_view
from kring.privacy.dossier import Dossier, family_download

from .pdf import file_pdf

CONTENT_TYPES = {"pdf": "application/pdf", "json": "application/json; charset=utf-8"}


def filename(dossier: Dossier, extension: str) -> str:
    """`dossier-noor-2026-12-04.pdf`: the first name and the day, never a BSN."""
    first = slugify(dossier.child.first_name)
    return f"dossier-{first or dossier.child_id}-{dossier.exported_at.date().isoformat()}.{extension}"


def attachment(content: bytes, *, extension: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def dossier_json(dossier: Dossier) -> bytes:
    return json.dumps(dossier.to_json(), ensure_ascii=False, indent=2).encode("utf-8")


@work_view
def download(request: HttpRequest, child_id: int, extension: str) -> HttpResponse:
    user = current_user(request)
    dossier = family_download(actor=user, child_id=child_id, format=extension)
    content = file_pdf(dossier) if extension == "pdf" else dossier_json(dossier)
    return attachment(content, extension=extension, name=filename(dossier, extension))


def download_pdf(request: HttpRequest, child_id: int) -> HttpResponse:
    return download(request, child_id, "pdf")


def download_json(request: HttpRequest, child_id: int) -> HttpResponse:
    return download(request, child_id, "json")
