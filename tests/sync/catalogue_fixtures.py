"""A territory's offer catalogue on the test server: data·inclusion records built from the
schema (tests/server/offers/records.py), imported as ``spie-server offers import`` does."""

from __future__ import annotations

from typing import Any

from spie_desktop.sync import catalogue
from spie_server.db import session_scope
from spie_server.offers.importer import import_records
from tests.server.helpers import Admin
from tests.server.offers.catalogue_helpers import territory_id
from tests.server.offers.records import valid
from tests.sync.conftest import Laptop


def catalogue_records(services: int) -> list[dict[str, Any]]:
    """One structure and ``services`` services, each with its own name."""
    records = [valid("structure", 1, nom="Mission locale de l'Ouest guyanais")]
    records += [valid("service", n, nom=f"Garage solidaire numéro {n}") for n in range(services)]
    return records


def import_catalogue(
    admin: Admin, territory: str, records: list[dict[str, Any]], keep: frozenset[str] | None = None
) -> None:
    """Structures then services, one file each (the import refuses a mixed file)."""
    structures = [r for r in records if "structure_id" not in r]
    services = [r for r in records if "structure_id" in r]
    for part in (structures, services):
        if not part:
            continue
        with session_scope(admin.engine) as session:
            report = import_records(session, territory_id(admin, territory), part, keep)
        assert not report.rejected, report.rejected


def device_services(laptop: Laptop) -> list[str]:
    """The ids of the services in the laptop's catalogue (duplicates would show twice)."""
    from spie_desktop.storage.repositories.offer_catalogue import SERVICES

    with laptop.session.uow(read_only=True) as uow:
        return sorted(
            uow.session.execute(SERVICES.select().with_only_columns(SERVICES.c.id)).scalars()
        )


def device_cursor(laptop: Laptop) -> int:
    with laptop.session.uow(read_only=True) as uow:
        return catalogue.cursor(uow)


def offer_request_sinces(requests: list[bytes]) -> list[int]:
    """The ``since`` of each catalogue request that crossed the proxy, in order."""
    out = []
    for request in requests:
        target = request.split(b" ", 2)[1].decode("latin-1")
        if target.startswith("/v1/offers/changes?"):
            query = dict(part.split("=", 1) for part in target.split("?", 1)[1].split("&"))
            out.append(int(query["since"]))
    return out
