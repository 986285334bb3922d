"""A real spie-server on 127.0.0.1 (SQLite, in a thread) and real enrolled device stores.

The server is started once per test session; each test makes its own territory, so tests
never see each other's records. A :class:`Laptop` is a data dir set up with
``initialise_device``, unlocked, and enrolled with a one-time code through the real
``/v1/enroll`` (optionally through a fault proxy).
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from spie_desktop.config import load_config, store_path
from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.domain.people import ConsentScope, Person
from spie_desktop.domain.territory import territory_by_code
from spie_desktop.plan.keys import unwrap_private_key
from spie_desktop.services import device
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.session import Session
from spie_desktop.storage.store import Store
from spie_desktop.sync.engine import SyncOptions, sync_now
from spie_desktop.sync.enrolment import enroll
from spie_desktop.sync.progress import SyncReport
from spie_desktop.sync.retry import RetryPolicy
from spie_server.settings import RateLimit, Settings, sqlite_url
from tests.server.helpers import Admin, RunningServer, start_server
from tests.sync.network_guard import NetworkGuard, install_network_guard

PASSPHRASE = "lune rousse sur le Larzac"


@pytest.fixture(scope="session")
def sync_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    data_dir = tmp_path_factory.mktemp("sync-server")
    settings = Settings(data_dir, sqlite_url(data_dir), RateLimit(100_000, 100_000))
    running = start_server(settings)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def network_guard(monkeypatch: pytest.MonkeyPatch) -> NetworkGuard:
    """Every DNS lookup and connection but to 127.0.0.1 is recorded and refused."""
    return install_network_guard(monkeypatch)


@pytest.fixture
def sync_admin(sync_server: RunningServer) -> Admin:
    return Admin(sync_server.engine, sync_server.settings)


@pytest.fixture
def sync_territory(sync_admin: Admin) -> str:
    return sync_admin.territory("Aveyron")


def fast_options(attempts: int = 8, budget: int = 200, **overrides: Any) -> SyncOptions:
    """Short timeouts and back-off, so fault tests run in seconds."""
    retry = RetryPolicy(attempts=attempts, budget=budget, base_s=0.01, cap_s=0.05)
    values: dict[str, Any] = {
        "retry": retry,
        "connect_timeout_s": 2.0,
        "stall_timeout_s": 2.0,
    }
    values.update(overrides)
    return SyncOptions(**values)


@dataclass
class Laptop:
    name: str
    data_dir: Path
    session: Session
    device_id: str = ""

    def sync(self, **overrides: Any) -> SyncReport:
        return sync_now(self.session, options=fast_options(**overrides))

    def people(self) -> PeopleService:
        return PeopleService(self.session)

    def add_person(self, first: str = "Ana", last: str = "Silva", **extra: Any) -> Person:
        return self.people().create_person(
            first, last, date(1994, 3, 2), allow_duplicates=True, **extra
        )

    def add_interview(self, first: str, last: str, answers: int = 5) -> uuid.UUID:
        person = self.add_person(first, last, commune="Rodez", phone="0600000000")
        self.people().record_consent(person.id, {ConsentScope.RECORD})
        interview = InterviewService(self.session).start_or_resume(person.id)
        # Answer rows for sync to carry, more than a definition has questions (620 for the
        # paging tests): written through the store's own repository, not the save use case,
        # which only takes the definition's keys.
        me = self.session.counsellor.id
        with self.session.uow() as uow:
            for i in range(answers):
                uow.answers.upsert(interview.id, f"theme.q{i}", f"réponse {i} de {first}", me)
        return person.id

    def snapshot(self) -> dict[str, dict[str, Any]]:
        """Every synchronised record as its document, by entity and id (for convergence)."""
        from spie_desktop.storage.entities import ENTITY_SPECS
        from spie_desktop.storage.repositories.sync_rows import to_doc

        out: dict[str, dict[str, Any]] = {}
        with self.session.uow(read_only=True) as uow:
            for name, spec in ENTITY_SPECS.items():
                rows = uow.session.execute(spec.table.select()).all()
                out[name] = {str(r._mapping["id"]): to_doc(name, r._mapping) for r in rows}
        return out

    def pending(self) -> int:
        with self.session.uow(read_only=True) as uow:
            return uow.outbox.count_pending()


@dataclass(frozen=True)
class Template:
    """One device set up once (Argon2id is slow on purpose); laptops are copies of it."""

    data_dir: Path
    data_key: bytes
    account_id: uuid.UUID
    signing_key: Any


@pytest.fixture(scope="session")
def laptop_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    data_dir = tmp_path_factory.mktemp("template") / "device"
    setup = device.initialise_device(
        data_dir,
        territory_code="12",
        structure_name="CD Aveyron",
        structure_kind=StructureKind.CONSEIL_DEPARTEMENTAL,
        counsellor_name="Conseiller modèle",
        field=Field.SOCIAL,
        passphrase=PASSPHRASE,
    )
    session = device.unlock(data_dir, setup.counsellor_id, PASSPHRASE)
    with session.uow(read_only=True) as uow:
        current = uow.signing_keys.current_for(setup.counsellor_id)
    assert current is not None
    key = unwrap_private_key(current.wrapped_key, PASSPHRASE)
    data_key = session.data_key
    session.close()
    return Template(data_dir, data_key, setup.counsellor_id, key)


def open_copy(template: Template, data_dir: Path) -> Session:
    """A new device from the template: its own files and device id, the same account."""
    shutil.copytree(template.data_dir, data_dir)
    path = store_path(data_dir)
    with (
        Store.open(path, template.data_key, verify=False) as store,
        store.unit_of_work(None) as uow,
    ):
        uow.meta.set("device_id", str(uuid.uuid4()))
    store = Store.open(path, template.data_key, verify=False)
    config = load_config(data_dir)
    assert config is not None
    with store.unit_of_work(template.account_id, read_only=True) as uow:
        counsellor = uow.counsellors.get(template.account_id)
    return Session(
        data_dir=data_dir,
        store=store,
        counsellor=counsellor,
        territory=territory_by_code(config.territory_code),
        config=config,
        data_key=template.data_key,
    )


@pytest.fixture
def make_laptop(
    tmp_path: Path,
    sync_server: RunningServer,
    sync_admin: Admin,
    sync_territory: str,
    laptop_template: Template,
) -> Iterator[Callable[..., Laptop]]:
    opened: list[Laptop] = []

    def make(
        name: str,
        *,
        url: str | None = None,
        enrol: bool = True,
        territory: str | None = None,
        structure: str = "CD Aveyron",
    ) -> Laptop:
        data_dir = tmp_path / name
        session = open_copy(laptop_template, data_dir)
        laptop = Laptop(name, data_dir, session)
        opened.append(laptop)
        if enrol:
            code = sync_admin.code(territory or sync_territory, structure)
            enrolment = enroll(
                session,
                url or sync_server.base_url,
                code,
                key=laptop_template.signing_key,
                ca_fingerprint=sync_admin.ca_fingerprint(territory or sync_territory),
            )
            laptop.device_id = str(enrolment.device_id)
        return laptop

    yield make
    for laptop in opened:
        laptop.session.close()


def converged(*laptops: Laptop) -> bool:
    first = laptops[0].snapshot()
    return all(_comparable(lap.snapshot()) == _comparable(first) for lap in laptops[1:])


def _comparable(snapshot: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    # The devices' own counsellor and structure rows exist on each; everything is compared.
    return snapshot
