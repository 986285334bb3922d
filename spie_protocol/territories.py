"""The territories a SPIE installation can serve, read from ``data/territories.toml``.

One list for the desktop (set-up, settings, time zone of a store) and the server (``spie-server
territory add``, a territory's time zone): both read it from here, so they cannot disagree.
A territory is a collectivity holding the départements' insertion powers (Métropole de Lyon,
Collectivité de Corse, Collectivité territoriale de Guyane…) or a smaller SPIE territory inside
one. The file's header says where each fact comes from.

Codes used by earlier versions (``973`` before ``CTG``, ``2A`` before ``20R``…) are aliases:
:func:`resolve` maps them to their collectivity, so an installation set up with one keeps
working without rewriting its files.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DATA_FILE = "data/territories.toml"


class TerritoryKind(StrEnum):
    """What kind of collectivity (or part of one) a territory is; the values are the file's."""

    DEPARTEMENT = "departement"
    METROPOLE = "metropole"
    STATUT_PARTICULIER = "statut_particulier"
    COLLECTIVITE_EUROPEENNE = "collectivite_europeenne"
    COLLECTIVITE_UNIQUE = "collectivite_unique"
    COLLECTIVITE_OUTRE_MER = "collectivite_outre_mer"
    SUI_GENERIS = "sui_generis"
    INFRA_DEPARTEMENTAL = "infra_departemental"

    @property
    def label_fr(self) -> str:
        return KIND_LABELS[self]


#: Kinds in the order a list shows them, with their French names.
KIND_LABELS: dict[TerritoryKind, str] = {
    TerritoryKind.DEPARTEMENT: "Départements",
    TerritoryKind.METROPOLE: "Métropole à statut particulier",
    TerritoryKind.STATUT_PARTICULIER: "Collectivités à statut particulier",
    TerritoryKind.COLLECTIVITE_EUROPEENNE: "Collectivité européenne",
    TerritoryKind.COLLECTIVITE_UNIQUE: "Collectivités territoriales uniques",
    TerritoryKind.INFRA_DEPARTEMENTAL: "Territoires infra-départementaux",
    TerritoryKind.COLLECTIVITE_OUTRE_MER: "Collectivités d'outre-mer",
    TerritoryKind.SUI_GENERIS: "Collectivité sui generis",
}


class SpieWave(StrEnum):
    """The SPIE waves a territory joined (see the data file's provenance)."""

    PILOT_2020 = "pilote-2020"
    AMI_2021_FIRST = "ami-2021-1"
    AMI_2021_SECOND = "ami-2021-2"


class TerritoryDataError(ValueError):
    """The territory file breaks a rule (duplicate code, unknown kind, bad time zone…)."""


class UnknownTerritory(LookupError):
    """No territory has this code (nor has had it)."""

    def __init__(self, code: str) -> None:
        super().__init__(f"unknown territory code: {code!r}")
        self.code = code


@dataclass(frozen=True, slots=True)
class Territory:
    code: str
    name: str
    kind: TerritoryKind
    timezone: str
    departements: tuple[str, ...]
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    waves: frozenset[SpieWave] = frozenset()

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def overseas(self) -> bool:
        """Whether it lies overseas (its INSEE départements are 97x or 98x)."""
        return any(len(d) == 3 for d in self.departements)

    @property
    def spie(self) -> bool:
        """Whether the territory joined the SPIE in any wave the sources name."""
        return bool(self.waves)

    @property
    def spie_pilot(self) -> bool:
        return SpieWave.PILOT_2020 in self.waves

    @property
    def spie_2021(self) -> bool:
        """Selected by the first call for expressions of interest (31 territories, 2021)."""
        return SpieWave.AMI_2021_FIRST in self.waves


@dataclass(frozen=True, slots=True)
class Pilot:
    """One of the 14 pilot territories of March 2020, as the ministry names it."""

    name: str
    territories: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TerritoryList:
    territories: Mapping[str, Territory]
    aliases: Mapping[str, str]
    pilots: tuple[Pilot, ...]
    #: Every INSEE département code some territory covers.
    covered: frozenset[str]

    def resolve(self, code: str) -> Territory:
        """The territory with this code or former code (``" ctg"``, ``"973"``, ``"3"``)."""
        normal = normalise_code(code)
        canonical = self.aliases.get(normal, normal)
        try:
            return self.territories[canonical]
        except KeyError:
            raise UnknownTerritory(code) from None

    def same_territory_codes(self, code: str) -> tuple[str, ...]:
        """Every code that names this territory: its own first, then its aliases."""
        territory = self.resolve(code)
        return (territory.code, *territory.aliases)

    def departement_codes(self) -> frozenset[str]:
        """Every INSEE département code a territory covers (``01``…``95``, ``2A``, ``973``…)."""
        return self.covered

    def spie_territories(self) -> list[Territory]:
        return [t for t in self.territories.values() if t.spie]


