"""``offers load`` (fill the local catalogue from national export files) and ``offers
search`` (the local offer, headless: one line per service with its distance)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.offers import OfferQuery, OfferResult
from spie_desktop.services import offer_vocabulary as vocabulary
from spie_desktop.services.offer_catalogue import load_catalogue_files
from spie_desktop.services.offer_search import commune_position, search_offers

from .device_cmd import open_session


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    offers = subparsers.add_parser("offers", help="l'offre locale (catalogue data·inclusion)")
    actions = offers.add_subparsers(dest="subcommand", metavar="ACTION", required=True)
    load = actions.add_parser(
        "load", parents=[common], help="charger les fichiers d'export data·inclusion"
    )
    load.add_argument("structures_file", type=Path, metavar="STRUCTURES.json")
    load.add_argument("services_file", type=Path, metavar="SERVICES.json")
    load.set_defaults(func=run_load)

    search = actions.add_parser("search", parents=[common], help="chercher dans l'offre locale")
    search.add_argument("text", metavar="TEXTE", nargs="?", default="", help="mots cherchés")
    search.add_argument(
        "--thematique",
        action="append",
        default=[],
        metavar="THÉMATIQUE",
        help="thématique ou sous-thématique data·inclusion (répétable)",
    )
    search.add_argument("--type", action="append", default=[], choices=sorted(vocabulary.types()))
    search.add_argument(
        "--public", action="append", default=[], choices=sorted(vocabulary.publics())
    )
    search.add_argument("--frais", action="append", default=[], choices=sorted(vocabulary.frais()))
    search.add_argument(
        "--accueil", action="append", default=[], choices=sorted(vocabulary.modes_accueil())
    )
    search.add_argument("--near", metavar="CODE_INSEE", help="distance depuis cette commune")
    search.add_argument("--km", type=float, metavar="N", help="à N km au plus (avec --near)")
    search.add_argument("--limit", type=_positive, default=20, metavar="N")
    search.set_defaults(func=run_search)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"nombre entier positif attendu : {text!r}")
    return value


def run_load(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        counts = load_catalogue_files(session, args.structures_file, args.services_file)
    print(
        f"Catalogue chargé : {counts.structures} structures, {counts.services} services, "
        f"{counts.deleted} supprimés."
    )
    return 0


def run_search(args: argparse.Namespace) -> int:
    unknown = [t for t in args.thematique if not vocabulary.known_thematique(t)]
    if unknown:
        raise ValidationError(
            f"Thématique inconnue de data·inclusion : {unknown[0]}.", "unknown thematique"
        )
    with open_session(args) as session:
        origin = None
        if args.near:
            origin = commune_position(session, code_insee=args.near)
            if origin is None:
                raise ValidationError(
                    f"Commune {args.near} : aucune offre géolocalisée du catalogue n'y est "
                    "située, la distance ne peut pas être calculée.",
                    "commune has no geocoded offer",
                )
        query = OfferQuery(
            text=args.text,
            thematiques=tuple(args.thematique),
            types=tuple(args.type),
            publics=tuple(args.public),
            frais=tuple(args.frais),
            modes_accueil=tuple(args.accueil),
            origin=origin,
            within_km=args.km if origin is not None else None,
            limit=args.limit,
        )
        results = search_offers(session, query)
    for result in results:
        print(result_line(result))
    return 0


def result_line(result: OfferResult) -> str:
    """Distance, name, structure, commune, contact: tab-separated."""
    distance = "-" if result.distance_km is None else f"{result.distance_km:.1f} km"
    contact = result.snapshot().contact_line()
    return "\t".join(
        (distance.replace(".", ","), result.name, result.structure, result.commune, contact)
    )
