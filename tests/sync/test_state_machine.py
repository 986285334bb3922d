"""Three laptops make random edits and random partial syncs through a faulty link; then a
full sync. Every laptop and the server must hold the same records, no written value may be
lost (it is the final value, waits in a conflict inbox, or was overwritten by a laptop that
had seen it), and every append-only record exists exactly once."""

from __future__ import annotations

import itertools
import uuid
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.services import conflicts
from spie_desktop.sync.enrolment import enroll
from tests.server.helpers import Admin, RunningServer
from tests.sync.conftest import Laptop, Template, converged, open_copy
from tests.sync.fault_proxy import ACTIONS, FaultProxy

FIELDS = ("phone", "commune", "email")
_counter = itertools.count()
STATS = {"conflicts": 0}


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_counter)}"


@pytest.fixture
def proxies(sync_server: RunningServer) -> Iterator[list[FaultProxy]]:
    port = int(sync_server.base_url.rsplit(":", 1)[1])
    made = [FaultProxy(port, seed=i) for i in range(3)]
    yield made
    for proxy in made:
        proxy.close()


def test_three_laptops_converge_under_random_faults(
    tmp_path: Path,
    sync_server: RunningServer,
    sync_admin: Admin,
    laptop_template: Template,
    proxies: list[FaultProxy],
) -> None:
    examples = itertools.count()

    class Laptops(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            territory = sync_admin.territory()
            base = tmp_path / f"example-{next(examples)}"
            self.laptops: list[Laptop] = []
            for index, proxy in enumerate(proxies):
                proxy.probabilities, proxy.script, proxy.mode = {}, type(proxy.script)(), "up"
                session = open_copy(laptop_template, base / f"laptop-{index}")
                code = sync_admin.code(territory)
                enroll(
                    session,
                    proxy.url,
                    code,
                    key=laptop_template.signing_key,
                    ca_fingerprint=sync_admin.ca_fingerprint(territory),
                )
                self.laptops.append(Laptop(f"laptop-{index}", base, session))
            # Two people every laptop already holds: concurrent edits of them clash.
            self.people: list[uuid.UUID] = [
                self.laptops[0].add_person(unique("Partagé"), "Test").id for _ in range(2)
            ]
            for laptop in self.laptops:
                assert laptop.sync().ok
            self.written: dict[tuple[uuid.UUID, str], set[str]] = defaultdict(set)
            self.overwritten: dict[tuple[uuid.UUID, str], set[str]] = defaultdict(set)
            self.events: set[str] = set()

        @rule(laptop=st.integers(0, 2))
        def create_person(self, laptop: int) -> None:
            person = self.laptops[laptop].add_person(unique("Prénom"), "Test")
            self.people.append(person.id)

        @rule(laptop=st.integers(0, 2))
        def clean_sync(self, laptop: int) -> None:
            assert self.laptops[laptop].sync().ok

        @rule(laptop=st.integers(0, 2), which=st.integers(0, 50), field=st.sampled_from(FIELDS))
        def edit(self, laptop: int, which: int, field: str) -> None:
            if not self.people:
                return
            person_id = self.people[which % len(self.people)]
            service = self.laptops[laptop].people()
            with self.laptops[laptop].session.uow(read_only=True) as uow:
                person = uow.people.find(person_id)
            if person is None:
                return  # this laptop has not received that person yet
            value = unique(field)
            self.overwritten[(person_id, field)].add(getattr(person, field))
            setattr(person, field, value)
            service.update(person)
            self.written[(person_id, field)].add(value)

        @rule(laptop=st.integers(0, 2), which=st.integers(0, 50))
        def add_event(self, laptop: int, which: int) -> None:
            if not self.people:
                return
            person_id = self.people[which % len(self.people)]
            note = unique("note")
            with self.laptops[laptop].session.uow() as uow:
                if uow.people.find(person_id) is None:
                    return
                uow.events.add(
                    FollowUpEvent(person_id=person_id, kind=FollowUpKind.CONTACT, note=note)
                )
            self.events.add(note)

        @rule(
            laptop=st.integers(0, 2),
            fault=st.sampled_from(ACTIONS),
            share=st.sampled_from((0.0, 0.3, 0.7)),
        )
        def partial_sync(self, laptop: int, fault: str, share: float) -> None:
            proxies[laptop].probabilities = {fault: share}
            self.laptops[laptop].sync(attempts=2, budget=4, batch_changes=3, page_limit=4)
            proxies[laptop].probabilities = {}

        @invariant()
        def nothing_pending_is_lost_locally(self) -> None:
            for laptop in self.laptops:
                with laptop.session.uow(read_only=True) as uow:
                    assert uow.outbox.status_counts().get("error", 0) == 0

        def teardown(self) -> None:
            try:
                for laptop in self.laptops * 2:
                    report = laptop.sync()
                    assert report.ok, report.error_en
                assert converged(*self.laptops)
                assert all(laptop.pending() == 0 for laptop in self.laptops)
                self._nothing_lost()
                STATS["conflicts"] += sum(len(conflicts.list_open(x.session)) for x in self.laptops)
                self._events_exactly_once()
            finally:
                for laptop in self.laptops:
                    laptop.session.close()

        def _nothing_lost(self) -> None:
            final = self.laptops[0].people()
            in_conflicts: set[str] = set()
            for laptop in self.laptops:
                for c in conflicts.list_open(laptop.session):
                    in_conflicts.update(str(v) for v in (c.local_value, c.server_value))
            for (person_id, field), values in self.written.items():
                kept = getattr(final.get(person_id), field)
                for value in values:
                    assert (
                        value == kept
                        or value in in_conflicts
                        or value in self.overwritten[(person_id, field)]
                    ), f"{field} value {value} was lost"

        def _events_exactly_once(self) -> None:
            for laptop in self.laptops:
                with laptop.session.uow(read_only=True) as uow:
                    notes = [
                        e.note
                        for person_id in self.people
                        for e in uow.events.list_for_person(person_id)
                    ]
                assert sorted(notes) == sorted(self.events)

    STATS["conflicts"] = 0
    run_state_machine_as_test(
        Laptops,
        settings=settings(
            max_examples=12,
            stateful_step_count=14,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        ),
    )
    assert STATS["conflicts"] > 0, "no example made a clash: the merge path went untested"
