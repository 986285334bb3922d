"""Sync over loopback and over an emulated 2G link: time and bytes on the wire.

A real spie-server (SQLite, in a thread) on 127.0.0.1, a real enrolled device store, and
the fault proxy of the sync tests as the link: ~100 kbit/s each way, 600 ms per round trip,
2 % of exchanges cut part-way. Twenty new interviews (realistic answers from the form
engine), each with its action plan:

1. *structured data*: interviews and draft plans, no PDF — bytes per interview on the wire,
   time over loopback and over the 2G link;
2. *whole sync*: the same with every plan signed (handwritten signatures, PAdES PDF) —
   time over the 2G link against bytes ÷ bandwidth.

Returns figures (bench/figures.py); asserts nothing. Targets: bench/targets.toml [sync]; the
bytes on the wire are compared with the raw JSON of the same records in the same run.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import uvicorn

from bench.figures import Figure, figure, print_figures

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spie_desktop.domain.organisation import Counsellor, Field, StructureKind  # noqa: E402
from spie_desktop.domain.people import ConsentScope  # noqa: E402
from spie_desktop.domain.plan import Action, ActionPlan, Objective, Signature, SignerRole  # noqa: E402
from spie_desktop.services import device  # noqa: E402
from spie_desktop.services.demo_interviews import engine_answers  # noqa: E402
from spie_desktop.services.interview_session import InterviewSessionService  # noqa: E402
from spie_desktop.services.interviews import InterviewService  # noqa: E402
from spie_desktop.services.people import PeopleService  # noqa: E402
from spie_desktop.services.plans import PlanService, UnlockedSigner  # noqa: E402
from spie_desktop.services.signing_keys import new_signing_key_unlocked  # noqa: E402
from spie_desktop.storage.session import Session  # noqa: E402
from spie_desktop.sync.engine import SyncOptions, sync_now  # noqa: E402
from spie_desktop.sync.enrolment import enroll  # noqa: E402
from spie_desktop.sync.progress import SyncReport  # noqa: E402
from spie_protocol.fingerprint import certificate_fingerprint  # noqa: E402
from spie_server.app import create_app  # noqa: E402
from spie_server.db import make_engine, session_scope  # noqa: E402
from spie_server.server_key import load_or_create_secret  # noqa: E402
from spie_server.settings import RateLimit, Settings, sqlite_url  # noqa: E402
from spie_server.territory.enrolment import create_code  # noqa: E402
from spie_server.territory.territories import add_territory  # noqa: E402
from tests.server.pg import free_port  # noqa: E402
from tests.sync.fault_proxy import FaultProxy, LinkShape  # noqa: E402

INTERVIEWS = 20
PASSPHRASE = "banc d'essai de Maripasoula"
BANDWIDTH_BPS = 100_000
SLOW = LinkShape(bandwidth_bps=BANDWIDTH_BPS, rtt_s=0.6, cut_share=0.02)


class Server:
    def __init__(self, root: Path) -> None:
        self.settings = Settings(root, sqlite_url(root), RateLimit(10_000, 10_000))
        self.engine = make_engine(self.settings.database_url)
        self.port = free_port()
        config = uvicorn.Config(
            create_app(self.settings, engine=self.engine),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
        )
        self.server = uvicorn.Server(config)
        threading.Thread(target=self.server.run, daemon=True).start()
        url = f"http://127.0.0.1:{self.port}/healthz"
        for _ in range(300):
            try:
                if httpx.get(url, timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def code(self) -> tuple[str, str]:
        """A one-time code for a new territory, and its CA's fingerprint (to confirm)."""
        territory = "B" + uuid.uuid4().hex[:8].upper()
        secret = load_or_create_secret(self.settings.data_dir)
        with session_scope(self.engine) as session:
            ca = add_territory(session, territory, "Guyane", secret).ca_cert_pem
        with session_scope(self.engine) as session:
            code = create_code(session, territory, "Mission locale", timedelta(hours=1))
        return code, certificate_fingerprint(ca)

    def stop(self) -> None:
        self.server.should_exit = True


