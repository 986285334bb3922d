"""Whether a record serves a territory, known by its départements: by the service's
``zone_eligibilite`` (a commune, a département, the whole country), else by where the service
or its structure is (code INSEE, else code postal). An EPCI code (9 digits) names no
département by itself: such a service is kept by its location."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

NATIONAL = frozenset({"france", "99100"})
_DEPARTEMENT = re.compile(r"^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$")


class DepartementError(ValueError):
    pass


def departements(codes: Iterable[str]) -> frozenset[str]:
    """The départements given by an administrator, checked (``973``, ``2A``, ``07``…)."""
    out = set()
    for code in codes:
        normal = code.strip().upper()
        if not _DEPARTEMENT.match(normal):
            raise DepartementError(f"not a département code: {code!r}")
        out.add(normal)
    return frozenset(out)


def is_departement(code: str) -> bool:
    return bool(_DEPARTEMENT.match(code.strip().upper()))


def departement_of_insee(code: str) -> str | None:
    """The département of a commune's INSEE code (``97311`` -> ``973``, ``2A004`` -> ``2A``)."""
    if len(code) != 5:
        return None
    prefix = code[:3] if code.startswith("97") else code[:2].upper()
    return prefix if _DEPARTEMENT.match(prefix) else None


def departement_of_postcode(code: str) -> str | None:
    """The département of a postcode; Corsica's 20xxx split by the usual ranges."""
    if len(code) != 5 or not code.isdigit():
        return None
    if code.startswith("97"):
        return code[:3] if _DEPARTEMENT.match(code[:3]) else None
    if code.startswith("20"):
        return "2A" if code < "20200" else "2B"
    return code[:2] if _DEPARTEMENT.match(code[:2]) else None


def located_in(record: dict[str, Any], wanted: frozenset[str]) -> bool | None:
    """Whether the record's own address lies in ``wanted`` (None: it gives no address)."""
    insee, postcode = record.get("code_insee"), record.get("code_postal")
    found = (departement_of_insee(insee) if isinstance(insee, str) else None) or (
        departement_of_postcode(postcode) if isinstance(postcode, str) else None
    )
    return None if found is None else found in wanted


def zone_serves(zone: object, wanted: frozenset[str]) -> bool | None:
    """Whether a ``zone_eligibilite`` includes ``wanted`` (None: no zone, or EPCI codes only)."""
    if not isinstance(zone, list) or not zone:
        return None
    decided = False
    for code in (c for c in zone if isinstance(c, str)):
        if code.lower() in NATIONAL:
            return True
        departement = code.upper() if is_departement(code) else departement_of_insee(code)
        if departement is not None:
            decided = True
            if departement in wanted:
                return True
    return False if decided else None


def serves(
    service: dict[str, Any], structure: dict[str, Any] | None, wanted: frozenset[str]
) -> bool:
    for verdict in (
        zone_serves(service.get("zone_eligibilite"), wanted),
        located_in(service, wanted),
        None if structure is None else located_in(structure, wanted),
    ):
        if verdict is not None:
            return verdict
    return False
