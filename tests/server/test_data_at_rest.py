"""Documents and signed PDFs are sealed at rest: a database dump alone reveals none of them."""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from reportlab.pdfgen import canvas
from sqlalchemy import select, update

from spie_server.admin.cli import main as server_cli
from spie_server.admin.rotation import rotate_secret
from spie_server.db import make_engine, session_scope, upgrade
from spie_server.models import BlobChunk, Record, Territory
from spie_server.sealing import WrongSecretError, unwrap_key
from spie_server.server_key import PENDING_FILE, SECRET_FILE, load_or_create_secret
from spie_server.settings import Settings
from tests.server.conftest import GENEROUS
from tests.server.dump import database_dump, readable_in
from tests.server.helpers import (
    PROTOCOL,
    Admin,
    DeviceClient,
    RunningServer,
    change,
    enrolled,
    start_server,
)

NAMES = ("Zorglubine", "Quillebeufaz", "Tartempionne", "Vercingetorixa")


def _people() -> list[dict[str, object]]:
    return [
        change(
            "people",
            fields={"first_name": first, "last_name": f"{first}-Nom", "phone": "0611223344"},
        )
        for first in NAMES
    ]


def _plan_pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pageCompression=0)
    page.drawString(72, 720, "Plan d'accompagnement de Zorglubine Quillebeufaz")
    page.save()
    return out.getvalue()


def _upload(device: DeviceClient, pdf: bytes) -> str:
    sha = hashlib.sha256(pdf).hexdigest()
    response = device.http.put(
        f"/v1/blobs/{sha}/chunks",
        params={"offset": 0, "size": len(pdf)},
        content=pdf,
        headers={"Content-Type": "application/octet-stream"},
    )
    assert response.status_code == 200 and response.json()["complete"], response.text
    return sha


def _first_names(device: DeviceClient) -> set[str]:
    return {c["fields"]["first_name"] for c in device.pull_all() if c["entity"] == "people"}


def test_a_database_dump_holds_no_name_and_no_pdf_byte(
    server: RunningServer, device: DeviceClient
) -> None:
    results = device.push_ok(_people())
    assert {r["status"] for r in results} == {"applied"}
    pdf = _plan_pdf()
    assert b"Zorglubine" in pdf  # the PDF's text is in clear in the file itself
    sha = _upload(device, pdf)

    dump = database_dump(server.settings.database_url)

    assert len(dump) > 10_000
    for name in NAMES:
        assert not readable_in(dump, name.encode()), name
    assert not readable_in(dump, b"0611223344")
    for start in range(0, len(pdf) - 32, 256):
        assert not readable_in(dump, pdf[start : start + 32])
    # ... and the server still serves both.
    assert _first_names(device) == set(NAMES)
    assert device.http.get(f"/v1/blobs/{sha}").content == pdf


def test_a_document_moved_onto_another_record_is_refused(
    admin: Admin, device: DeviceClient
) -> None:
    first, second = _people()[:2]
    device.push_ok([first, second])
    with session_scope(admin.engine) as session:
        territory_id = session.scalar(
            select(Territory.id).where(Territory.code == device.territory)
        )
        stolen = session.scalar(
            select(Record.doc).where(
                Record.territory_id == territory_id,
                Record.entity_id == uuid.UUID(str(first["entity_id"])),
            )
        )
        session.execute(
            update(Record)
            .where(
                Record.territory_id == territory_id,
                Record.entity_id == uuid.UUID(str(second["entity_id"])),
            )
            .values(doc=stolen)
        )

    response = device.http.get("/v1/changes", params={"since": 0})

    assert response.status_code == 500
    assert response.json()["error"]["code"] == "sealed_data_unreadable"
    assert NAMES[0] not in response.text


def test_a_file_chunk_moved_onto_another_file_is_refused(
    admin: Admin, device: DeviceClient
) -> None:
    genuine = _upload(device, _plan_pdf())
    other = _upload(device, b"%PDF-1.7\n% autre plan\n")
    with session_scope(admin.engine) as session:
        stolen = session.scalar(select(BlobChunk.data).where(BlobChunk.sha256 == other))
        session.execute(update(BlobChunk).where(BlobChunk.sha256 == genuine).values(data=stolen))

    response = device.http.get(f"/v1/blobs/{genuine}")

    assert response.status_code == 500
    assert response.json()["error"]["code"] == "sealed_data_unreadable"


@pytest.fixture
def own_server(
    backend: str,
    database_url_factory: Callable[[str], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Settings]:
    """Settings for a server this test stops and starts (rotate-key runs while it is down)."""
    data_dir = tmp_path_factory.mktemp(f"rotate-{backend}")
    yield Settings(data_dir, database_url_factory(backend), GENEROUS)


def _reconnect(running: RunningServer, token: str, territory: str) -> DeviceClient:
    headers = {**PROTOCOL, "Authorization": token}
    http = httpx.Client(base_url=running.base_url, headers=headers, timeout=30)
    return DeviceClient(http, "", territory)


def test_rotate_key_keeps_pull_working_and_retires_the_old_secret(own_server: Settings) -> None:
    running = start_server(own_server)
    admin = Admin(running.engine, own_server)
    territory = admin.territory()
    pdf = _plan_pdf()
    with enrolled(running.base_url, admin, territory) as device:
        device.push_ok(_people())
        sha = _upload(device, pdf)
        token = str(device.http.headers["Authorization"])
        running.stop()
        old_secret = load_or_create_secret(own_server.data_dir)
        where = ["--data-dir", str(own_server.data_dir), "--database-url", own_server.database_url]

        assert server_cli(["rotate-key", *where]) == 0
        assert server_cli(["rotate-key", "--territory", territory, *where]) == 0

    new_secret = load_or_create_secret(own_server.data_dir)
    assert new_secret != old_secret
    assert (own_server.data_dir / SECRET_FILE).read_bytes().strip() == new_secret
    running = start_server(own_server)
    try:
        with _reconnect(running, token, territory).http as http:
            again = DeviceClient(http, "", territory)
            assert _first_names(again) == set(NAMES)
            assert http.get(f"/v1/blobs/{sha}").content == pdf
    finally:
        running.stop()
    with session_scope(running.engine) as session:
        row = session.scalars(select(Territory).where(Territory.code == territory)).one()
    assert row.data_key_id == 2 and row.data_key is not None
    with pytest.raises(WrongSecretError):
        unwrap_key(old_secret, row.id, row.data_key_id, row.data_key)
    with pytest.raises(ValueError):
        serialization.load_pem_private_key(row.ca_key_pem, password=old_secret)
    assert serialization.load_pem_private_key(row.ca_key_pem, password=new_secret)


def test_a_rotation_cut_after_its_commit_is_finished_by_the_next_command(
    own_server: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = make_engine(own_server.database_url)
    upgrade(engine)
    territory = Admin(engine, own_server).territory()
    old_secret = load_or_create_secret(own_server.data_dir)
    with session_scope(engine) as session:
        rotate_secret(session, own_server.data_dir)  # committed; the process dies before the swap
    engine.dispose()
    pending = (own_server.data_dir / PENDING_FILE).read_bytes().strip()
    where = ["--data-dir", str(own_server.data_dir), "--database-url", own_server.database_url]

    assert server_cli(["rotate-key", "--territory", territory, *where]) == 0

    assert "interrupted rotation was finished" in capsys.readouterr().out
    assert load_or_create_secret(own_server.data_dir) == pending != old_secret
    assert not (own_server.data_dir / PENDING_FILE).exists()
