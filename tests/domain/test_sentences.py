"""A name at the end of a sentence brings at most one full stop."""

from __future__ import annotations

import pytest

from spie_desktop.domain.sentences import end_sentence


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("Julien R.", "Julien R."),
        ("Nadia B", "Nadia B."),
        ("Marie-Jo", "Marie-Jo."),
        ("Fin…", "Fin…"),
        ("Julien R. ", "Julien R."),
    ],
)
def test_a_full_stop_is_added_only_when_missing(text: str, sentence: str) -> None:
    assert end_sentence(text) == sentence