def new_device(root: Path, server: Server, url: str) -> Session:
    setup = device.initialise_device(
        root,
        territory_code="973",
        structure_name="Mission locale de l'Ouest guyanais",
        structure_kind=StructureKind.OTHER,
        counsellor_name="Kévin M.",
        field=Field.EMPLOI,
        passphrase=PASSPHRASE,
    )
    session = device.unlock(root, setup.counsellor_id, PASSPHRASE)
    code, fingerprint = server.code()
    enroll(session, url, code, PASSPHRASE, ca_fingerprint=fingerprint)
    return session


def fill(session: Session, signed: bool, seed: int = 1, count: int = INTERVIEWS) -> None:
    """People met upriver (twenty by default): consent, interview answers, an action plan each."""
    rng = random.Random(seed)
    people, interviews, plans = (
        PeopleService(session),
        InterviewService(session),
        PlanService(session),
    )
    signers = _signers(session) if signed else {}
    for n in range(count):
        person = people.create_person(
            f"Prénom{n}",
            f"Nom{n}",
            date(1990 + n % 15, 1 + n % 12, 1 + n % 27),
            commune="Maripasoula",
            phone=f"06940000{n:02d}",
            allow_duplicates=True,
        )
        consent = people.record_consent(person.id, {ConsentScope.RECORD})
        interview = interviews.start_or_resume(person.id)
        answers, _ = engine_answers(interview, consent, {}, session.counsellor.id, seed=n)
        workspace = InterviewSessionService(session)
        for key, value in answers.items():
            workspace.save_answer(interview.id, key, value)
        plan = _plan(person.id, interview.id, rng)
        with session.uow() as uow:
            uow.plans.add(plan)
        if signed:
            plans.sign_unlocked(plan.id, _pads(plan, rng), signers, place="Maripasoula")


def _plan(person_id: uuid.UUID, interview_id: uuid.UUID, rng: random.Random) -> ActionPlan:
    plan = ActionPlan(
        person_id=person_id,
        interview_id=interview_id,
        next_review=date.today() + timedelta(days=42),
    )
    for theme, label in (("mobilite", "Accéder à un véhicule"), ("emploi", "Découvrir un métier")):
        objective = Objective(plan_id=plan.id, theme=theme, label=label)
        start = date.today() + timedelta(days=rng.randint(1, 20))
        objective.actions = [
            Action(
                objective_id=objective.id,
                label=f"Action {i} : {label.lower()}",
                responsible_structure="Mission locale",
                start_date=start,
                due_date=start + timedelta(days=30),
            )
            for i in range(2)
        ]
        plan.objectives.append(objective)
    return plan


def _signers(session: Session) -> dict[SignerRole, UnlockedSigner]:
    signers = {}
    for role, name, field in (
        (SignerRole.SOCIAL, "Awa T.", Field.SOCIAL),
        (SignerRole.EMPLOI, "Kévin M. (2)", Field.EMPLOI),
    ):
        counsellor = Counsellor(
            display_name=name, field=field, structure_id=session.counsellor.structure_id
        )
        stored, key = new_signing_key_unlocked(counsellor, "Mission locale", PASSPHRASE)
        with session.uow() as uow:
            uow.counsellors.add(counsellor)
            uow.signing_keys.add(stored)
        signers[role] = UnlockedSigner(counsellor, key)
    return signers


def _pads(plan: ActionPlan, rng: random.Random) -> list[Signature]:
    def stroke() -> list[tuple[float, float]]:
        x, y = rng.uniform(0.1, 0.3), rng.uniform(0.3, 0.7)
        points = []
        for _ in range(40):
            x, y = x + rng.uniform(0, 0.02), min(0.95, max(0.05, y + rng.uniform(-0.05, 0.05)))
            points.append((round(x, 3), round(y, 3)))
        return points

    now = datetime.now(UTC)
    return [
        Signature(
            plan_id=plan.id, role=role, signer_name="", strokes=[stroke(), stroke()], signed_at=now
        )
        for role in (SignerRole.PERSON, SignerRole.SOCIAL, SignerRole.EMPLOI)
    ]


