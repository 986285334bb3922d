"""What a sync tells the people watching it: plain data, no Qt.

``run_sync`` yields :class:`SyncProgress` items (for a progress bar: items and bytes) and
returns a :class:`SyncReport` (for the summary line and the conflict inbox badge).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from spie_desktop.domain.interface_sentence import Sentence, joined, say, verbatim
from spie_desktop.storage.entities import ENTITY_SPECS
from spie_desktop.storage.repositories.sync_inbox import REFUSED, UNKNOWN_ENTITY

#: Parked records that no parent or PDF to come will settle: shown in the conflict inbox.
SET_ASIDE = frozenset({REFUSED, UNKNOWN_ENTITY})
#: Entity → how a number of its records reads in the summary (one, many): « 1 entretien ».
COUNTED_WORDS: dict[str, tuple[str, str]] = {
    name: spec.counted_fr for name, spec in ENTITY_SPECS.items() if spec.counted_fr is not None
}


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
    message: Sentence

    @property
    def message_fr(self) -> str:
        return self.message.french


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
    warnings: list[Sentence] = field(default_factory=list)
    error: Sentence = field(default_factory=lambda: verbatim(""))
    error_en: str = ""
    error_hint_fr: str = ""  # the command-line option that gets past the error, if any
    error_kind: str = ""  # the error's class name: "DeviceRevoked", "Unreachable", ...

    @property
    def warnings_fr(self) -> list[str]:
        return [warning.french for warning in self.warnings]

    @property
    def error_fr(self) -> str:
        return self.error.french

    @property
    def summary_fr(self) -> str:
        return self.summary.french

    @property
    def summary(self) -> Sentence:
        """« 11 entretiens et 9 plans envoyés, 3 fiches reçues ; offre locale : 1 200 services
        mis à jour »."""
        counted = [(self.pushed.get(name, 0), words) for name, words in COUNTED_WORDS.items()]
        named_total = sum(n for n, _ in counted)
        others = sum(self.pushed.values()) - named_total
        parts: list[Sentence] = []
        if named_total:
            named = _and([_count(n, one, many) for n, (one, many) in counted if n])
            sent = (
                say("{list} envoyé", list=named)
                if named_total == 1
                else say("{list} envoyés", list=named)
            )
            parts.append(sent)
        elif others:
            parts.append(
                say("{n} modification envoyée", n=others)
                if others == 1
                else say("{n} modifications envoyées", n=others)
            )
        received = sum(self.pulled.values())
        if received:
            parts.append(
                say("{n} fiche reçue", n=received)
                if received == 1
                else say("{n} fiches reçues", n=received)
            )
        text = joined(", ", parts) if parts else say("Rien de nouveau")
        if self.catalogue_services:
            if parts:
                text = joined(" ; ", [text, catalogue_summary(self.catalogue_services)])
            else:
                text = catalogue_summary(self.catalogue_services, first=True)
        if self.conflicts:
            text = joined(" ; ", [text, _conflicts(self.conflicts)])
        if self.rejected:
            text = joined(" ; ", [text, _rejected(self.rejected)])
        if self.unshared:
            text = joined(" ; ", [text, unshared_summary(self.unshared)])
        return text


def unshared_summary_fr(files: int) -> str:
    """« 2 dossiers retirés de cet ordinateur : ils ne sont plus partagés avec votre
    structure »."""
    return unshared_summary(files).french


def unshared_summary(files: int) -> Sentence:
    """The files this device erased because its structure no longer follows the person."""
    if files == 1:
        return say(
            "1 dossier retiré de cet ordinateur : il n'est plus partagé avec votre structure"
        )
    return say(
        "{n} dossiers retirés de cet ordinateur : ils ne sont plus partagés avec votre structure",
        n=files,
    )


def catalogue_summary_fr(services: int) -> str:
    """« offre locale : 1 200 services mis à jour » (thousands grouped by a no-break space)."""
    return catalogue_summary(services).french


def catalogue_summary(services: int, first: bool = False) -> Sentence:
    """« offre locale : 1 200 services mis à jour »; ``first``: « Offre locale : … », at the
    start of the summary."""
    grouped = f"{services:,}".replace(",", "\u00a0")
    s = "s" if services > 1 else ""
    if first:
        return say("Offre locale : {n} service{s} mis à jour", n=grouped, s=s)
    return say("offre locale : {n} service{s} mis à jour", n=grouped, s=s)


def set_aside_warning(n: int) -> Sentence:
    """« 2 fiches reçues du serveur n'ont pas pu être enregistrées… »."""
    if n == 1:
        return say(
            "1 fiche reçue du serveur n'a pas pu être enregistrée sur cet ordinateur : mise de "
            "côté, voir « Conflits à examiner ». La synchronisation continue pour le reste."
        )
    return say(
        "{n} fiches reçues du serveur n'ont pas pu être enregistrées sur cet ordinateur : "
        "mises de côté, voir « Conflits à examiner ». La synchronisation continue pour le "
        "reste.",
        n=n,
    )


def _count(n: int, one: str, many: str) -> Sentence:
    """« 1 entretien », « 11 entretiens »: the words from :data:`COUNTED_WORDS`."""
    return say("{n} {what}", n=n, what=verbatim(one if n == 1 else many))


def _and(parts: list[Sentence]) -> Sentence:
    """« a et b et c »."""
    result = parts[0]
    for part in parts[1:]:
        result = say("{first} et {second}", first=result, second=part)
    return result


def _conflicts(n: int) -> Sentence:
    return say("1 conflit à examiner") if n == 1 else say("{n} conflits à examiner", n=n)


def _rejected(n: int) -> Sentence:
    if n == 1:
        return say("1 modification refusée")
    return say("{n} modifications refusées", n=n)
