"""The device's life cycle: first set-up, unlock, accounts, passphrases.

Set-up writes ``store.db`` (encrypted with a fresh random data key), ``keyslots.json`` (that
key wrapped once per account and once for the recovery key) and ``config.toml``.

The UI reaches ``spie_desktop.storage`` only through services: the session, account and
refusal types it shows are re-exported here (``import X as X``).
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from spie_desktop.config import (
    DeviceConfig,
    keyslots_path,
    load_config,
    save_config,
    store_path,
)
from spie_desktop.domain.errors import SpieError, ValidationError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interface_sentence import Sentence, say
from spie_desktop.domain.organisation import Counsellor, Field, Structure, StructureKind
from spie_desktop.domain.passphrase import check_new_passphrase
from spie_desktop.domain.people import fold_name
from spie_desktop.domain.territory import territory_by_code
from spie_desktop.provisioning import seed_first_run
from spie_desktop.storage.errors import KeySlotFileCorrupt
from spie_desktop.storage.errors import UnlockThrottled as UnlockThrottled
from spie_desktop.storage.errors import WrongPassphrase as WrongPassphrase
from spie_desktop.storage.keyslots import KeySlots, new_data_key
from spie_desktop.storage.keyslots import SlotInfo as SlotInfo
from spie_desktop.storage.session import Session as Session
from spie_desktop.storage.upgrade_progress import ProgressHook as ProgressHook
from spie_desktop.storage.upgrade_progress import UpgradeProgress as UpgradeProgress

from . import pending_audit, setup_journal
from .store_binding import (
    PENDING_SLOT_META,
    STRUCTURE_META,
    TERRITORY_META,
    check_config_matches_store,
    drop_interrupted_accounts,
    install_pending_slot,
)

# Signing identities (services.signing_keys) are imported where they are made or rewrapped:
# they pull in pyHanko and reportlab, which the unlock path must not wait for.

log = logging.getLogger(__name__)


class DeviceStatus(StrEnum):
    NEW = "new"
    READY = "ready"
    BROKEN = "broken"


@dataclass
class DeviceState:
    status: DeviceStatus
    accounts: list[SlotInfo] = field(default_factory=list)
    problem_fr: str = ""
    problem_en: str = ""
    #: What is wrong, for the interface (``problem_fr``: the same in French).
    problem: Sentence | None = None


@dataclass(frozen=True)
class SetupResult:
    recovery_key: str
    counsellor_id: uuid.UUID


class DeviceAlreadySetUp(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say("Ce dossier contient déjà des données : l'appareil est déjà configuré."),
            "the data dir already holds a store; refusing to overwrite it",
        )


class DeviceNotSetUp(SpieError):
    cli_hint_fr = "Configurez-le d'abord : spie-desktop init."

    def __init__(self) -> None:
        super().__init__(
            say("Cet appareil n'est pas encore configuré (aucune donnée dans ce dossier)."),
            "no store in this data dir (run init first)",
        )


class ConfigMissing(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "Le fichier de configuration (config.toml) est introuvable. Restaurez-le depuis "
                "votre sauvegarde."
            ),
            "config.toml is missing",
        )


def device_state(data_dir: Path) -> DeviceState:
    """What the data dir holds: nothing yet, a usable store, or a broken set of files."""
    setup_journal.recover_setup(data_dir)
    has_store = store_path(data_dir).exists()
    has_slots = keyslots_path(data_dir).exists()
    if not has_store and not has_slots:
        # A provisioned installation pre-fills set-up; an altered provisioning file raises
        # ProvisioningRefused, so set-up never starts with its values.
        seed_first_run(data_dir)
        return DeviceState(DeviceStatus.NEW)
    try:
        _check_files(data_dir)
        accounts = KeySlots.load(keyslots_path(data_dir)).accounts()
    except SpieError as exc:
        return DeviceState(DeviceStatus.BROKEN, [], exc.message_fr, exc.message_en, exc.said)
    return DeviceState(DeviceStatus.READY, accounts)


def _check_files(data_dir: Path) -> None:
    """Raise the first reason the data dir cannot be opened (before any key derivation)."""
    from spie_desktop.storage.errors import KeySlotFileMissing, StoreMissing

    setup_journal.recover_setup(data_dir)
    if not store_path(data_dir).exists() and not keyslots_path(data_dir).exists():
        raise DeviceNotSetUp()
    setup_journal.check_setup_complete(data_dir)
    if not keyslots_path(data_dir).exists():
        raise KeySlotFileMissing()
    if not store_path(data_dir).exists():
        raise StoreMissing()
    if load_config(data_dir) is None:
        raise ConfigMissing()


def initialise_device(
    data_dir: Path,
    *,
    territory_code: str,
    structure_name: str,
    structure_kind: StructureKind,
    counsellor_name: str,
    field: Field,
    passphrase: str,
) -> SetupResult:
    """Create the store, the first account and the recovery key. Refuses an existing store."""
    territory = territory_by_code(territory_code)
    structure_name = _required(structure_name, "structure_name", "le nom de la structure")
    counsellor_name = _required(counsellor_name, "counsellor_name", "le nom du conseiller")
    check_new_passphrase(passphrase)
    setup_journal.recover_setup(data_dir)
    if store_path(data_dir).exists() or keyslots_path(data_dir).exists():
        raise DeviceAlreadySetUp()
    seed_first_run(data_dir)  # refuses an altered provisioning file
    provisioned = load_config(data_dir)
    if (
        provisioned
        and provisioned.territory_locked
        and territory_by_code(provisioned.territory_code).code != territory.code
    ):
        raise ValidationError(
            say(
                "Cet appareil est réservé au territoire {territory_code}.",
                territory_code=provisioned.territory_code,
            ),
            "territory differs from the provisioned, locked territory",
            "territory_code",
        )
    with setup_journal.staged_setup(data_dir) as staging:
        recovery_key, counsellor = _build_device(
            staging,
            territory.code,
            structure_name,
            structure_kind,
            counsellor_name,
            field,
            passphrase,
        )
        cfg = provisioned or DeviceConfig(territory.code, structure_name, structure_kind.value)
        cfg.territory_code, cfg.structure_name = territory.code, structure_name
        cfg.structure_kind = structure_kind.value
        save_config(staging, cfg)
    log.info("device initialised: territory %s, account %s", territory.code, counsellor.id)
    return SetupResult(recovery_key=recovery_key, counsellor_id=counsellor.id)


def _build_device(
    staging: Path,
    territory_code: str,
    structure_name: str,
    structure_kind: StructureKind,
    counsellor_name: str,
    field: Field,
    passphrase: str,
) -> tuple[str, Counsellor]:
    """The store and the key slots of a new device, in the staging folder."""
    from spie_desktop.storage.store import Store  # heavy (SQLAlchemy): only when needed

    from .signing_keys import new_signing_key

    data_key = new_data_key()
    structure = Structure(name=structure_name, kind=structure_kind, territory_code=territory_code)
    counsellor = Counsellor(display_name=counsellor_name, field=field, structure_id=structure.id)
    signing_key = new_signing_key(counsellor, structure_name, passphrase)
    with (
        Store.create(store_path(staging), data_key) as store,
        store.unit_of_work(actor_id=counsellor.id) as uow,
    ):
        uow.meta.set(TERRITORY_META, territory_code)
        uow.meta.set(STRUCTURE_META, str(structure.id))
        uow.structures.add(structure)
        uow.counsellors.add(counsellor)
        uow.signing_keys.add(signing_key)
        uow.audit.record(AuditAction.STORE_CREATED)
        uow.audit.record(AuditAction.COUNSELLOR_ADDED, "counsellor", counsellor.id)
    slots = KeySlots.create(keyslots_path(staging))
    slots.add_account_slot(counsellor.id, counsellor_name, field.value, passphrase, data_key)
    return slots.add_recovery_slot(data_key), counsellor


def _required(value: str, name: str, label_fr: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValidationError(
            say("Indiquez {label_fr}.", label_fr=label_fr), f"{name} is required", name
        )
    return value


def unlock(
    data_dir: Path,
    account_id: uuid.UUID,
    passphrase: str,
    *,
    on_upgrade: ProgressHook | None = None,
) -> Session:
    """Unwrap the data key with this account's passphrase and open the store; a store the
    previous release made is upgraded first, ``on_upgrade`` hearing how it goes."""
    _check_files(data_dir)
    slots = KeySlots.load(keyslots_path(data_dir))
    try:
        data_key = slots.unlock(account_id, passphrase)
    except WrongPassphrase:
        pending_audit.defer(data_dir, AuditAction.UNLOCK_FAILED, account_id)
        log.info("unlock failed for account %s", account_id)
        raise
    session = _open_session(data_dir, account_id, data_key, AuditAction.UNLOCKED, on_upgrade)
    from .signing_keys import request_territory_certificate

    # An account added after enrolment: its certificate request goes with the next sync.
    request_territory_certificate(
        session, session.counsellor, passphrase=passphrase, only_if_enrolled=True
    )
    return session


def unlock_with_recovery(
    data_dir: Path,
    recovery_key: str,
    account_id: uuid.UUID,
    new_passphrase: str,
    *,
    on_upgrade: ProgressHook | None = None,
) -> Session:
    """Give an account a new passphrase with the recovery key, then open the store (a store
    the previous release made is upgraded first, ``on_upgrade`` hearing how it goes)."""
    check_new_passphrase(new_passphrase)
    _check_files(data_dir)
    slots = KeySlots.load(keyslots_path(data_dir))
    data_key = slots.unlock_with_recovery(recovery_key)
    slots.reset_passphrase_with_recovery(account_id, recovery_key, new_passphrase)
    from .signing_keys import create_signing_key

    session = _open_session(data_dir, account_id, data_key, AuditAction.RECOVERY_USED, on_upgrade)
    with session.uow() as uow:
        # The recovery key opens the store, never a counsellor's signing key (whoever holds
        # it must not sign for them): the old identity is retired, a new one made.
        create_signing_key(uow, session.counsellor, new_passphrase)
        uow.audit.record(AuditAction.PASSPHRASE_CHANGED, "counsellor", account_id)
    return session


def _open_session(
    data_dir: Path,
    account_id: uuid.UUID,
    data_key: bytes,
    action: AuditAction,
    on_upgrade: ProgressHook | None = None,
) -> Session:
    cfg = load_config(data_dir)
    if cfg is None:
        raise ConfigMissing()
    territory = territory_by_code(cfg.territory_code)
    from spie_desktop.storage.store import Store  # heavy (SQLAlchemy): off the start-up path

    store = Store.open(store_path(data_dir), data_key, on_upgrade=on_upgrade)
    try:
        install_pending_slot(store, data_dir)
        drop_interrupted_accounts(store, data_dir, account_id)
        check_config_matches_store(store, cfg)
    except BaseException:
        store.close()
        raise
    deferred = pending_audit.take(data_dir)
    try:
        with store.unit_of_work(actor_id=account_id) as uow:
            counsellor = uow.counsellors.get(account_id)
            for deferred_action, deferred_account in deferred:
                uow.audit.record(deferred_action, "counsellor", deferred_account)
            uow.audit.record(action, "counsellor", account_id)
    except BaseException:
        pending_audit.put_back(data_dir, deferred)
        store.close()
        raise
    log.info("store unlocked by account %s", account_id)
    return Session(
        data_dir=data_dir,
        store=store,
        counsellor=counsellor,
        territory=territory,
        config=cfg,
        data_key=data_key,
    )


def add_counsellor(
    session: Session, *, display_name: str, field: Field, passphrase: str
) -> Counsellor:
    """A new account on this device: a counsellor row, its signing identity, its key slot."""
    from .signing_keys import create_signing_key

    display_name = _required(display_name, "display_name", "le nom du conseiller")
    check_new_passphrase(passphrase)
    slots = KeySlots.load(keyslots_path(session.data_dir))
    if any(fold_name(a.display_name) == fold_name(display_name) for a in slots.accounts()):
        raise ValidationError(
            say("Un compte porte déjà ce nom sur cet appareil."),
            "an account with this display name already exists",
            "display_name",
        )
    counsellor = Counsellor(
        display_name=display_name, field=field, structure_id=session.counsellor.structure_id
    )
    slot = slots.account_slot(
        counsellor.id, display_name, field.value, passphrase, session.data_key
    )
    with session.uow() as uow:
        uow.counsellors.add(counsellor)
        create_signing_key(uow, counsellor, passphrase)
        uow.audit.record(AuditAction.COUNSELLOR_ADDED, "counsellor", counsellor.id)
        # The commit point: the slot travels in the same transaction as the account, and is
        # copied into keyslots.json just after (or at the next unlock, after a crash).
        uow.meta.set(PENDING_SLOT_META, json.dumps(slot))
    install_pending_slot(session.store, session.data_dir)
    log.info("account %s added by %s", counsellor.id, session.counsellor.id)
    return counsellor


def change_passphrase(data_dir: Path, account_id: uuid.UUID, old: str, new: str) -> None:
    """Rewrap this account's signing key, then its key slot, under a new passphrase.

    No re-encryption of the store. Order and failures: ``old`` is checked against the key
    slot first (nothing changes if it is wrong); the signing key is rewrapped and committed
    in one unit of work; only then is the slot rewritten (atomically, by rename). If the
    slot cannot be written after the key was rewrapped, the account still unlocks with
    ``old`` but signs with ``new``; running the change again with the same two passphrases
    completes it (the rewrap is idempotent). The reverse order could leave a slot that opens
    with ``new`` and a key that only ``old`` opens, with no way to redo the change.
    """
    check_new_passphrase(new)
    _check_files(data_dir)
    slots = KeySlots.load(keyslots_path(data_dir))
    try:
        data_key = slots.unlock(account_id, old)
    except WrongPassphrase:
        pending_audit.defer(data_dir, AuditAction.UNLOCK_FAILED, account_id)
        raise
    _rewrap_signing_key(data_dir, data_key, account_id, old, new)
    slots.change_passphrase(account_id, old, new)
    pending_audit.defer(data_dir, AuditAction.PASSPHRASE_CHANGED, account_id)
    log.info("passphrase changed for account %s", account_id)


def _rewrap_signing_key(
    data_dir: Path, data_key: bytes, account_id: uuid.UUID, old: str, new: str
) -> None:
    from spie_desktop.storage.store import Store  # heavy (SQLAlchemy): only when needed

    from .signing_keys import rewrap_signing_key

    with (
        Store.open(store_path(data_dir), data_key) as store,
        store.unit_of_work(actor_id=account_id) as uow,
    ):
        rewrap_signing_key(uow, uow.counsellors.get(account_id), old, new)


def resolve_account(data_dir: Path, name_or_id: str | None) -> SlotInfo:
    """The account named (display name, folded) or identified; default: the first one."""
    _check_files(data_dir)
    accounts = KeySlots.load(keyslots_path(data_dir)).accounts()
    if not accounts:
        raise KeySlotFileCorrupt("no account slot")
    if not name_or_id:
        return accounts[0]
    wanted = name_or_id.strip()
    for account in accounts:
        if str(account.account_id) == wanted.lower():
            return account
    matches = [a for a in accounts if fold_name(a.display_name) == fold_name(wanted)]
    if len(matches) == 1:
        return matches[0]
    raise ValidationError(
        say("Aucun compte (ou plusieurs) ne correspond à ce nom sur cet appareil."),
        "no single account matches this name or id",
        "account",
    )
