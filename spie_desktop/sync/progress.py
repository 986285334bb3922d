"""What a sync tells the people watching it: plain data, no Qt.

``run_sync`` yields :class:`SyncProgress` items (for a progress bar: items and bytes) and
returns a :class:`SyncReport` (for the summary line and the conflict inbox badge).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from spie_desktop.storage.entities import ENTITY_SPECS
from spie_desktop.storage.repositories.sync_inbox import REFUSED, UNKNOWN_ENTITY

#: Parked records that no parent or PDF to come will settle: shown in the conflict inbox.
SET_ASIDE = frozenset({REFUSED, UNKNOWN_ENTITY})


class Phase(StrEnum):
    CONNECT = "connect"
    UPLOAD = "upload"  # signed PDFs
    PUSH = "push"
    PULL = "pull"
    CHECK = "check"
    CATALOGUE = "catalogue"  # the territory's offer catalogue, after people's records
    WAIT = "wait"  # backing off before a new attempt
    DONE = "done"


PHASE_FR = {
    Phase.CONNECT: "Connexion au serveur",
    Phase.UPLOAD: "Envoi des plans signés (PDF)",
    Phase.PUSH: "Envoi des modifications",
    Phase.PULL: "Réception des fiches",
    Phase.CHECK: "Vérification",
    Phase.CATALOGUE: "Offre locale",
    Phase.WAIT: "Nouvel essai",
    Phase.DONE: "Synchronisation terminée",
}


@dataclass(frozen=True)
class SyncProgress:
    phase: Phase
    items_done: int
    items_total: int | None  # None: not known yet (pull pages)
    bytes_sent: int
    bytes_received: int
    message_fr: str


@dataclass
class SyncReport:
    ok: bool = True
    pushed: dict[str, int] = field(default_factory=dict)  # entity -> changes confirmed
    pulled: dict[str, int] = field(default_factory=dict)  # entity -> records received
    conflicts: int = 0  # new conflicts waiting in the inbox
    rejected: int = 0  # changes the server refused (status "error")
    kept: dict[str, int] = field(default_factory=dict)  # refused deletions put back, by code
    parked: int = 0  # records received and kept aside (waiting for a parent, a PDF, a fix)
    catalogue_services: int = 0  # offer catalogue services received (and removed)
    unshared: int = 0  # files erased here: no longer shared with this device's structure
    blobs_sent: int = 0
    blobs_received: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    duration_s: float = 0.0
    warnings_fr: list[str] = field(default_factory=list)
    error_fr: str = ""
    error_en: str = ""
    error_hint_fr: str = ""  # the command-line option that gets past the error, if any
    error_kind: str = ""  # the error's class name: "DeviceRevoked", "Unreachable", ...

    @property
    def summary_fr(self) -> str:
        """« 11 entretiens et 9 plans envoyés, 3 fiches reçues ; offre locale : 1 200 services
        mis à jour »."""
        counted = [
            (self.pushed.get(name, 0), spec.counted_fr)
            for name, spec in ENTITY_SPECS.items()
            if spec.counted_fr is not None
        ]
        named_total = sum(n for n, _ in counted)
        others = sum(self.pushed.values()) - named_total
        parts = []
        if named_total:
            named = [_count(n, one, many) for n, (one, many) in counted if n]
            parts.append(" et ".join(named) + (" envoyé" if named_total == 1 else " envoyés"))
        elif others:
            parts.append(_count(others, "modification envoyée", "modifications envoyées"))
        received = sum(self.pulled.values())
        if received:
            parts.append(_count(received, "fiche reçue", "fiches reçues"))
        text = ", ".join(parts) if parts else "Rien de nouveau"
        if self.catalogue_services:
            offer = catalogue_summary_fr(self.catalogue_services)
            text = f"{text} ; {offer}" if parts else offer[0].upper() + offer[1:]
        if self.conflicts:
            text += f" ; {_count(self.conflicts, 'conflit à examiner', 'conflits à examiner')}"
        if self.rejected:
            text += f" ; {_count(self.rejected, 'modification refusée', 'modifications refusées')}"
        if self.unshared:
            text += f" ; {unshared_summary_fr(self.unshared)}"
        return text


def unshared_summary_fr(files: int) -> str:
    """« 2 dossiers retirés de cet ordinateur : ils ne sont plus partagés avec votre
    structure »."""
    if files == 1:
        return "1 dossier retiré de cet ordinateur : il n'est plus partagé avec votre structure"
    return (
        f"{files} dossiers retirés de cet ordinateur : ils ne sont plus partagés avec votre "
        "structure"
    )


def catalogue_summary_fr(services: int) -> str:
    """« offre locale : 1 200 services mis à jour » (thousands grouped by a no-break space)."""
    grouped = f"{services:,}".replace(",", "\u00a0")
    return f"offre locale : {grouped} service{'s' if services > 1 else ''} mis à jour"


def set_aside_warning(n: int) -> str:
    """« 2 fiches reçues du serveur n'ont pas pu être enregistrées… »."""
    what = _count(n, "fiche reçue du serveur", "fiches reçues du serveur")
    verb = "n'a pas pu être enregistrée" if n == 1 else "n'ont pas pu être enregistrées"
    return (
        f"{what} {verb} sur cet ordinateur : mise{'' if n == 1 else 's'} de côté, "
        "voir « Conflits à examiner ». La synchronisation continue pour le reste."
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
