"""The voices of the operating system's speech engine, and the one to read a language with.

Engines name languages their own way (espeak-ng ``pt-br``, SAPI and macOS ``pt_BR``): they
are compared lower case with ``-`` between subtags. A voice of the exact language wins; else
one of the same primary language (``pt`` for ``pt-BR``), since a Portuguese voice from
Portugal still reads Brazilian Portuguese far better than a French one.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The languages' names as a French sentence says them: « pour le portugais ».
FRENCH_NAMES = {
    "fr": "le français",
    "pt": "le portugais",
    "es": "l'espagnol",
    "en": "l'anglais",
    "ar": "l'arabe",
}


@dataclass(frozen=True, slots=True)
class Voice:
    id: str  # what the engine is given to speak with it
    name: str
    languages: tuple[str, ...]  # normalised: "pt-br"


def normalise_language(code: str) -> str:
    """``"pt_BR"``, ``"\\x05pt-br\\x00"`` -> ``"pt-br"``."""
    text = code.split("\x00")[0].strip().strip("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a")
    return text.replace("_", "-").lower()


def voice_for(language: str, voices: list[Voice]) -> Voice | None:
    """The voice to read ``language`` (BCP 47) with, None when the engine has none."""
    wanted = normalise_language(language)
    primary = wanted.split("-")[0]
    # The exact language, then the main one ("fr-fr" before "fr-be"), then any of its kind.
    for preferred in (wanted, primary, f"{primary}-{primary}"):
        for voice in voices:
            if preferred in voice.languages:
                return voice
    for voice in voices:
        if any(code.split("-")[0] == primary for code in voice.languages):
            return voice
    return None


def no_voice_message(language: str, own_name: str) -> str:
    """« Aucune voix n'est installée pour le portugais sur cet ordinateur. »"""
    name = FRENCH_NAMES.get(language.split("-")[0].lower(), f"la langue « {own_name} »")
    return f"Aucune voix n'est installée pour {name} sur cet ordinateur."
