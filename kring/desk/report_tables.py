"""The tables of the signals report, as text, with small counts already hidden: one source for the
page, the CSV and the PDF, so the three can never show different figures."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kring.core.spreadsheet import neutralise_cell

from . import charts
from .periods import format_day
from .selectors.report import Breakdown, CountRow, SignalsReport
from .suppression import Cell


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    depths: tuple[int, ...] = field(default=())  # indentation of the first column (category tree)
    footer: tuple[str, ...] = ()  # the total row, when there is one

    def lines(self) -> list[Line]:
        """The rows for the page: the label, its depth, and each value marked when it is hidden."""
        hidden = hidden_text()
        return [
            Line(
                label=row[0],
                depth=self.depths[i] if i < len(self.depths) else 0,
                values=tuple((value, value == hidden) for value in row[1:]),
            )
            for i, row in enumerate(self.rows)
        ]


@dataclass(frozen=True)
class Line:
    label: str
    depth: int
    values: tuple[tuple[str, bool], ...]


def hidden_text() -> str:
    return _("minder dan 5")


def count_text(c: Cell | None) -> str:
    if c is None:
        return ""
    return hidden_text() if c.hidden else str(c.value)


def share_text(value: float | None) -> str:
    return _("niet getoond") if value is None else f"{value:.0f}%"


def _count_rows(rows: tuple[CountRow, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple((row.label, count_text(row.cell)) for row in rows)


def _breakdown(key: str, title: str, what: str, breakdown: Breakdown) -> Table:
    return Table(
        key=key,
        title=title,
        headers=(what, _("Aantal vragen")),
        rows=_count_rows(breakdown.rows),
        footer=(_("Totaal"), count_text(breakdown.total)),
    )


def overview_table(report: SignalsReport) -> Table:
    return Table(
        key="overzicht",
        title=_("Overzicht"),
        headers=(_("Wat"), _("Aantal")),
        rows=(
            (_("Vragen in deze periode"), count_text(report.total)),
            (
                _("Vragen in de periode ervoor (%(period)s)") % {"period": report.previous_period.label()},
                count_text(report.previous_total),
            ),
            (_("Vragen over thuiszitten"), count_text(report.thuiszitten)),
            (_("Deel van de vragen over thuiszitten"), share_text(report.thuiszitten_share)),
            (_("Vragen met twee of meer categorieën"), count_text(report.multi_category)),
        ),
    )


def category_table(report: SignalsReport) -> Table:
    return Table(
        key="categorieen",
        title=_("Vragen per categorie"),
        headers=(_("Categorie"), _("Aantal vragen")),
        rows=_count_rows(report.categories),
        depths=tuple(row.depth for row in report.categories),
    )


def pairs_table(report: SignalsReport) -> Table:
    return Table(
        key="combinaties",
        title=_("Categorieën die vaak samen voorkomen"),
        headers=(_("Combinatie van twee categorieën"), _("Aantal vragen")),
        rows=_count_rows(report.pairs),
    )


def trend_table(report: SignalsReport) -> Table:
    return Table(
        key="per_maand",
        title=_("Vragen per maand, naast de periode ervoor"),
        headers=(_("Maand"), _("Aantal vragen"), _("Maand in de periode ervoor"), _("Aantal vragen ervoor")),
        rows=tuple(
            (month.label, count_text(month.count), month.previous_label, count_text(month.previous))
            for month in report.trend
        ),
        footer=(_("Totaal"), count_text(report.total), "", count_text(report.previous_total)),
    )


def quotes_table(report: SignalsReport) -> Table:
    return Table(
        key="citaten",
        title=_("Citaten (zonder herkenbare gegevens)"),
        headers=(_("Ontvangen in"), _("Citaat")),
        rows=tuple((f"{q.received_on:%m-%Y}", q.text) for q in report.quotes),
    )


def signals_table(report: SignalsReport) -> Table:
    return Table(
        key="signalen",
        title=_("Signalen aan het samenwerkingsverband"),
        headers=(
            _("Gemeld op"),
            _("Aan"),
            _("Signaal"),
            _("Toelichting"),
            _("Reactie van het samenwerkingsverband"),
            _("Wat er is veranderd"),
        ),
        rows=tuple(
            (
                format_day(s.raised_on),
                s.swv.organisation.name,
                s.title,
                s.body,
                s.response or _("Nog geen reactie"),
                s.what_changed,
            )
            for s in report.signals
        ),
    )


def report_tables(report: SignalsReport) -> list[Table]:
    """Every table of the report, in the order of the page."""
    return [
        overview_table(report),
        category_table(report),
        pairs_table(report),
        trend_table(report),
        _breakdown("soort_school", _("Vragen per soort school"), _("Soort school"), report.school_types),
        _breakdown("leeftijd", _("Vragen per leeftijd van het kind"), _("Leeftijd"), report.age_groups),
        _breakdown("kanaal", _("Hoe de vragen binnenkwamen"), _("Hoe"), report.channels),
        quotes_table(report),
        signals_table(report),
    ]


def suppression_explanation() -> list[str]:
    """The rule for small counts, in plain language (on the page and in the PDF)."""
    return [
        _(
            "Kleine aantallen laten we niet zien. Zo kan niemand een ouder of kind herkennen. "
            "Is een aantal 1, 2, 3 of 4? Dan staat er 'minder dan 5'. Een 0 laten we wel zien."
        ),
        _(
            "Tellen de rijen van een tabel op tot het totaal, zoals bij soort school of leeftijd? Dan "
            "verbergen we ook het kleinste andere aantal. Anders kun je een verborgen aantal uitrekenen "
            "door de andere rijen van het totaal af te trekken. Is het totaal zelf minder dan 5, dan "
            "verbergen we de hele tabel."
        ),
        _("Een percentage staat er alleen als het aantal en het totaal allebei te zien zijn."),
    ]


def report_charts(report: SignalsReport) -> dict[str, SafeString]:
    """The charts of the page (SVG markup; every text in it is escaped by `charts`)."""

    def bars(key: str, title: str, rows: tuple[CountRow, ...]) -> SafeString:
        return mark_safe(  # noqa: S308 (charts.py escapes every text it writes)
            charts.bar_chart(
                chart_id=f"grafiek-{key}",
                title=title,
                description=_(
                    "Staafdiagram met het aantal vragen per rij. De tabel eronder heeft dezelfde cijfers."
                ),
                bars=[charts.Bar(row.label, row.cell.shown) for row in rows],
            )
        )

    trend = mark_safe(  # noqa: S308
        charts.column_chart(
            chart_id="grafiek-per-maand",
            title=_("Vragen per maand, naast de periode ervoor"),
            description=_(
                "Kolommen per maand: deze periode en de periode ervoor. "
                "De tabel eronder heeft dezelfde cijfers."
            ),
            series=(_("Deze periode"), _("Periode ervoor")),
            groups=[
                charts.Group(
                    month.label or month.previous_label,
                    (_shown_or_absent(month.count), _shown_or_absent(month.previous)),
                )
                for month in report.trend
            ],
        )
    )
    return {
        "categorieen": bars("categorieen", _("Vragen per categorie"), report.categories),
        "per_maand": trend,
        "soort_school": bars("soort_school", _("Vragen per soort school"), report.school_types.rows),
        "leeftijd": bars("leeftijd", _("Vragen per leeftijd van het kind"), report.age_groups.rows),
        "kanaal": bars("kanaal", _("Hoe de vragen binnenkwamen"), report.channels.rows),
    }


def _shown_or_absent(c: Cell | None) -> int | str | None:
    if c is None:
        return ""
    return c.shown


def report_csv(report: SignalsReport) -> str:
    """Every table one below the other (title, headers in words, rows), for Excel: UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_("Signalenrapport"), report.steunpunt.name])
    writer.writerow([_("Periode"), report.period.label()])
    writer.writerow(
        [
            _("Samenwerkingsverband"),
            report.swv.organisation.name if report.swv else _("Alle samenwerkingsverbanden"),
        ]
    )
    writer.writerow([_("Kleine aantallen"), " ".join(suppression_explanation())])
    for table in report_tables(report):
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.headers)
        for row in (*table.rows, *((table.footer,) if table.footer else ())):
            writer.writerow([neutralise_cell(value) for value in row])
    return "\ufeff" + buffer.getvalue()