def raw_json_bytes(session: Session) -> int:
    """The records waiting to be pushed, each whole, as plain compact JSON: what the wire
    format is compared with."""
    with session.uow() as uow:
        pending = uow.outbox.pending(limit=1_000_000)
        keys = {(entry.entity, entry.entity_id) for entry in pending}
        docs = [uow.documents.local_doc(entity, entity_id) for entity, entity_id in keys]
    return sum(
        len(json.dumps(doc, ensure_ascii=False, separators=(",", ":"), default=str).encode())
        for doc in docs
        if doc is not None
    )


def run(
    server: Server,
    root: Path,
    *,
    signed: bool,
    shape: LinkShape | None,
    count: int = INTERVIEWS,
) -> tuple[SyncReport, FaultProxy, float, int]:
    """One device's first sync of ``count`` new interviews: the report, the proxy's counts,
    the seconds it took and the raw JSON bytes of the records it pushed."""
    proxy = FaultProxy(server.port, shape=shape, seed=3)
    session = new_device(root, server, proxy.url)
    try:
        fill(session, signed, count=count)
        raw = raw_json_bytes(session)
        proxy.stats.bytes_up = proxy.stats.bytes_down = proxy.stats.requests = 0
        started = time.perf_counter()
        report = sync_now(session, options=SyncOptions(stall_timeout_s=30))
        return report, proxy, time.perf_counter() - started, raw
    finally:
        session.close()
        proxy.close()


MEASURES = (
    "sync.push_20_interviews_2g_s",
    "sync.wire_kb_per_interview",
    "sync.link_time_over_ideal",
)


MEASURES = (
    "sync.push_20_interviews_2g_s",
    "sync.wire_kb_per_interview",
    "sync.link_time_over_ideal",
    "sync.apply_records_per_s",
)


def _over_ideal(seconds: float, proxy: FaultProxy) -> float:
    """(time − one RTT per request) ÷ (bytes ÷ bandwidth): the target's bound, as a ratio."""
    wire = proxy.stats.bytes_up + proxy.stats.bytes_down
    return (seconds - proxy.stats.requests * SLOW.rtt_s) / (wire * 8 / BANDWIDTH_BPS)


def figures(quick: bool) -> list[Figure]:
    """Loopback (bytes on the wire vs the raw JSON of the same records), the structured push
    over 2G, and the whole sync with signed PDFs over 2G (skipped in a quick run: the time
    over the link is then read from the structured push)."""
    loops, slow, whole = (1, 1, 0) if quick else (3, 3, 2)
    wire_kb: list[float] = []
    raw_kb: list[float] = []
    loop_s: list[float] = []
    slow_s: list[float] = []
    over: list[float] = []
    requests: list[float] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="spie-bench-sync-") as tmp:
        root = Path(tmp)
        server = Server(root / "server")
        try:
            for n in range(loops):
                report, proxy, seconds, raw = run(server, root / f"l{n}", signed=False, shape=None)
                failures += [] if report.ok else [str(report.error_en)]
                wire = proxy.stats.bytes_up + proxy.stats.bytes_down
                wire_kb.append(wire / INTERVIEWS / 1024)
                raw_kb.append(raw / INTERVIEWS / 1024)
                loop_s.append(seconds)
            for n in range(slow):
                report, proxy, seconds, _ = run(server, root / f"s{n}", signed=False, shape=SLOW)
                failures += [] if report.ok else [str(report.error_en)]
                slow_s.append(seconds)
                requests.append(proxy.stats.requests)
                if not whole:
                    over.append(_over_ideal(seconds, proxy))
            for n in range(whole):
                report, proxy, seconds, _ = run(server, root / f"w{n}", signed=True, shape=SLOW)
                failures += [] if report.ok else [str(report.error_en)]
                over.append(_over_ideal(seconds, proxy))
        finally:
            server.stop()
    note = f"{len(failures)} failed syncs: {failures[0]}" if failures else ""
    return [
        figure(
            "sync.wire_kb_per_interview",
            "KB",
            wire_kb,
            comparison=("raw JSON", raw_kb),
            note="both directions, loopback; comparison: the same records as plain JSON",
        ),
        figure("sync.push_20_interviews_2g_s", "s", slow_s, note=note),
        figure(
            "sync.link_time_over_ideal",
            "×",
            over,
            note=("structured push (quick run)" if quick else "whole sync with signed PDFs")
            + ", (time − RTT × requests) ÷ (bytes ÷ bandwidth)",
        ),
        figure("sync.push_20_interviews_loopback_s", "s", loop_s, informational=True),
        figure("sync.push_20_interviews_2g_requests", "", requests, informational=True),
        apply_figure(quick),
    ]


