"""What ties ``config.toml`` and ``keyslots.json`` to their store (keys kept in ``meta``).

``config.toml`` is plain text beside the encrypted store; its territory decides which forms,
time zone and server the device uses. At set-up the store records its territory and its
structure; at each unlock the file must still agree, otherwise nothing is opened.
"""

from __future__ import annotations

import json
import logging
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from spie_desktop.config import DeviceConfig, keyslots_path
from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.interface_sentence import say
from spie_desktop.storage.keyslots import KeySlots

if TYPE_CHECKING:
    from spie_desktop.storage.store import Store

log = logging.getLogger(__name__)

TERRITORY_META = "territory_code"
STRUCTURE_META = "structure_id"
#: A new account's key slot, committed with the account and then copied to keyslots.json.
PENDING_SLOT_META = "pending_key_slot"


_WHAT_FR = {"territory": "territoire modifié", "structure": "structure modifiée"}


class ConfigDoesNotMatchStore(SpieError):
    def __init__(self, what: str) -> None:
        super().__init__(
            say(
                "Le fichier de configuration (config.toml) ne correspond pas aux données de cet "
                "appareil ({what}). Restaurez-le depuis votre sauvegarde.",
                what=_WHAT_FR.get(what, what),
            ),
            f"config.toml does not match the store: its {what} differs from the one recorded "
            "at set-up",
        )


def check_config_matches_store(store: Store, cfg: DeviceConfig) -> None:
    """Refuse a ``config.toml`` whose territory or structure is not the store's."""
    with store.unit_of_work(actor_id=None, read_only=True) as uow:
        territory = uow.meta.get(TERRITORY_META)
        structure_id = uow.meta.get(STRUCTURE_META)
        structure_name: str | None = None
        if structure_id is not None:
            structure = uow.structures.find(uuid.UUID(structure_id))
            structure_name = structure.name if structure else None
    if territory is not None and territory != cfg.territory_code:
        raise ConfigDoesNotMatchStore("territory")
    if structure_name is not None and structure_name != cfg.structure_name:
        raise ConfigDoesNotMatchStore("structure")


def install_pending_slot(store: Store, data_dir: Path) -> None:
    """Finish an account creation whose key slot is still only in the store."""
    with store.unit_of_work(actor_id=None, read_only=True) as uow:
        pending = uow.meta.get(PENDING_SLOT_META)
    if pending is None:
        return
    if KeySlots.load(keyslots_path(data_dir)).install_account_slot(json.loads(pending)):
        log.info("pending account key slot installed")
    with store.unit_of_work(actor_id=None) as uow:
        uow.meta.delete(PENDING_SLOT_META)


class AccountSetupInterrupted(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "La création de ce compte a été interrompue avant la fin : il a été retiré de "
                "cet appareil. Ajoutez-le de nouveau depuis un autre compte."
            ),
            "this account's creation was interrupted (key slot without an account in the "
            "store); its slot was removed: add the account again",
        )


def drop_interrupted_accounts(store: Store, data_dir: Path, unlocking: uuid.UUID) -> None:
    """Remove key slots whose account never reached the store (a ``counsellor add`` of an
    older version killed after writing the slot); raise if the unlocking account was one."""
    slots = KeySlots.load(keyslots_path(data_dir))
    with store.unit_of_work(actor_id=None, read_only=True) as uow:
        orphans = [
            a.account_id for a in slots.accounts() if uow.counsellors.find(a.account_id) is None
        ]
    for account_id in orphans:
        slots.remove_account_slot(account_id)
        log.info("key slot of interrupted account %s removed", account_id)
    if unlocking in orphans:
        raise AccountSetupInterrupted()
