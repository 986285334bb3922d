"""The computed figures: one :class:`Cell` per indicator, month, structure and category.

A cell is a count (people or steps), a median of days, a share (0–100 %) or a mean score;
``people`` is always the number of distinct people behind it, which is what small-cell
suppression looks at. ``month == ""`` is the whole period, ``structure == ""`` every
structure, ``category == ""`` every category (the indicator's total).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

#: Raised whenever a cell's meaning or the file layout changes; a merge of exports with
#: different versions is refused.
SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Cell:
    indicator: str  # key of the indicator's definition
    month: str = ""  # "YYYY-MM" or "" (the whole period)
    structure: str = ""  # structure name or "" (all structures)
    category: str = ""  # theme, status, thématique, question… or "" (total)
    #: None when the figure is suppressed or undefined (a median over nobody).
    value: float | None = None
    people: int = 0
    suppressed: bool = False
    #: In a merged (national) table, the territory the cell is about; "" is the table's own
    #: territory (the national total in a merged table).
    territory: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorTable:
    territory: str
    period_start: date
    period_end: date
    cells: tuple[Cell, ...] = field(default=())
    schema_version: int = SCHEMA_VERSION

    @property
    def empty(self) -> bool:
        """Nothing happened in the period (say so rather than show zeros and dashes)."""
        # A published table carries no people (see suppression): a value or a suppressed
        # cell says something happened just as well.
        return not any(cell.people or cell.value or cell.suppressed for cell in self.cells)
