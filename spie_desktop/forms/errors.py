"""Typed errors of the forms package.

Definition problems carry every issue found (file, line, reason in French) so that the
``forms check`` command and the territory administrator see them all at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.interface_sentence import say


@dataclass(frozen=True, slots=True)
class DefinitionIssue:
    """One problem in a definition file: where it is and why it is refused."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class DefinitionError(SpieError):
    """A definition file is malformed or breaks a rule of the format."""

    def __init__(self, file: str, issues: list[DefinitionIssue]) -> None:
        count = len(issues)
        super().__init__(
            say(
                "Le formulaire {file} est invalide ({count} erreur{s}).",
                file=file,
                count=count,
                s="s" if count > 1 else "",
            ),
            f"form definition {file} is invalid ({count} error{'s' if count > 1 else ''})",
        )
        self.file = file
        self.issues = issues


class DefinitionMissing(SpieError):
    """No definition with this id and version is installed on this device."""

    def __init__(self, definition_id: str, version: int | None) -> None:
        wanted = definition_id if version is None else f"{definition_id} v{version}"
        super().__init__(
            say("Le formulaire « {form} » n'est pas installé sur ce poste.", form=definition_id)
            if version is None
            else say(
                "Le formulaire « {form} » version {version} n'est pas installé sur ce poste.",
                form=definition_id,
                version=version,
            ),
            f"form definition {wanted} is not installed",
        )
        self.definition_id = definition_id
        self.version = version


class UnknownFormElement(SpieError):
    """An answer key, step, pane or section that the definition does not have."""

    def __init__(self, name: str) -> None:
        super().__init__(
            say("Cet élément n'existe pas dans le formulaire de cet entretien."),
            f"unknown form element {name!r}",
        )
        self.name = name


class UnstorableAnswer(SpieError):
    """A value that cannot be stored at all (not JSON-compatible): nothing is written."""

    def __init__(self, key: str) -> None:
        super().__init__(say("Valeur non reconnue."), f"answer to {key!r} is not storable")
        self.key = key


class ReadOnlyInterview(SpieError):
    """The interview is open read-only (its definition is missing); nothing may change."""

    def __init__(self, reason_fr: str) -> None:
        super().__init__(reason_fr, "interview is read-only")


class PayloadError(SpieError):
    """Serialised answers cannot be read back."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            say("Les réponses enregistrées de cet entretien sont illisibles."),
            f"unreadable interview payload: {detail}",
        )
