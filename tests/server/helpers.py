"""Test helpers: a real server on 127.0.0.1, an admin hand on its database, a sync client."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import Engine, func, select

from spie_protocol.fingerprint import certificate_fingerprint
from spie_server.app import create_app
from spie_server.db import make_engine, session_scope
from spie_server.models import Op, Record
from spie_server.server_key import load_or_create_secret
from spie_server.settings import Settings
from spie_server.territory.devices import revoke_device
from spie_server.territory.enrolment import create_code
from spie_server.territory.territories import add_territory, ca_cert_pem
from spie_server.territory.territory_settings import clear_alert_rules, set_alert_rules
from tests.server.pg import free_port

PROTOCOL = {"SPIE-Protocol": "1"}


@dataclass
class RunningServer:
    base_url: str
    settings: Settings
    engine: Engine
    thread: threading.Thread
    server: uvicorn.Server

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.engine.dispose()


def start_server(settings: Settings) -> RunningServer:
    engine = make_engine(settings.database_url)
    app = create_app(settings, engine=engine)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if httpx.get(base_url + "/healthz", timeout=1).status_code == 200:
                return RunningServer(base_url, settings, engine, thread, server)
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    server.should_exit = True
    raise RuntimeError("server did not start")


@dataclass
class Admin:
    """What ``spie-server`` admin commands do, called in-process on the server's database."""

    engine: Engine
    settings: Settings

    def territory(self, name: str | None = None) -> str:
        code = "T" + uuid.uuid4().hex[:8].upper()
        secret = load_or_create_secret(self.settings.data_dir)
        with session_scope(self.engine) as session:
            add_territory(session, code, name, secret)
        return code

    def code(
        self, territory: str, structure: str = "CD Test", expires: timedelta | None = None
    ) -> str:
        with session_scope(self.engine) as session:
            return create_code(session, territory, structure, expires or timedelta(hours=48))

    def ca_fingerprint(self, territory: str) -> str:
        """What ``spie-server territory ca-cert`` prints for the administrator to read out."""
        with session_scope(self.engine) as session:
            return certificate_fingerprint(ca_cert_pem(session, territory))

    def revoke(self, device_id: str) -> None:
        with session_scope(self.engine) as session:
            revoke_device(session, device_id)

    def set_alert_rules(self, territory: str, **days: int) -> None:
        """What ``spie-server territory settings set`` does."""
        with session_scope(self.engine) as session:
            set_alert_rules(session, territory, days)

    def clear_alert_rules(self, territory: str) -> None:
        with session_scope(self.engine) as session:
            clear_alert_rules(session, territory)

    def counts(self) -> tuple[int, int]:
        """(records, ops) in the whole database: a write anywhere changes one of them."""
        with session_scope(self.engine) as session:
            records = session.scalar(select(func.count()).select_from(Record)) or 0
            ops = session.scalar(select(func.count()).select_from(Op)) or 0
        return records, ops

    def snapshot(self) -> list[tuple[Any, ...]]:
        with session_scope(self.engine) as session:
            rows = session.execute(
                select(
                    Record.territory_id,
                    Record.entity,
                    Record.entity_id,
                    Record.version,
                    Record.seq,
                    Record.doc,
                ).order_by(Record.seq)
            ).all()
        return [tuple(r) for r in rows]


def make_csr(common_name: str) -> tuple[ec.EllipticCurvePrivateKey, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
        .sign(key, hashes.SHA256())
    )
    return key, csr.public_bytes(serialization.Encoding.PEM).decode("ascii")


_hlc_counter = iter(range(1, 10**9))


def hlc(node: str = "dev") -> str:
    return f"{time.time_ns() // 1_000_000:015d}-{next(_hlc_counter) % 100000:05d}-{node}"


_NOW = "2026-11-27T10:00:00+00:00"
_ID = "00000000-0000-4000-8000-000000000001"

