"""Invented host companies for the demo's immersions and returns to work.

Names are made up; their SIRET numbers are valid (each SIREN, then each SIRET, carries its
Luhn key, computed here) but were drawn by hand, not looked up: they may belong to no one.
The commune is given at build time, among the territory's communes.
"""

from __future__ import annotations

from dataclasses import dataclass

from spie_desktop.domain.immersion_siret import luhn_ok


def luhn_completed(digits: str) -> str:
    """``digits`` followed by the one key digit that makes the whole pass the Luhn check."""
    return next(digits + key for key in "0123456789" if luhn_ok(digits + key))


def demo_siret(siren_body: str, establishment: str) -> str:
    """A valid SIRET: 8 digits + SIREN key, 4 digits of establishment + SIRET key."""
    return luhn_completed(luhn_completed(siren_body) + establishment)


@dataclass(frozen=True)
class DemoCompany:
    name: str
    siret: str
    sector: str  # NAF code and label
    trade_code: str  # ROME
    trade_label: str
    tutor: str
    tutor_function: str
    address: str


COMPANIES: tuple[DemoCompany, ...] = (
    DemoCompany(
        "Boulangerie du Foirail",
        demo_siret("81234567", "0001"),
        "10.71C Boulangerie",
        "D1102",
        "Boulanger / Boulangère",
        "Gérard Vialette",
        "Artisan boulanger",
        "4 place du Foirail",
    ),
    DemoCompany(
        "Supermarché des Causses",
        demo_siret("42871539", "0024"),
        "47.11D Supermarchés",
        "D1507",
        "Mise en rayon libre-service",
        "Sandrine Bessière",
        "Responsable de rayon",
        "Zone d'activités des Causses",
    ),
    DemoCompany(
        "EHPAD Les Tilleuls",
        demo_siret("26120458", "0017"),
        "87.10A Hébergement médicalisé pour personnes âgées",
        "J1501",
        "Aide-soignant / Aide-soignante",
        "Martine Costes",
        "Infirmière coordinatrice",
        "12 avenue des Tilleuls",
    ),
    DemoCompany(
        "Garage Rouergue Auto",
        demo_siret("53318742", "0010"),
        "45.20A Entretien et réparation de véhicules automobiles légers",
        "I1604",
        "Mécanicien / Mécanicienne automobile",
        "Julien Cabrolier",
        "Chef d'atelier",
        "Route d'Espalion",
    ),
    DemoCompany(
        "Transports Vergnes",
        demo_siret("39405126", "0038"),
        "49.41A Transports routiers de fret interurbains",
        "N4105",
        "Conducteur / Conductrice poids lourd",
        "Patrick Vergnes",
        "Gérant",
        "ZA de Bel Air",
    ),
    DemoCompany(
        "Menuiserie Alric et Fils",
        demo_siret("48876213", "0015"),
        "16.23Z Fabrication de charpentes et d'autres menuiseries",
        "H2206",
        "Menuisier / Menuisière d'atelier",
        "Bernard Alric",
        "Artisan menuisier",
        "Chemin du Moulin",
    ),
    DemoCompany(
        "Hôtel-Restaurant Le Vieux Pont",
        demo_siret("51249870", "0012"),
        "55.10Z Hôtels et hébergement similaire",
        "G1602",
        "Commis de cuisine",
        "Claire Fabre",
        "Cheffe de cuisine",
        "2 quai du Vieux Pont",
    ),
    DemoCompany(
        "Jardins et Paysages du Lévézou",
        demo_siret("79902341", "0019"),
        "81.30Z Services d'aménagement paysager",
        "A1203",
        "Jardinier / Jardinière paysagiste",
        "Thierry Mouly",
        "Chef d'équipe",
        "Lieu-dit La Borie",
    ),
    DemoCompany(
        "Aveyron Propreté Services",
        demo_siret("44012789", "0031"),
        "81.21Z Nettoyage courant des bâtiments",
        "K2204",
        "Agent / Agente de propreté",
        "Nathalie Carrière",
        "Responsable d'exploitation",
        "15 rue de l'Industrie",
    ),
    DemoCompany(
        "Fromagerie des Monts",
        demo_siret("38160524", "0027"),
        "10.51C Fabrication de fromage",
        "H2102",
        "Conducteur / Conductrice de ligne de production",
        "Alain Bastide",
        "Responsable de production",
        "Route de Laguiole",
    ),
    DemoCompany(
        "Logistique Sud-Ouest Entrepôts",
        demo_siret("83017456", "0013"),
        "52.10B Entreposage et stockage non frigorifique",
        "N1103",
        "Préparateur / Préparatrice de commandes",
        "Karim Benali",
        "Chef d'équipe logistique",
        "Parc d'activités de Cantaranne",
    ),
    DemoCompany(
        "Aide à Domicile Rouergate",
        demo_siret("49330812", "0046"),
        "88.10A Aide à domicile",
        "K1302",
        "Assistant / Assistante de vie aux familles",
        "Sophie Lacombe",
        "Responsable de secteur",
        "6 boulevard Gally",
    ),
)
