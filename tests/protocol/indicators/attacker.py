"""What someone holding a published table can work back: every suppressed value that the
published figures give away, found by solving each additive line (members and their total)
that has a single unknown, then again with what was found, until nothing new comes out.

Written apart from :mod:`spie_protocol.indicators.suppression` (it lists the lines itself) so
a mistake in the suppression's lines is not repeated here.
"""

from __future__ import annotations

from collections import defaultdict

from spie_protocol.indicators.definitions import DEFINITIONS
from spie_protocol.indicators.table import Cell, IndicatorTable

Key = tuple[str, str, str, str, str]

SHARES = {
    "diagnostics_joint_share": ("diagnostics_joint", "diagnostics_done"),
    "in_work_6m_share": ("in_work_6m", "check_ins_6m"),
}
TWINS = (("actions_by_theme", "actions_by_status"),)


def key_of(cell: Cell) -> Key:
    return (cell.territory, cell.indicator, cell.month, cell.structure, cell.category)


def _lines(keys: set[Key]) -> list[tuple[list[Key], Key]]:
    lines = []
    for position in range(5):
        if position == 1:
            continue
        groups: dict[Key, list[Key]] = defaultdict(list)
        for key in keys:
            if DEFINITIONS[key[1]].kind == "count" and key[position] != "":
                total = list(key)
                total[position] = ""
                groups[tuple(total)].append(key)  # type: ignore[index]
        lines += [(members, total) for total, members in groups.items() if total in keys]
    return lines


def recovered(table: IndicatorTable) -> dict[Key, float]:
    """The suppressed cells an attacker can recompute, with the value they would get."""
    cells = {key_of(cell): cell for cell in table.cells}
    known: dict[Key, float] = {
        key: float(cell.value or 0) for key, cell in cells.items() if not cell.suppressed
    }
    found: dict[Key, float] = {}
    lines = _lines(set(cells))
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            unknown = [key for key in (*members, total) if key not in known]
            if len(unknown) != 1:
                continue
            (missing,) = unknown
            if missing == total:
                value = sum(known[key] for key in members)
            else:
                value = known[total] - sum(known[key] for key in members if key != missing)
            known[missing] = found[missing] = value
            changed = True
        for key, cell in cells.items():
            parts = SHARES.get(key[1])
            if parts is None or cell.suppressed or cell.value is None:
                continue
            numerator = (key[0], parts[0], key[2], key[3], "")
            denominator = (key[0], parts[1], key[2], key[3], "")
            if denominator in known and numerator not in known and numerator in cells:
                known[numerator] = found[numerator] = round(cell.value * known[denominator] / 100)
                changed = True
            if (
                numerator in known
                and denominator in cells
                and denominator not in known
                and cell.value
            ):
                value = round(known[numerator] * 100 / cell.value)
                known[denominator] = found[denominator] = value
                changed = True
        for first, second in TWINS:
            for key in cells:
                if key[1] != first or key[4] != "":
                    continue
                twin = (key[0], second, key[2], key[3], "")
                if twin not in cells:
                    continue
                if (key in known) != (twin in known):
                    missing, source = (twin, key) if key in known else (key, twin)
                    known[missing] = found[missing] = known[source]
                    changed = True
    return found


def primary_only(table: IndicatorTable, threshold: int = 5) -> IndicatorTable:
    """The table with small cells hidden and nothing else: what secondary suppression fixes."""
    cells = tuple(
        Cell(
            indicator=cell.indicator,
            month=cell.month,
            structure=cell.structure,
            category=cell.category,
            value=None if 0 < cell.people < threshold else cell.value,
            suppressed=0 < cell.people < threshold,
            territory=cell.territory,
        )
        for cell in table.cells
    )
    return IndicatorTable(table.territory, table.period_start, table.period_end, cells)
