"""The period an export covers, from ``--from`` / ``--to`` (``YYYY-MM-DD``, both included).

Without ``--to``, the period ends today in the territory's calendar; without ``--from``, it
starts on the first day of the quarter ``--to`` falls in (this quarter, by default).
"""

from __future__ import annotations

from datetime import date


class PeriodError(ValueError):
    """A day that is not a date, or a period that ends before it starts."""


def parse_day(text: str, option: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"{option} {text!r} is not a day (expected YYYY-MM-DD)") from None


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def period(start: str | None, end: str | None, today: date) -> tuple[date, date]:
    last = parse_day(end, "--to") if end is not None else today
    first = parse_day(start, "--from") if start is not None else quarter_start(last)
    if first > last:
        until = f"--to {last.isoformat()}" if end is not None else f"today ({last.isoformat()})"
        raise PeriodError(f"--from {first.isoformat()} is after {until}")
    return first, last
