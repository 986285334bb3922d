"""The periods a manager may choose: this quarter (the default), the previous one, this year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_PERIOD = "trimestre"


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: date
    end: date


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _quarter_end(start: date) -> date:
    following = date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
    return following - timedelta(days=1)


def _quarter_label(start: date) -> str:
    number = (start.month - 1) // 3 + 1
    return f"{'1er' if number == 1 else f'{number}ᵉ'} trimestre {start.year}"


def periods(today: date) -> tuple[Period, ...]:
    """The choices on the page, in the order they are offered."""
    this = _quarter_start(today)
    previous = _quarter_start(this - timedelta(days=1))
    return (
        Period("trimestre", f"Ce trimestre ({_quarter_label(this)})", this, _quarter_end(this)),
        Period(
            "trimestre-precedent",
            f"Trimestre précédent ({_quarter_label(previous)})",
            previous,
            _quarter_end(previous),
        ),
        Period(
            "annee",
            f"Cette année ({today.year})",
            date(today.year, 1, 1),
            date(today.year, 12, 31),
        ),
    )


def choose_period(key: str | None, today: date) -> Period | None:
    """The period a query parameter names; the default when absent; None when unknown."""
    wanted = key or DEFAULT_PERIOD
    return next((p for p in periods(today) if p.key == wanted), None)


def months_of(period: Period) -> list[str]:
    """ "YYYY-MM" of every month the period touches, in order."""
    months = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
