"""Folding French text for the offer search."""

from __future__ import annotations

from spie_desktop.domain.offer_text import fold


def test_accents_case_and_ligatures_fold_away() -> None:
    assert fold("Mobilité") == fold("MOBILITE") == "mobilite"
    assert fold("Œuvre sociale") == "oeuvre sociale"


def test_plurals_fold_to_the_singular() -> None:
    assert fold("formations") == fold("formation") == "formation"
    assert fold("journaux sociaux") == "journal social"
    assert fold("des métiers") == "des metier"  # short words stay as they are


def test_punctuation_separates_words() -> None:
    assert fold("Auto-école, l'Ouest") == "auto ecole l ouest"
