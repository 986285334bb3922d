"""Which data·inclusion thématiques serve each theme of the referential (data in
``domain/data/offer_themes.csv``): "Lier une offre" opens the search filtered by them."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def theme_thematiques() -> dict[str, tuple[str, ...]]:
    """Every mapped theme and its thématiques, in the file's order."""
    text = (
        resources.files("spie_desktop.domain")
        .joinpath("data", "offer_themes.csv")
        .read_text("utf-8")
    )
    mapping: dict[str, list[str]] = {}
    for row in csv.DictReader(text.splitlines()):
        mapping.setdefault(row["theme"], []).append(row["thematique"])
    return {theme: tuple(values) for theme, values in mapping.items()}


def thematiques_for(theme: str) -> tuple[str, ...]:
    """The thématiques an action of ``theme`` looks for (none for an unknown theme)."""
    return theme_thematiques().get(theme, ())
