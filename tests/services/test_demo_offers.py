"""The demo's offer catalogue: loaded with the demo, national values, the Guyane case."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from spie_desktop.domain.offers import OfferQuery
from spie_desktop.services import device
from spie_desktop.services.demo import fill_demo_store
from spie_desktop.services.demo_offers import demo_catalogue, populate_demo_offers
from spie_desktop.services.offer_search import commune_position, search_offers
from spie_desktop.storage.session import Session

from .conftest import NADIA_PASSPHRASE, initialise


def _values(name: str) -> set[str]:
    text = resources.files("spie_protocol").joinpath("data_inclusion", f"{name}.json")
    return {item["value"] for item in json.loads(text.read_text("utf-8"))}


def test_the_demo_catalogue_uses_only_national_values() -> None:
    _structures, services = demo_catalogue("973", 3, services=200)
    for record in services:
        assert set(record["thematiques"]) <= _values("thematiques")
        assert record["type"] in _values("types-de-services")
        assert set(record["publics"]) <= _values("publics")
        assert record["frais"] in _values("frais")
        assert set(record["modes_accueil"]) <= _values("modes-accueil")
        assert set(record["modes_mobilisation"]) <= _values("modes-mobilisation")


def test_the_demo_store_has_an_offer_to_search(session: Session) -> None:
    fill_demo_store(session, people=2, seed=5, signed_plans=0)
    assert search_offers(session, OfferQuery(text="mobilite"))


def test_in_guyane_the_nearest_mobility_offers_of_saint_laurent(data_dir: Path) -> None:
    setup = initialise(data_dir, territory="973")
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        populate_demo_offers(session, 7)
        origin = commune_position(session, commune="Saint-Laurent-du-Maroni")
        assert origin is not None
        found = search_offers(
            session, OfferQuery(thematiques=("mobilite",), origin=origin, limit=3)
        )
    assert len(found) == 3
    assert all(r.distance_km is not None and r.distance_km < 10 for r in found)
    assert [r.distance_km for r in found] == sorted(r.distance_km or 0 for r in found)
