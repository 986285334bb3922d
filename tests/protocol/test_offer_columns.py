"""Catalogue pages column by column: what a device keeps of each record crosses the wire and
comes back as the records it was; the rest of a national record stays on the server."""

from __future__ import annotations

import json
from typing import Any

import pytest

from spie_protocol.messages import OfferColumns, OfferPage, OfferRecord
from spie_protocol.offer_columns import DEVICE_FIELDS, from_columns, to_columns

STRUCTURE = {
    "source": "dora",
    "id": "dora--s1",
    "nom": "Mission locale de l'Ouest guyanais",
    "date_maj": "2025-02-14",
    "commune": "Saint-Laurent-du-Maroni",
    "code_insee": "97311",
    "siret": "13003013300016",
    "site_web": "https://exemple.fr",
}
SERVICE = {
    "source": "dora",
    "id": "dora--1",
    "structure_id": "dora--s1",
    "nom": "Garage solidaire",
    "description": "Réparer sa voiture à petit prix.",
    "date_maj": "2025-03-01",
    "type": "accompagnement",
    "thematiques": ["mobilite--entretenir-reparer-son-vehicule"],
    "frais": ["payant"],
    "modes_accueil": ["en-presentiel"],
    "latitude": 5.4983,
    "longitude": -54.0325,
    "telephone": "+594594000000",
    "zone_eligibilite": ["973"],
    "mobilisable_par": ["professionnels"],
    "horaires_accueil": "Mo-Fr 08:00-12:00",
}


def _changes() -> list[OfferRecord]:
    return [
        OfferRecord(kind="structure", source="dora", id="dora--s1", seq=3, record=STRUCTURE),
        OfferRecord(kind="service", source="dora", id="dora--1", seq=4, record=SERVICE),
        OfferRecord(kind="service", source="local:973", id="garage-1", seq=9, deleted=True),
    ]


def _kept(record: dict[str, Any], kind: str) -> dict[str, Any]:
    names = {"source", "id", *DEVICE_FIELDS[kind]}  # type: ignore[index]
    return {k: v for k, v in record.items() if k in names}


def test_a_page_comes_back_as_its_records_with_what_the_device_keeps() -> None:
    wire = OfferPage(changes=[], columns=to_columns(_changes()), next_since=9, has_more=False)
    read = OfferPage.model_validate(json.loads(wire.model_dump_json()))
    assert read.columns is not None
    back = from_columns(read.columns)
    assert [(c.kind, c.source, c.id, c.seq, c.deleted) for c in back] == [
        (c.kind, c.source, c.id, c.seq, c.deleted) for c in _changes()
    ]
    assert back[0].record == _kept(STRUCTURE, "structure")
    assert back[1].record == _kept(SERVICE, "service")
    assert back[2].record is None
    assert "siret" not in back[0].record  # type: ignore[operator]
    assert not {"zone_eligibilite", "mobilisable_par", "horaires_accueil"} & set(back[1].record)  # type: ignore[arg-type]


def test_each_field_is_one_list_and_absent_fields_cross_as_nothing() -> None:
    columns = to_columns(_changes())
    assert columns.kind == ["structure", "service", "service"]
    assert columns.deleted == [2]
    assert columns.fields["nom"] == [STRUCTURE["nom"], SERVICE["nom"], None]
    assert columns.fields["structure_id"] == [None, "dora--s1", None]
    assert "contact_nom_prenom" not in columns.fields  # no record of the page has one
    assert "siret" not in columns.fields


def test_columns_that_disagree_are_refused() -> None:
    columns = to_columns(_changes())
    short = columns.model_copy(update={"fields": {**columns.fields, "nom": ["seul"]}})
    with pytest.raises(ValueError, match="lengths"):
        from_columns(short)
    with pytest.raises(ValueError, match="deleted"):
        from_columns(columns.model_copy(update={"deleted": [7]}))


def test_an_older_server_answer_without_columns_still_reads() -> None:
    old = {"changes": [], "next_since": 0, "has_more": False}
    assert OfferPage.model_validate(old).columns is None
    assert OfferColumns.model_validate({"kind": [], "source": [], "id": [], "seq": []}).fields == {}
