"""Read-aloud through the real engine: a 3-sentence plan summary rendered by espeak-ng (via
pyttsx3, the voice chosen for the language) into a WAV file, never to the speakers."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from spie_desktop.domain.person_texts import person_texts
from spie_desktop.plan.spoken_summary import spoken_summary
from spie_desktop.services.speech import Pyttsx3Engine
from spie_desktop.services.speech_voices import voice_for
from tests.conftest import require_tool
from tests.plan.conftest import plan_document

pytestmark = pytest.mark.needs_tool


def wav_seconds(path: Path) -> float:
    """The audio's length, from the wave header."""
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


@pytest.mark.parametrize(
    ("language", "voice_language"), [("fr", "fr-fr"), ("pt-BR", "pt-br"), ("ar", "ar")]
)
def test_a_three_sentence_summary_makes_audio_of_plausible_length(
    language: str, voice_language: str, tmp_path: Path
) -> None:
    require_tool("espeak-ng")
    engine = Pyttsx3Engine()
    voice = voice_for(language, engine.voices())
    assert voice is not None, f"espeak-ng lists no voice for {language}"
    assert voice_language in voice.languages
    sentences = spoken_summary(plan_document(), person_texts(language)).sentences[:3]
    assert len(sentences) == 3 and all(s.language == language for s in sentences)
    path = tmp_path / f"summary-{language}.wav"
    engine.save(" ".join(s.text for s in sentences), voice.id, path)
    seconds = wav_seconds(path)
    assert 1.0 < seconds < 60.0, seconds
