"""Errors of the plan PDF, its signatures and their verification (French for people, English for logs)."""

from __future__ import annotations

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.interface_sentence import say


class WrongSigningPassphrase(SpieError):
    """``signer_name`` (shown to people, never logged) says whose passphrase was wrong."""

    def __init__(self, signer_name: str = "") -> None:
        who = f" pour {signer_name}" if signer_name else ""
        super().__init__(
            say("Phrase de passe incorrecte{who} : la signature n'a pas été apposée.", who=who),
            "wrong signing passphrase: the signature was not applied",
        )
        self.signer_name = signer_name


class SigningKeyUnreadable(SpieError):
    """A wrapped key blob that is damaged, of an unknown format or with weakened parameters."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            say(
                "La clé de signature enregistrée est illisible : la signature n'a pas été apposée."
            ),
            f"signing key blob unreadable: {detail}",
        )


class SigningFailed(SpieError):
    """The PDF could not be signed (damaged input, missing field box…)."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            say("Le plan n'a pas pu être signé électroniquement."),
            f"PDF signing failed: {detail}",
        )
