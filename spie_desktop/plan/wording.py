"""The plan's sentences in the person's language, each with its French reference.

A person who does not read French reads every section of their plan twice: in their own
language, then in French, the reference. :class:`Said` is one such sentence; :class:`PlanWords`
makes them from the person-facing language layer (``domain.person_texts``). A sentence the
person's language lacks is French only and says so (``fallback``), so the PDF can mark it.
The referential's labels (themes, objectives, actions, situations) are translated through
their keys; a label a counsellor typed has none and stays as typed, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spie_desktop.domain.person_texts import (
    FRENCH,
    PersonTexts,
    person_texts,
    referential_key,
    theme_key,
)
from spie_desktop.domain.referential import themes

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def long_date(day: date) -> str:
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


@dataclass(frozen=True, slots=True)
class Said:
    """One sentence: ``french`` always; ``own`` in the person's language, "" when it is the
    same in both (a French reader, a typed label) or when the language lacks it."""

    french: str
    own: str = ""
    fallback: bool = False  # the person's language lacks (part of) it: French stands in

    @property
    def first(self) -> str:
        """What the person reads first: their language when there is one, else French."""
        return self.own or self.french


def _french_texts() -> PersonTexts:
    return person_texts(FRENCH)


@dataclass(frozen=True, slots=True)
class PlanWords:
    """The plan's words in one person's language (French alone for a French reader)."""

    texts: PersonTexts = field(default_factory=_french_texts)

    @property
    def bilingual(self) -> bool:
        return self.texts.language.code != FRENCH

    @property
    def right_to_left(self) -> bool:
        return self.texts.language.direction == "rtl"

    @property
    def code(self) -> str:
        return self.texts.language.code

    def say(self, key: str, **values: Said | str) -> Said:
        """Sentence ``key`` with its placeholders filled, each value in its own language."""
        french = _french_texts().text(
            key, **{k: v.french if isinstance(v, Said) else v for k, v in values.items()}
        )
        if not self.bilingual:
            return Said(french)
        got = self.texts.get(
            key, **{k: v.first if isinstance(v, Said) else v for k, v in values.items()}
        )
        if got.fallback:
            return Said(french, "", True)
        inner = any(isinstance(v, Said) and v.fallback for v in values.values())
        return Said(french, got.text, inner)

    def day(self, day: date) -> Said:
        """A date spelled out in both languages (« 8 de janeiro de 2027 », « 8 janvier
        2027 »); in digits in a language whose file lacks the month names."""
        if not self.bilingual:
            return Said(long_date(day))
        keys = [f"date.month.{day.month}", "date.long"] + (
            ["date.first_day"] if day.day == 1 else []
        )
        if any(key not in self.texts.texts for key in keys):
            return Said(long_date(day), short_date(day))
        first = self.texts.text("date.first_day") if day.day == 1 else str(day.day)
        month = self.texts.text(f"date.month.{day.month}")
        own = self.texts.text("date.long", day=first, month=month, year=day.year)
        return Said(long_date(day), own)

    def label(self, kind: str, french_label: str) -> Said:
        """A referential label (``kind``: objective, action, situation) in both languages;
        a typed label as typed."""
        key = referential_key(kind, french_label)
        return self._keyed(key, french_label)

    def theme(self, name: str, french_label: str) -> Said:
        key = theme_key(name) if name and theme_key(name) in self.texts.french else None
        return self._keyed(key, french_label)

    def _keyed(self, key: str | None, french_label: str) -> Said:
        if key is None or not self.bilingual or not french_label:
            return Said(french_label)
        got = self.texts.get(key)
        return Said(french_label, "", True) if got.fallback else Said(french_label, got.text)

    def consent(self, french: str) -> Said:
        """The consent's information text (``french``: what the person agreed to read)."""
        if not self.bilingual:
            return Said(french)
        got = self.texts.consent_wording()
        return Said(french, "", True) if got.fallback else Said(french, got.text)


def plan_words(code: str) -> PlanWords:
    """The words of a plan for a person who reads ``code`` (shipped languages)."""
    return PlanWords(person_texts(code))


def theme_name(label: str) -> str:
    """The referential's theme name of a French theme label ("" for none)."""
    return next((name for name, theme in themes().items() if theme.label == label), "")
