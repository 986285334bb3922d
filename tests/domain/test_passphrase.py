"""Passphrase strength: what is refused, what is accepted, and the French hint given."""

from __future__ import annotations

import pytest

from spie_desktop.domain.passphrase import (
    HINT_ADD_WORDS,
    HINT_COMMON,
    HINT_EMPTY,
    HINT_REPEAT,
    HINT_SEQUENCE,
    HINT_TOO_SHORT,
    assess_passphrase,
    estimate_bits,
)


def test_empty_asks_for_a_phrase() -> None:
    result = assess_passphrase("")
    assert (result.score, result.acceptable, result.hint_fr) == (0, False, HINT_EMPTY)


@pytest.mark.parametrize("text", ["abc", "Xk8#pQ2!m", "rivière"])
def test_under_ten_characters_is_refused_whatever_the_mix(text: str) -> None:
    result = assess_passphrase(text)
    assert not result.acceptable
    assert result.score <= 1
    assert result.hint_fr == HINT_TOO_SHORT == "Trop courte : au moins 10 caractères."


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("motdepasse123", HINT_COMMON),
        ("Motdepasse2024!", HINT_COMMON),
        ("azertyuiop", HINT_COMMON),
        ("bonjourbonjour", HINT_COMMON),
        ("aaaaaaaaaaaa", HINT_REPEAT),
        ("1234567890", HINT_SEQUENCE),
        ("abcdefghijkl", HINT_SEQUENCE),
        ("lundimatin", HINT_ADD_WORDS),
    ],
)
def test_predictable_passphrases_are_refused_with_the_reason(text: str, hint: str) -> None:
    result = assess_passphrase(text)
    assert not result.acceptable
    assert result.score < 2
    assert result.hint_fr == hint


def test_predictable_parts_cost_less_than_random_ones() -> None:
    # same length and alphabet: a common word plus a run scores below random letters
    assert estimate_bits("soleil1234")[0] < estimate_bits("qmzvtk8301")[0] / 2
    assert estimate_bits("abcabcabcabc")[0] < estimate_bits("abc")[0] + 3


@pytest.mark.parametrize(
    "text",
    ["lundi matin soleil", "Xk8#pQ2!mZ", "Jardin-bleu-7", "ma chèvre mange des pommes"],
)
def test_reasonable_passphrases_are_accepted(text: str) -> None:
    result = assess_passphrase(text)
    assert result.acceptable
    assert result.score >= 2


def test_a_four_word_sentence_is_very_strong() -> None:
    result = assess_passphrase("la tortue court vite")
    assert result.score == 4
    assert result.label_fr == "Très solide"
    assert result.hint_fr == "Acceptée : très difficile à deviner."


def test_score_grows_with_words() -> None:
    scores = [
        assess_passphrase(t).score
        for t in ("lundimatin", "lundi matin soleil", "lundi matin soleil vert")
    ]
    assert scores == sorted(scores) and scores[0] < scores[-1]
