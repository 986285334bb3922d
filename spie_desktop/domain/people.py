"""The person accompanied (identity kept minimal) and their consent records."""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from .errors import ValidationError
from .records import Record, utc_now


class PersonStatus(StrEnum):
    NEW = "new"  # file created, no diagnostic yet
    DIAGNOSTIC = "diagnostic"  # diagnostic in progress
    ACCOMPANIED = "accompanied"  # plan signed, path under way
    EMPLOYED = "employed"  # back to work, follow-up months
    CLOSED = "closed"  # support ended

    @property
    def label(self) -> str:
        return PERSON_STATUS_LABELS[self]


PERSON_STATUS_LABELS = {
    PersonStatus.NEW: "Nouvelle fiche",
    PersonStatus.DIAGNOSTIC: "Diagnostic en cours",
    PersonStatus.ACCOMPANIED: "Accompagnement",
    PersonStatus.EMPLOYED: "En emploi (suivi)",
    PersonStatus.CLOSED: "Sortie",
}


@dataclass(kw_only=True)
class Person(Record):
    """Identity is kept to what the counsellors need to find and contact the person."""

    first_name: str
    last_name: str
    birth_date: date | None = None
    commune: str = ""
    phone: str = ""
    email: str = ""
    status: PersonStatus = PersonStatus.NEW
    last_contact: date | None = None
    created_at: datetime = field(default_factory=utc_now)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name.upper()}".strip()

    def validate(self) -> None:
        if not self.first_name.strip() or not self.last_name.strip():
            raise ValidationError(
                "Le nom et le prénom sont obligatoires.",
                "first and last name are required",
                field="last_name" if not self.last_name.strip() else "first_name",
            )
        if self.birth_date is not None:
            today = date.today()
            if self.birth_date > today:
                raise ValidationError(
                    "La date de naissance est dans le futur.",
                    "birth date in the future",
                    "birth_date",
                )
            if self.birth_date.year < today.year - 120:
                raise ValidationError(
                    "La date de naissance semble erronée.", "birth date too old", "birth_date"
                )

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


class ConsentScope(StrEnum):
    """What the person agreed to. Recorded explicitly, one flag each."""

    RECORD = "record"  # keep their file in this tool (required before any interview data)
    SHARE_CONSORTIUM = "share_consortium"  # share the file with the SPIE consortium partners
    SENSITIVE_IN_PLAN = "sensitive_in_plan"  # show health/justice answers in the plan PDF
    EVALUATION = "evaluation"  # be asked afterwards how the support went


CONSENT_SCOPE_LABELS = {
    ConsentScope.RECORD: "Conserver mon dossier dans l'outil de la structure",
    ConsentScope.SHARE_CONSORTIUM: "Partager mon dossier avec les partenaires du service public de l'insertion et de l'emploi",
    ConsentScope.SENSITIVE_IN_PLAN: "Faire figurer les informations de santé ou de justice dans mon plan d'action",
    ConsentScope.EVALUATION: "Être sollicité(e) pour donner mon avis sur l'accompagnement",
}

CONSENT_WORDING_VERSION = "2026-01"

CONSENT_WORDING = (
    "Les informations que vous nous confiez servent à construire avec vous votre parcours "
    "vers l'emploi. Elles sont conservées de façon chiffrée et ne sont vues que par les "
    "professionnels qui vous accompagnent. Vous pouvez à tout moment demander à les consulter, "
    "à les corriger ou à retirer votre accord. Les informations sur votre santé ou sur la "
    "justice ne figurent dans votre plan que si vous le souhaitez."
)


@dataclass(kw_only=True)
class ConsentRecord(Record):
    """Append-only: a new decision is a new record; the latest one applies."""

    person_id: uuid.UUID
    given_at: datetime = field(default_factory=utc_now)
    scopes: frozenset[ConsentScope] = frozenset()
    wording_version: str = CONSENT_WORDING_VERSION
    recorded_by: uuid.UUID | None = None

    def allows(self, scope: ConsentScope) -> bool:
        return scope in self.scopes


def fold_name(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of a name, for search and duplicates."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("-", " ").replace("'", " ").replace("’", " ")
    return " ".join(plain.split())
