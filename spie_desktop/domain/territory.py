"""The territories a device can be set up for: the shared list of ``spie_protocol``, read here.

The list, its kinds, time zones, SPIE waves and their sources live in
``spie_protocol/data/territories.toml`` (the server reads the same file). This module adds
what the desktop needs on top: a French refusal for an unknown code, the order and groups the
set-up shows, and a search by name or code that ignores accents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spie_desktop.domain.interface_sentence import Sentence, say
from spie_protocol.territories import (
    KIND_LABELS,
    Territory,
    TerritoryKind,
    UnknownTerritory,
    fold,
    territory_list,
)

from .errors import NotFound

__all__ = [
    "TERRITORIES",
    "Territory",
    "TerritoryGroup",
    "TerritoryKind",
    "choice_groups",
    "search_territories",
    "sorted_territories",
    "territory_by_code",
]

#: Every territory by its code (former codes are not keys: :func:`territory_by_code` knows them).
TERRITORIES: Mapping[str, Territory] = territory_list().territories


def territory_by_code(code: str) -> Territory:
    """The territory with this code or a former one (``"12"``, ``"CTG"``, ``"973"``, ``"2a"``)."""
    try:
        return territory_list().resolve(code)
    except UnknownTerritory:
        raise NotFound(
            say(
                "Territoire inconnu : « {code} ». Indiquez le code d'un territoire de la liste "
                "(ex. 12, 69M, CTG).",
                code=code,
            ),
            f"unknown territory code: {code!r}",
        ) from None


def sorted_territories() -> list[Territory]:
    """Territories by name, accents ignored (Ardèche before Ardennes)."""
    return sorted(TERRITORIES.values(), key=_by_name)


@dataclass(frozen=True, slots=True)
class TerritoryGroup:
    """A heading of the set-up's list and the territories under it."""

    title: Sentence
    spie: bool
    territories: tuple[Territory, ...]


#: The headings of the set-up's list, through the interface's catalogue (the list file's
#: own French names are for the data: ``KIND_LABELS``).
_KIND_TITLES: dict[TerritoryKind, Sentence] = {
    TerritoryKind.DEPARTEMENT: say("Départements"),
    TerritoryKind.METROPOLE: say("Métropole à statut particulier"),
    TerritoryKind.STATUT_PARTICULIER: say("Collectivités à statut particulier"),
    TerritoryKind.COLLECTIVITE_EUROPEENNE: say("Collectivité européenne"),
    TerritoryKind.COLLECTIVITE_UNIQUE: say("Collectivités territoriales uniques"),
    TerritoryKind.INFRA_DEPARTEMENTAL: say("Territoires infra-départementaux"),
    TerritoryKind.COLLECTIVITE_OUTRE_MER: say("Collectivités d'outre-mer"),
    TerritoryKind.SUI_GENERIS: say("Collectivité sui generis"),
}


def choice_groups(territories: list[Territory] | None = None) -> list[TerritoryGroup]:
    """The territories grouped by kind, the SPIE ones first, each group by name."""
    chosen = sorted_territories() if territories is None else territories
    groups: list[TerritoryGroup] = []
    for spie in (True, False):
        for kind in KIND_LABELS:
            members = tuple(
                sorted((t for t in chosen if t.spie is spie and t.kind is kind), key=_by_name)
            )
            if members:
                heading = _KIND_TITLES[kind]
                title = say("SPIE — {kind}", kind=heading) if spie else heading
                groups.append(TerritoryGroup(title, spie, members))
    return groups


def search_territories(text: str) -> list[Territory]:
    """Territories whose name (or their parent's: "corse" finds the Corsican bassins) contains
    ``text``, accents and case ignored, or whose code or former code starts with it; the SPIE
    ones first, then by kind and name."""
    query = fold(text.strip())
    if not query:
        return [t for group in choice_groups() for t in group.territories]
    hits = [
        t
        for t in TERRITORIES.values()
        if query in fold(t.name)
        or (t.parent is not None and query in fold(TERRITORIES[t.parent].name))
        or any(c.lower().startswith(query) for c in (t.code, *t.aliases))
    ]
    return [t for group in choice_groups(hits) for t in group.territories]


def _by_name(territory: Territory) -> str:
    return fold(territory.name)
