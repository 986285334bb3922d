"""Dates typed in the plan: JJ/MM/AAAA (or ISO), shown back as JJ/MM/AAAA."""

from __future__ import annotations

import re
from datetime import date

from ..i18n import tr

_FRENCH = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


class DateError(ValueError):
    """The text is not a date; ``str(error)`` is the French message to show."""


def parse_day(text: str) -> date | None:
    """The day typed, or ``None`` for an empty text; :class:`DateError` otherwise."""
    if not text.strip():
        return None
    french, iso = _FRENCH.match(text), _ISO.match(text)
    try:
        if french:
            day, month, year = (int(part) for part in french.groups())
            return date(year, month, day)
        if iso:
            year, month, day = (int(part) for part in iso.groups())
            return date(year, month, day)
    except ValueError:
        pass
    raise DateError(tr("Date invalide : utilisez le format JJ/MM/AAAA."))
