"""The provisioning file: written, read back, and refused when altered or invalid."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from spie_desktop.domain.organisation import Field
from spie_desktop.plan.keys import generate_signing_identity
from spie_desktop.provisioning import (
    ENV_VAR,
    FILE_NAME,
    Provisioning,
    ProvisioningRefused,
    TerritoryCaMismatch,
    checksum,
    dumps,
    loads,
    make_provisioning,
    provisioning_file,
    read_file,
    require_provisioned_ca,
)

from .conftest import SERVER, territory_ca_pem


def rewritten(text: str, *, keep_checksum: bool, **changes: object) -> str:
    """The file with some fields changed; the checksum kept stale, or recomputed."""
    document = json.loads(text)
    document.update(changes)
    if not keep_checksum:
        body = {k: v for k, v in document.items() if k != "sha256"}
        document["sha256"] = checksum(body)
    return json.dumps(document)


def test_round_trip(provisioning: Provisioning) -> None:
    text = dumps(provisioning)
    assert loads(text) == provisioning
    document = json.loads(text)
    assert document["format"] == "spie-provisioning/1"
    assert len(document["sha256"]) == 64
    assert provisioning.created_at.endswith("Z")


def test_territory_codes_are_normalised(ca_pem: str) -> None:
    assert make_provisioning("69m", SERVER, ca_pem).territory_code == "69M"
    # A former code gives the collectivity's own (Corse-du-Sud is the Collectivité de Corse).
    assert make_provisioning("2a", SERVER, ca_pem).territory_code == "20R"
    assert make_provisioning(" 1 ", SERVER + "/", ca_pem).territory_code == "01"
    assert make_provisioning("12", SERVER + "/", ca_pem).server_url == SERVER


def test_an_edited_field_breaks_the_checksum(provisioning: Provisioning) -> None:
    tampered = rewritten(dumps(provisioning), keep_checksum=True, territory_code="973")
    with pytest.raises(ProvisioningRefused) as refused:
        loads(tampered)
    assert "checksum mismatch" in refused.value.message_en
    assert "modifié" in refused.value.message_fr


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"territory_code": "999"}, "unknown territory"),
        ({"ca_cert_pem": "not a certificate"}, "not a PEM certificate"),
        ({"server_url": "http://spie.aveyron.fr"}, "bad server URL"),
        ({"server_url": "ftp://spie.aveyron.fr"}, "bad server URL"),
        ({"lock_timeout_minutes": 0}, "lock_timeout_minutes=0"),
        ({"retention_months": 1000}, "retention_months=1000"),
        ({"lock_timeout_minutes": "10"}, "should be int"),
        ({"format": "spie-provisioning/9"}, "unknown format"),
        ({"extra": 1}, "unexpected fields"),
    ],
)
def test_invalid_values_are_refused_even_with_a_valid_checksum(
    provisioning: Provisioning, changes: dict[str, object], reason: str
) -> None:
    with pytest.raises(ProvisioningRefused) as refused:
        loads(rewritten(dumps(provisioning), keep_checksum=False, **changes))
    assert reason in refused.value.message_en


def test_a_certificate_that_is_not_a_ca_is_refused(provisioning: Provisioning) -> None:
    identity = generate_signing_identity("Nadia B.", "CD 12", Field.SOCIAL)
    leaf = identity.certificate_pem.decode("ascii")
    with pytest.raises(ProvisioningRefused, match="not a CA certificate"):
        loads(dumps(replace(provisioning, ca_cert_pem=leaf)))


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "\xff"])
def test_unreadable_files_are_refused(text: str) -> None:
    with pytest.raises(ProvisioningRefused):
        loads(text.encode("latin-1"))


def test_a_missing_field_is_refused(provisioning: Provisioning) -> None:
    document = json.loads(dumps(provisioning))
    del document["retention_months"]
    document["sha256"] = checksum({k: v for k, v in document.items() if k != "sha256"})
    with pytest.raises(ProvisioningRefused, match="unexpected fields"):
        loads(json.dumps(document))


def test_loopback_http_is_allowed_for_test_servers(ca_pem: str) -> None:
    assert make_provisioning("12", "http://127.0.0.1:8765", ca_pem).server_url


def test_a_missing_file_named_by_the_variable_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProvisioningRefused, match="cannot read"):
        read_file(tmp_path / "nowhere.json")


def test_a_checkout_obeys_the_variable(provisioned: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert provisioning_file() == provisioned
    monkeypatch.delenv(ENV_VAR)
    assert provisioning_file() is None


def test_a_bundle_reads_the_file_beside_its_executable_and_ignores_the_variable(
    tmp_path: Path, provisioned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle / "spie-desktop"))
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle / "_internal"), raising=False)
    assert provisioning_file() is None  # unprovisioned bundle: the variable does not count
    (bundle / FILE_NAME).write_text("{}", encoding="utf-8")
    assert provisioning_file() == bundle / FILE_NAME


def test_enrolment_must_meet_the_provisioned_ca(provisioned: Path, ca_pem: str) -> None:
    require_provisioned_ca(ca_pem)
    with pytest.raises(TerritoryCaMismatch):
        require_provisioned_ca(territory_ca_pem("12"))  # same territory, another CA
    with pytest.raises(TerritoryCaMismatch):
        require_provisioned_ca("garbage")


def test_an_unprovisioned_device_accepts_any_ca(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    require_provisioned_ca(territory_ca_pem("973"))
