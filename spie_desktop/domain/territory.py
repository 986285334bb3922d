"""French territories (départements and collectivités) by INSEE code, with their time zone.

``spie_2021`` flags the 31 territories selected by the first call for expressions of interest
(AMI of 16 December 2020, results April 2021); ``spie_pilot`` flags the 14 pilot territories
of March 2020. Source: Ministère du Travail, "Les territoires qui mettent en place le SPIE".
"""

from __future__ import annotations

from dataclasses import dataclass

from spie_desktop.domain.interface_sentence import say

from .errors import NotFound

PARIS = "Europe/Paris"


@dataclass(frozen=True, slots=True)
class Territory:
    code: str
    name: str
    timezone: str = PARIS
    spie_2021: bool = False
    spie_pilot: bool = False

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})"


_METROPOLE = """01 Ain|02 Aisne|03 Allier|04 Alpes-de-Haute-Provence|05 Hautes-Alpes|06 Alpes-Maritimes|
07 Ardèche|08 Ardennes|09 Ariège|10 Aube|11 Aude|12 Aveyron|13 Bouches-du-Rhône|14 Calvados|15 Cantal|
16 Charente|17 Charente-Maritime|18 Cher|19 Corrèze|2A Corse-du-Sud|2B Haute-Corse|21 Côte-d'Or|
22 Côtes-d'Armor|23 Creuse|24 Dordogne|25 Doubs|26 Drôme|27 Eure|28 Eure-et-Loir|29 Finistère|30 Gard|
31 Haute-Garonne|32 Gers|33 Gironde|34 Hérault|35 Ille-et-Vilaine|36 Indre|37 Indre-et-Loire|38 Isère|
39 Jura|40 Landes|41 Loir-et-Cher|42 Loire|43 Haute-Loire|44 Loire-Atlantique|45 Loiret|46 Lot|
47 Lot-et-Garonne|48 Lozère|49 Maine-et-Loire|50 Manche|51 Marne|52 Haute-Marne|53 Mayenne|
54 Meurthe-et-Moselle|55 Meuse|56 Morbihan|57 Moselle|58 Nièvre|59 Nord|60 Oise|61 Orne|
62 Pas-de-Calais|63 Puy-de-Dôme|64 Pyrénées-Atlantiques|65 Hautes-Pyrénées|66 Pyrénées-Orientales|
67 Bas-Rhin|68 Haut-Rhin|69 Rhône|70 Haute-Saône|71 Saône-et-Loire|72 Sarthe|73 Savoie|74 Haute-Savoie|
75 Paris|76 Seine-Maritime|77 Seine-et-Marne|78 Yvelines|79 Deux-Sèvres|80 Somme|81 Tarn|
82 Tarn-et-Garonne|83 Var|84 Vaucluse|85 Vendée|86 Vienne|87 Haute-Vienne|88 Vosges|89 Yonne|
90 Territoire de Belfort|91 Essonne|92 Hauts-de-Seine|93 Seine-Saint-Denis|94 Val-de-Marne|95 Val-d'Oise|
6AE Collectivité européenne d'Alsace"""

_OUTRE_MER = {
    "971": ("Guadeloupe", "America/Guadeloupe"),
    "972": ("Martinique", "America/Martinique"),
    "973": ("Guyane", "America/Cayenne"),
    "974": ("La Réunion", "Indian/Reunion"),
    "975": ("Saint-Pierre-et-Miquelon", "America/Miquelon"),
    "976": ("Mayotte", "Indian/Mayotte"),
    "977": ("Saint-Barthélemy", "America/St_Barthelemy"),
    "978": ("Saint-Martin", "America/Marigot"),
    "986": ("Wallis-et-Futuna", "Pacific/Wallis"),
    "987": ("Polynésie française", "Pacific/Tahiti"),
    "988": ("Nouvelle-Calédonie", "Pacific/Noumea"),
}

SPIE_2021 = frozenset(
    [
        "03",
        "04",
        "06",
        "08",
        "11",
        "12",
        "13",
        "14",
        "16",
        "17",
        "21",
        "25",
        "26",
        "27",
        "40",
        "41",
        "45",
        "51",
        "53",
        "60",
        "61",
        "62",
        "63",
        "70",
        "72",
        "78",
        "81",
        "91",
        "95",
        "973",
        "6AE",
    ]
)
SPIE_PILOTS_2020 = frozenset(
    [
        "44",
        "54",
        "59",
        "67",
        "74",
        "76",
        "80",
        "89",
        "93",
        "94",
        "972",
        "974",
        "35",
        "56",
        "29",
        "22",
        "69",
    ]
)


def _build() -> dict[str, Territory]:
    table: dict[str, Territory] = {}
    entries = [e.strip() for e in _METROPOLE.replace("\n", "").split("|")]
    for entry in entries:
        code, name = entry.split(" ", 1)
        table[code] = Territory(code, name, PARIS, code in SPIE_2021, code in SPIE_PILOTS_2020)
    for code, (name, tz) in _OUTRE_MER.items():
        table[code] = Territory(code, name, tz, code in SPIE_2021, code in SPIE_PILOTS_2020)
    return table


TERRITORIES: dict[str, Territory] = _build()


def territory_by_code(code: str) -> Territory:
    """Return the territory with this INSEE code (``"12"``, ``"973"``, ``"2A"``)."""
    normalised = code.strip().upper()
    if normalised.isdigit() and len(normalised) == 1:
        normalised = "0" + normalised
    try:
        return TERRITORIES[normalised]
    except KeyError:
        raise NotFound(
            say(
                "Territoire inconnu : « {code} ». Indiquez un code INSEE de département (ex. 12, "
                "973).",
                code=code,
            ),
            f"unknown territory code: {code!r}",
        ) from None


def sorted_territories() -> list[Territory]:
    """Territories in the order people expect: by name, French collation approximated."""
    return sorted(TERRITORIES.values(), key=lambda t: _fold(t.name))


def _fold(text: str) -> str:
    import unicodedata

    return "".join(
        c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c)
    )
