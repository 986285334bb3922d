"""Bench devices that sync: a real spie-server (SQLite, in a thread) on 127.0.0.1, real
enrolled device stores, and the interviews they carry (realistic answers from the form
engine, an action plan each, signed or not).

Not a benchmark itself (``python -m bench`` runs the ``bench_*`` modules only): read by
bench_sync and bench_offer_sync.
"""

from __future__ import annotations

import json
import random
import sys
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import uvicorn

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
from spie_desktop.sync.enrolment import enroll  # noqa: E402
from spie_protocol.fingerprint import certificate_fingerprint  # noqa: E402
from spie_server.app import create_app  # noqa: E402
from spie_server.db import make_engine, session_scope  # noqa: E402
from spie_server.server_key import load_or_create_secret  # noqa: E402
from spie_server.settings import RateLimit, Settings, sqlite_url  # noqa: E402
from spie_server.territory.enrolment import create_code  # noqa: E402
from spie_server.territory.territories import add_territory, ca_cert_pem  # noqa: E402
from tests.server.pg import free_port  # noqa: E402
from tests.sync.fault_proxy import LinkShape  # noqa: E402

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

    def code(self, territory: str | None = None) -> tuple[str, str]:
        """A one-time code for ``territory`` (a new one if None), and its CA's fingerprint."""
        territory = territory or self.territory()
        with session_scope(self.engine) as session:
            ca = ca_cert_pem(session, territory)
            code = create_code(session, territory, "Mission locale", timedelta(hours=1))
        return code, certificate_fingerprint(ca)

    def territory(self) -> str:
        """A new territory's code."""
        territory = "B" + uuid.uuid4().hex[:8].upper()
        secret = load_or_create_secret(self.settings.data_dir)
        with session_scope(self.engine) as session:
            add_territory(session, territory, "Guyane", secret)
        return territory

    def stop(self) -> None:
        self.server.should_exit = True


def unenrolled_device(root: Path) -> Session:
    """A device set up in ``root`` for one counsellor of « Mission locale de l'Ouest
    guyanais », unlocked, never enrolled: nothing leaves it."""
    setup = device.initialise_device(
        root,
        territory_code="973",
        structure_name="Mission locale de l'Ouest guyanais",
        structure_kind=StructureKind.OTHER,
        counsellor_name="Kévin M.",
        field=Field.EMPLOI,
        passphrase=PASSPHRASE,
    )
    return device.unlock(root, setup.counsellor_id, PASSPHRASE)


def enrolled_device(root: Path, url: str, code: str, fingerprint: str) -> Session:
    """:func:`unenrolled_device`, enrolled through ``url`` with a one-time ``code`` of the
    territory whose CA has this ``fingerprint``."""
    session = unenrolled_device(root)
    enroll(session, url, code, PASSPHRASE, ca_fingerprint=fingerprint)
    return session


def new_device(root: Path, server: Server, url: str, territory: str | None = None) -> Session:
    """A device set up in ``root``, unlocked, enrolled through ``url`` in ``territory`` (a
    new one if None) for the structure « Mission locale »."""
    code, fingerprint = server.code(territory)
    return enrolled_device(root, url, code, fingerprint)


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
            phone=f"0694{n:06d}",
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