def apply_figure(quick: bool) -> Figure:
    """Device: pulled records applied per second of CPU (the work is CPU-bound; the wall
    clock of a shared machine mostly measures waiting for a core, given in the note).
    Twenty interviews of forty answers with signed plans, made on one device, are stored on
    a second one as the pull stores them (pages of 500 in the order they were journalled, one
    transaction per page with its checkpoint), on a real SQLCipher store, a fresh copy per
    repeat; no network: the figure is the device's own work."""
    import shutil

    from sqlalchemy import select

    from spie_desktop.config import store_path
    from spie_desktop.storage.entities import ENTITY_SPECS
    from spie_desktop.storage.models import InterviewRow, table_of
    from spie_desktop.storage.repositories.sync_rows import to_doc
    from spie_desktop.storage.store import Store
    from spie_desktop.sync import pull
    from spie_desktop.sync.apply import ApplyCounts, Remote

    repeats = 1 if quick else 3
    rates: list[float] = []
    wall: list[float] = []
    with tempfile.TemporaryDirectory(prefix="spie-bench-apply-") as tmp:
        root = Path(tmp)
        devices = []
        for name in ("writer", "reader"):  # set up, never enrolled: nothing leaves them
            setup = device.initialise_device(
                root / name,
                territory_code="973",
                structure_name="Mission locale de l'Ouest guyanais",
                structure_kind=StructureKind.OTHER,
                counsellor_name="Kévin M.",
                field=Field.EMPLOI,
                passphrase=PASSPHRASE,
            )
            devices.append(device.unlock(root / name, setup.counsellor_id, PASSPHRASE))
        writer, reader = devices
        fill(writer, signed=True)
        with writer.uow() as uow:  # forty answers per interview, as issue 19 counts them
            interviews = select(table_of(InterviewRow).c.id)
            for interview in list(uow.session.execute(interviews).scalars()):
                for i in range(40 - len(uow.answers.list_for(interview))):
                    uow.answers.upsert(interview, f"bench.q{i}", f"réponse {i} " * 4, None)
        with writer.uow(read_only=True) as uow:
            order = [(e.entity, e.entity_id) for e in uow.outbox.pending(limit=1_000_000)]
            rows = {
                (name, row._mapping["id"]): row._mapping
                for name, spec in ENTITY_SPECS.items()
                for row in uow.session.execute(spec.table.select())
            }
        records = [
            Remote(e, i, int(m["version"]), to_doc(e, m), str(m["hlc"]), False, "writer")
            for e, i in dict.fromkeys(order)
            if (m := rows.get((e, i))) is not None
        ]
        pdfs = {
            str(m["sha256"]): bytes(m["pdf"])
            for (e, _), m in rows.items()
            if ENTITY_SPECS[e].blob is not None
        }
        writer.close()
        key, account, pristine = reader.data_key, reader.counsellor.id, reader.data_dir
        reader.close()
        pages = [records[n : n + 500] for n in range(0, len(records), 500)]
        for n in range(repeats):
            copy = root / f"copy{n}"
            shutil.copytree(pristine, copy)
            store = Store.open(store_path(copy), key, verify=False)
            counts = ApplyCounts()
            started, started_cpu = time.perf_counter(), time.process_time()
            for since, page in enumerate(pages, start=1):
                with store.unit_of_work(account) as uow:
                    pull.store_page(uow, page, pdfs, counts)
                    uow.inbox.set_checkpoint(since)
            rates.append(len(records) / (time.process_time() - started_cpu))
            wall.append(len(records) / (time.perf_counter() - started))
            store.close()
    return figure(
        "sync.apply_records_per_s",
        "records/s",
        rates,
        note=f"{len(records)} records in pages of 500 (20 interviews, signed plans), per second "
        f"of the process's CPU; wall clock {min(wall):.0f}–{max(wall):.0f}/s on a shared machine",
    )


def main() -> None:
    print_figures(figures(quick=False))


if __name__ == "__main__":
    main()
