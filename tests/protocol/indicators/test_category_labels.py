"""Every category of a figure reads in words, the same on the device and the dashboard."""

from __future__ import annotations

import json
from importlib import resources

from spie_desktop.domain.referential import themes
from spie_protocol.indicators.definitions import category_label
from spie_protocol.thematiques import THEMATIQUE_LABELS, THEME_LABELS


def test_the_shared_theme_labels_are_the_referentials() -> None:
    assert {name: theme.label for name, theme in themes().items()} == THEME_LABELS


def test_every_top_level_thematique_of_the_national_enumeration_has_a_label() -> None:
    text = resources.files("spie_protocol").joinpath("data_inclusion", "thematiques.json")
    values = {item["value"].split("--")[0] for item in json.loads(text.read_text("utf-8"))}
    assert set(THEMATIQUE_LABELS) == values


def test_themes_and_thematiques_read_in_words() -> None:
    assert category_label("theme", "maitrise_langue") == "Maîtrise de la langue française"
    assert category_label("thematique", "logement-hebergement") == "Logement et hébergement"
