"""Small-cell suppression: what makes an indicator table publishable as it is.

Primary suppression: every cell whose figure rests on fewer than ``threshold`` people
(``0 < people < threshold``) loses its value, whatever its kind (a count, a median, a share or
a mean over three people says something about those three people).

Secondary suppression closes what could be worked back from the published figures:

* **Lines of counts.** A count is additive: along each dimension (territory in a merged
  table, month, structure, category), the cells that differ only by that coordinate and the
  cell where it is "" (their total) form a *line*. A line holding exactly one suppressed cell
  gives it away (total minus the others, or the sum of the members), so another cell of that
  line is suppressed: the smallest non-zero member still published, else the total, else a
  zero member. Each new suppression may leave another line with exactly one suppressed cell;
  this repeats until no line changes.
* **Twin counts.** ``actions_by_theme`` and ``actions_by_status`` count the same actions: their
  totals over categories (category "") are equal, so one is suppressed whenever the other is.
* **Shares.** A share is numerator / denominator × 100 over the same people as its
  denominator count (``diagnostics_joint`` / ``diagnostics_done``, ``in_work_6m`` /
  ``check_ins_6m``). Published next to its denominator it would give the numerator back
  (share × denominator), and next to its numerator the denominator; so a share is suppressed
  whenever its numerator or its denominator is. A published share therefore never says more
  than the two published counts it comes from.

* **Averages.** A mean, and a share that is not a ratio of two published counts
  (``evaluation_satisfied_share``), is a weighted sum of its parts: the whole-period mean next
  to the other months' gives a hidden month's mean back up to rounding, once the number of
  answers is guessed from the evaluations counted. Their lines are closed like those of counts
  (the smallest is then the one resting on the fewest people). A line whose total has no value
  (a national mean, which exports cannot rebuild) gives nothing away and is left alone.

Medians need primary suppression only: the median of a union is not a function of the parts'
medians and sizes, and the number of people behind them is not published.

What is *not* closed: bounds. A suppressed count is known to be between 0 and the published
total, and ``diagnostics_joint`` is at most ``diagnostics_done``; suppression hides exact
values, not intervals.

``people`` is never published: next to a median it would be additive along structures and
months (three people in a suppressed structure = the total minus the others). The returned
table therefore holds ``people = 0`` in every cell; it is the table to export.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from spie_protocol.indicators.definitions import DEFINITIONS
from spie_protocol.indicators.table import Cell, IndicatorTable

#: territory, indicator, month, structure, category
Key = tuple[str, str, str, str, str]

#: The coordinates a line runs along (index in :data:`Key`); the indicator is fixed.
_DIMENSIONS = (0, 2, 3, 4)

#: Share → (numerator count, denominator count), both read at category "".
SHARE_PARTS: dict[str, tuple[str, str]] = {
    "diagnostics_joint_share": ("diagnostics_joint", "diagnostics_done"),
    "in_work_6m_share": ("in_work_6m", "check_ins_6m"),
}

#: Counts of the same events split by different categories: equal totals (category "").
TWIN_TOTALS: tuple[tuple[str, str], ...] = (("actions_by_theme", "actions_by_status"),)


def cell_key(cell: Cell) -> Key:
    return (cell.territory, cell.indicator, cell.month, cell.structure, cell.category)


def _without(key: Key, dimension: int) -> Key:
    """The key of the total a cell adds up to along ``dimension``."""
    territory, indicator, month, structure, category = key
    coordinates = [territory, indicator, month, structure, category]
    coordinates[dimension] = ""
    return (coordinates[0], coordinates[1], coordinates[2], coordinates[3], coordinates[4])


def closes_lines(indicator: str) -> bool:
    """Counts, and the averages that are not a ratio of two published counts: a mean or a
    share is a weighted sum of its parts, so a whole-period mean next to the other months'
    gives a hidden month back (up to rounding) once the number of answers is guessed."""
    definition = DEFINITIONS.get(indicator)
    if definition is None or definition.kind == "median":
        return False
    return definition.kind != "share" or indicator not in SHARE_PARTS


def lines(cells: dict[Key, Cell]) -> list[tuple[list[Key], Key]]:
    """Every line of ``cells``: (members, total). An average whose total has no value (a
    national mean, which exports cannot rebuild) gives nothing away and makes no line."""
    closing = [key for key in cells if closes_lines(key[1])]
    present = set(closing)
    found: list[tuple[list[Key], Key]] = []
    for dimension in _DIMENSIONS:
        members: dict[Key, list[Key]] = defaultdict(list)
        for key in closing:
            if key[dimension]:
                members[_without(key, dimension)].append(key)
        for total, keys in members.items():
            if total not in present:
                continue
            blank = cells[total].value is None and not cells[total].suppressed
            if blank and DEFINITIONS[total[1]].kind != "count":
                continue
            found.append((sorted(keys), total))
    return found


def twin_pairs(keys: Iterable[Key]) -> list[tuple[Key, Key]]:
    present = set(keys)
    pairs: list[tuple[Key, Key]] = []
    for first, second in TWIN_TOTALS:
        for key in present:
            if key[1] == first and key[4] == "":
                twin = (key[0], second, key[2], key[3], "")
                if twin in present:
                    pairs.append((key, twin))
    return sorted(pairs)


def _value(cell: Cell) -> float:
    return cell.value if cell.value is not None else 0.0


def _size(cell: Cell) -> float:
    """What "smallest" means when choosing a second cell: the count itself, and for an
    average the people behind it (its weight in the total)."""
    definition = DEFINITIONS.get(cell.indicator)
    if definition is not None and definition.kind == "count":
        return _value(cell)
    return cell.people if cell.value is not None else 0.0


class _Closure:
    """The suppressed set, grown until no line holds exactly one suppressed cell."""

    def __init__(self, cells: dict[Key, Cell], suppressed: set[Key]) -> None:
        self.cells = cells
        self.suppressed = suppressed
        self.lines = lines(cells)
        self.lines_of: dict[Key, list[int]] = defaultdict(list)
        for index, (members, total) in enumerate(self.lines):
            for key in (*members, total):
                self.lines_of[key].append(index)
        self.twins: dict[Key, list[Key]] = defaultdict(list)
        for first, second in twin_pairs(cells):
            self.twins[first].append(second)
            self.twins[second].append(first)
        self.hidden = [
            sum(key in suppressed for key in (*members, total)) for members, total in self.lines
        ]

    def run(self) -> None:
        for key in sorted(self.suppressed):
            for twin in self.twins[key]:
                self._hide(twin)
        pending = [index for index, count in enumerate(self.hidden) if count == 1]
        while pending:
            index = pending.pop()
            if self.hidden[index] != 1:
                continue
            chosen = self._second_cell(index)
            if chosen is None:
                continue  # a line whose only cells are its total and one member: nothing left
            for touched in self._hide(chosen):
                if self.hidden[touched] == 1:
                    pending.append(touched)

    def _second_cell(self, index: int) -> Key | None:
        members, total = self.lines[index]
        published = [key for key in members if key not in self.suppressed]
        non_zero = [key for key in published if _size(self.cells[key]) != 0]
        if non_zero:
            return min(non_zero, key=lambda key: (_size(self.cells[key]), key))
        if total not in self.suppressed:
            return total
        return published[0] if published else None

    def _hide(self, key: Key) -> list[int]:
        """Suppress ``key`` (and its twins); the lines whose count changed."""
        touched: list[int] = []
        todo = [key]
        while todo:
            current = todo.pop()
            if current in self.suppressed:
                continue
            self.suppressed.add(current)
            for index in self.lines_of[current]:
                self.hidden[index] += 1
                touched.append(index)
            todo.extend(self.twins[current])
        return touched


def _shares_to_hide(cells: dict[Key, Cell], suppressed: set[Key]) -> set[Key]:
    hide: set[Key] = set()
    for key in cells:
        parts = SHARE_PARTS.get(key[1])
        if parts is None or key in suppressed:
            continue
        for part in parts:
            if (key[0], part, key[2], key[3], "") in suppressed:
                hide.add(key)
    return hide


def suppress(table: IndicatorTable, threshold: int = 5) -> IndicatorTable:
    """The table with small cells suppressed and nothing suppressed recomputable.

    Cells already suppressed (a read export, a merged table) stay suppressed. Suppressed cells
    get ``value=None``; every cell gets ``people=0`` (people is never published)."""
    cells = {cell_key(cell): cell for cell in table.cells}
    suppressed = {
        key for key, cell in cells.items() if cell.suppressed or 0 < cell.people < threshold
    }
    closure = _Closure(cells, suppressed)
    closure.run()
    suppressed |= _shares_to_hide(cells, suppressed)
    published = tuple(
        Cell(
            indicator=cell.indicator,
            month=cell.month,
            structure=cell.structure,
            category=cell.category,
            value=None if key in suppressed else cell.value,
            people=0,
            suppressed=key in suppressed,
            territory=cell.territory,
        )
        for key, cell in cells.items()
    )
    return IndicatorTable(
        territory=table.territory,
        period_start=table.period_start,
        period_end=table.period_end,
        cells=published,
        schema_version=table.schema_version,
    )
