"""HTTPS after enrolment trusts both a public authority's certificate (a reverse proxy) and one
issued by the pinned territory CA — real TLS servers on 127.0.0.1."""

from __future__ import annotations

import ipaddress
import json
import ssl
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import certifi
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from spie_desktop.services.sync_desk import server_reachable
from spie_desktop.sync.enrolment import ca_file
from spie_desktop.sync.tls_trust import tls_verify

Pair = tuple[x509.Certificate, ec.EllipticCurvePrivateKey]


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def _ca(name: str) -> Pair:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(_name(name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    return cert, key


def _server_cert(issuer: Pair) -> Pair:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(issuer[0].subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer[1].public_key()), False
        )
        .sign(issuer[1], hashes.SHA256())
    )
    return cert, key


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        body = json.dumps({"status": "ok"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[Callable[[Pair], str]]:
    servers: list[ThreadingHTTPServer] = []

    def start(issuer: Pair) -> str:
        cert, key = _server_cert(issuer)
        chain = tmp_path / f"server-{len(servers)}.pem"
        chain.write_bytes(
            _pem(cert)
            + key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(chain)
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"https://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def public_authority(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Pair:
    """An authority the system trusts: appended to a copy of certifi's bundle."""
    authority = _ca("Public Root Test")
    bundle = tmp_path / "system-bundle.pem"
    bundle.write_bytes(Path(certifi.where()).read_bytes() + _pem(authority[0]))
    monkeypatch.setattr(certifi, "where", lambda: str(bundle))
    return authority


def _enrolled_dir(tmp_path: Path, territory_ca: Pair) -> Path:
    data_dir = tmp_path / "device"
    data_dir.mkdir()
    ca_file(data_dir).write_bytes(_pem(territory_ca[0]))
    return data_dir


def test_a_reverse_proxy_with_a_public_certificate_is_trusted_after_enrolment(
    tmp_path: Path, https_server, public_authority: Pair
) -> None:
    data_dir = _enrolled_dir(tmp_path, _ca("SPIE 12 CA"))
    url = https_server(public_authority)
    assert server_reachable(url, data_dir)


def test_a_server_certificate_from_the_territory_ca_is_trusted(
    tmp_path: Path, https_server, public_authority: Pair
) -> None:
    territory = _ca("SPIE 12 CA")
    data_dir = _enrolled_dir(tmp_path, territory)
    assert server_reachable(https_server(territory), data_dir)


def test_a_certificate_from_an_unknown_authority_is_refused(
    tmp_path: Path, https_server, public_authority: Pair
) -> None:
    data_dir = _enrolled_dir(tmp_path, _ca("SPIE 12 CA"))
    assert not server_reachable(https_server(_ca("Someone Else")), data_dir)


def test_the_bundle_is_the_system_one_plus_the_pinned_ca(tmp_path: Path) -> None:
    assert tls_verify(None) is True
    assert tls_verify(tmp_path / "absent.pem") is True
    territory = _ca("SPIE 12 CA")
    data_dir = _enrolled_dir(tmp_path, territory)
    bundle = Path(str(tls_verify(ca_file(data_dir))))
    content = bundle.read_bytes()
    assert content.startswith(Path(certifi.where()).read_bytes().rstrip(b"\n"))
    assert content.endswith(_pem(territory[0]))
