"""Setting a device up, unlocking it with two counsellors, and its broken states."""

from __future__ import annotations

from pathlib import Path

import pytest

from spie_desktop.config import keyslots_path, load_config, store_path
from spie_desktop.domain.errors import NotFound, ValidationError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.services import device
from spie_desktop.storage.errors import WrongPassphrase
from spie_desktop.storage.session import SessionClosed

from .conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE, Device, initialise


def test_two_counsellors_each_unlock_with_their_own_passphrase(ready_device: Device) -> None:
    data_dir = ready_device.data_dir
    with device.unlock(data_dir, ready_device.setup.counsellor_id, NADIA_PASSPHRASE) as nadia:
        assert nadia.counsellor.display_name == "Nadia B."
        assert nadia.territory.code == "12"
        julien = device.add_counsellor(
            nadia, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN_PASSPHRASE
        )
    state = device.device_state(data_dir)
    assert state.status is device.DeviceStatus.READY
    assert {a.display_name for a in state.accounts} == {"Nadia B.", "Julien R."}

    with pytest.raises(WrongPassphrase):
        device.unlock(data_dir, julien.id, NADIA_PASSPHRASE)
    with device.unlock(data_dir, julien.id, JULIEN_PASSPHRASE) as session:
        assert session.counsellor.id == julien.id
        assert session.counsellor.field is Field.EMPLOI
        with session.uow() as uow:
            actions = [(a.action, a.entity_id) for a in uow.audit.list()]
    assert (AuditAction.COUNSELLOR_ADDED, julien.id) in actions
    assert (AuditAction.UNLOCK_FAILED, julien.id) in actions  # written at the next unlock
    assert (AuditAction.UNLOCKED, julien.id) in actions


def test_session_close_locks_the_store(ready_device: Device) -> None:
    session = device.unlock(
        ready_device.data_dir, ready_device.setup.counsellor_id, NADIA_PASSPHRASE
    )
    session.close()
    assert not session.is_open
    with pytest.raises(SessionClosed), session.uow():
        pass


def test_set_up_writes_store_keys_and_config(data_dir: Path) -> None:
    assert device.device_state(data_dir).status is device.DeviceStatus.NEW
    result = initialise(data_dir, territory="973")
    assert store_path(data_dir).is_file() and keyslots_path(data_dir).is_file()
    cfg = load_config(data_dir)
    assert cfg is not None and cfg.territory_code == "CTG"  # set up as 973
    assert len(result.recovery_key.replace("-", "")) == 32


def test_set_up_refuses_a_dir_that_already_holds_a_store(ready_device: Device) -> None:
    before = store_path(ready_device.data_dir).read_bytes()
    with pytest.raises(device.DeviceAlreadySetUp):
        initialise(ready_device.data_dir)
    assert store_path(ready_device.data_dir).read_bytes() == before


def test_set_up_refuses_weak_passphrase_and_unknown_territory(data_dir: Path) -> None:
    with pytest.raises(ValidationError) as weak:
        device.initialise_device(
            data_dir,
            territory_code="12",
            structure_name="CCAS de Millau",
            structure_kind=StructureKind.CCAS,
            counsellor_name="Nadia B.",
            field=Field.SOCIAL,
            passphrase="court",
        )
    assert "10 caractères" in weak.value.message_fr
    with pytest.raises(NotFound):
        initialise(data_dir, territory="999")
    assert list(data_dir.iterdir()) == []


def test_missing_key_file_makes_the_device_broken(ready_device: Device) -> None:
    keyslots_path(ready_device.data_dir).unlink()
    state = device.device_state(ready_device.data_dir)
    assert state.status is device.DeviceStatus.BROKEN
    assert "keyslots.json" in state.problem_fr


def test_recovery_key_sets_a_new_passphrase(ready_device: Device) -> None:
    new = "Vent d'autan sur Rodez"
    account = ready_device.setup.counsellor_id
    with device.unlock_with_recovery(
        ready_device.data_dir, ready_device.setup.recovery_key, account, new
    ) as session:
        assert session.counsellor.id == account
    with pytest.raises(WrongPassphrase):
        device.unlock(ready_device.data_dir, account, NADIA_PASSPHRASE)
    device.unlock(ready_device.data_dir, account, new).close()
