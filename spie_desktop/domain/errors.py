"""Typed domain errors: a French message for people, an English one for logs.

Every error the application can show to a counsellor derives from :class:`SpieError`.
The UI shows ``message_fr`` next to the field or action that caused it, and so does the
command line (followed by ``cli_hint_fr``, what to type there to get past it); logs use
``message_en``. Neither may contain personal data.
"""

from __future__ import annotations


class SpieError(Exception):
    """Base of every error meant to be shown to a person."""

    #: The command-line option or command that gets past this error, said in French
    #: ("Pour un réseau de confiance seulement : --insecure."): printed after ``message_fr``
    #: by the command line only, since the windows offer no such option.
    cli_hint_fr: str = ""

    def __init__(self, message_fr: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_fr = message_fr
        self.message_en = message_en

    def __str__(self) -> str:
        return self.message_en


class ValidationError(SpieError):
    """A value entered by a person breaks a domain rule."""

    def __init__(self, message_fr: str, message_en: str, field: str | None = None) -> None:
        super().__init__(message_fr, message_en)
        self.field = field


class NotFound(SpieError):
    """A record that should exist does not."""
