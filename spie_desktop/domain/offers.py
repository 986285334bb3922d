"""The local offer: what a search asks, what it finds, and an offer linked to a plan action.

The catalogue itself is kept in the national data·inclusion format (records as dicts); these
are the plain shapes the search and the plan work with.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: Modes d'accueil of data·inclusion.
IN_PERSON = "en-presentiel"
REMOTE = "a-distance"
_EARTH_RADIUS_KM = 6371.0088
#: Kilometres in one degree of latitude.
KM_PER_DEGREE = math.pi * _EARTH_RADIUS_KM / 180


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class Position:
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class OfferQuery:
    """A search: free text and filters (data·inclusion values); empty means any."""

    text: str = ""
    thematiques: tuple[str, ...] = ()  # a thématique ("mobilite") or a sub-thématique
    types: tuple[str, ...] = ()
    publics: tuple[str, ...] = ()
    frais: tuple[str, ...] = ()
    modes_accueil: tuple[str, ...] = ()
    origin: Position | None = None
    within_km: float | None = None
    limit: int = 50


@dataclass(frozen=True, slots=True)
class LinkedOffer:
    """An offer as it stood when linked to an action: what the plan and its PDF show."""

    source: str
    id: str
    name: str
    structure: str
    address: str = ""
    phone: str = ""
    email: str = ""
    contact_name: str = ""
    link: str = ""
    updated_on: str = ""

    def contact_line(self) -> str:
        """The contact details in one line, French labels."""
        parts = [
            self.contact_name,
            f"tél. {self.phone}" if self.phone else "",
            self.email,
            self.link if not (self.phone or self.email) else "",
        ]
        return " · ".join(p for p in parts if p)

    def sentence(self) -> str:
        """The offer with where and whom to contact, as the plan and its PDF print it."""
        parts = [f"{self.name} ({self.structure})" if self.structure else self.name]
        parts += [p for p in (self.address, self.contact_line()) if p]
        return "Offre liée : " + " — ".join(parts)

    def as_json(self) -> dict[str, str]:
        return {
            "source": self.source,
            "id": self.id,
            "name": self.name,
            "structure": self.structure,
            "address": self.address,
            "phone": self.phone,
            "email": self.email,
            "contact_name": self.contact_name,
            "link": self.link,
            "updated_on": self.updated_on,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinkedOffer:
        return cls(**{k: str(data.get(k) or "") for k in cls.__slots__})  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class OfferResult:
    """One service found: enough to choose it and to get in touch."""

    source: str
    id: str
    name: str
    structure: str
    description: str
    thematiques: tuple[str, ...]
    type: str
    modes_accueil: tuple[str, ...]
    modes_mobilisation: tuple[str, ...]
    mobilisation_details: str
    address: str
    commune: str
    phone: str
    email: str
    contact_name: str
    link: str
    updated_on: date | None
    distance_km: float | None = None
    publics: tuple[str, ...] = field(default=())
    frais: str = ""

    def snapshot(self) -> LinkedOffer:
        """The offer as it stands now, to keep on a plan action."""
        place = ", ".join(p for p in (self.address, self.commune) if p)
        return LinkedOffer(
            source=self.source,
            id=self.id,
            name=self.name,
            structure=self.structure,
            address=place,
            phone=self.phone,
            email=self.email,
            contact_name=self.contact_name,
            link=self.link,
            updated_on=self.updated_on.isoformat() if self.updated_on else "",
        )
