"""Reading the plan summary aloud: which voice, which sentence, reading or paused.

The engine runs in the :class:`Reader`'s worker thread; what it reports comes back here
through queued signals, so the view only ever hears from the GUI thread. A sentence the
person's language lacks (French in its place) is read with the French voice.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.person_texts import FRENCH
from spie_desktop.services.read_aloud import ReadAloudMaterial, SpokenSummary
from spie_desktop.services.speech import Reader, SpeechEngine, system_engine
from spie_desktop.services.speech_voices import Voice, no_voice_message, voice_for

from ..i18n import tr


class ReadingState(Enum):
    WAITING = "waiting"  # the engine is starting
    IDLE = "idle"
    READING = "reading"
    PAUSED = "paused"
    UNAVAILABLE = "unavailable"  # no engine, or no voice at all


class ReadAloudModel(QObject):
    changed = Signal()  # state, voice or summary
    sentence_started = Signal(int)
    # From the worker thread (queued to the GUI thread by Qt):
    _voices_listed = Signal(object)
    _sentence = Signal(int)
    _done = Signal(bool)
    _error = Signal(str)

    def __init__(
        self,
        material: ReadAloudMaterial,
        make_engine: Callable[[], SpeechEngine] = system_engine,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.material = material
        self.summary: SpokenSummary = material.summary
        self.state = ReadingState.WAITING
        self.current = 0
        self.voices: list[Voice] = []
        self.voice: Voice | None = None
        self.french_voice: Voice | None = None
        self.problem = ""  # French, for the counsellor: no voice, no engine
        self._voices_listed.connect(self._voices_known)
        self._sentence.connect(self._sentence_started)
        self._done.connect(self._finished)
        self._error.connect(self._failed)
        self.reader = Reader(
            make_engine, self._voices_listed.emit, self._sentence.emit, self._done.emit,
            self._error.emit,
        )  # fmt: skip

    @property
    def can_offer_french(self) -> bool:
        """No voice for the person's language, but one for French."""
        return (
            self.voice is None
            and self.french_voice is not None
            and self.summary.language != FRENCH
            and self.state is not ReadingState.WAITING
        )

    # -- controls ----------------------------------------------------------------------------

    def read(self, start: int = 0) -> None:
        """« Lire »: from ``start`` (the first sentence by default)."""
        if self.voice is None or not self.summary.sentences:
            return
        self.current = max(0, min(start, len(self.summary.sentences) - 1))
        utterances = [(s.text, self._voice_of(s.language).id) for s in self.summary.sentences]
        self.reader.read(utterances, self.current)
        self._set_state(ReadingState.READING)

    def pause(self) -> None:
        """« Pause »: the engines cannot stop within a sentence; it is read again on resume."""
        if self.state is ReadingState.READING:
            self.reader.stop()
            self._set_state(ReadingState.PAUSED)

    def resume(self) -> None:
        """« Reprendre »: from the start of the sentence that was paused."""
        if self.state is ReadingState.PAUSED:
            self.read(self.current)

    def replay(self) -> None:
        """« Relire la phrase »: the current sentence again, then on."""
        if self.state is not ReadingState.UNAVAILABLE and self.voice is not None:
            self.read(self.current)

    def stop(self) -> None:
        """« Arrêter »: back to the first sentence."""
        self.reader.stop()
        self.current = 0
        if self.state in (ReadingState.READING, ReadingState.PAUSED):
            self._set_state(ReadingState.IDLE)
        self.sentence_started.emit(-1)

    def use_french(self) -> None:
        """Read the French summary with the French voice."""
        if self.french_voice is None:
            return
        self.reader.stop()
        self.summary = self.material.french
        self.voice = self.french_voice
        self.problem = ""
        self.current = 0
        self._set_state(ReadingState.IDLE)

    def close(self) -> None:
        self.reader.close()

    # -- from the worker ---------------------------------------------------------------------

    def _voice_of(self, language: str) -> Voice:
        assert self.voice is not None
        if language == self.summary.language or self.french_voice is None:
            return self.voice
        return self.french_voice

    def _voices_known(self, voices: list[Voice]) -> None:
        self.voices = voices
        self.french_voice = voice_for(FRENCH, voices)
        self.voice = voice_for(self.summary.language, voices)
        if self.voice is None:
            self.problem = no_voice_message(self.summary.language, self.material.language_name)
            if self.french_voice is None:
                self._set_state(ReadingState.UNAVAILABLE)
                return
        self._set_state(ReadingState.IDLE)

    def _sentence_started(self, index: int) -> None:
        if self.state is ReadingState.READING:
            self.current = index
            self.sentence_started.emit(index)

    def _finished(self, completed: bool) -> None:
        if completed and self.state is ReadingState.READING:
            self.current = 0
            self._set_state(ReadingState.IDLE)
            self.sentence_started.emit(-1)

    def _failed(self, message: str) -> None:
        self.problem = tr(message)
        self._set_state(ReadingState.UNAVAILABLE)

    def _set_state(self, state: ReadingState) -> None:
        self.state = state
        self.changed.emit()
