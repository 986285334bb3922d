"""Periods of an immersion as typed: one a line, « 01/03/2027 - 05/03/2027 » (or « au »)."""

from __future__ import annotations

import re
from datetime import date

from spie_desktop.domain.interface_sentence import say

from .errors import ValidationError
from .immersion import Period
from .plan_problems import day_text

_DAY = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_LINE = re.compile(rf"^\s*(?:du\s+)?{_DAY}\s*(?:-|–|—|au|à)\s*{_DAY}\s*$", re.IGNORECASE)


def parse_periods(text: str) -> tuple[Period, ...]:
    """The periods of ``text``; ValidationError naming the line that does not read."""
    periods: list[Period] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        try:
            if match is None:
                raise ValueError(line)
            d1, m1, y1, d2, m2, y2 = (int(g) for g in match.groups())
            periods.append(Period(date(y1, m1, d1), date(y2, m2, d2)))
        except ValueError:
            raise ValidationError(
                say(
                    "Ligne {number} des périodes illisible : écrivez « 01/03/2027 - 05/03/2027 ».",
                    number=number,
                ),
                "unreadable period line",
                "periods",
            ) from None
    return tuple(periods)


def periods_text(periods: tuple[Period, ...]) -> str:
    return "\n".join(f"{day_text(p.start)} - {day_text(p.end)}" for p in periods)