#: Every required field of each entity (spie_protocol.schemas), with a plausible value.
MINIMAL_FIELDS: dict[str, dict[str, Any]] = {
    "structures": {"name": "CD Test", "kind": "cd", "territory_code": "12"},
    "counsellors": {"display_name": "Nadia B.", "field": "social"},
    "people": {
        "first_name": "Ana",
        "last_name": "Silva",
        "commune": "",
        "phone": "",
        "email": "",
        "status": "active",
        "created_at": _NOW,
    },
    "consents": {"person_id": _ID, "given_at": _NOW, "wording_version": "v1"},
    "interviews": {
        "person_id": _ID,
        "definition_id": "socle-commun",
        "definition_version": 1,
        "status": "in_progress",
        "current_step": "",
        "started_at": _NOW,
        "place": "",
    },
    "answers": {"interview_id": _ID, "key": "q1"},
    "plans": {
        "person_id": _ID,
        "plan_version": 1,
        "status": "draft",
        "contract": "CER",
    },
    "objectives": {
        "plan_id": _ID,
        "position": 0,
        "theme": "emploi",
        "label": "x",
        "status": "open",
    },
    "actions": {
        "objective_id": _ID,
        "position": 0,
        "label": "x",
        "responsible_structure": "",
        "referent": "",
        "status": "planned",
    },
    "signatures": {"plan_id": _ID, "role": "social", "signer_name": "N. B.", "signed_at": _NOW},
    "plan_pdfs": {"plan_id": _ID, "sha256": "0" * 64, "size": 1},
    "follow_up_events": {"person_id": _ID, "kind": "call", "occurred_at": _NOW, "note": ""},
    "case_reviews": {"starts_at": _NOW, "place": "x", "status": "planned"},
    "case_review_cases": {
        "person_id": _ID,
        "reason": "x",
        "question": "x",
        "reference": "C-7K3Q",
        "flagged_at": _NOW,
    },
}


def change(
    entity: str,
    entity_id: uuid.UUID | None = None,
    *,
    base: int | None = None,
    fields: dict[str, Any] | None = None,
    deleted: bool = False,
) -> dict[str, Any]:
    """A change as a device sends it. A creation gets every required field of its entity
    (overridden or completed by ``fields``), so it passes the server's schema check."""
    if fields is None:
        fields = {"label": "x"}
    if not base and not deleted:
        fields = {**MINIMAL_FIELDS.get(entity, {}), **fields}
    return {
        "op_id": str(uuid.uuid4()),
        "entity": entity,
        "entity_id": str(entity_id or uuid.uuid4()),
        "base_version": base,
        "version": (base or 0) + 1,
        "fields": fields,
        "hlc": hlc(),
        "deleted": deleted,
    }


@dataclass
class DeviceClient:
    """A device enrolled with the server: the raw HTTP calls a sync client makes."""

    http: httpx.Client
    device_id: str
    territory: str
    enrolment: dict[str, Any] = field(default_factory=dict)

    def push(
        self, changes: list[dict[str, Any]], batch_id: str | None = None, **extra: Any
    ) -> httpx.Response:
        body = {"batch_id": batch_id or str(uuid.uuid4()), "changes": changes, **extra}
        return self.http.post("/v1/push", json=body)

    def push_ok(
        self, changes: list[dict[str, Any]], batch_id: str | None = None
    ) -> list[dict[str, Any]]:
        response = self.push(changes, batch_id)
        assert response.status_code == 200, response.text
        results: list[dict[str, Any]] = response.json()["results"]
        return results

    def pull(self, since: int = 0, limit: int = 200) -> dict[str, Any]:
        response = self.http.get("/v1/changes", params={"since": since, "limit": limit})
        assert response.status_code == 200, response.text
        page: dict[str, Any] = response.json()
        return page

    def pull_all(self, since: int = 0, limit: int = 200) -> list[dict[str, Any]]:
        changes: list[dict[str, Any]] = []
        while True:
            page = self.pull(since, limit)
            changes.extend(page["changes"])
            since = page["next_since"]
            if not page["has_more"]:
                return changes


def enroll_raw(
    base_url: str, code: str, counsellors: list[dict[str, Any]] | None = None
) -> httpx.Response:
    return httpx.post(
        base_url + "/v1/enroll",
        json={"code": code, "counsellors": counsellors or []},
        headers=PROTOCOL,
        timeout=30,
    )


@contextmanager
def enrolled(
    base_url: str, admin: Admin, territory: str, structure: str = "CD Test"
) -> Iterator[DeviceClient]:
    response = enroll_raw(base_url, admin.code(territory, structure))
    assert response.status_code == 200, response.text
    body = response.json()
    headers = {**PROTOCOL, "Authorization": f"Bearer {body['token']}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as http:
        yield DeviceClient(http, body["device_id"], territory, body)
