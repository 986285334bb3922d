"""The « Indicateurs » use cases without the window: the periods offered, the French CSV,
the README that says how each figure is computed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spie_desktop.services.indicators import PeriodChoice, cells_as_csv, months_of, period_of
from spie_protocol.indicators.definitions import DEFINITIONS
from spie_protocol.indicators.table import Cell

README = Path(__file__).resolve().parents[2] / "README.md"


def test_periods_around_today() -> None:
    today = date(2026, 2, 14)
    assert period_of(PeriodChoice.THIS_QUARTER, today) == (date(2026, 1, 1), date(2026, 3, 31))
    # the quarter before the first one is the previous year's last
    assert period_of(PeriodChoice.LAST_QUARTER, today) == (date(2025, 10, 1), date(2025, 12, 31))
    assert period_of(PeriodChoice.THIS_YEAR, today) == (date(2026, 1, 1), date(2026, 12, 31))
    assert period_of(PeriodChoice.THIS_QUARTER, date(2026, 12, 5)) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert months_of(date(2025, 11, 20), date(2026, 1, 3)) == ["2025-11", "2025-12", "2026-01"]


def test_csv_reads_in_a_french_spreadsheet() -> None:
    cells = [
        Cell("diagnostics_joint_share", "2026-10", "=cmd", "", 33.3, 3),
        Cell("delay_first_contact", "", "", "", None, 0),
        Cell("plans_signed", "", "", "", 12.0, 7),
    ]
    lines = cells_as_csv(cells).splitlines()
    share = DEFINITIONS["diagnostics_joint_share"].label
    assert lines[1] == f"{share};%;2026-10;'=cmd;total;33,3;3"  # decimal comma, no formula
    assert lines[2].endswith(";toute la période;toutes;total;;0")  # no value: empty, not 0
    assert lines[3].endswith(";12;7")


def test_the_readme_says_how_every_figure_is_computed() -> None:
    text = README.read_text("utf-8")
    for d in DEFINITIONS.values():
        assert f"- `{d.key}` — **{d.label}**, {d.unit} : {d.how}" in text, d.key
