"""The speech engine's plumbing without sound: the voice chosen for a language, and
espeak-ng's program fed through a pipe and stopped mid-sentence (a stand-in program)."""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pytest

from spie_desktop.services.speech import EspeakProcessEngine
from spie_desktop.services.speech_voices import Voice, no_voice_message, voice_for

ESPEAK = [
    Voice("roa/fr-be", "French (Belgium)", ("fr-be",)),
    Voice("roa/fr", "French (France)", ("fr-fr",)),
    Voice("roa/pt", "Portuguese (Portugal)", ("pt",)),
    Voice("sem/ar", "Arabic", ("ar",)),
]


def test_the_voice_for_each_language() -> None:
    assert voice_for("fr", ESPEAK) == ESPEAK[1]  # France's, not the first French one
    assert voice_for("pt-BR", ESPEAK) == ESPEAK[2]  # Portugal's rather than none
    assert voice_for("ar", ESPEAK) == ESPEAK[3]
    assert voice_for("es", ESPEAK) is None
    sapi = [Voice("HKEY…Maria", "Microsoft Maria", ("pt-br",))]
    assert voice_for("pt-BR", sapi) == sapi[0]


def test_no_voice_is_said_plainly_in_french() -> None:
    assert no_voice_message("pt-BR", "Português (Brasil)") == (
        "Aucune voix n'est installée pour le portugais sur cet ordinateur."
    )
    assert no_voice_message("es", "Español") == (
        "Aucune voix n'est installée pour l'espagnol sur cet ordinateur."
    )
    assert no_voice_message("srn", "Sranantongo") == (
        "Aucune voix n'est installée pour la langue « Sranantongo » sur cet ordinateur."
    )


@pytest.fixture
def stand_in(tmp_path: Path) -> tuple[Path, Path]:
    """A program taking espeak-ng's place: it writes its arguments and what it reads, then
    says the sentence "forever" (until it is ended)."""
    heard = tmp_path / "heard"
    program = tmp_path / "espeak-ng"
    program.write_text(
        f'#!/bin/sh\necho "$@" > {heard}.args\ncat > {heard}.part\nmv {heard}.part {heard}\n'
        "exec sleep 600\n"
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program, heard


def test_espeak_reads_the_sentence_from_a_pipe_and_stops_when_told(
    stand_in: tuple[Path, Path],
) -> None:
    pytest.importorskip("pyttsx3")
    if not os.path.exists("/bin/sh"):
        pytest.skip("needs /bin/sh for the stand-in program")
    program, heard = stand_in
    try:
        engine = EspeakProcessEngine(str(program))
    except Exception as exc:  # pyttsx3 lists the voices through libespeak-ng
        pytest.skip(f"pyttsx3 has no engine here: {exc}")
    sentence = "Ação: Bolsa para a carteira de motorista."
    speaking = threading.Thread(target=engine.speak, args=(sentence, "roa/pt-br"))
    speaking.start()
    while not heard.exists():  # the program has read the whole sentence
        time.sleep(0.01)
    assert heard.read_text("utf-8") == sentence
    arguments = Path(f"{heard}.args").read_text()
    assert arguments.split() == ["-v", "roa/pt-br", "--stdin"]  # never on the command line
    engine.stop()
    speaking.join()
    assert not speaking.is_alive()
