"""The strength line under a new passphrase says each thing once, at every level."""

from __future__ import annotations

import re

from pytestqt.qtbot import QtBot

from spie_desktop.domain.passphrase import SCORE_LABELS_FR, assess_passphrase
from spie_desktop.ui.passphrase_fields import NewPassphraseFields

#: One passphrase for each strength level, 0 (very weak) to 4 (very strong), with the
#: refused ones covering every reason given.
BY_LEVEL = {
    0: ["court", "aaaaaaaaaaaa", "motdepasse", "1234567890"],
    1: ["lundimatin", "Xk8#pQ2!m"],
    2: ["lundi matin soleil", "Xk8#pQ2!mZ"],
    3: ["Jardin-bleu-7", "lundi matin soleil vert"],
    4: ["la tortue court vite", "ma chèvre mange des pommes"],
}


def _phrases(text: str) -> list[str]:
    """The text's pieces between dashes and full stops, folded for comparison."""
    return [p.strip(" .").casefold() for p in re.split(r"—|\.(?:\s|$)", text) if p.strip(" .")]


def test_every_level_is_covered_by_the_samples() -> None:
    for level, samples in BY_LEVEL.items():
        assert {assess_passphrase(s).score for s in samples} == {level}


def test_the_strength_line_never_repeats_itself(qtbot: QtBot) -> None:
    fields = NewPassphraseFields()
    qtbot.addWidget(fields)
    for level, samples in BY_LEVEL.items():
        for sample in samples:
            fields.passphrase.setText(sample)
            shown = fields.hint.text()
            label = SCORE_LABELS_FR[level]
            assert shown.startswith(f"{label} — "), shown
            pieces = _phrases(shown)
            assert len(pieces) == len(set(pieces)), shown
            # the hint after the dash does not restate the level ("Très solide — Très solide.")
            hint = shown.removeprefix(f"{label} — ").casefold()
            assert label.casefold() not in hint, shown
