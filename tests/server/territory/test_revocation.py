"""Revocation stops a device at its next request; others carry on; it is on record."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from spie_server.db import session_scope
from spie_server.models import AdminEvent
from spie_server.territory.devices import list_devices
from tests.server.helpers import Admin, change


def test_a_revoked_device_is_refused_at_its_next_request(
    admin: Admin, enrol, territory: str
) -> None:
    with enrol(territory) as lost, enrol(territory) as kept:
        assert lost.push([change("people")]).status_code == 200
        admin.revoke(lost.device_id)
        before = admin.counts()
        for response in (
            lost.push([change("people")]),
            lost.http.get("/v1/changes"),
            lost.http.get("/v1/device"),
        ):
            assert response.status_code == 403
            assert response.json()["error"]["code"] == "device_revoked"
        assert admin.counts() == before
        assert kept.push([change("people")]).status_code == 200
    with session_scope(admin.engine) as session:
        listed = {str(d.id): d for d in list_devices(session, territory)}
        kinds = session.scalars(
            select(AdminEvent.kind)
            .where(AdminEvent.device_id == uuid.UUID(lost.device_id))
            .order_by(AdminEvent.id)
        ).all()
    assert listed[lost.device_id].revoked_at is not None
    assert listed[kept.device_id].revoked_at is None
    assert listed[lost.device_id].last_seen_at is not None
    assert kinds == ["device_enrolled", "device_revoked"]


def test_an_unknown_token_is_refused(server) -> None:
    import httpx

    from tests.server.helpers import PROTOCOL

    for token in ("nope", "x" * 43, "y" * 500):
        response = httpx.get(
            server.base_url + "/v1/changes",
            headers={**PROTOCOL, "Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_token"
    missing = httpx.get(server.base_url + "/v1/changes", headers=PROTOCOL)
    assert missing.status_code == 401 and missing.json()["error"]["code"] == "missing_token"
