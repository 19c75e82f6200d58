"""The child's whole file as a readable PDF (fpdf2), from the same sections as the JSON download
(`kring.privacy.dossier`): a title page block with the day of the export and who asked for it, what
is in it and the family's rights, then a heading per section and per part. Dates in words in the
active language, page numbers in the footer. The BSN is masked (the JSON has it whole).

The font is Kring's own Noto Sans (`kring/desk/fonts`), as in the steunpunt's report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from kring.desk.pdf import FAMILY, FONTS, safe
from kring.privacy.dossier import Dossier, Part

INK = (26, 26, 26)
MUTED = (90, 90, 90)
RULE = (200, 200, 200)
INDENT = 6.0

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def day_words(value: date) -> str:
    return formats.date_format(value, "j F Y")


def moment_words(value: datetime) -> str:
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.date_format(local, "j F Y, H:i")


def words(value: Any) -> str:
    """A JSON value as a person reads it: dates in words, yes/no, lists joined; "" for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        if _DATE.match(value):
            return day_words(date.fromisoformat(value))
        if _MOMENT.match(value):
            try:
                return moment_words(datetime.fromisoformat(value))
            except ValueError:
                return value
        return value
    if isinstance(value, list):
        return ", ".join(w for w in (words(v) for v in value) if w)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {words(v)}" for k, v in value.items() if words(v))
    return str(value)


