"""Crafted count tables: finest cells given, every total (month, structure, category "")
summed from them, people = the value (a count of people, each person in one cell)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from spie_protocol.indicators.table import Cell, IndicatorTable

START, END = date(2026, 1, 1), date(2026, 3, 31)
Leaf = tuple[str, str, str]  # month, structure, category


def _with_total(value: str) -> tuple[str, ...]:
    return (value, "") if value else ("",)


def grid_cells(indicator: str, leaves: dict[Leaf, int], territory: str = "") -> list[Cell]:
    totals: dict[Leaf, int] = defaultdict(int)
    for (month, structure, category), value in leaves.items():
        for m in _with_total(month):
            for s in _with_total(structure):
                for c in _with_total(category):
                    totals[(m, s, c)] += value
    return [
        Cell(indicator, m, s, c, value=value, people=value, territory=territory)
        for (m, s, c), value in sorted(totals.items())
    ]


def grid_table(indicator: str, leaves: dict[Leaf, int], territory: str = "974") -> IndicatorTable:
    return IndicatorTable(territory, START, END, tuple(grid_cells(indicator, leaves)))


def hidden(table: IndicatorTable) -> set[tuple[str, str, str, str]]:
    return {
        (cell.indicator, cell.month, cell.structure, cell.category)
        for cell in table.cells
        if cell.suppressed
    }