def normalise_code(code: str) -> str:
    """Upper case, no spaces, a one-digit département completed (``"3"`` -> ``"03"``)."""
    normal = code.strip().upper()
    if len(normal) == 1 and normal.isdigit():
        normal = "0" + normal
    return normal


def fold(text: str) -> str:
    """Lower case without accents: what a French search compares."""
    return "".join(
        c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c)
    )


@cache
def territory_list() -> TerritoryList:
    """The territories of the file shipped with the package (read once)."""
    text = resources.files("spie_protocol").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return parse_territories(text)


def resolve(code: str) -> Territory:
    return territory_list().resolve(code)


def parse_territories(text: str) -> TerritoryList:
    """Read and check a territory file; :class:`TerritoryDataError` names what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TerritoryDataError(f"territory file is not TOML: {exc}") from None
    pilots = tuple(_pilot(entry) for entry in data.get("pilot", []))
    piloted = {code for pilot in pilots for code in pilot.territories}
    territories: dict[str, Territory] = {}
    for entry in data.get("territory", []):
        territory = _territory(entry, piloted)
        if territory.code in territories:
            raise TerritoryDataError(f"territory code {territory.code} appears twice")
        territories[territory.code] = territory
    aliases = _aliases(territories.values())
    _check_references(territories, piloted)
    covered = frozenset(d for t in territories.values() for d in t.departements)
    return TerritoryList(territories, aliases, pilots, covered)


def _territory(entry: dict[str, Any], piloted: set[str]) -> Territory:
    code = str(entry.get("code", ""))
    if not code or normalise_code(code) != code:
        raise TerritoryDataError(f"territory code {code!r} is empty or not normalised")
    try:
        kind = TerritoryKind(entry["kind"])
        waves = {SpieWave(w) for w in entry.get("spie", [])}
    except (KeyError, ValueError) as exc:
        raise TerritoryDataError(f"territory {code}: unknown kind or wave ({exc})") from None
    if SpieWave.PILOT_2020 in waves:
        raise TerritoryDataError(f"territory {code}: pilots are listed in [[pilot]] only")
    if code in piloted:
        waves.add(SpieWave.PILOT_2020)
    timezone = str(entry.get("timezone", ""))
    _check_zone(code, timezone)
    departements = tuple(str(d) for d in entry.get("departements", []))
    if not departements or not str(entry.get("name", "")).strip():
        raise TerritoryDataError(f"territory {code}: a name and its départements are required")
    parent = entry.get("parent")
    if (kind is TerritoryKind.INFRA_DEPARTEMENTAL) != (parent is not None):
        raise TerritoryDataError(f"territory {code}: a parent goes with infra_departemental only")
    return Territory(
        code=code,
        name=str(entry["name"]),
        kind=kind,
        timezone=timezone,
        departements=departements,
        parent=str(parent) if parent is not None else None,
        aliases=tuple(str(a) for a in entry.get("aliases", [])),
        waves=frozenset(waves),
    )


def _check_zone(code: str, timezone: str) -> None:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise TerritoryDataError(f"territory {code}: unknown time zone {timezone!r}") from None


def _pilot(entry: dict[str, Any]) -> Pilot:
    members = tuple(str(code) for code in entry.get("territories", []))
    if not members or not str(entry.get("name", "")).strip():
        raise TerritoryDataError("a [[pilot]] needs a name and its territories")
    return Pilot(str(entry["name"]), members)


def _aliases(territories: Iterable[Territory]) -> dict[str, str]:
    codes = {t.code for t in territories}
    aliases: dict[str, str] = {}
    for territory in territories:
        for alias in territory.aliases:
            if alias in codes or alias in aliases or normalise_code(alias) != alias:
                raise TerritoryDataError(f"alias {alias!r} is a code, used twice or not normal")
            aliases[alias] = territory.code
    return aliases


def _check_references(territories: Mapping[str, Territory], piloted: set[str]) -> None:
    for territory in territories.values():
        if territory.parent is not None and territory.parent not in territories:
            raise TerritoryDataError(f"territory {territory.code}: unknown parent")
    unknown = piloted - territories.keys()
    if unknown:
        raise TerritoryDataError(f"pilot territories not in the list: {sorted(unknown)}")
