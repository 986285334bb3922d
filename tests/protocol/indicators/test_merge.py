"""The national table: territories side by side, exact national totals, suppression kept."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spie_protocol.indicators.export import (
    PeriodMismatch,
    SchemaMismatch,
    merge,
    merge_files,
    read,
    write_csv,
    write_json,
)
from spie_protocol.indicators.suppression import suppress
from spie_protocol.indicators.table import SCHEMA_VERSION, Cell, IndicatorTable
from tests.protocol.indicators.attacker import primary_only, recovered
from tests.protocol.indicators.grids import END, START, grid_cells

M1, M2 = "2026-01", "2026-02"
STAMP = datetime(2026, 4, 2, tzinfo=UTC)


def _territory(code: str, leaves: dict[tuple[str, str, str], int]) -> IndicatorTable:
    return suppress(IndicatorTable(code, START, END, tuple(grid_cells("people_oriented", leaves))))


def _national(table: IndicatorTable) -> dict[tuple[str, str, str], Cell]:
    return {
        (cell.indicator, cell.month, cell.category): cell
        for cell in table.cells
        if not cell.territory
    }


def test_national_counts_are_the_sums_of_the_territories() -> None:
    a = _territory("971", {(M1, "A1", ""): 10, (M2, "A1", ""): 20, (M2, "A2", ""): 6})
    b = _territory("972", {(M1, "B1", ""): 7, (M2, "B1", ""): 9})
    c = _territory("973", {(M2, "C1", ""): 30})

    merged = merge([a, b, c])

    national = _national(merged)
    assert national[("people_oriented", M1, "")].value == 17
    assert national[("people_oriented", M2, "")].value == 65
    assert national[("people_oriented", "", "")].value == 82
    assert merged.territory == ""
    # each territory keeps its own rows, structures included
    assert {(cell.territory, cell.structure) for cell in merged.cells if cell.territory} >= {
        ("971", "A1"), ("971", "A2"), ("972", "B1"), ("973", "C1"),
    }  # fmt: skip
    assert all(not cell.structure for cell in merged.cells if not cell.territory)


def test_a_territory_s_suppressed_cell_cannot_be_worked_back_from_the_national_table() -> None:
    # 971 hides January (3 people): its own months and structures are closed already; the
    # national January would give the 3 back (national − 972 − 973), so it is hidden.
    a = _territory("971", {(M1, "A1", ""): 3, (M1, "A2", ""): 0, (M2, "A1", ""): 20})
    b = _territory("972", {(M1, "B1", ""): 7, (M2, "B1", ""): 9})
    c = _territory("973", {(M1, "C1", ""): 8, (M2, "C1", ""): 30})

    merged = merge([a, b, c])

    national = _national(merged)
    assert national[("people_oriented", M1, "")].suppressed
    assert national[("people_oriented", M1, "")].value is None
    assert recovered(merged) == {}


def test_an_export_with_primary_suppression_only_is_closed_by_the_merge() -> None:
    # An export made by other means, hiding its small cell and nothing else: the merge
    # suppresses again and closes it, in the territory's rows as in the national ones.
    leaves = {(M1, "A1", ""): 3, (M1, "A2", ""): 12, (M2, "A1", ""): 20, (M2, "A2", ""): 15}
    loose = primary_only(
        IndicatorTable("971", START, END, tuple(grid_cells("people_oriented", leaves)))
    )
    b = _territory("972", {(M1, "B1", ""): 7, (M2, "B1", ""): 9})
    assert recovered(loose)

    merged = merge([loose, b])

    assert recovered(merged) == {}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 9), min_size=6, max_size=6), min_size=1, max_size=4))
def test_no_merged_table_gives_a_suppressed_cell_back(values: list[list[int]]) -> None:
    tables = [
        _territory(
            f"97{index}",
            dict(
                zip([(m, s, "") for m in (M1, M2) for s in ("S1", "S2", "S3")], counts, strict=True)
            ),
        )
        for index, counts in enumerate(values)
    ]

    merged = merge(tables)

    assert recovered(merged) == {}


def test_national_shares_come_from_the_national_counts_and_medians_stay_blank() -> None:
    def territory(code: str, done: int, joint: int) -> IndicatorTable:
        share = round(1000 * joint / done) / 10
        return IndicatorTable(
            code, START, END,
            (
                Cell("diagnostics_done", value=done, people=done),
                Cell("diagnostics_joint", value=joint, people=joint),
                Cell("diagnostics_joint_share", value=share, people=done),
                Cell("delay_diagnostic", value=14.0, people=done),
            ),
        )  # fmt: skip

    merged = merge([territory("971", 40, 10), territory("972", 20, 5), territory("973", 15, 6)])

    national = _national(merged)
    assert national[("diagnostics_done", "", "")].value == 75
    assert national[("diagnostics_joint", "", "")].value == 21
    assert national[("diagnostics_joint_share", "", "")].value == 28.0  # 21 / 75
    median = national[("delay_diagnostic", "", "")]
    assert (median.value, median.suppressed) == (None, False)
    # the territories' medians are there, by territory
    assert {c.territory for c in merged.cells if c.indicator == "delay_diagnostic"} == {
        "", "971", "972", "973",
    }  # fmt: skip


def test_an_empty_period_merges_to_zeros_and_blanks() -> None:
    empty = [IndicatorTable(code, START, END, (Cell("people_oriented", value=0),
                                               Cell("diagnostics_joint_share"),
                                               Cell("diagnostics_done", value=0),
                                               Cell("diagnostics_joint", value=0)))
             for code in ("971", "972")]  # fmt: skip

    national = _national(merge(empty))

    assert national[("people_oriented", "", "")].value == 0
    assert national[("diagnostics_joint_share", "", "")].value is None
    assert not national[("diagnostics_joint_share", "", "")].suppressed


def test_different_schema_versions_are_refused_naming_each_file(tmp_path: Path) -> None:
    for name in ("a.json", "b.json", "c.csv"):
        table = _territory(name[0], {(M1, "S", ""): 10})
        if name.endswith(".json"):
            write_json(table, tmp_path / name, generated_at=STAMP)
        else:
            write_csv(table, tmp_path / name)
    document = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    document["schema_version"] = SCHEMA_VERSION + 1
    (tmp_path / "b.json").write_text(json.dumps(document), encoding="utf-8")

    with pytest.raises(SchemaMismatch) as refused:
        merge_files([tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.csv"])

    v, w = SCHEMA_VERSION, SCHEMA_VERSION + 1
    assert str(refused.value) == f"schema versions differ: {v} (a.json), {w} (b.json), {v} (c.csv)"


def test_merging_files_of_both_formats(tmp_path: Path) -> None:
    a = _territory("971", {(M1, "A1", ""): 10})
    b = _territory("972", {(M1, "B1", ""): 12})
    write_json(a, tmp_path / "971.json", generated_at=STAMP)
    write_csv(b, tmp_path / "972.csv")

    merged = merge_files([tmp_path / "971.json", tmp_path / "972.csv"])

    assert merged == merge([a, b])
    write_json(merged, tmp_path / "national.json", generated_at=STAMP)
    write_csv(merged, tmp_path / "national.csv")
    assert read(tmp_path / "national.json") == merged
    assert read(tmp_path / "national.csv") == merged


def test_tables_of_different_versions_are_refused() -> None:
    a = _territory("971", {(M1, "A1", ""): 10})
    b = IndicatorTable("972", START, END, a.cells, schema_version=SCHEMA_VERSION + 1)

    with pytest.raises(SchemaMismatch, match="schema versions differ"):
        merge([a, b], ["971.json", "972.json"])


def test_different_periods_are_refused_naming_them() -> None:
    a = _territory("971", {(M1, "A1", ""): 10})
    b = IndicatorTable("972", START, date(2026, 6, 30), a.cells)

    with pytest.raises(PeriodMismatch, match=r"2026-01-01\.\.2026-06-30 \(972\)"):
        merge([a, b])


def test_a_territory_twice_a_national_table_or_nothing_is_refused() -> None:
    a = _territory("971", {(M1, "A1", ""): 10})
    with pytest.raises(ValueError, match="971 given twice"):
        merge([a, a])
    with pytest.raises(ValueError, match="already a national table"):
        merge([merge([a])])
    with pytest.raises(ValueError, match="nothing to merge"):
        merge([])
