"""Enrolment: the territory certificate replaces the self-signed one; other accounts get
theirs later; a demo store is refused."""

from __future__ import annotations

import pytest
from cryptography import x509

from spie_desktop.domain.organisation import Field
from spie_desktop.services import device
from spie_desktop.sync import certificate_requests
from spie_desktop.sync.certificate_requests import ensure_certificate
from spie_desktop.sync.client import SyncClient
from spie_desktop.sync.enrolment import ca_file, enroll, enrolment_of, request_enrolment
from spie_desktop.sync.errors import DemoStoreRefused, MalformedCode
from spie_desktop.sync.revocation import crl_file
from tests.server.helpers import Admin, RunningServer
from tests.sync.conftest import PASSPHRASE, Laptop

JULIEN = "Chouette aveyronnaise 42"


def _issuer(pem: str) -> str:
    return x509.load_pem_x509_certificate(pem.encode()).issuer.rfc4514_string()


def test_enrolment_installs_the_territory_certificate_and_keeps_the_old_one(make_laptop) -> None:
    laptop: Laptop = make_laptop("a")
    me = laptop.session.counsellor.id
    with laptop.session.uow(read_only=True) as uow:
        keys = uow.signing_keys.list_for(me)
    old, new = keys[0], keys[-1]
    assert old.replaced_at is not None and old.wrapped_key == b""
    assert new.is_current and new.chain_pem == ca_file(laptop.data_dir).read_text()
    ca = x509.load_pem_x509_certificate(new.chain_pem.encode())
    assert _issuer(new.certificate_pem) == ca.subject.rfc4514_string()
    assert _issuer(old.certificate_pem) != _issuer(new.certificate_pem)  # was self-signed
    assert _field_uri(new.certificate_pem) == "urn:spie:field:social"
    enrolment = enrolment_of(laptop.session)
    assert enrolment is not None and str(enrolment.device_id) == laptop.device_id
    assert enrolment.token not in (laptop.data_dir / "config.toml").read_text()


def test_an_account_added_later_gets_its_certificate_with_its_own_passphrase(make_laptop) -> None:
    laptop: Laptop = make_laptop("a")
    julien = device.add_counsellor(
        laptop.session, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN
    )
    session = device.unlock(laptop.data_dir, julien.id, JULIEN)
    try:
        enrolment = enrolment_of(session)
        assert enrolment is not None
        client = SyncClient(enrolment.server_url, enrolment.token)
        assert ensure_certificate(session, client, JULIEN) is True
        assert ensure_certificate(session, client, JULIEN) is False  # once is enough
        client.close()
        with session.uow(read_only=True) as uow:
            current = uow.signing_keys.current_for(julien.id)
        assert current is not None and current.chain_pem
    finally:
        session.close()


def test_an_account_added_later_gets_its_certificate_from_the_next_sync(make_laptop) -> None:
    laptop: Laptop = make_laptop("a")
    julien = device.add_counsellor(
        laptop.session, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN
    )
    device.unlock(laptop.data_dir, julien.id, JULIEN).close()  # his key unwrapped: request kept
    with laptop.session.uow(read_only=True) as uow:
        assert [r.account_id for r in certificate_requests.pending(uow)] == [julien.id]
        assert uow.signing_keys.current_for(julien.id).chain_pem == ""  # type: ignore[union-attr]

    report = laptop.sync()  # Nadia syncs: no passphrase of Julien's is needed

    assert report.ok, report.error_en
    with laptop.session.uow(read_only=True) as uow:
        current = uow.signing_keys.current_for(julien.id)
        assert certificate_requests.pending(uow) == []
    assert current is not None and current.chain_pem == ca_file(laptop.data_dir).read_text()
    ca = x509.load_pem_x509_certificate(current.chain_pem.encode())
    assert _issuer(current.certificate_pem) == ca.subject.rfc4514_string()
    assert _field_uri(current.certificate_pem) == "urn:spie:field:emploi"
    crl = x509.load_der_x509_crl(crl_file(laptop.data_dir).read_bytes())  # kept by the sync
    assert crl.issuer == ca.subject


def _field_uri(pem: str) -> str:
    names = x509.load_pem_x509_certificate(pem.encode()).extensions.get_extension_for_class(
        x509.SubjectAlternativeName
    )
    uris = names.value.get_values_for_type(x509.UniformResourceIdentifier)
    return next(u for u in uris if u.startswith("urn:spie:field:"))


def test_a_demo_store_cannot_be_enrolled(
    make_laptop, sync_server: RunningServer, sync_admin: Admin, sync_territory: str
) -> None:
    laptop: Laptop = make_laptop("demo", enrol=False)
    with laptop.session.uow() as uow:
        uow.meta.mark_demo_store()
    code = sync_admin.code(sync_territory)
    try:
        enroll(laptop.session, sync_server.base_url, code, PASSPHRASE)
    except DemoStoreRefused as error:
        assert error.message_fr == (
            "Un coffre de démonstration ne peut pas être inscrit auprès d'un serveur."
        )
    else:
        raise AssertionError("a demo store was enrolled")
    assert enrolment_of(laptop.session) is None


def test_a_provisioned_device_refuses_a_server_with_another_ca(
    make_laptop,
    sync_server: RunningServer,
    sync_admin: Admin,
    sync_territory: str,
    tmp_path,
    monkeypatch,
) -> None:
    from spie_desktop.provisioning import TerritoryCaMismatch, make_provisioning, write_file
    from tests.installer.conftest import territory_ca_pem

    laptop: Laptop = make_laptop("pinned", enrol=False)
    other_ca = territory_ca_pem("12")  # a genuine territory CA, but not this server's
    provisioning = make_provisioning("12", sync_server.base_url, other_ca)
    write_file(tmp_path / "provisioning.json", provisioning)
    monkeypatch.setenv("SPIE_PROVISIONING_FILE", str(tmp_path / "provisioning.json"))
    code = sync_admin.code(sync_territory)
    try:
        enroll(laptop.session, sync_server.base_url, code, PASSPHRASE)
    except TerritoryCaMismatch:
        pass
    else:
        raise AssertionError("enrolled with a server whose CA is not the provisioned one")
    assert enrolment_of(laptop.session) is None


@pytest.mark.parametrize("code", ["", "   ", "X" * 33])
def test_a_code_the_protocol_cannot_carry_is_refused_before_anything_is_sent(
    make_laptop, code: str
) -> None:
    laptop: Laptop = make_laptop("a", enrol=False)
    # Nothing listens on port 9: a request would fail as unreachable, not as malformed.
    with pytest.raises(MalformedCode):
        request_enrolment(laptop.session, "http://127.0.0.1:9", code, PASSPHRASE)
    assert enrolment_of(laptop.session) is None
