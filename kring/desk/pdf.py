"""The signals report as a readable PDF (fpdf2, pure Python), from the same tables as the page and
the CSV, so small counts are hidden in exactly the same way.

Font: Noto Sans (regular and bold, latin), converted once from Kring's vendored woff2 to TTF in
`kring/desk/fonts/` (SIL Open Font License, `OFL.txt` beside it). A character the font lacks is
written without its accent, or as "?", so the PDF never shows an empty box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from .charts import HIDDEN_RANGE, nice_maximum
from .periods import format_day
from .report_tables import Table, report_tables
from .selectors.report import CountRow, SignalsReport

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "NotoSans"
BAR_RGB = (31, 95, 139)
PREVIOUS_RGB = (155, 185, 207)
INK = (26, 26, 26)
MUTED = (90, 90, 90)


@cache
def _covered() -> frozenset[int]:
    font = TTFont(str(FONTS / "NotoSans-Regular.ttf"))
    return frozenset(font.getBestCmap())


def safe(text: str) -> str:
    """The text with only characters the font has (accents dropped, else "?")."""
    covered = _covered()
    out = []
    for char in text:
        if ord(char) in covered or char in "\n":
            out.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if ord(c) in covered)
        out.append(base or "?")
    return "".join(out)


class ReportPdf(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font(FAMILY, "", str(FONTS / "NotoSans-Regular.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "NotoSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, safe(f"{self.footer_text} · {self.page_no()}"), align="C")
        self.set_text_color(*INK)

    def heading(self, text: str, size: float = 13) -> None:
        if self.get_y() > self.h - 50:
            self.add_page()
        self.ln(3)
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, size * 0.5, safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)
        self.set_font(FAMILY, "", 10)

    def paragraph(self, text: str, size: float = 10) -> None:
        self.set_font(FAMILY, "", size)
        self.multi_cell(0, 5, safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def table_of(self, table: Table, widths: Sequence[float] | None = None) -> None:
        self.set_font(FAMILY, "", 9)
        rows = list(table.rows)
        if table.footer:
            rows.append(table.footer)
        if not rows:
            self.paragraph(_("Niets in deze periode."), 9)
            return
        with self.table(
            col_widths=tuple(widths) if widths else None,
            line_height=5,
            first_row_as_headings=True,
            headings_style=FontFace(emphasis="BOLD"),
            borders_layout="HORIZONTAL_LINES",
        ) as pdf_table:
            header = pdf_table.row()
            for text in table.headers:
                header.cell(safe(text))
            for i, values in enumerate(rows):
                row = pdf_table.row()
                depth = table.depths[i] if i < len(table.depths) else 0
                for j, text in enumerate(values):
                    row.cell(safe(("   " * depth if j == 0 else "") + text))
        self.ln(2)

    def bars(self, rows: Sequence[CountRow]) -> None:
        """Horizontal bars; a hidden count as a hatched box from 0 to 5 with "minder dan 5"."""
        top = nice_maximum(max((r.cell.shown or 0 for r in rows), default=0))
        label_w, bar_w, h = 70.0, 80.0, 4.0
        self.set_font(FAMILY, "", 8)
        for row in rows:
            if self.get_y() > self.h - 25:
                self.add_page()
            x, y = self.l_margin, self.get_y()
            label = row.label if len(row.label) <= 48 else row.label[:47] + "…"
            self.set_xy(x, y)
            self.cell(label_w - 2, h, safe(label), align="R")
            x0 = x + label_w
            if row.cell.hidden:
                w = bar_w * HIDDEN_RANGE / top
                self.set_draw_color(*INK)
                self.rect(x0, y + 0.5, w, h - 1, style="D")
                step = 1.2
                k = 0.0
                while k < w:
                    self.line(x0 + k, y + h - 0.5, x0 + min(k + (h - 1), w), y + 0.5)
                    k += step
                text = _("minder dan 5")
            else:
                w = bar_w * row.cell.value / top
                if row.cell.value:
                    self.set_fill_color(*BAR_RGB)
                    self.rect(x0, y + 0.5, w, h - 1, style="F")
                text = str(row.cell.value)
            self.set_xy(x0 + w + 1.5, y)
            self.cell(30, h, safe(text))
            self.set_y(y + h + 1)
        self.ln(2)
        self.set_font(FAMILY, "", 10)


def report_pdf(report: SignalsReport, *, explanation: str) -> bytes:
    """The whole report as a PDF: the title block, the rule for small counts, every table (with a
    bar chart beside the categories, school types and ages), the quotes and the signals."""
    swv = report.swv.organisation.name if report.swv else _("Alle samenwerkingsverbanden")
    made = format_day(timezone.localdate())
    pdf = ReportPdf(
        footer_text=_("Signalenrapport %(steunpunt)s, %(period)s")
        % {
            "steunpunt": report.steunpunt.name,
            "period": report.period.label(),
        }
    )
    pdf.set_title(safe(_("Signalenrapport") + f" {report.steunpunt.name} {report.period.label()}"))
    pdf.set_author("Kring")
    pdf.set_lang("nl")
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.heading(_("Signalenrapport"), 20)
    pdf.paragraph(_("Steunpunt: %(name)s") % {"name": report.steunpunt.name}, 11)
    pdf.paragraph(_("Periode: %(period)s") % {"period": report.period.label()}, 11)
    pdf.paragraph(_("Samenwerkingsverband: %(swv)s") % {"swv": swv}, 11)
    pdf.paragraph(_("Gemaakt op %(day)s met Kring.") % {"day": made}, 9)
    pdf.ln(2)
    pdf.heading(_("Kleine aantallen"), 11)
    pdf.paragraph(explanation, 9)

    tables = {table.key: table for table in report_tables(report)}
    pdf.heading(tables["overzicht"].title)
    pdf.table_of(tables["overzicht"], (120, 54))
    pdf.heading(tables["categorieen"].title)
    pdf.bars(report.categories)
    pdf.table_of(tables["categorieen"], (120, 54))
    pdf.heading(tables["combinaties"].title)
    pdf.table_of(tables["combinaties"], (120, 54))
    pdf.heading(tables["per_maand"].title)
    pdf.table_of(tables["per_maand"], (44, 43, 44, 43))
    for key, rows in (
        ("soort_school", report.school_types.rows),
        ("leeftijd", report.age_groups.rows),
        ("kanaal", report.channels.rows),
    ):
        pdf.heading(tables[key].title)
        pdf.bars(rows)
        pdf.table_of(tables[key], (120, 54))

    pdf.heading(tables["citaten"].title)
    if report.quotes:
        for quote in report.quotes:
            pdf.paragraph(f"“{quote.text}”", 10)
            pdf.set_text_color(*MUTED)
            pdf.paragraph(f"{quote.received_on:%m-%Y}", 8)
            pdf.set_text_color(*INK)
            pdf.ln(1)
    else:
        pdf.paragraph(_("Er zijn geen citaten gekozen in deze periode."), 9)

    pdf.heading(tables["signalen"].title)
    if not report.signals:
        pdf.paragraph(_("Het steunpunt heeft in deze periode geen signalen gemeld."), 9)
    for signal in report.signals:
        pdf.heading(signal.title, 11)
        pdf.set_text_color(*MUTED)
        pdf.paragraph(
            _("Gemeld op %(day)s aan %(swv)s")
            % {"day": format_day(signal.raised_on), "swv": signal.swv.organisation.name},
            8,
        )
        pdf.set_text_color(*INK)
        pdf.paragraph(signal.body, 10)
        pdf.set_font(FAMILY, "B", 10)
        pdf.multi_cell(
            0, 5, safe(_("Reactie van het samenwerkingsverband")), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.paragraph(signal.response or _("Nog geen reactie."), 10)
        pdf.set_font(FAMILY, "B", 10)
        pdf.multi_cell(0, 5, safe(_("Wat er is veranderd")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.paragraph(signal.what_changed or _("Nog niet beschreven."), 10)
    return bytes(pdf.output())
