"""What the Synchronisation section needs around the sync engine: an overview, a run that
records when it succeeded, a cheap reachability probe, and who a conflict is about.

The engine (``spie_desktop.sync``) records the moment of the last successful sync where the
status bar reads it (``LAST_SYNC_KEY``), for the UI and for headless runs alike.

The UI reaches ``spie_desktop.sync`` only through this module: enrolment goes through
:func:`request_enrolment` / :func:`accept_enrolment` here, and the sync types and refusals
the UI shows are re-exported (``import X as X``).
"""

from __future__ import annotations

import uuid
from collections.abc import Generator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from spie_desktop.server_address import is_clear_text_to_another_host
from spie_desktop.storage.entities import ENTITY_SPECS
from spie_desktop.storage.session import Session
from spie_desktop.sync import enrolment
from spie_desktop.sync.ca_trust import CaNotConfirmed as CaNotConfirmed
from spie_desktop.sync.client import CancelLike, SyncClient
from spie_desktop.sync.engine import SyncOptions as SyncOptions
from spie_desktop.sync.engine import run_sync
from spie_desktop.sync.enrolment import Enrolment, ca_file, enrolment_of
from spie_desktop.sync.enrolment import EnrolmentOffer as EnrolmentOffer
from spie_desktop.sync.errors import SyncError as SyncError
from spie_desktop.sync.progress import SyncProgress as SyncProgress
from spie_desktop.sync.progress import SyncReport as SyncReport
from spie_desktop.sync.transport_policy import check_server_url as check_server_url

from .conflicts import DELETED_FIELD, ConflictView
from .status import LAST_SYNC_KEY, parse_moment

PROBE_TIMEOUT_S = 10.0

FIELD_LABELS_FR = {
    "first_name": "Prénom",
    "last_name": "Nom",
    "birth_date": "Date de naissance",
    "commune": "Commune",
    "phone": "Téléphone",
    "email": "Courriel",
    "status": "Statut",
    "last_contact": "Dernier contact",
    "place": "Lieu",
    "current_step": "Étape en cours",
    "value": "Réponse",
    "label": "Libellé",
    "theme": "Thème",
    "referent": "Référent",
    "responsible_structure": "Structure responsable",
    "start_date": "Date de début",
    "due_date": "Échéance",
    "next_review": "Prochain point",
    "contract": "Contrat",
    DELETED_FIELD: "Suppression",
}


@dataclass(frozen=True)
class SyncOverview:
    demo_store: bool
    enrolled: bool
    server_url: str
    territory: str
    device_id: str
    pending_changes: int
    last_sync_at: datetime | None
    open_conflicts: int


@dataclass(frozen=True)
class ConflictLine:
    """One conflict as the inbox shows it."""

    view: ConflictView
    person_name: str  # "" when the record concerns no person
    field_label_fr: str

    @property
    def combinable(self) -> bool:
        """Text on both sides (or one side empty): a person can write a combination."""
        values = (self.view.local_value, self.view.server_value)
        return (
            self.view.field != DELETED_FIELD
            and all(v is None or isinstance(v, str) for v in values)
            and any(isinstance(v, str) for v in values)
        )


def read_overview(session: Session) -> SyncOverview:
    enrolment = None if session.store.is_demo else enrolment_of(session)
    with session.uow(read_only=True) as uow:
        pending = uow.outbox.count_pending()
        last = parse_moment(uow.meta.get(LAST_SYNC_KEY))
        demo = session.store.is_demo or uow.meta.is_demo_store()
        conflicts = len(uow.inbox.conflicts(open_only=True))
    return SyncOverview(
        demo_store=demo,
        enrolled=enrolment is not None,
        server_url=enrolment.server_url if enrolment else session.config.server_url,
        territory=enrolment.territory if enrolment else "",
        device_id=str(enrolment.device_id) if enrolment else "",
        pending_changes=pending,
        last_sync_at=last,
        open_conflicts=conflicts,
    )


def sync_and_record(
    session: Session, cancel: CancelLike | None = None, options: SyncOptions | None = None
) -> Generator[SyncProgress, None, SyncReport]:
    """:func:`run_sync` (which records the moment of a successful run for the status bar)."""
    return (yield from run_sync(session, cancel, options))


def server_reachable(server_url: str, data_dir: Path, timeout_s: float = PROBE_TIMEOUT_S) -> bool:
    """The server's health endpoint answers ``{"status": "ok"}`` (no token, no database: any
    thread). An address the sync would refuse (plain http to another host) is never probed."""
    if is_clear_text_to_another_host(server_url):
        return False
    try:
        client = SyncClient(
            server_url,
            ca_file=ca_file(data_dir),
            connect_timeout=timeout_s,
            stall_timeout=timeout_s,
        )
    except SyncError:
        return False
    try:
        return client.health().status == "ok"
    except SyncError:
        return False
    finally:
        client.close()


def conflict_lines(session: Session, views: list[ConflictView]) -> list[ConflictLine]:
    """The person each conflict concerns, by name, and its field in French."""
    lines = []
    with session.uow(read_only=True) as uow:
        for view in views:
            person = _person_of(uow.session, view.entity, view.entity_id)
            label = FIELD_LABELS_FR.get(view.field, view.field.replace("_", " ").capitalize())
            lines.append(ConflictLine(view, person, label))
    return lines


def _person_of(db: Any, entity: str, entity_id: uuid.UUID) -> str:
    """The name of the record at the top of ``entity``'s owner chain (action -> objective ->
    plan -> person), "" when that record is not named after someone or is gone."""
    spec = ENTITY_SPECS.get(entity)
    record_id: Any = entity_id
    while spec is not None:
        table = spec.table
        if spec.owner is None:
            if spec.title is None:
                return ""
            row = db.execute(select(table).where(table.c.id == record_id)).first()
            return spec.title(row._mapping) if row is not None else ""
        record_id = db.execute(select(table.c[spec.owner]).where(table.c.id == record_id)).scalar()
        owner = spec.owner_entity
        if record_id is None or owner is None:
            return ""
        spec = ENTITY_SPECS.get(owner)
    return ""


def set_auto_sync(session: Session, on: bool) -> None:
    """Keep the background-sync choice in ``config.toml`` (and in the open session)."""
    from spie_desktop.config import load_config, save_config

    session.config.auto_sync = on
    config = load_config(session.data_dir)
    if config is not None and config.auto_sync != on:
        config.auto_sync = on
        save_config(session.data_dir, config)


def request_enrolment(
    session: Session, server_url: str, code: str, passphrase: str
) -> EnrolmentOffer:
    """Send the one-time code and the certificate request; nothing is stored yet
    (:func:`spie_desktop.sync.enrolment.request_enrolment`)."""
    return enrolment.request_enrolment(session, server_url, code, passphrase)


def accept_enrolment(
    session: Session, offer: EnrolmentOffer, ca_fingerprint: str | None
) -> Enrolment:
    """Check the offer's territory CA, then store the enrolment
    (:func:`spie_desktop.sync.enrolment.accept_enrolment`)."""
    return enrolment.accept_enrolment(session, offer, ca_fingerprint)
