"""The fixed sentences of the large-print view of a plan, the one the person reads on screen.

They are person-facing: they come from the person-facing language layer
(:mod:`spie_desktop.domain.person_texts`, keys ``large.*`` and ``date.*``), in the person's
language, French for a sentence it lacks. :func:`text` fills a sentence's placeholders;
:func:`date_in_words` writes a date as it is said ("15 mars", "1er avril 2027",
"15 de março").
"""

from __future__ import annotations

from datetime import date

from .person_texts import FRENCH, PersonTexts, person_texts


def _french() -> PersonTexts:
    return person_texts(FRENCH)


def text(key: str, texts: PersonTexts | None = None, **values: object) -> str:
    """The view's sentence ``key`` (``large.<key>``) with its placeholders filled."""
    return (texts or _french()).text(f"large.{key}", **values)


def date_in_words(day: date, today: date, texts: PersonTexts | None = None) -> str:
    """ "15 mars"; the year is said only when it is not this year's."""
    words = texts or _french()
    number = words.text("date.first_day") if day.day == 1 else str(day.day)
    month = words.text(f"date.month.{day.month}")
    if day.year == today.year:
        return words.text("date.day_month", day=number, month=month)
    return words.text("date.long", day=number, month=month, year=day.year)


def action_dates(
    start: date | None, due: date | None, today: date, texts: PersonTexts | None = None
) -> str:
    """When an action happens, in words: "jusqu'au 15 mars", "du 2 au 15 mars", ""."""
    if due is not None and start is not None and start <= due:
        return text(
            "from_until",
            texts,
            start=date_in_words(start, today, texts),
            date=date_in_words(due, today, texts),
        )
    if due is not None:
        return text("until", texts, date=date_in_words(due, today, texts))
    if start is not None:
        return text("from", texts, start=date_in_words(start, today, texts))
    return ""
