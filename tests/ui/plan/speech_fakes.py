"""A speech engine that makes no sound: it lists the voices it is given and "says" a
sentence until the test releases it or the reader stops it."""

from __future__ import annotations

import threading
from pathlib import Path

from spie_desktop.services.speech_voices import Voice

FRENCH_VOICE = Voice("roa/fr", "French (France)", ("fr-fr",))
PORTUGUESE_VOICE = Voice("roa/pt-br", "Portuguese (Brazil)", ("pt-br",))


class FakeEngine:
    def __init__(self, voices: list[Voice]) -> None:
        self._voices = voices
        self._lock = threading.Lock()
        self._current: threading.Event | None = None
        self._text = ""
        self.spoken: list[tuple[str, str]] = []  # (sentence, voice id), as they started
        self.stops = 0

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def speak(self, text: str, voice_id: str) -> None:
        said = threading.Event()
        with self._lock:
            self._current, self._text = said, text
            self.spoken.append((text, voice_id))
        said.wait()
        with self._lock:
            self._current, self._text = None, ""

    def stop(self) -> None:
        with self._lock:
            if self._current is not None:
                self.stops += 1
                self._current.set()

    def save(self, text: str, voice_id: str, path: Path) -> None:
        path.write_bytes(b"")

    @property
    def speaking(self) -> str:
        """The sentence being said, "" between sentences."""
        with self._lock:
            return self._text

    def finish_sentence(self) -> None:
        """The sentence being said reaches its end."""
        with self._lock:
            if self._current is not None:
                self._current.set()
