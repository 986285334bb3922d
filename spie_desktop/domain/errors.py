"""Typed domain errors: a French message for people, an English one for logs.

Every error the application can show to a counsellor derives from :class:`SpieError`.
Its message for people is a :class:`~.interface_sentence.Sentence` — written
``say("…", name=value)`` in French, the interface's catalogue key — so the windows show it
in the interface's language (``ui.i18n.tr_said(exc.said)``) next to the field or action
that caused it; ``message_fr`` is the same message in French, for the command line
(followed by ``cli_hint_fr``, what to type there to get past it). Logs use ``message_en``.
None of them may contain personal data.
"""

from __future__ import annotations

from .interface_sentence import Sentence, verbatim


class SpieError(Exception):
    """Base of every error meant to be shown to a person."""

    #: The command-line option or command that gets past this error, said in French
    #: ("Pour un réseau de confiance seulement : --insecure."): printed after ``message_fr``
    #: by the command line only, since the windows offer no such option.
    cli_hint_fr: str = ""

    def __init__(self, message: Sentence | str, message_en: str) -> None:
        super().__init__(message_en)
        #: The message for people, in the interface's language once rendered.
        self.said = message if isinstance(message, Sentence) else verbatim(message)
        self.message_fr = self.said.french
        self.message_en = message_en

    def __str__(self) -> str:
        return self.message_en


class ValidationError(SpieError):
    """A value entered by a person breaks a domain rule."""

    def __init__(self, message: Sentence | str, message_en: str, field: str | None = None) -> None:
        super().__init__(message, message_en)
        self.field = field


class NotFound(SpieError):
    """A record that should exist does not."""
