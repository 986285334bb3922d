"""Every SPIE territory can be set up: a server territory made by ``spie-server territory add``,
an installer provisioned for it, the set-up pre-filled and accepted; one device set up end to
end. And an installation made with a former code (973 before CTG) keeps working."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spie_desktop.config import load_config, save_config, store_path
from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.provisioning import (
    ENV_VAR,
    Provisioning,
    bundled_provisioning,
    dumps,
    make_provisioning,
    seed_first_run,
    write_file,
)
from spie_desktop.services.device import DeviceStatus, device_state, initialise_device, unlock
from spie_desktop.services.setup_wizard import SetupMode, SetupWizard, identity_errors
from spie_desktop.services.store_binding import TERRITORY_META
from spie_desktop.storage.store import Store
from spie_protocol.territories import territory_list
from spie_server.admin.cli import main as spie_server

from .conftest import SERVER

PASSPHRASE = "le causse au petit matin"
SPIE_CODES = sorted(t.code for t in territory_list().spie_territories())


def server_territory(server_dir: Path, code: str) -> str:
    """``spie-server territory add CODE`` then ``ca-cert CODE``: the CA the installer pins."""
    options = ["--data-dir", str(server_dir)]
    assert spie_server(["territory", "add", code, *options]) == 0
    out = server_dir / f"{code}.pem"
    assert spie_server(["territory", "ca-cert", code, "--out", str(out), *options]) == 0
    return out.read_text(encoding="ascii")


def provision(tmp_path: Path, provisioning: Provisioning, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"provisioning-{provisioning.territory_code}.json"
    write_file(path, provisioning)
    monkeypatch.setenv(ENV_VAR, str(path))


def set_up(data_dir: Path, territory: str) -> None:
    initialise_device(
        data_dir,
        territory_code=territory,
        structure_name="Service insertion",
        structure_kind=StructureKind.CONSEIL_DEPARTEMENTAL,
        counsellor_name="Nadia B.",
        field=Field.SOCIAL,
        passphrase=PASSPHRASE,
    )


def test_the_walk_covers_the_new_collectivities() -> None:
    assert len(SPIE_CODES) == 70  # 17 (14 pilots) + 31 + 23 sourced, 6AE in two waves
    assert {"69M", "CTG", "CTM", "6AE", "20R-AJA", "20R-BAS", "20R-ILR"} <= set(SPIE_CODES)


def test_every_spie_territory_is_provisioned_and_accepted_at_set_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server_dir = tmp_path / "server"
    for code in SPIE_CODES:
        ca_pem = server_territory(server_dir, code)
        provision(tmp_path, make_provisioning(code, SERVER, ca_pem), monkeypatch)
        data_dir = tmp_path / "devices" / code
        assert seed_first_run(data_dir) is not None
        wizard = SetupWizard(data_dir)
        wizard.choose(SetupMode.CONFIGURE)
        assert wizard.territory_locked and wizard.form.territory_code == code
        wizard.form.structure_name, wizard.form.counsellor_name = "Service insertion", "Nadia"
        assert identity_errors(wizard.form) == {}, code


def test_a_spie_metropolis_is_set_up_end_to_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ca_pem = server_territory(tmp_path / "server", "69M")
    provision(tmp_path, make_provisioning("69M", SERVER, ca_pem), monkeypatch)
    data_dir = tmp_path / "device"
    set_up(data_dir, "69M")
    state = device_state(data_dir)
    assert state.status is DeviceStatus.READY
    session = unlock(data_dir, state.accounts[0].account_id, PASSPHRASE)
    try:
        assert session.territory.code == "69M" and session.territory.name == "Métropole de Lyon"
    finally:
        session.close()


def test_an_installation_made_with_973_keeps_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its installer says 973, its config and store say 973 (what earlier versions wrote)."""
    ca_pem = server_territory(tmp_path / "server", "CTG")
    old = json.loads(dumps(make_provisioning("CTG", SERVER, ca_pem)))
    old_file = Provisioning(**{**_fields(old), "territory_code": "973"})
    provision(tmp_path, old_file, monkeypatch)
    assert bundled_provisioning() == old_file  # the earlier installer is not refused

    data_dir = tmp_path / "device"
    set_up(data_dir, "CTG")  # its locked territory is the CTG: allowed
    session = unlock(data_dir, device_state(data_dir).accounts[0].account_id, PASSPHRASE)
    data_key = session.data_key
    session.close()
    with (
        Store.open(store_path(data_dir), data_key) as store,
        store.unit_of_work(actor_id=None) as uow,
    ):
        uow.meta.set(TERRITORY_META, "973")
    config = load_config(data_dir)
    assert config is not None
    config.territory_code = "973"
    save_config(data_dir, config)

    session = unlock(data_dir, device_state(data_dir).accounts[0].account_id, PASSPHRASE)
    try:
        assert session.territory.code == "CTG"
        assert session.territory.timezone == "America/Cayenne"
    finally:
        session.close()
    after = load_config(data_dir)
    assert after is not None and after.territory_code == "973"  # left as it was


def _fields(document: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in document.items() if k in Provisioning.__dataclass_fields__}
