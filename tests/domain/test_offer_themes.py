"""Every theme of the referential maps to data·inclusion thématiques that exist."""

from __future__ import annotations

import json
from importlib import resources

from spie_desktop.domain.offer_themes import thematiques_for, theme_thematiques
from spie_desktop.domain.referential import themes


def _thematiques() -> set[str]:
    text = resources.files("spie_protocol").joinpath("data_inclusion", "thematiques.json")
    return {item["value"] for item in json.loads(text.read_text("utf-8"))}


def test_every_theme_of_the_referential_maps() -> None:
    assert set(themes()) <= set(theme_thematiques())
    for name in themes():
        assert thematiques_for(name), name


def test_every_mapped_thematique_exists_in_the_national_schema() -> None:
    tops = {value.split("--")[0] for value in _thematiques()}
    for theme, values in theme_thematiques().items():
        for value in values:
            assert value in tops or value in _thematiques(), (theme, value)
    assert set(theme_thematiques()) <= set(themes())
