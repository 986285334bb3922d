"""State of the Synchronisation section: overview, enrolment, the running sync, its outcome.

Database and network work runs off the GUI thread: enrolment and the overview on the
database lane, the sync itself through :class:`SyncDriver` (one lane job per step).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from spie_desktop.services.changes import EVERYTHING, INTERVIEW_ONLY, Change, Changes, changes
from spie_desktop.services.sync_desk import (
    CaNotConfirmed,
    EnrolmentOffer,
    SyncError,
    SyncOverview,
    SyncProgress,
    SyncReport,
    accept_enrolment,
    check_server_url,
    read_overview,
    request_enrolment,
)

from ..i18n import format_datetime, tr, tr_said
from ..window_context import CoalescedQuery, WindowContext
from .sync_driver import SyncDriver

DEMO_FR = "Coffre de démonstration : la synchronisation est désactivée."
REVOKED_KIND = "DeviceRevoked"
CANCELLED_FR = "Synchronisation annulée : ce qui était déjà envoyé ou reçu est conservé."
ENROLLED = changes(Change.SYNC)


def progress_text(item: SyncProgress) -> str:
    """« Envoi des modifications — 12/40 éléments · 84 Ko envoyés · 3 Ko reçus »."""
    items = (
        tr("{done}/{total} éléments", done=item.items_done, total=item.items_total)
        if item.items_total is not None
        else tr("{done} éléments", done=item.items_done)
    )
    return tr(
        "{what} — {items} · {sent} Ko envoyés · {received} Ko reçus",
        what=tr_said(item.message),
        items=items,
        sent=_kilobytes(item.bytes_sent),
        received=_kilobytes(item.bytes_received),
    )


def _kilobytes(n: int) -> int:
    return (n + 1023) // 1024 if n else 0


class SyncModel(QObject):
    changed = Signal()  # overview, busy state or messages changed
    progressed = Signal(object)  # SyncProgress
    synced = Signal(object)  # SyncReport, once a run ended

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.overview: SyncOverview | None = None
        self.enrolling = False
        self.enrol_error = ""
        self.sync_error = ""
        self.summary = ""
        self.warnings: list[str] = []
        self.revoked = False
        self.last_progress: SyncProgress | None = None
        #: An enrolment answer whose territory CA waits for the person to confirm its
        #: fingerprint against the administrator's (unprovisioned installations only).
        self.offer: EnrolmentOffer | None = None
        self.driver = SyncDriver(context, self)
        self.driver.progress.connect(self._on_progress)
        self.driver.finished.connect(self._on_finished)
        self.driver.stopped.connect(self._on_stopped)
        self.driver.failed.connect(self._on_failed)
        self._overview = CoalescedQuery(context, read_overview, self.show_overview, parent=self)
        self._stale = False
        context.changed.connect(self._on_changed)
        context.unlocked.connect(self.refresh)
        context.locked.connect(self._on_locked)
        self.refresh()

    # -- facts --------------------------------------------------------------------------------

    @property
    def syncing(self) -> bool:
        return self.driver.running

    @property
    def demo_store(self) -> bool:
        return self.overview is not None and self.overview.demo_store

    @property
    def enrolled(self) -> bool:
        return self.overview is not None and self.overview.enrolled

    @property
    def can_sync(self) -> bool:
        return (
            self.enrolled
            and not self.demo_store
            and not self.syncing
            and not self.revoked
            and not self.context.is_locked
        )

    @property
    def conflict_count(self) -> int:
        return self.overview.open_conflicts if self.overview else 0

    @property
    def last_sync_text(self) -> str:
        overview, session = self.overview, self.context.session
        if overview is None or overview.last_sync_at is None or session is None:
            return tr("jamais")
        return format_datetime(overview.last_sync_at, session.territory.timezone)

    @property
    def pending_text(self) -> str:
        n = self.overview.pending_changes if self.overview else 0
        return tr("{n} modification{s} en attente", n=n, s="s" if n > 1 else "")

    @property
    def enrolment_text(self) -> str:
        overview = self.overview
        if overview is None or not overview.enrolled:
            return tr("Appareil non inscrit")
        return tr("Inscrit auprès du territoire {territory}", territory=overview.territory)

    # -- actions ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        self._overview.run()

    def refresh_if_stale(self) -> None:
        """Read the overview if answers were typed since (the section is being shown)."""
        if self._stale:
            self.refresh()

    def _on_changed(self, announced: Changes) -> None:
        if announced <= INTERVIEW_ONLY:
            # Answers typed: only the count waiting moved. Read when the section is shown
            # (background sync reads afresh before deciding), not at every keystroke.
            self._stale = True
            return
        self.refresh()

    def enrol(self, server_url: str, code: str, passphrase: str) -> bool:
        """Enrol with a one-time code (network: on the lane, off the GUI thread). Nothing is
        stored until the territory CA is checked: against the provisioned one, or by the
        person comparing its fingerprint (:meth:`confirm_ca`)."""
        url, code = server_url.strip(), code.strip()
        if not url.startswith(("https://", "http://")):
            self._enrol_failed(tr("Indiquez l'adresse du serveur (https://…)."))
            return False
        try:
            check_server_url(url)  # plain http to another host: refused before any packet
        except SyncError as error:
            self._enrol_failed(tr_said(error.said))
            return False
        if not code:
            self._enrol_failed(tr("Indiquez le code d'inscription donné par l'administrateur."))
            return False
        if not passphrase:
            self._enrol_failed(tr("Indiquez votre phrase de passe : elle signe votre certificat."))
            return False
        started = self.context.query(  # nothing is stored before the CA is checked
            lambda s: request_enrolment(s, url, code, passphrase),
            self._on_offer,
            self._on_enrol_error,
            owner=self,
        )
        if started is not None:
            self.enrolling, self.enrol_error, self.offer = True, "", None
            self.changed.emit()
        return started is not None

    @property
    def fingerprint_to_confirm(self) -> str:
        return self.offer.ca_fingerprint if self.offer is not None else ""

    def confirm_ca(self, same: bool) -> bool:
        """The person compared the fingerprint shown with the administrator's: ``same`` stores
        the enrolment, otherwise nothing is stored."""
        offer, self.offer = self.offer, None
        if offer is None:
            return False
        if not same:
            self.enrolling = False
            self._enrol_failed(tr_said(CaNotConfirmed().said))
            return False
        return self._accept(offer, offer.ca_fingerprint)

    def sync(self) -> bool:
        if not self.can_sync or not self.driver.start():
            return False
        self.sync_error, self.summary, self.warnings = "", "", []
        self.last_progress = None
        self.changed.emit()
        return True

    def cancel(self) -> None:
        self.driver.cancel()

    # -- results ------------------------------------------------------------------------------

    def show_overview(self, overview: SyncOverview) -> None:
        self.overview = overview
        self.changed.emit()

    def _enrol_failed(self, message: str) -> None:
        self.enrol_error = message
        self.changed.emit()

    def _on_locked(self) -> None:
        # An answer waiting for confirmation holds the device token: not kept past a lock.
        if self.offer is not None:
            self.offer, self.enrolling = None, False
        self.changed.emit()

    def _on_offer(self, offer: EnrolmentOffer) -> None:
        if offer.provisioned:
            self._accept(offer, None)  # checked against the provisioned CA
            return
        self.offer = offer
        self.changed.emit()

    def _accept(self, offer: EnrolmentOffer, fingerprint: str | None) -> bool:
        started = self.context.change(
            lambda s: accept_enrolment(s, offer, fingerprint),
            ENROLLED,  # refreshes the overview too
            self._on_enrolled,
            self._on_enrol_error,
            owner=self,
        )
        if started is None:
            self.enrolling = False
        self.changed.emit()
        return started is not None

    def _on_enrolled(self, _enrolment: object) -> None:
        self.enrolling, self.revoked = False, False

    def _on_enrol_error(self, message: str, _exc: BaseException) -> None:
        self.enrolling = False
        self._enrol_failed(message)

    def _on_progress(self, item: SyncProgress) -> None:
        self.last_progress = item
        self.progressed.emit(item)

    def _on_finished(self, report: SyncReport) -> None:
        if report.ok:
            self.summary = tr_said(report.summary)
        elif report.error_kind == "Cancelled":
            self.sync_error = tr(CANCELLED_FR)
        else:
            self.sync_error = tr_said(report.error)
        self.revoked = self.revoked or report.error_kind == REVOKED_KIND
        self.warnings = [tr_said(w) for w in report.warnings]
        self.synced.emit(report)
        self.changed.emit()
        self.context.announce(EVERYTHING)  # anything may have arrived

    def _on_stopped(self) -> None:
        self.sync_error = tr(CANCELLED_FR)
        self.changed.emit()
        self.context.announce(EVERYTHING)  # what was received before the cancel is kept

    def _on_failed(self, message: str) -> None:
        self.sync_error = message
        self.changed.emit()
        self.context.announce(EVERYTHING)
