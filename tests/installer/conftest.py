"""Fixtures for the installer tests: a real territory CA, provisioning files."""

from __future__ import annotations

from pathlib import Path

import pytest

from spie_desktop.provisioning import ENV_VAR, Provisioning, make_provisioning, write_file
from spie_server.territory.ca import create_ca

SERVER = "https://spie.aveyron.fr"


def territory_ca_pem(code: str = "12") -> str:
    """A CA made by the server's own code, as `spie-server territory ca-cert` exports it."""
    return create_ca(code, f"Territoire {code}", b"test secret").cert_pem


@pytest.fixture(scope="session")
def ca_pem() -> str:
    return territory_ca_pem("12")


@pytest.fixture
def provisioning(ca_pem: str) -> Provisioning:
    return make_provisioning(
        "12", SERVER, ca_pem, lock_timeout_minutes=7, bundle_name="SPIE Aveyron"
    )


@pytest.fixture
def provisioned(
    tmp_path: Path, provisioning: Provisioning, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A provisioning file that this (non-frozen) process obeys, through the env variable."""
    path = tmp_path / "provisioning.json"
    write_file(path, provisioning)
    monkeypatch.setenv(ENV_VAR, str(path))
    return path
