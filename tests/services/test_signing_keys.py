"""Each counsellor's signing key: made with their account, wrapped under their own
passphrase, rewrapped when it changes, replaced after a recovery, made late on old stores."""

from __future__ import annotations

import uuid

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from sqlalchemy import delete

from spie_desktop.domain.organisation import Field
from spie_desktop.domain.signing_key import SigningKey
from spie_desktop.plan.errors import WrongSigningPassphrase
from spie_desktop.plan.keys import unwrap_private_key
from spie_desktop.services import device
from spie_desktop.services.plans import PlanService
from spie_desktop.storage.keyslots import KeySlots
from spie_desktop.storage.models import SigningKeyRow, table_of
from spie_desktop.storage.session import Session

from .conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE, Device

NEW_PASSPHRASE = "Causse Comtal au petit matin"


def _current(session: Session, counsellor_id: uuid.UUID) -> SigningKey | None:
    with session.uow(read_only=True) as uow:
        return uow.signing_keys.current_for(counsellor_id)


def _name(pem: str, oid: x509.ObjectIdentifier) -> str:
    cert = x509.load_pem_x509_certificate(pem.encode())
    return str(cert.subject.get_attributes_for_oid(oid)[0].value)


def test_set_up_and_new_accounts_get_a_key_only_their_passphrase_opens(session: Session) -> None:
    julien = device.add_counsellor(
        session, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN_PASSPHRASE
    )
    nadia_key = _current(session, session.counsellor.id)
    julien_key = _current(session, julien.id)
    assert nadia_key is not None and julien_key is not None
    assert _name(nadia_key.certificate_pem, NameOID.COMMON_NAME) == "Nadia B."
    assert _name(nadia_key.certificate_pem, NameOID.ORGANIZATION_NAME) == (
        "Conseil départemental de l'Aveyron"
    )
    assert _name(julien_key.certificate_pem, NameOID.ORGANIZATIONAL_UNIT_NAME) == (
        "Volet professionnel"
    )
    assert b"PRIVATE" not in nadia_key.wrapped_key
    unwrap_private_key(nadia_key.wrapped_key, NADIA_PASSPHRASE)
    unwrap_private_key(julien_key.wrapped_key, JULIEN_PASSPHRASE)
    with pytest.raises(WrongSigningPassphrase):
        unwrap_private_key(julien_key.wrapped_key, NADIA_PASSPHRASE)  # Nadia cannot sign for him


def test_changing_the_passphrase_rewraps_the_same_key(ready_device: Device) -> None:
    account = ready_device.setup.counsellor_id
    device.change_passphrase(ready_device.data_dir, account, NADIA_PASSPHRASE, NEW_PASSPHRASE)
    with device.unlock(ready_device.data_dir, account, NEW_PASSPHRASE) as session:
        with session.uow(read_only=True) as uow:
            history = uow.signing_keys.list_for(account)
        plans = PlanService(session)
        with pytest.raises(WrongSigningPassphrase) as wrong:
            plans.unlock_signer(account, NADIA_PASSPHRASE)  # the old one no longer signs
        assert wrong.value.message_fr == (
            "Phrase de passe incorrecte pour Nadia B. : la signature n'a pas été apposée."
        )
        signer = plans.unlock_signer(account, NEW_PASSPHRASE)
    assert len(history) == 1  # same identity: plans signed before still match it
    cert = x509.load_pem_x509_certificate(history[0].certificate_pem.encode())
    assert cert == signer.key.certificate


def test_an_interrupted_passphrase_change_can_be_run_again(
    ready_device: Device, monkeypatch: pytest.MonkeyPatch
) -> None:
    account, data_dir = ready_device.setup.counsellor_id, ready_device.data_dir

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(KeySlots, "change_passphrase", disk_full)
        with pytest.raises(OSError):
            device.change_passphrase(data_dir, account, NADIA_PASSPHRASE, NEW_PASSPHRASE)
    # Key rewrapped, slot not: the old passphrase still unlocks; running it again finishes.
    device.unlock(data_dir, account, NADIA_PASSPHRASE).close()
    device.change_passphrase(data_dir, account, NADIA_PASSPHRASE, NEW_PASSPHRASE)
    with device.unlock(data_dir, account, NEW_PASSPHRASE) as session:
        PlanService(session).unlock_signer(account, NEW_PASSPHRASE)


def test_the_recovery_key_opens_the_store_but_never_the_old_signing_key(
    ready_device: Device,
) -> None:
    account = ready_device.setup.counsellor_id
    with device.unlock_with_recovery(
        ready_device.data_dir, ready_device.setup.recovery_key, account, NEW_PASSPHRASE
    ) as session:
        with session.uow(read_only=True) as uow:
            old, new = uow.signing_keys.list_for(account)
        PlanService(session).unlock_signer(account, NEW_PASSPHRASE)
    assert old.replaced_at is not None and old.wrapped_key == b""
    assert new.is_current and old.certificate_pem != new.certificate_pem


def test_an_account_without_a_key_gets_one_at_first_signing_with_its_own_passphrase(
    session: Session,
) -> None:
    """A store made before signing identities: keys are made late, never with a guess."""
    julien = device.add_counsellor(
        session, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN_PASSPHRASE
    )
    with session.uow() as uow:
        uow.session.execute(delete(table_of(SigningKeyRow)))
    plans = PlanService(session)
    with pytest.raises(WrongSigningPassphrase) as wrong:
        plans.unlock_signer(julien.id, NADIA_PASSPHRASE)  # Nadia's passphrase, Julien's key
    assert "Julien R." in wrong.value.message_fr
    assert _current(session, julien.id) is None
    signer = plans.unlock_signer(julien.id, JULIEN_PASSPHRASE)
    stored = _current(session, julien.id)
    assert stored is not None and signer.counsellor.id == julien.id
    unwrap_private_key(stored.wrapped_key, JULIEN_PASSPHRASE)
