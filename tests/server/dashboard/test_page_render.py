"""The indicators page as HTML: a chart and a table per group, masked cells said as such, an
empty period said in words, text escaped, headings in order."""

from __future__ import annotations

import re
from datetime import date
from html import escape
from html.parser import HTMLParser

from spie_protocol.indicators.definitions import DEFINITIONS
from spie_protocol.indicators.table import Cell, IndicatorTable
from spie_server.dashboard.dashboard_page import dashboard_page
from spie_server.dashboard.indicator_texts import GROUPS
from spie_server.dashboard.periods import periods

DAY = date(2026, 11, 20)
PERIOD = periods(DAY)[0]  # this quarter: October to December 2026


def _render(cells: tuple[Cell, ...]) -> str:
    table = IndicatorTable("973", PERIOD.start, PERIOD.end, cells)
    return dashboard_page(table, "973", PERIOD, periods(DAY), "gestion-973", "tok")


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.header_scopes: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th":
            self.header_scopes.append(dict(attrs).get("scope"))


def test_an_empty_period_says_so_and_draws_nothing() -> None:
    html = _render(())
    assert "Aucune donnée sur cette période" in html
    assert "<svg" not in html and "<table" not in html


def test_a_period_of_zeros_and_undefined_medians_is_empty_too() -> None:
    html = _render((Cell("people_oriented", "2026-10", value=0.0), Cell("delay_diagnostic")))
    assert "Aucune donnée sur cette période" in html


def test_each_group_has_a_chart_a_table_and_how_it_is_computed() -> None:
    html = _render((Cell("people_oriented", "2026-10", "", "", 12.0, 12),))
    assert html.count("<svg") == len(GROUPS)
    assert html.count("<figcaption>") == len(GROUPS)
    assert html.count("Comment c'est calculé") == len(GROUPS)
    for group in GROUPS:
        for key in group.indicators:
            assert escape(DEFINITIONS[key].how) in html
    assert "<td>12</td>" in html


def test_masked_cells_read_less_than_5_or_secret_and_are_explained() -> None:
    html = _render(
        (
            Cell("people_oriented", "2026-10", "", "", 40.0, 40),
            Cell("people_oriented", "2026-11", "", "", None, 3, suppressed=True),
            Cell("people_oriented", "2026-12", "", "", None, 0, suppressed=True),
        )
    )
    assert '<td><span class="secret">&lt; 5</span></td>' in html
    assert '<td><span class="secret">secret</span></td>' in html
    assert "moins de 5 personnes" in html
    assert ">s</text>" in html  # the chart marks the masked months too


def test_structure_names_are_escaped() -> None:
    html = _render((Cell("people_oriented", "", "<b>CD</b>", "", 9.0, 9),
                    Cell("people_oriented", "2026-10", "", "", 9.0, 9)))  # fmt: skip
    assert "<b>CD</b>" not in html and "&lt;b&gt;CD&lt;/b&gt;" in html


def test_headings_are_in_order_and_every_header_cell_has_a_scope() -> None:
    outline = _Outline()
    outline.feed(_render((Cell("people_oriented", "2026-10", "CD", "", 12.0, 12),
                          Cell("actions_by_theme", "", "", "emploi", 7.0, 7))))  # fmt: skip
    assert outline.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False))
    assert outline.header_scopes and all(s in ("col", "row") for s in outline.header_scopes)


def test_the_page_is_french_with_a_skip_link_and_print_rules() -> None:
    from spie_server.dashboard.page_layout import STYLE

    html = _render(())
    assert '<html lang="fr">' in html
    assert '<a class="skip" href="#contenu">' in html and 'id="contenu"' in html
    assert "@media print" in STYLE
    assert "<script" not in html


def test_categories_are_named_in_french() -> None:
    html = _render((Cell("evaluation_mean", "", "", "listened", 3.5, 12),
                    Cell("evaluation_mean", "2026-10", "", "", 3.5, 12)))  # fmt: skip
    assert "Je me suis senti écouté" in html and "<td>3,5</td>" in html