class FilePdf(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font(FAMILY, "", str(FONTS / "NotoSans-Regular.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "NotoSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)
        self.base_margin = 18.0

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        page = _("pagina %(page)s van %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 5, safe(f"{self.footer_text} · {page}"), align="C")
        self.set_text_color(*INK)

    def heading(self, text: str, size: float = 13) -> None:
        if self.get_y() > self.h - 45:
            self.add_page()
        self.ln(3)
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, size * 0.5, safe(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)
        self.set_font(FAMILY, "", 10)

    def paragraph(self, text: str, size: float = 10, *, muted: bool = False) -> None:
        self.set_font(FAMILY, "", size)
        if muted:
            self.set_text_color(*MUTED)
        self.multi_cell(0, size * 0.5, safe(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)

    def field(self, label: str, text: str, indent: float) -> None:
        """One line "Label: value", wrapped under the indent."""
        self.set_left_margin(self.base_margin + indent)
        self.set_x(self.base_margin + indent)
        self.set_font(FAMILY, "B", 9.5)
        self.write(5, safe(f"{label}: "))
        self.set_font(FAMILY, "", 9.5)
        self.write(5, safe(text))
        self.ln(5)
        self.set_left_margin(self.base_margin)

    def subheading(self, text: str, indent: float) -> None:
        if self.get_y() > self.h - 30:
            self.add_page()
        self.ln(1)
        self.set_left_margin(self.base_margin + indent)
        self.set_x(self.base_margin + indent)
        self.set_font(FAMILY, "B", 10.5)
        self.multi_cell(0, 5.5, safe(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_left_margin(self.base_margin)
        self.set_font(FAMILY, "", 9.5)

    def separator(self, indent: float) -> None:
        self.ln(1)
        self.set_draw_color(*RULE)
        y = self.get_y()
        self.line(self.base_margin + indent, y, self.w - self.r_margin, y)
        self.ln(1.5)


def _item(pdf: FilePdf, item: Mapping[str, Any], part: Part, indent: float) -> None:
    labels = part.labels
    for key, value in item.items():
        if key not in labels:
            continue
        label = str(labels[key])
        if key in part.formats:
            text = part.formats[key](value)
        elif isinstance(value, list) and value and key in part.tables:
            pdf.subheading(label, indent)
            _table(pdf, value, part)
            continue
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            pdf.subheading(label, indent)
            for i, sub in enumerate(value):
                if i:
                    pdf.separator(indent + INDENT)
                _item(pdf, sub, part, indent + INDENT)
            continue
        elif isinstance(value, dict):
            pdf.subheading(label, indent)
            _item(pdf, value, part, indent + INDENT)
            continue
        else:
            text = words(value)
        if text:
            pdf.field(label, text, indent)


def _table(pdf: FilePdf, rows: list[dict[str, Any]], part: Part) -> None:
    keys = [k for k in part.labels if any(k in row for row in rows)]
    widths = tuple(part.table_widths.get(k, 1.0) for k in keys)
    pdf.set_font(FAMILY, "", 8.5)
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=4.5,
        first_row_as_headings=True,
        headings_style=FontFace(emphasis="BOLD"),
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        header = table.row()
        for key in keys:
            header.cell(safe(str(part.labels[key])))
        for row in rows:
            cells = table.row()
            for key in keys:
                value = row.get(key)
                cells.cell(safe(part.formats[key](value) if key in part.formats else words(value)))
    pdf.ln(2)


def render_part(pdf: FilePdf, part: Part) -> None:
    """One part of a dossier section: its heading, intro and data (the OPP's PDF uses it too)."""
    pdf.heading(str(part.title), 12)
    if part.intro:
        pdf.paragraph(str(part.intro), 9, muted=True)
        pdf.ln(1)
    data = part.data
    if not data:
        pdf.paragraph(str(part.empty) or _("Niets."), 9.5)
        return
    if isinstance(data, dict):
        _item(pdf, data, part, 0)
        return
    if part.table:
        _table(pdf, data, part)
        return
    for i, item in enumerate(data):
        if i:
            pdf.separator(0)
        if part.item_title is not None:
            pdf.subheading(part.item_title(item), 0)
        _item(pdf, item, part, 0)


def file_pdf(dossier: Dossier) -> bytes:
    """The whole file as a PDF (`dossier` from `kring.privacy.dossier.collect`)."""
    child = dossier.child
    name = f"{child.first_name} {child.last_name}".strip()
    made = moment_words(dossier.exported_at)
    pdf = FilePdf(footer_text=_("Dossier van %(name)s, gemaakt op %(day)s") % {"name": name, "day": made})
    pdf.set_title(safe(_("Dossier van %(name)s") % {"name": name}))
    pdf.set_author("Kring")
    pdf.set_lang("nl")
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.heading(_("Dossier van %(name)s") % {"name": name}, 20)
    pdf.paragraph(_("Gemaakt op %(day)s.") % {"day": made}, 10)
    if dossier.exported_by is not None:
        pdf.paragraph(
            _("Gevraagd door %(name)s (%(role)s).")
            % {"name": dossier.exported_by.display_name, "role": dossier.exported_by.get_role_display()},
            10,
        )
    pdf.heading(_("Wat staat hierin?"), 12)
    pdf.paragraph(
        _(
            "Dit zijn alle gegevens die Kring bewaart over %(first)s. Ze staan per onderdeel: het kind, de "
            "tijdlijn, de termijnen, de casussen met de kring, overleggen, afspraken en het plan, de "
            "aanwezigheid op school, het steunpunt en het logboek. Er zijn geen geheime notities: alles "
            "staat hier."
        )
        % {"first": child.first_name}
    )
    pdf.heading(_("Je rechten"), 12)
    pdf.paragraph(
        _(
            "Je mag zien welke gegevens er over je kind zijn. Dat staat in de privacywet (AVG, artikel 15). "
            "Je mag de gegevens ook meenemen, bijvoorbeeld naar een nieuwe school. Daarvoor is de andere "
            "download, een JSON-bestand voor computers (AVG, artikel 20)."
        )
    )
    pdf.heading(_("Klopt er iets niet?"), 12)
    pdf.paragraph(
        _(
            "Vraag dan de organisatie die het heeft opgeschreven om het te verbeteren. Dat is de school, "
            "het samenwerkingsverband of de gemeente. Bij veel onderdelen staat wie het heeft vastgelegd. "
            "Weet je niet bij wie je moet zijn? Vraag het de regievoerder. De organisatie moet binnen een "
            "maand antwoorden."
        )
    )
    for section in dossier.sections:
        pdf.add_page()
        pdf.heading(str(section.title), 16)
        for part in section.parts:
            render_part(pdf, part)
    return bytes(pdf.output())
