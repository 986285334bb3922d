"""The rule a new passphrase must meet before it wraps a key slot."""

from __future__ import annotations

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.passphrase import MIN_LENGTH, assess_passphrase


class WeakPassphrase(ValidationError):
    def __init__(self, hint_fr: str, too_short: bool) -> None:
        detail = f"shorter than {MIN_LENGTH} characters" if too_short else "too predictable"
        super().__init__(
            f"Phrase de passe trop faible. {hint_fr}", f"passphrase refused: {detail}", "passphrase"
        )


def check_new_passphrase(passphrase: str) -> None:
    """Raise :class:`WeakPassphrase` unless the passphrase is long and unpredictable enough."""
    assessment = assess_passphrase(passphrase)
    if not assessment.acceptable:
        raise WeakPassphrase(assessment.hint_fr, len(passphrase) < MIN_LENGTH)
