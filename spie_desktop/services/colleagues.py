"""A colleague at the keyboard of an unlocked window: their passphrase checked against the
open store, and a new account added on their word without locking first.

The unlock screen adds an account by opening the store as the vouching colleague
(``device.unlock`` then :func:`device.add_counsellor`); inside the window the store is
already open, so the colleague's passphrase is checked against the key slots and the
account is added through the same session.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from spie_desktop.config import keyslots_path
from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.organisation import Counsellor, Field
from spie_desktop.storage.keyslots import KeySlots, SlotInfo
from spie_desktop.storage.session import Session

from .device import add_counsellor

log = logging.getLogger(__name__)


class WrongStore(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say("Ce compte n'ouvre pas le même coffre que celui qui est déverrouillé."),
            "the account unwraps a different data key",
        )


def device_accounts(data_dir: Path) -> list[SlotInfo]:
    """Every counsellor account of this device (from its key slots: no store read)."""
    return KeySlots.load(keyslots_path(data_dir)).accounts()


def check_colleague(session: Session, account_id: uuid.UUID, passphrase: str) -> None:
    """The passphrase opens this account's key slot, onto the open store; a wrong one is
    audited and raised (:class:`~spie_desktop.storage.errors.WrongPassphrase`)."""
    slots = KeySlots.load(keyslots_path(session.data_dir))
    try:
        data_key = slots.unlock(account_id, passphrase)
    except SpieError:
        with session.uow() as uow:
            uow.audit.record(AuditAction.UNLOCK_FAILED, "counsellor", account_id)
        raise
    if data_key != session.data_key:
        raise WrongStore()


def add_counsellor_vouched(
    session: Session,
    colleague_id: uuid.UUID,
    colleague_passphrase: str,
    *,
    display_name: str,
    field: Field,
    passphrase: str,
) -> Counsellor:
    """A colleague already on this device confirms with their passphrase; the new account is
    added to the open store (its key slot, its signing identity)."""
    check_colleague(session, colleague_id, colleague_passphrase)
    counsellor = add_counsellor(
        session, display_name=display_name, field=field, passphrase=passphrase
    )
    log.info("account %s vouched for by %s", counsellor.id, colleague_id)
    return counsellor
