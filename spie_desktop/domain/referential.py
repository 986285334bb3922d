"""The carnet-de-bord referential: 16 themes, their situations, objectives and actions.

Loaded once from the CSV files shipped in ``domain/data`` (provenance in PROVENANCE.md).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .organisation import Field

#: Themes of the personal situation (volet social) and of the professional project (volet
#: professionnel). ``emploi`` and ``formation`` sit on both sides of the method.
SOCIAL_THEMES = (
    "logement",
    "mobilite",
    "sante",
    "contraintes_familiales",
    "difficulte_financiere",
    "difficulte_administrative",
    "maitrise_langue",
    "numerique",
)
EMPLOI_THEMES = (
    "emploi",
    "formation",
    "choisir_un_metier",
    "se_former",
    "preparer_sa_candidature",
    "trouver_un_emploi",
    "creer_une_entreprise",
    "s_ouvrir_a_l_international",
)
SHARED_THEMES = ("emploi", "formation")
#: The shared themes have no objectives of their own in the referential (carnet-de-bord files
#: them under its finer professional themes): they suggest those themes' objectives.
BORROWED_OBJECTIVES = {
    "emploi": ("trouver_un_emploi", "preparer_sa_candidature"),
    "formation": ("se_former",),
}
SENSITIVE_THEMES = ("sante",)


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    label: str
    situations: tuple[str, ...]
    objectives: tuple[str, ...]
    actions: tuple[str, ...]

    @property
    def field(self) -> Field:
        return Field.SOCIAL if self.name in SOCIAL_THEMES else Field.EMPLOI


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("spie_desktop.domain").joinpath("data", filename).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def themes() -> dict[str, Theme]:
    """Every theme of the referential, keyed by its name."""
    by_theme: dict[str, dict[str, list[str]]] = {}
    for kind, filename in (
        ("situations", "situation.csv"),
        ("objectives", "target.csv"),
        ("actions", "action.csv"),
    ):
        for row in _rows(filename):
            by_theme.setdefault(row["theme"], {}).setdefault(kind, []).append(row["description"])
    result: dict[str, Theme] = {}
    for row in _rows("theme.csv"):
        lists = by_theme.get(row["name"], {})
        result[row["name"]] = Theme(
            name=row["name"],
            label=row["label"],
            situations=tuple(lists.get("situations", [])),
            objectives=tuple(lists.get("objectives", [])),
            actions=tuple(lists.get("actions", [])),
        )
    return result
