"""One sync run: push what is pending, pull what is new, check, report.

:func:`run_sync` is a generator: it yields :class:`SyncProgress` (items and bytes, in
French) and returns a :class:`SyncReport`; the UI's task runner drives it off the GUI
thread, and a cancel token stops it between two requests or two chunks. Whatever was
confirmed or stored before an interruption stays done; the next run resumes from there.

Order: upload the signed PDFs a batch names, push the batch, until the outbox is empty;
pull pages until the server has no more; push again what the pull produced (merge results);
then compare per-entity digests with the server and re-fetch the records that differ;
last, once people's records are through, pull the territory's offer catalogue since its
cursor (:mod:`.catalogue`: one transaction per page, cursor included).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from spie_desktop.storage.scrub import scrub_after_purge
from spie_protocol.limits import MAX_CHANGES_PER_BATCH, MAX_PULL_LIMIT
from spie_protocol.messages import OfferChangesQuery, OfferPage, PullQuery, SyncStatus

from . import (
    blobs,
    catalogue,
    certificate_requests,
    pull,
    push,
    refusals,
    territory_rules,
    tombstones,
    unshare,
)
from .apply import ApplyCounts
from .audit_run import audit_run
from .client import CancelLike, SyncClient
from .enrolment import ca_file, require_enrolment
from .errors import PayloadTooLarge, RequestRefused, SyncError
from .progress import PHASE_FR, SET_ASIDE, Phase, SyncProgress, SyncReport, set_aside_warning
from .retry import RetryPolicy, retrying
from .revocation import crl_is_current, keep_crl

if TYPE_CHECKING:
    from spie_desktop.storage.session import Session

from spie_desktop.domain.interface_sentence import Sentence, say, verbatim

log = logging.getLogger(__name__)
T = TypeVar("T")
Steps = Generator[SyncProgress, None, T]
CLOCK_SKEW_LIMIT_S = 300

CLOCK_WARNING_FR = "L'horloge de cet ordinateur a plus de 5 minutes d'écart avec le serveur."


@dataclass
class SyncOptions:
    # Each request is a round trip (~0.6 s on 2G): batches and pages as large as the
    # protocol takes. What a cut costs stays bounded: a push batch is ~100 KB once gzipped,
    # an upload ~256 KB, and a cut download keeps the PDFs that arrived whole.
    batch_changes: int = MAX_CHANGES_PER_BATCH
    batch_bytes: int = 512 * 1024  # JSON before gzip
    page_limit: int = MAX_PULL_LIMIT
    chunk_bytes: int = 128 * 1024
    blobs_bytes: int = 256 * 1024  # whole PDFs in one upload request (blobs.py)
    connect_timeout_s: float = 15.0
    stall_timeout_s: float = 30.0
    rounds: int = 3  # push/pull rounds (a pull may produce merge results to push)
    check_integrity: bool = True
    catalogue_page_limit: int = catalogue.CATALOGUE_PAGE_LIMIT  # services per catalogue page
    catalogue: bool = True  # pull the offer catalogue (after people's records)
    insecure: bool = False  # plain http:// to another host (--insecure): see transport_policy
    retry: RetryPolicy = field(default_factory=RetryPolicy)


def run_sync(
    session: Session,
    cancel: CancelLike | None = None,
    options: SyncOptions | None = None,
) -> Generator[SyncProgress, None, SyncReport]:
    """Synchronise the unlocked store with its territory server (see the module doc)."""
    options = options or SyncOptions()
    report = SyncReport()
    started = time.monotonic()
    client: SyncClient | None = None
    try:
        enrolment = require_enrolment(session)
        client = SyncClient(
            enrolment.server_url,
            enrolment.token,
            ca_file=ca_file(session.data_dir),
            connect_timeout=options.connect_timeout_s,
            stall_timeout=options.stall_timeout_s,
            cancel=cancel,
            insecure=options.insecure,
        )
        yield from _Run(session, client, options, report).run()
    except SyncError as error:
        report.ok = False
        report.error, report.error_en = error.said, error.message_en
        report.error_hint_fr = error.cli_hint_fr
        report.error_kind = type(error).__name__
    finally:
        if client is not None:
            report.bytes_sent = client.traffic.sent
            report.bytes_received = client.traffic.received
            skew = client.clock_skew_s
            if skew is not None and abs(skew) > CLOCK_SKEW_LIMIT_S:
                report.warnings.append(say(CLOCK_WARNING_FR))
            client.close()
        report.duration_s = time.monotonic() - started
    audit_run(session, report)
    yield _progress(Phase.DONE, 1, 1, report, report.summary if report.ok else report.error)
    return report


def sync_now(
    session: Session,
    on_progress: Callable[[SyncProgress], object] | None = None,
    cancel: CancelLike | None = None,
    options: SyncOptions | None = None,
) -> SyncReport:
    """Drive :func:`run_sync` to its end (command line, tests)."""
    steps = run_sync(session, cancel, options)
    while True:
        try:
            item = next(steps)
        except StopIteration as stop:
            result: SyncReport = stop.value
            return result
        if on_progress is not None:
            on_progress(item)


class _Run:
    def __init__(
        self, session: Session, client: SyncClient, options: SyncOptions, report: SyncReport
    ) -> None:
        self.session = session
        self.client = client
        self.options = options
        self.report = report
        self.counts = ApplyCounts()
        self.batch_size = options.batch_changes
        self.status: SyncStatus | None = None  # the territory's state, from the last pull
        self.blobs = blobs.BlobTransfer(
            client, self._call, options.blobs_bytes, options.chunk_bytes
        )

    def run(self) -> Steps[None]:
        yield self._say(Phase.CONNECT, 0, None, _phase_name(Phase.CONNECT))
        for _ in range(self.options.rounds):
            yield from self._push_all()
            yield from self._pull_all()
            with self.session.uow(read_only=True) as uow:
                if uow.outbox.count_pending() == 0:
                    break
        self.report.warnings.extend(refusals.warnings(self.report.kept))
        with self.session.uow(read_only=True) as uow:
            held = refusals.held_erasures(uow)
        if held:  # said at every sync until an administrator decides
            self.report.warnings.append(refusals.held_erasures_warning(held))
        yield from self._territory_settings()
        yield from self._certificates()
        if self.options.check_integrity:
            with self.session.uow(read_only=True) as uow:
                forgotten_here = tombstones.awaiting_server(uow)
            yield from self._check(explained=forgotten_here > 0)
        with self.session.uow(read_only=True) as uow:
            self.report.parked = len(uow.inbox.parked())
            set_aside = len(uow.inbox.parked_records(SET_ASIDE))
        if set_aside:
            self.report.warnings.append(set_aside_warning(set_aside))
        self.report.conflicts = self.counts.conflicts
        if self.counts.forgotten:  # pulled tombstones: no old page in the WAL, no id in logs
            scrub_after_purge(self.session, self.counts.forgotten)
        if self.options.catalogue:  # people first: the catalogue never delays their records
            yield from self._catalogue()

    # -- push -----------------------------------------------------------------------------------

    def _push_all(self) -> Steps[None]:
        done = 0
        stuck = 0
        while True:
            with self.session.uow() as uow:
                batch = push.inflight(uow) or push.form_batch(
                    uow, self.batch_size, self.options.batch_bytes
                )
                pending = uow.outbox.count_pending()
            if batch is None:
                return
            if stuck >= 3:  # the server keeps answering without settling anything: next run
                self.report.warnings.append(
                    say(
                        "Certaines modifications n'ont pas pu être envoyées ; elles le seront "
                        "à la prochaine synchronisation."
                    )
                )
                return
            yield from self._upload_blobs(batch)
            yield self._say(Phase.PUSH, done, done + pending, _phase_name(Phase.PUSH))
            try:
                answer = yield from self._call(partial(self.client.push, batch.body))
            except (PayloadTooLarge, RequestRefused) as error:
                if isinstance(error, RequestRefused) and error.status not in (409, 422):
                    raise
                with self.session.uow() as uow:
                    self.batch_size = push.split_inflight(uow, batch, error)
                continue
            with self.session.uow() as uow:
                result = push.apply_answer(uow, batch, answer, self.counts)
            settled = result.pushed or result.rejected or result.merged
            stuck = 0 if settled else stuck + 1
            for entity, n in result.pushed.items():
                self.report.pushed[entity] = self.report.pushed.get(entity, 0) + n
            self.report.rejected += result.rejected
            for code, n in result.kept.items():
                self.report.kept[code] = self.report.kept.get(code, 0) + n
            done += len(batch.changes)

    def _upload_blobs(self, batch: push.Batch) -> Steps[None]:
        todo = [sha for sha in batch.blobs if sha not in batch.blobs_done]
        with self.session.uow(read_only=True) as uow:
            found = [(sha, data) for sha in todo if (data := uow.documents.blob_bytes(sha))]
        sent = 0
        for group in blobs.groups(found, self.options.blobs_bytes):
            yield self._say(Phase.UPLOAD, sent, len(found), _phase_name(Phase.UPLOAD))
            yield from self.blobs.upload(group)
            sent += len(group)
            batch.blobs_done.extend(sha for sha, _ in group)
            self.report.blobs_sent += len(group)
            with self.session.uow() as uow:
                push.save_inflight(uow, batch)

    # -- pull -----------------------------------------------------------------------------------

    def _pull_all(self, only: set[str] | None = None) -> Steps[None]:
        with self.session.uow(read_only=True) as uow:
            since = 0 if only is not None else uow.inbox.checkpoint()
            retry_blobs = pull.parked_blobs(uow)
        pdfs = yield from self._fetch_blobs(retry_blobs)
        received = 0
        while True:
            yield self._say(Phase.PULL, received, None, _phase_name(Phase.PULL))
            main = only is None  # the pull proper (not a repair): its last page has the status
            query = PullQuery(
                since=since, limit=self.options.page_limit, exclude_own=main, status=main
            )
            # Checked inside the retried call: a corrupt page is fetched again, never stored.
            page = yield from self._call(
                lambda q=query, s=since: pull.parse_page(self.client.changes(q), s)  # type: ignore[misc]
            )
            if main and not page.has_more:
                self.status = page.status
            with self.session.uow(read_only=True) as uow:
                wanted = pull.wanted_blobs(uow, page.records)
            pdfs.update((yield from self._fetch_blobs(wanted)))
            with self.session.uow() as uow:
                self.report.unshared += unshare.apply_notices(uow, page.notices, self.counts)
                stored = pull.store_page(uow, page.records, pdfs, self.counts, only)
                if main:
                    uow.inbox.set_checkpoint(page.next_since)
            for entity, n in stored.items():
                self.report.pulled[entity] = self.report.pulled.get(entity, 0) + n
            received += len(page.records)
            since = page.next_since
            if not page.has_more:
                return

    def _fetch_blobs(self, wanted: list[str]) -> Steps[dict[str, bytes]]:
        found = yield from self.blobs.download(wanted)
        self.report.blobs_received += len(found)
        return found

    # -- integrity ------------------------------------------------------------------------------

    def _check(self, *, explained: bool = False) -> Steps[None]:
        """Compare digests and repair; ``explained``: files this device forgot (its retention
        run, an erasure held for an administrator) may still be on the server until it
        forgets them too, so a difference is expected: what the repair brings back of them
        is forgotten again (:func:`.tombstones.forget_returning`), and no warning is given."""
        yield self._say(Phase.CHECK, 0, None, _phase_name(Phase.CHECK))
        differing = yield from self._differing(self.status)
        if not differing:
            return
        yield from self._pull_all(only=differing)
        if (yield from self._differing()) and not explained:
            self.report.warnings.append(
                say(
                    "Vérification : certaines fiches diffèrent encore du serveur ; "
                    "elles seront reprises à la prochaine synchronisation."
                )
            )

    def _differing(self, status: SyncStatus | None = None) -> Steps[set[str]]:
        """Entities whose digests differ (the server's from ``status``, else asked)."""
        report = status.integrity if status else (yield from self._call(self.client.integrity))
        server = {name: (d.count, d.sha256) for name, d in report.entities.items()}
        with self.session.uow(read_only=True) as uow:
            local = uow.merge_base.digests()
        return {e for e in server.keys() | local.keys() if server.get(e) != local.get(e)}

    # -- the offer catalogue ----------------------------------------------------------------------

    def _catalogue(self) -> Steps[None]:
        """The territory's offer catalogue since the stored cursor (:mod:`.catalogue`)."""

        def fetch(query: OfferChangesQuery) -> Steps[OfferPage]:
            return self._call(partial(self.client.offer_changes, query))

        def progress(done: int, total: int | None, message: Sentence) -> SyncProgress:
            return self._say(Phase.CATALOGUE, done, total, message)

        limit = self.options.catalogue_page_limit
        with self.session.uow(read_only=True) as uow:
            if self.status and catalogue.cursor(uow) >= self.status.offers_seq:
                return  # nothing new since the cursor: no request
        try:
            got = yield from catalogue.pull_pages(self.session, fetch, progress, limit)
            self.report.catalogue_services += got
        except RequestRefused as error:  # 404: a server older than the catalogue
            if error.status != 404:
                raise
            log.info("offer catalogue not available: %s", error.message_en)

    # -- the territory's settings -----------------------------------------------------------------

    def _territory_settings(self) -> Steps[None]:
        """The territory's alert thresholds (once per run; best effort, like the CRL)."""
        try:
            settings = (self.status and self.status.settings) or (
                yield from self._call(self.client.territory_settings)
            )
        except RequestRefused as error:  # 404: a server older than territory settings
            log.info("territory settings not available: %s", error.message_en)
            return
        with self.session.uow() as uow:
            territory_rules.keep_territory_rules(uow, settings)

    # -- territory certificates of the other accounts ---------------------------------------------

    def _certificates(self) -> Steps[None]:
        with self.session.uow() as uow:
            waiting = certificate_requests.pending(uow)
        for request in waiting:
            try:
                yield from self._call(
                    partial(certificate_requests.send, self.session, self.client, request)
                )
            except RequestRefused as error:  # the data went through: say so, and carry on
                log.info("certificate request refused: %s", error.message_en)
                self.report.warnings.append(
                    say(
                        "Le certificat du territoire de {name} n'a pas pu être obtenu : {error}",
                        name=request.display_name,
                        error=error.said,
                    )
                )
        yield from self._revocation_list()

    def _revocation_list(self) -> Steps[None]:
        """Keep the territory's CRL beside the store, for ``plan verify`` (best effort)."""
        pinned = ca_file(self.session.data_dir)
        if not pinned.is_file():
            return
        if self.status and crl_is_current(self.session.data_dir, self.status.revocations_sha256):
            return  # the one kept revokes what the server's does: no request
        try:
            der = yield from self._call(self.client.crl)
        except RequestRefused as error:  # an older server: plans are checked without a CRL
            log.info("revocation list not available: %s", error.message_en)
            return
        keep_crl(self.session.data_dir, der, pinned.read_text(encoding="ascii"))

    # -- helpers --------------------------------------------------------------------------------

    def _call(self, call: Callable[[], T]) -> Steps[T]:
        def waiting(delay: float, error: SyncError) -> SyncProgress:
            return self._say(
                Phase.WAIT,
                0,
                None,
                say(
                    "{error} Nouvel essai dans {delay} s.",
                    error=error.said,
                    delay=f"{delay:.0f}",
                ),
            )

        steps = retrying(call, self.options.retry, waiting)
        while True:
            try:
                item = next(steps)
            except StopIteration as stop:
                return stop.value  # type: ignore[no-any-return]
            assert isinstance(item, SyncProgress)
            yield item

    def _say(self, phase: Phase, done: int, total: int | None, message: Sentence) -> SyncProgress:
        return _progress(phase, done, total, self.report, message, self.client)


def _phase_name(phase: Phase) -> Sentence:
    """The phase's name (``PHASE_FR``, a table the interface catalogue covers)."""
    return verbatim(PHASE_FR[phase])


def _progress(
    phase: Phase,
    done: int,
    total: int | None,
    report: SyncReport,
    message: Sentence,
    client: SyncClient | None = None,
) -> SyncProgress:
    sent = client.traffic.sent if client else report.bytes_sent
    received = client.traffic.received if client else report.bytes_received
    return SyncProgress(phase, done, total, sent, received, message)
