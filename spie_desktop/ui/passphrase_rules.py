"""The rule a new passphrase and its confirmation must meet before any key is derived."""

from __future__ import annotations

from spie_desktop.domain.passphrase import assess_passphrase

from .i18n import tr


def new_passphrase_error(passphrase: str, confirmation: str) -> str:
    """Why this new passphrase is refused (French), or an empty string if it is fine."""
    assessment = assess_passphrase(passphrase)
    if not assessment.acceptable:
        return tr("Phrase de passe trop faible. {hint}", hint=assessment.hint_fr)
    if passphrase != confirmation:
        return tr("Les deux phrases de passe ne sont pas identiques.")
    return ""
