"""Reading sentences aloud through the operating system's speech engine, off the GUI thread.

:class:`Pyttsx3Engine` wraps pyttsx3 (espeak-ng on Linux, SAPI5 on Windows,
NSSpeechSynthesizer on macOS); on Linux :class:`EspeakProcessEngine` says the sentences
through espeak-ng's program instead (see why there). :class:`Reader` owns one engine in a worker thread of its
own (SAPI wants the thread that made the engine to use it) and speaks one sentence at a
time, telling when each one starts, so a view can highlight it. The engines cannot pause
within a sentence: pausing stops the sentence, resuming reads it again from its start.
"""

from __future__ import annotations

import logging
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from .speech_voices import Voice, normalise_language

log = logging.getLogger(__name__)


class SpeechEngine(Protocol):
    def voices(self) -> list[Voice]: ...

    def speak(self, text: str, voice_id: str) -> None:
        """Say ``text``; returns when it is said or :meth:`stop` was called."""

    def stop(self) -> None:
        """End the sentence being said (called from another thread)."""

    def save(self, text: str, voice_id: str, path: Path) -> None:
        """Render ``text`` into a WAV file instead of the speakers."""


class Pyttsx3Engine:
    """The operating system's engine through pyttsx3; raises OSError-like errors from
    ``pyttsx3.init`` when no engine is installed (no libespeak-ng on Linux)."""

    def __init__(self) -> None:
        import pyttsx3  # the driver loads the system library: only when reading is asked

        self._engine: Any = pyttsx3.init()

    def voices(self) -> list[Voice]:
        found = self._engine.getProperty("voices") or []
        return [
            Voice(
                str(v.id),
                str(v.name),
                tuple(
                    normalise_language(c.decode("utf-8", "ignore") if isinstance(c, bytes) else c)
                    for c in (v.languages or [])
                ),
            )
            for v in found
        ]

    def speak(self, text: str, voice_id: str) -> None:
        self._engine.setProperty("voice", voice_id)
        self._engine.say(text)
        self._engine.runAndWait()

    def stop(self) -> None:
        self._engine.stop()

    def save(self, text: str, voice_id: str, path: Path) -> None:
        self._engine.setProperty("voice", voice_id)
        self._engine.save_to_file(text, str(path))
        self._engine.runAndWait()


class EspeakProcessEngine(Pyttsx3Engine):
    """Linux: voices listed by pyttsx3, sentences said by espeak-ng's own program.

    pyttsx3's espeak driver writes each sentence to a temporary WAV file and plays it with
    ``aplay``: the plan's words would sit on disk, and the sentence could not be stopped
    before its end. ``espeak-ng --stdin`` reads the sentence from a pipe (not from its
    command line, which other users can list), plays it from memory, and ends when told.
    """

    def __init__(self, program: str) -> None:
        super().__init__()
        self._program = program
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None

    def speak(self, text: str, voice_id: str) -> None:
        with self._lock:
            self._process = subprocess.Popen(
                [self._program, "-v", voice_id, "--stdin"],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            process = self._process
        try:
            process.communicate(text.encode("utf-8"))
        finally:
            with self._lock:
                self._process = None

    def stop(self) -> None:
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()


def system_engine() -> SpeechEngine:
    """The operating system's engine: espeak-ng's program on Linux when it is installed,
    pyttsx3's driver elsewhere (SAPI5, NSSpeechSynthesizer)."""
    program = shutil.which("espeak-ng") if sys.platform.startswith("linux") else None
    return EspeakProcessEngine(program) if program else Pyttsx3Engine()


#: A sentence to say and the voice to say it with.
Utterance = tuple[str, str]


class Reader:
    """Reads utterances from an index on, one at a time, in a worker thread.

    ``on_sentence(index)`` is called (from the worker) as each sentence starts,
    ``on_done(finished)`` when reading ends: ``True`` after the last sentence, ``False``
    when it was stopped. ``on_voices(voices)`` is called once the engine is up, and
    ``on_error(message)`` gets a French message.
    """

    def __init__(
        self,
        make_engine: Callable[[], SpeechEngine],
        on_voices: Callable[[list[Voice]], None],
        on_sentence: Callable[[int], None],
        on_done: Callable[[bool], None],
        on_error: Callable[[str], None],
    ) -> None:
        self._make_engine = make_engine
        self._on_voices = on_voices
        self._on_sentence = on_sentence
        self._on_done = on_done
        self._on_error = on_error
        self._orders: queue.Queue[tuple[tuple[Utterance, ...], int] | None] = queue.Queue()
        self._engine: SpeechEngine | None = None
        self._ready = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
        self._thread.start()

    def read(self, utterances: Sequence[Utterance], start: int = 0) -> None:
        """Read ``utterances[start:]`` (stopping whatever is being read)."""
        self.stop()
        self._orders.put((tuple(utterances), start))

    def stop(self) -> None:
        self._stopping.set()
        if self._engine is not None:
            self._engine.stop()

    def close(self) -> None:
        self.stop()
        self._orders.put(None)
        self._thread.join(timeout=5)

    def _run(self) -> None:
        try:
            self._engine = self._make_engine()
        except Exception:  # no engine library, no driver: said once, reading stays off
            log.warning("speech engine unavailable", exc_info=True)
            self._on_error("Aucun moteur de synthèse vocale n'est installé sur cet ordinateur.")
            return
        self._on_voices(self._engine.voices())
        while (order := self._orders.get()) is not None:
            utterances, start = order
            self._stopping.clear()
            self._read(utterances, start)

    def _read(self, utterances: tuple[Utterance, ...], start: int) -> None:
        assert self._engine is not None
        for index in range(start, len(utterances)):
            if self._stopping.is_set():
                self._on_done(False)
                return
            self._on_sentence(index)
            try:
                self._engine.speak(*utterances[index])
            except Exception:
                log.warning("speech engine failed", exc_info=True)
                self._on_error("La lecture à voix haute a échoué.")
                return
        self._on_done(not self._stopping.is_set())
