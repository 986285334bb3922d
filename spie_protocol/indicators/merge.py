"""The national table: the exports of several territories put side by side, with national
totals where the exported figures allow an exact one, and suppression applied again.

Each territory keeps its own rows (cells carry its code in ``territory``; structures are
territory-local, so they are never added up across territories). The national rows have
``territory == ""`` and ``structure == ""``:

* a count is the sum of the territories' counts, or suppressed when any of them is;
* a share in :data:`~spie_protocol.indicators.suppression.SHARE_PARTS` is recomputed from the
  national numerator and denominator counts (suppressed when either is);
* a median, a mean and the share of positive answers cannot be recomputed from what an export
  holds (it holds no people, no list of days, no number of answers): the national cell is
  there with no value and is not suppressed.

The merged table then goes through :func:`~spie_protocol.indicators.suppression.suppress`, whose
lines now also run along territories (each territory's cell and the national total), so a
national total never gives back a territory's suppressed cell and the reverse.

Refused: tables of different schema versions (:class:`SchemaMismatch`), of different periods
(:class:`PeriodMismatch`: a national "whole period" total over different periods would add
unlike things), a territory given twice, and a table that is already national.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from fractions import Fraction

from spie_protocol.indicators.definitions import DEFINITIONS
from spie_protocol.indicators.suppression import SHARE_PARTS, suppress
from spie_protocol.indicators.table import SCHEMA_VERSION, Cell, IndicatorTable

_National = tuple[str, str, str]  # indicator, month, category


class SchemaMismatch(ValueError):
    """Exports of different (or unknown) schema versions: each version named with its source."""


class PeriodMismatch(ValueError):
    """Exports of different periods: each period named with its source."""


def check_versions(found: Sequence[tuple[int, str]]) -> None:
    """Refuse versions that differ, or one this program does not read; ``found`` pairs each
    version with where it comes from (a file name, a territory)."""
    versions = {version for version, _ in found}
    named = ", ".join(f"{version} ({source})" for version, source in found)
    if len(versions) > 1:
        raise SchemaMismatch(f"schema versions differ: {named}")
    if versions and versions != {SCHEMA_VERSION}:
        raise SchemaMismatch(
            f"schema version {named} is not supported: this program reads version {SCHEMA_VERSION}"
        )


def _check_mergeable(tables: Sequence[IndicatorTable], names: Sequence[str]) -> None:
    if not tables:
        raise ValueError("nothing to merge: no territory table given")
    if len(names) != len(tables):
        raise ValueError(f"{len(tables)} tables but {len(names)} names")
    pairs = list(zip(tables, names, strict=True))
    check_versions([(table.schema_version, name) for table, name in pairs])
    for table, name in pairs:
        if not table.territory:
            raise ValueError(f"{name} is already a national table; merge territory exports")
    periods = {(table.period_start, table.period_end) for table in tables}
    if len(periods) > 1:
        named = ", ".join(
            f"{table.period_start}..{table.period_end} ({name})" for table, name in pairs
        )
        raise PeriodMismatch(f"periods differ: {named}")
    seen: set[str] = set()
    for table, name in pairs:
        if table.territory in seen:
            raise ValueError(f"territory {table.territory} given twice ({name})")
        seen.add(table.territory)


def _tenths(value: Fraction) -> float:
    """Rounded to one decimal, halves up, as the territories' own shares are."""
    return math.floor(value * 10 + Fraction(1, 2)) / 10


def _national_counts(tables: Sequence[IndicatorTable]) -> dict[_National, float | None]:
    """Sum of the territories' counts at structure "", None where one is suppressed."""
    sums: dict[_National, float | None] = defaultdict(float)
    for table in tables:
        for cell in table.cells:
            definition = DEFINITIONS.get(cell.indicator)
            if cell.structure or definition is None or definition.kind != "count":
                continue
            key = (cell.indicator, cell.month, cell.category)
            total = sums[key]
            if cell.suppressed or cell.value is None or total is None:
                sums[key] = None
            else:
                sums[key] = total + cell.value
    return sums


def _national_figure(key: _National, counts: dict[_National, float | None]) -> Cell:
    indicator, month, category = key
    definition = DEFINITIONS[indicator]
    if definition.kind == "count":
        value = counts[key]
        return Cell(indicator, month, "", category, value=value, suppressed=value is None)
    parts = SHARE_PARTS.get(indicator)
    if parts is None:
        return Cell(indicator, month, "", category)
    numerator = counts.get((parts[0], month, ""), 0.0)
    denominator = counts.get((parts[1], month, ""), 0.0)
    if numerator is None or denominator is None:
        return Cell(indicator, month, "", category, suppressed=True)
    if not denominator:
        return Cell(indicator, month, "", category)
    share = _tenths(Fraction(100) * Fraction(numerator) / Fraction(denominator))
    return Cell(indicator, month, "", category, value=share)


def merge(
    tables: Sequence[IndicatorTable],
    names: Sequence[str] | None = None,
    threshold: int = 5,
) -> IndicatorTable:
    """The national table of ``tables`` (one per territory, suppressed exports).

    ``names`` says where each table comes from (file names) in error messages; the
    territory codes by default."""
    sources = list(names) if names is not None else [table.territory for table in tables]
    _check_mergeable(tables, sources)
    cells: list[Cell] = []
    national: set[_National] = set()
    for table in sorted(tables, key=lambda table: table.territory):
        for cell in table.cells:
            cells.append(
                Cell(
                    indicator=cell.indicator,
                    month=cell.month,
                    structure=cell.structure,
                    category=cell.category,
                    value=None if cell.suppressed else cell.value,
                    suppressed=cell.suppressed,
                    territory=cell.territory or table.territory,
                )
            )
            if not cell.structure and cell.indicator in DEFINITIONS:
                national.add((cell.indicator, cell.month, cell.category))
    counts = _national_counts(tables)
    cells += [_national_figure(key, counts) for key in sorted(national)]
    merged = IndicatorTable(
        territory="",
        period_start=tables[0].period_start,
        period_end=tables[0].period_end,
        cells=tuple(cells),
    )
    return suppress(merged, threshold)
