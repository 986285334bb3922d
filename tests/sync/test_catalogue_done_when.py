"""Issue 16, "done when", end to end through a real server: the territory imports a Guyane
catalogue (département 973, with "mobilité" services in Saint-Laurent-du-Maroni, Mana,
Cayenne and one in Guadeloupe it does not serve); a counsellor's laptop syncs, then works
with the link down: the three nearest "mobilite" services from Saint-Laurent-du-Maroni come
in distance order, one is linked to a plan action, and the signed PDF prints its contact."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from spie_desktop.domain.offers import OfferQuery
from spie_desktop.services.offer_search import commune_position, search_offers
from tests.server.helpers import Admin, RunningServer
from tests.services.offer_records import CAYENNE, MANA, SAINT_LAURENT, service, structure
from tests.services.plan_fixtures import make_room, pad_signatures
from tests.services.test_plan_reading import pdf_text
from tests.sync.catalogue_fixtures import import_catalogue
from tests.sync.conftest import PASSPHRASE, Laptop
from tests.sync.fault_proxy import FaultProxy

POINTE_A_PITRE = ("97120", "Pointe-à-Pitre", 16.2411, -61.5331)
MOBILITE = "Aide à la mobilité : permis, transport, location de véhicule."


def _guyane() -> list[dict[str, Any]]:
    near = [
        service(1, "Auto-école sociale", SAINT_LAURENT, description=MOBILITE, offset=0.004),
        service(2, "Garage solidaire du Maroni", SAINT_LAURENT, description=MOBILITE, offset=0.02),
        service(3, "Location de scooters", MANA, description=MOBILITE),
        service(4, "Plateforme mobilité de Cayenne", CAYENNE, description=MOBILITE),
        service(5, "Atelier vélo", SAINT_LAURENT, description="Réparer son vélo.", offset=0.001),
    ]
    near[0]["telephone"] = "0594 34 12 12"
    elsewhere = service(6, "Transport solidaire", POINTE_A_PITRE, description=MOBILITE)
    elsewhere["code_postal"] = "97110"
    return [
        structure(1, "Mission locale de l'Ouest guyanais", SAINT_LAURENT),
        *near,
        elsewhere,
    ]


@pytest.fixture
def link(sync_server: RunningServer) -> Iterator[FaultProxy]:
    running = FaultProxy(int(sync_server.base_url.rsplit(":", 1)[1]))
    try:
        yield running
    finally:
        running.close()


def test_a_counsellor_offline_in_guyane_links_the_nearest_mobility_offer_to_a_signed_plan(
    make_laptop: Callable[..., Laptop], sync_admin: Admin, link: FaultProxy
) -> None:
    guyane = sync_admin.territory("Guyane")
    import_catalogue(sync_admin, guyane, _guyane(), keep=frozenset({"973"}))
    laptop = make_laptop("saint-laurent", url=link.url, territory=guyane)
    report = laptop.sync()
    assert report.ok, report.error_en
    assert report.catalogue_services == 5  # Guadeloupe's service stayed on the server

    link.mode = "down"  # offline from here on
    origin = commune_position(laptop.session, code_insee="97311")
    assert origin is not None
    nearest = search_offers(laptop.session, OfferQuery(text="mobilite", origin=origin, limit=3))
    assert [r.name for r in nearest] == [
        "Auto-école sociale",
        "Garage solidaire du Maroni",
        "Location de scooters",
    ]
    distances = [r.distance_km for r in nearest]
    assert distances == sorted(distances)  # type: ignore[type-var]

    room = make_room(laptop.session)
    plan = room.ready_draft()
    action = plan.objectives[0].actions[0]
    plan.link_offer(action.id, nearest[0].snapshot())
    room.plans.save_draft(plan)
    signed = room.plans.sign(
        plan.id,
        pad_signatures(plan),
        room.confirmations(nadia=PASSPHRASE),
        "Saint-Laurent-du-Maroni",
    )
    printed = pdf_text(room.plans.pdf(signed.plan.id))
    assert "Offre liée : Auto-école sociale (Mission locale de l'Ouest guyanais)" in printed
    assert "0594 34 12 12" in printed
    assert "mobilite@exemple.org" in printed
