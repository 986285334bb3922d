"""What a catalogue page carries of a record (``DEVICE_FIELDS``) is enough: a service read
back from columns shows exactly as the whole national record does."""

from __future__ import annotations

import dataclasses
from typing import Any

from spie_desktop.domain.offers import OfferQuery, OfferResult, Position
from spie_desktop.services.offer_catalogue import load_catalogue
from spie_desktop.services.offer_search import search_offers
from spie_desktop.storage.session import Session
from spie_protocol.messages import OfferRecord
from spie_protocol.offer_columns import from_columns, to_columns
from tests.server.offers.records import valid


def _through_columns(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    change = OfferRecord(kind=kind, source=record["source"], id=record["id"], seq=1, record=record)  # type: ignore[arg-type]
    (back,) = from_columns(to_columns([change]))
    assert back.record is not None
    return back.record


def _shown(result: OfferResult) -> dict[str, Any]:
    return {k: v for k, v in dataclasses.asdict(result).items() if k != "id"}


def test_a_service_from_columns_shows_as_the_whole_record(session: Session) -> None:
    structure = valid("structure", 1, nom="Mission locale de l'Ouest guyanais")
    whole = valid("service", 1, structure_id=structure["id"], nom="Garage solidaire")
    trimmed = {**_through_columns("service", whole), "id": "dora--service-2"}
    assert len(trimmed) < len(whole)  # the fields the device neither keeps nor shows stayed
    load_catalogue(session, [_through_columns("structure", structure)], [whole, trimmed])
    origin = Position(whole["latitude"], whole["longitude"] + 0.1)
    found = search_offers(session, OfferQuery(text="garage", origin=origin, limit=10))
    assert len(found) == 2
    assert _shown(found[0]) == _shown(found[1])
    assert found[0].structure == "Mission locale de l'Ouest guyanais"
    assert found[0].contact_name and found[0].mobilisation_details and found[0].updated_on
