"""The offer catalogue on the device and its search: French text, filters, distance."""

from __future__ import annotations

from datetime import date

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.offers import OfferQuery
from spie_desktop.services.offer_catalogue import load_catalogue
from spie_desktop.services.offer_search import (
    catalogue_communes,
    commune_position,
    search_offers,
)
from spie_desktop.storage.offer_index import SEARCH_INDEX
from spie_desktop.storage.session import Session

from .offer_records import CAYENNE, MANA, SAINT_LAURENT, service, structure


def _names(session: Session, query: OfferQuery) -> list[str]:
    return [r.name for r in search_offers(session, query)]


@pytest.fixture
def catalogue(session: Session) -> Session:
    load_catalogue(
        session,
        [
            structure(1, "Mission locale de l'Ouest guyanais", SAINT_LAURENT),
            structure(2, "Association Mobilité Caraïbes", CAYENNE),
            structure(3, "Lycée professionnel de Mana", MANA),
        ],
        [
            service(1, "Auto-école sociale", SAINT_LAURENT, description="Permis B solidaire"),
            service(2, "Atelier Mobilité", CAYENNE, structure_number=2),
            service(
                3,
                "Formation aux métiers du bois",
                MANA,
                structure_number=3,
                thematiques=("se-former--trouver-sa-formation",),
                type_="formation",
                frais="payant",
                publics=("demandeurs-emploi",),
            ),
            service(
                4,
                "Conseil mobilité à distance",
                SAINT_LAURENT,
                modes_accueil=("a-distance",),
                offset=-0.01,
            ),
        ],
    )
    return session


def test_accents_and_case_do_not_matter(catalogue: Session) -> None:
    assert _names(catalogue, OfferQuery(text="mobilite")) == [
        "Atelier Mobilité",
        "Conseil mobilité à distance",
    ]
    assert _names(catalogue, OfferQuery(text="MOBILITÉ")) == _names(
        catalogue, OfferQuery(text="mobilite")
    )


def test_plurals_do_not_matter(catalogue: Session) -> None:
    assert _names(catalogue, OfferQuery(text="formations")) == ["Formation aux métiers du bois"]
    assert _names(catalogue, OfferQuery(text="métier")) == ["Formation aux métiers du bois"]


def test_the_structure_name_is_searched(catalogue: Session) -> None:
    assert _names(catalogue, OfferQuery(text="guyanais")) == [
        "Auto-école sociale",
        "Conseil mobilité à distance",
    ]


def test_filters_by_thematique_sub_thematique_type_public_frais_and_mode(
    catalogue: Session,
) -> None:
    assert _names(catalogue, OfferQuery(thematiques=("se-former",))) == [
        "Formation aux métiers du bois"
    ]
    assert len(_names(catalogue, OfferQuery(thematiques=("mobilite--preparer-un-permis",)))) == 3
    assert _names(catalogue, OfferQuery(types=("formation",))) == ["Formation aux métiers du bois"]
    assert _names(catalogue, OfferQuery(publics=("demandeurs-emploi",))) == [
        "Formation aux métiers du bois"
    ]
    assert _names(catalogue, OfferQuery(frais=("payant",))) == ["Formation aux métiers du bois"]
    assert _names(catalogue, OfferQuery(modes_accueil=("a-distance",))) == [
        "Conseil mobilité à distance"
    ]


def test_nearest_first_from_a_commune_whose_position_comes_from_the_catalogue(
    catalogue: Session,
) -> None:
    origin = commune_position(catalogue, code_insee="97306")  # Mana
    assert origin is not None
    results = search_offers(catalogue, OfferQuery(thematiques=("mobilite",), origin=origin))
    assert [r.name for r in results] == [
        "Auto-école sociale",
        "Conseil mobilité à distance",
        "Atelier Mobilité",
    ]
    distances = [r.distance_km for r in results]
    assert distances == sorted(d for d in distances if d is not None)
    assert 30 < (distances[0] or 0) < 40  # Mana to Saint-Laurent: about 35 km
    (nearest,) = search_offers(
        catalogue, OfferQuery(thematiques=("mobilite",), origin=origin, limit=1)
    )
    assert nearest.name == "Auto-école sociale"  # not the first by name
    near = search_offers(
        catalogue, OfferQuery(thematiques=("mobilite",), origin=origin, within_km=50)
    )
    assert [r.name for r in near] == ["Auto-école sociale", "Conseil mobilité à distance"]


def test_a_result_says_how_to_get_in_and_when_the_source_updated_it(catalogue: Session) -> None:
    (result,) = search_offers(catalogue, OfferQuery(text="auto ecole"))
    assert result.structure == "Mission locale de l'Ouest guyanais"
    assert result.modes_mobilisation == ("telephoner", "se-presenter")
    assert result.phone == "0594 34 00 00"
    assert result.updated_on == date(2026, 9, 15)


def test_reloading_updates_renames_and_deletes(catalogue: Session) -> None:
    load_catalogue(
        catalogue,
        [structure(1, "Maison France services de l'Ouest", SAINT_LAURENT)],
        [
            service(1, "Auto-école solidaire", SAINT_LAURENT),
            {"source": "dora", "id": "dora--2", "deleted": True},
        ],
    )
    assert _names(catalogue, OfferQuery(text="sociale")) == []
    assert _names(catalogue, OfferQuery(text="solidaire")) == ["Auto-école solidaire"]
    # The structure's new name is indexed on its services; the old one is gone.
    assert len(_names(catalogue, OfferQuery(text="france services"))) == 2
    assert _names(catalogue, OfferQuery(text="guyanais")) == []
    assert _names(catalogue, OfferQuery(text="atelier")) == []
    with catalogue.uow(read_only=True) as uow:
        assert uow.offer_catalogue.count() == 3
        entries = uow.session.connection().exec_driver_sql(f"SELECT count(*) FROM {SEARCH_INDEX}")
        assert entries.scalar_one() == 3


def test_the_catalogue_is_never_put_in_the_outbox(session: Session) -> None:
    with session.uow(read_only=True) as uow:
        before = uow.outbox.count_pending()
    load_catalogue(session, [structure(1, "CCAS", MANA)], [service(1, "Aide", MANA)])
    with session.uow(read_only=True) as uow:
        assert uow.outbox.count_pending() == before


def test_a_record_without_its_id_is_refused_in_french(session: Session) -> None:
    with pytest.raises(ValidationError) as refused:
        load_catalogue(session, [{"source": "dora", "nom": "Sans id"}], [])
    assert refused.value.message_fr == (
        "Catalogue : il manque id à l'enregistrement 1 (structure)."
    )


def test_an_unknown_commune_has_no_position(catalogue: Session) -> None:
    assert commune_position(catalogue, code_insee="75056") is None
    assert commune_position(catalogue, commune="saint laurent du maroni") is not None


def test_the_communes_to_measure_from_are_those_of_geocoded_services(catalogue: Session) -> None:
    assert catalogue_communes(catalogue) == [
        ("97302", "Cayenne"),
        ("97306", "Mana"),
        ("97311", "Saint-Laurent-du-Maroni"),
    ]
