"""Structures that receive people, and the counsellors who work in them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .records import Record


class StructureKind(StrEnum):
    CONSEIL_DEPARTEMENTAL = "conseil_departemental"
    FRANCE_TRAVAIL = "france_travail"
    MISSION_LOCALE = "mission_locale"
    CAP_EMPLOI = "cap_emploi"
    PLIE = "plie"
    CCAS = "ccas"
    SIAE = "siae"
    ASSOCIATION = "association"
    OTHER = "other"

    @property
    def label(self) -> str:
        return STRUCTURE_LABELS[self]


STRUCTURE_LABELS: dict[StructureKind, str] = {
    StructureKind.CONSEIL_DEPARTEMENTAL: "Conseil départemental",
    StructureKind.FRANCE_TRAVAIL: "France Travail",
    StructureKind.MISSION_LOCALE: "Mission locale",
    StructureKind.CAP_EMPLOI: "Cap emploi",
    StructureKind.PLIE: "PLIE",
    StructureKind.CCAS: "CCAS",
    StructureKind.SIAE: "Structure d'insertion par l'activité économique (SIAE)",
    StructureKind.ASSOCIATION: "Association",
    StructureKind.OTHER: "Autre structure",
}


class Field(StrEnum):
    """The counsellor's field: the two halves of the shared diagnostic."""

    SOCIAL = "social"
    EMPLOI = "emploi"

    @property
    def label(self) -> str:
        return "Volet social" if self is Field.SOCIAL else "Volet professionnel"


@dataclass(kw_only=True)
class Structure(Record):
    name: str
    kind: StructureKind
    territory_code: str


@dataclass(kw_only=True)
class Counsellor(Record):
    """A counsellor account on this device. Each account has its own key slot."""

    display_name: str
    field: Field
    structure_id: object | None = None  # uuid.UUID; kept loose to allow structures pulled later
    active: bool = True
