"""Errors of the plan PDF, its signatures and their verification (French for people, English for logs)."""

from __future__ import annotations

from spie_desktop.domain.errors import SpieError


class WrongSigningPassphrase(SpieError):
    def __init__(self) -> None:
        super().__init__(
            "Phrase de passe incorrecte : la signature n'a pas été apposée.",
            "wrong signing passphrase: the signature was not applied",
        )


class SigningKeyUnreadable(SpieError):
    """A wrapped key blob that is damaged, of an unknown format or with weakened parameters."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            "La clé de signature enregistrée est illisible : la signature n'a pas été apposée.",
            f"signing key blob unreadable: {detail}",
        )


class SigningFailed(SpieError):
    """The PDF could not be signed (damaged input, missing field box…)."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            "Le plan n'a pas pu être signé électroniquement.",
            f"PDF signing failed: {detail}",
        )
