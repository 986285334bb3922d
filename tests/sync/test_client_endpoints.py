"""The desktop's typed client round-trips every endpoint of the protocol's table against the
real server on 127.0.0.1. The test iterates the table: an endpoint added without a round trip
here fails."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from spie_desktop.sync.client import SyncClient
from spie_protocol.endpoints import ENDPOINTS, Endpoint
from spie_protocol.entities import ENTITIES
from spie_protocol.messages import (
    AlertRulesModel,
    BlobFetch,
    BlobQuery,
    Change,
    ChunkQuery,
    CounsellorCsr,
    EnrolRequest,
    EnrolResponse,
    OfferChangesQuery,
    PullQuery,
    PushBatch,
    TerritorySettings,
)
from spie_protocol.version import PROTOCOL_VERSION
from spie_server.db import session_scope
from spie_server.offers.importer import import_records
from spie_server.territory.territories import get_territory
from tests.server.helpers import MINIMAL_FIELDS, Admin, RunningServer, hlc, make_csr
from tests.server.offers.records import valid


@dataclass
class World:
    client: SyncClient  # enrolled: carries the device's token
    enrolment: EnrolResponse
    account_id: uuid.UUID
    admin: Admin
    territory: str


def _csr(account_id: uuid.UUID, name: str) -> tuple[CounsellorCsr, bytes]:
    key, pem = make_csr(name)
    raw = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    csr = CounsellorCsr(account_id=account_id, display_name=name, field="social", csr_pem=pem)
    return csr, key.public_key().public_bytes(*raw)


@pytest.fixture
def world(sync_server: RunningServer, sync_admin: Admin, sync_territory: str) -> Iterator[World]:
    account_id = uuid.uuid4()
    csr, _ = _csr(account_id, "Nadia B.")
    anonymous = SyncClient(sync_server.base_url)
    try:
        request = EnrolRequest(code=sync_admin.code(sync_territory), counsellors=[csr])
        enrolment = anonymous.enroll(request)
    finally:
        anonymous.close()
    client = SyncClient(sync_server.base_url, enrolment.token)
    yield World(client, enrolment, account_id, sync_admin, sync_territory)
    client.close()


def _push_person(w: World) -> uuid.UUID:
    person = uuid.uuid4()
    change = Change(
        op_id=uuid.uuid4(),
        entity="people",
        entity_id=person,
        version=1,
        fields=MINIMAL_FIELDS["people"],
        hlc=hlc(),
    )
    answer = w.client.push(PushBatch(batch_id=uuid.uuid4(), changes=[change]))
    assert [r.status for r in answer.results] == ["applied"]
    return person


PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40
PDF_SHA = hashlib.sha256(PDF).hexdigest()


def _upload(w: World) -> None:
    status = w.client.upload_chunk(PDF_SHA, PDF, ChunkQuery(offset=0, size=len(PDF)))
    assert status.complete and status.received == status.size == len(PDF)


def _healthz(w: World) -> None:
    assert w.client.health().status == "ok"


def _protocol(w: World) -> None:
    info = w.client.protocol()
    assert info.protocol_version == PROTOCOL_VERSION
    assert tuple(info.entities) == ENTITIES


def _enroll(w: World) -> None:
    assert w.enrolment.territory == w.territory
    assert [c.account_id for c in w.enrolment.certificates] == [w.account_id]
    assert w.enrolment.ca_certificate_pem.startswith("-----BEGIN CERTIFICATE-----")


def _certificates(w: World) -> None:
    later = uuid.uuid4()
    csr, public_key = _csr(later, "Julien R.")
    issued = w.client.certificate(csr)
    assert issued.account_id == later
    certificate = x509.load_pem_x509_certificate(issued.certificate_pem.encode("ascii"))
    raw = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    assert certificate.public_key().public_bytes(*raw) == public_key


def _crl(w: World) -> None:
    crl = x509.load_der_x509_crl(w.client.crl())
    ca = x509.load_pem_x509_certificate(w.enrolment.ca_certificate_pem.encode("ascii"))
    assert crl.issuer == ca.subject


def _device(w: World) -> None:
    info = w.client.device()
    assert info.device_id == w.enrolment.device_id and info.territory == w.territory


def _push(w: World) -> None:
    _push_person(w)


def _changes(w: World) -> None:
    person = _push_person(w)
    page = w.client.changes(PullQuery(since=0, limit=10))
    assert [c.entity_id for c in page.changes] == [person] and not page.has_more
    mine_left_out = w.client.changes(PullQuery(since=0, exclude_own=True))
    assert mine_left_out.changes == []


def _integrity(w: World) -> None:
    _push_person(w)
    report = w.client.integrity()
    assert report.territory == w.territory and report.entities["people"].count == 1


def _territory_settings(w: World) -> None:
    assert w.client.territory_settings() == TerritorySettings(territory=w.territory)
    w.admin.set_alert_rules(w.territory, no_contact_days=60)
    settings = w.client.territory_settings()
    assert settings.territory == w.territory and settings.updated_at is not None
    assert settings.alert_rules == AlertRulesModel(no_contact_days=60)


def _blob_chunk(w: World) -> None:
    half = len(PDF) // 2
    first = w.client.upload_chunk(PDF_SHA, PDF[:half], ChunkQuery(offset=0, size=len(PDF)))
    assert not first.complete and first.received == half
    rest = w.client.upload_chunk(PDF_SHA, PDF[half:], ChunkQuery(offset=half, size=len(PDF)))
    assert rest.complete


def _blob_status(w: World) -> None:
    _upload(w)
    status = w.client.blob_status(PDF_SHA)
    assert status.sha256 == PDF_SHA and status.complete and status.size == len(PDF)


def _blob(w: World) -> None:
    _upload(w)
    assert w.client.blob(PDF_SHA) == PDF
    assert w.client.blob(PDF_SHA, BlobQuery(offset=100)) == PDF[100:]


def _blobs_fetch(w: World) -> None:
    _upload(w)
    absent = hashlib.sha256(b"absent").hexdigest()
    found, whole = w.client.blobs_fetch(BlobFetch(sha256=[PDF_SHA, absent]))
    assert whole and found == [(PDF_SHA, PDF), (absent, None)]


def _blobs_upload(w: World) -> None:
    other = b"%PDF-1.7\n" + bytes(range(255, -1, -1)) * 30
    other_sha = hashlib.sha256(other).hexdigest()
    stored = w.client.blobs_upload([(PDF_SHA, PDF), (other_sha, other)])
    assert [(s.sha256, s.complete, s.size) for s in stored.blobs] == [
        (PDF_SHA, True, len(PDF)),
        (other_sha, True, len(other)),
    ]
    assert w.client.blob(other_sha) == other


def _offer_changes(w: World) -> None:
    assert w.client.offer_changes(OfferChangesQuery()).changes == []
    records = [valid("structure", 1), valid("service", 1), valid("service", 2)]
    with session_scope(w.admin.engine) as session:
        territory_id = get_territory(session, w.territory).id
        import_records(session, territory_id, records[:1], None)
        import_records(session, territory_id, records[1:], None)
    first = w.client.offer_changes(OfferChangesQuery(since=0, limit=2))
    assert [(c.kind, c.id) for c in first.changes] == [
        ("structure", "dora--structure-1"),
        ("service", "dora--service-1"),
    ]
    assert first.has_more and first.changes[1].record == records[1]
    rest = w.client.offer_changes(OfferChangesQuery(since=first.next_since, limit=2))
    assert [c.id for c in rest.changes] == ["dora--service-2"] and not rest.has_more


ROUND_TRIPS: dict[str, Callable[[World], None]] = {
    "healthz": _healthz,
    "protocol": _protocol,
    "enroll": _enroll,
    "certificates": _certificates,
    "crl": _crl,
    "device": _device,
    "push": _push,
    "changes": _changes,
    "integrity": _integrity,
    "territory_settings": _territory_settings,
    "offer_changes": _offer_changes,
    "blob_chunk": _blob_chunk,
    "blob_status": _blob_status,
    "blob": _blob,
    "blobs_fetch": _blobs_fetch,
    "blobs_upload": _blobs_upload,
}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def test_the_typed_client_round_trips_every_endpoint(world: World, endpoint: Endpoint) -> None:
    trip = ROUND_TRIPS.get(endpoint.name)
    if trip is None:
        pytest.fail(f"endpoint {endpoint.name!r} has no round trip in {__name__}")
    trip(world)


def test_every_round_trip_names_an_endpoint_of_the_table() -> None:
    assert set(ROUND_TRIPS) == {e.name for e in ENDPOINTS}
