"""Applying a catalogue page re-indexes only what it touched: its own services, and those of
a structure whose name (part of every entry of its services) is new or changed."""

from __future__ import annotations

import pytest

from spie_desktop.domain.offers import OfferQuery
from spie_desktop.services.offer_catalogue import load_catalogue
from spie_desktop.services.offer_search import search_offers
from spie_desktop.storage.repositories import offer_catalogue as repository
from spie_desktop.storage.session import Session

from .offer_records import SAINT_LAURENT, service, structure

SERVICES = 30


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The keys of the index entries (re)written, as the store writes them."""
    keys: list[int] = []
    original = repository.write_entries

    def spy(session: object, bodies: dict[int, str]) -> None:
        keys.extend(bodies)
        original(session, bodies)  # type: ignore[arg-type]

    monkeypatch.setattr(repository, "write_entries", spy)
    return keys


def _names(session: Session, text: str) -> list[str]:
    return sorted(r.name for r in search_offers(session, OfferQuery(text=text, limit=100)))


def _catalogue(session: Session) -> None:
    load_catalogue(
        session,
        [structure(1, "Mission locale de l'Ouest guyanais", SAINT_LAURENT)],
        [service(n, f"Garage solidaire {n}", SAINT_LAURENT) for n in range(SERVICES)],
    )


def test_a_page_of_one_service_rewrites_one_entry(session: Session, written: list[int]) -> None:
    _catalogue(session)
    written.clear()
    load_catalogue(session, [], [service(7, "Garage solidaire renommé", SAINT_LAURENT)])
    assert len(written) == 1  # not the 30 services of its structure
    assert _names(session, "renomme") == ["Garage solidaire renommé"]


def test_a_structure_sent_again_unchanged_rewrites_nothing(
    session: Session, written: list[int]
) -> None:
    _catalogue(session)
    written.clear()
    load_catalogue(session, [structure(1, "Mission locale de l'Ouest guyanais", SAINT_LAURENT)], [])
    assert written == []


def test_a_renamed_structure_rewrites_its_services(session: Session, written: list[int]) -> None:
    _catalogue(session)
    written.clear()
    load_catalogue(session, [structure(1, "Maison de l'emploi du Maroni", SAINT_LAURENT)], [])
    assert len(written) == SERVICES
    assert len(_names(session, "maison emploi maroni")) == SERVICES
    assert _names(session, "mission locale") == []


def test_services_that_came_before_their_structure_are_found_by_its_name(
    session: Session,
) -> None:
    load_catalogue(session, [], [service(1, "Atelier vélo", SAINT_LAURENT)])
    assert _names(session, "mission locale") == []
    load_catalogue(session, [structure(1, "Mission locale de l'Ouest guyanais", SAINT_LAURENT)], [])
    assert _names(session, "mission locale") == ["Atelier vélo"]
