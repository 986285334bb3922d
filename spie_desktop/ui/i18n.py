"""The one translation function of the UI, and how dates are shown.

Source strings are French. ``tr`` looks a string up in the active catalogue (none by
default: French is shown as written) and then fills ``{placeholders}`` from its keyword
arguments, so another language can be added by loading a catalogue, without touching views.
``tr_said`` does the same for a sentence the core built (``domain.interface_sentence``).
Nothing here is installed into builtins: modules import ``tr`` explicitly.

Dates are stored in UTC and shown in the territory's time zone (Guyane is UTC−3).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from spie_desktop.domain.interface_sentence import Sentence

_catalogue: dict[str, str] = {}


def tr(text: str, **kwargs: object) -> str:
    """``text`` in the active language, with ``{name}`` placeholders filled from ``kwargs``."""
    translated = _catalogue.get(text, text)
    return translated.format(**kwargs) if kwargs else translated


def tr_said(said: Sentence) -> str:
    """A sentence the core built (an error, a status, a summary) in the active language: its
    French source looked up in the same catalogue as ``tr``, its values filled in, a value
    that is itself a sentence rendered the same way."""
    return said.render(_translated)


def _translated(source: str) -> str:
    return _catalogue.get(source, source)


def set_catalogue(entries: Mapping[str, str] | None) -> None:
    """Use these translations (French source → target); ``None`` goes back to French."""
    _catalogue.clear()
    if entries:
        _catalogue.update(entries)


def format_date(day: date | None) -> str:
    """JJ/MM/AAAA, or an empty string for no date."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = day.date()
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def format_datetime(moment: datetime | None, tz_name: str) -> str:
    """JJ/MM/AAAA HH:MM in the given time zone; a naive datetime is taken as UTC."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(_zone(tz_name))
    return f"{format_date(local.date())} {local.hour:02d}:{local.minute:02d}"


def format_time(moment: datetime, tz_name: str) -> str:
    """HH:MM:SS in the given time zone (for "enregistré à 10:42:17")."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_zone(tz_name)).strftime("%H:%M:%S")


@lru_cache(maxsize=16)
def _zone(tz_name: str) -> ZoneInfo:
    return ZoneInfo(tz_name)
