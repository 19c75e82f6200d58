"""The report's SVG charts: accessible (role, title, description), no inline styles, every text
escaped, and a hidden count drawn as a hatched box labelled "minder dan 5"."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from kring.desk.charts import Bar, Group, bar_chart, column_chart, nice_maximum

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def test_a_bar_chart_is_an_image_with_a_title_and_a_description():
    svg = parse(
        bar_chart(
            chart_id="grafiek-school",
            title="Vragen per soort school",
            description="Staafdiagram",
            bars=[Bar("Basisschool", 12), Bar("Mbo", None), Bar("Sbo", 0)],
        )
    )
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "grafiek-school-title grafiek-school-desc"
    assert svg.findtext(f"{SVG}title") == "Vragen per soort school"
    assert svg.findtext(f"{SVG}desc") == "Staafdiagram"
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["Basisschool", "12", "Mbo", "minder dan 5", "Sbo", "0"]
    hidden = [r for r in svg.iter(f"{SVG}rect") if "kring-chart__bar--hidden" in (r.get("class") or "")]
    assert len(hidden) == 1 and hidden[0].get("fill") == "url(#grafiek-school-hatch)"


def test_a_hidden_bar_shows_the_range_0_to_5_not_the_count():
    svg = parse(bar_chart(chart_id="c", title="t", description="d", bars=[Bar("a", 50), Bar("b", None)]))
    bars = [r for r in svg.iter(f"{SVG}rect") if "kring-chart__bar" in (r.get("class") or "")]
    assert float(bars[1].get("width", "")) == float(bars[0].get("width", "")) / 10


@given(st.text(max_size=60))
def test_labels_are_escaped_and_no_style_attribute_is_written(label):
    markup = bar_chart(chart_id="c", title=label, description=label, bars=[Bar(label, 7)])
    markup += column_chart(
        chart_id="k", title=label, description="d", series=(label,), groups=[Group(label, (3,))]
    )
    assert "style=" not in markup
    assert "<script" not in markup.lower() or "&lt;script" in markup.lower()
    if all(c.isprintable() for c in label):
        parse(markup.split("</svg>")[0] + "</svg>")


def test_a_column_chart_has_a_legend_and_hatches_hidden_months():
    svg = parse(
        column_chart(
            chart_id="maand",
            title="Per maand",
            description="Kolommen",
            series=("Deze periode", "Periode ervoor"),
            groups=[Group("juli 2026", (6, None)), Group("augustus 2026", (None, 8)), Group("", ("", 5))],
        )
    )
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Deze periode" in texts and "Periode ervoor" in texts and "minder dan 5" in texts
    titles = [t.text for t in svg.iter(f"{SVG}title")]
    assert "juli 2026: 6" in titles and "juli 2026: minder dan 5" in titles


def test_the_scale_is_a_round_number_and_at_least_5():
    assert [nice_maximum(n) for n in (0, 3, 6, 13, 48, 101)] == [5, 5, 10, 20, 50, 200]
