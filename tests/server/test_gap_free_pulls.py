"""Pushes of one territory commit concurrently on PostgreSQL; pulls stay gap- and duplicate-free.

A real server on a throwaway PostgreSQL cluster, many pushing devices in threads and pulling
devices paging at the same time, each page checked as it arrives: sequence numbers above
``since`` and increasing, no record twice; at the end every applied change was seen exactly
once by every puller. One push is held between drawing its sequence numbers and committing
until the other pushes are through and every puller has paged to the end: the interleaving
that loses a change unless pulls stop at the watermark (spie_server/sync/sequence.py). The
same crowd with the watermark switched off must be caught losing that push's changes — the
property check is shown able to fail.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

import spie_server.sync.pull as pull_module
import spie_server.sync.push_write as push_module
from tests.server.helpers import Admin, DeviceClient, RunningServer, change, enrolled

PUSHERS = 6
BATCHES = 8
BATCH = 4
HELD = 3  # the held push has this many changes; every other push has BATCH
PULLERS = 3
PAGE = 5
#: How long a thread may wait for another to reach a point: a deadlock guard, never a
#: measure (the wait normally lasts milliseconds).
PATIENCE = 120


@pytest.fixture
def pg_enrol(
    postgresql_server: RunningServer,
) -> Callable[[str], AbstractContextManager[DeviceClient]]:
    admin = Admin(postgresql_server.engine, postgresql_server.settings)

    def make(territory: str) -> AbstractContextManager[DeviceClient]:
        return enrolled(postgresql_server.base_url, admin, territory)

    return make


@pytest.fixture
def pg_territory(postgresql_server: RunningServer) -> str:
    return Admin(postgresql_server.engine, postgresql_server.settings).territory()


def _counsellors(n: int) -> list[dict[str, Any]]:
    """Records of no one: every device of the territory receives them."""
    return [
        change("counsellors", fields={"display_name": "C", "field": "social"}) for _ in range(n)
    ]


class HeldPush:
    """Holds the first push of HELD changes after it drew its numbers, until released."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.drawn = threading.Event()
        self.release = threading.Event()
        self._taken = False
        self._lock = threading.Lock()
        original = push_module.lock_and_draw

        def draw(session: Any, territory_id: int, count: int) -> list[int]:
            seqs = original(session, territory_id, count)
            with self._lock:
                hold = count == HELD and not self._taken
                self._taken = self._taken or hold
            if hold:
                self.drawn.set()
                assert self.release.wait(PATIENCE), "the held push was never released"
            return seqs

        monkeypatch.setattr(push_module, "lock_and_draw", draw)


@dataclass
class Puller:
    """Pages from 0 to the end over and over, checking each page; records what it saw."""

    device: DeviceClient
    since: int = 0
    seen: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def drain(self) -> None:
        while True:
            page = self.device.pull(self.since, PAGE)
            seqs = [c["seq"] for c in page["changes"]]
            if any(s <= self.since for s in seqs) or seqs != sorted(set(seqs)):
                self.problems.append(f"page after {self.since} out of order: {seqs}")
            for item in page["changes"]:
                if item["entity_id"] in self.seen:
                    self.problems.append(f"duplicate {item['entity_id']} at seq {item['seq']}")
                self.seen[item["entity_id"]] = item["seq"]
            if page["next_since"] < self.since:
                self.problems.append(f"next_since went back to {page['next_since']}")
            self.since = page["next_since"]
            if not page["has_more"]:
                return


def _crowd(
    enrol: Callable[[str], AbstractContextManager[DeviceClient]],
    territory: str,
    held: HeldPush,
) -> tuple[dict[str, int], list[Puller]]:
    """Run the crowd; returns what was applied (entity_id → seq) and the pullers."""
    applied: dict[str, int] = {}
    failures: list[str] = []
    lock = threading.Lock()
    pushers_done = threading.Event()

    def push(device: DeviceClient, batches: list[list[dict[str, Any]]]) -> None:
        for changes in batches:
            response = device.push(changes)
            if response.status_code != 200:
                with lock:
                    failures.append(response.text)
                continue
            for sent, result in zip(changes, response.json()["results"], strict=True):
                with lock:
                    if result["status"] == "applied":
                        applied[sent["entity_id"]] = result["seq"]
                    else:
                        failures.append(str(result))

    def pull(puller: Puller, drained: threading.Event) -> None:
        while not pushers_done.is_set():
            puller.drain()
        puller.drain()  # once more after the last other push: everything committed so far
        drained.set()

    with (
        enrol(territory) as held_device,
        _devices(enrol, territory, PUSHERS) as pushers,
        _devices(enrol, territory, PULLERS) as pulling,
    ):
        pullers = [Puller(d) for d in pulling]
        held_device.http.timeout = httpx.Timeout(PATIENCE)  # it waits for all the others
        held_thread = threading.Thread(target=push, args=(held_device, [_counsellors(HELD)]))
        held_thread.start()
        assert held.drawn.wait(PATIENCE), "the held push never drew its numbers"
        pushing = [
            threading.Thread(target=push, args=(d, [_counsellors(BATCH) for _ in range(BATCHES)]))
            for d in pushers
        ]
        drained = [threading.Event() for _ in pullers]
        paging = [
            threading.Thread(target=pull, args=(p, e))
            for p, e in zip(pullers, drained, strict=True)
        ]
        for thread in pushing + paging:
            thread.start()
        for thread in pushing:
            thread.join(PATIENCE)
        pushers_done.set()
        for event in drained:
            assert event.wait(PATIENCE), "a puller never finished paging"
        held.release.set()
        held_thread.join(PATIENCE)
        for thread in paging:
            thread.join(PATIENCE)
        assert not held_thread.is_alive() and not any(t.is_alive() for t in pushing)
        for puller in pullers:
            puller.drain()  # the held push is committed now
    assert not failures, failures[:3]
    assert len(applied) == HELD + PUSHERS * BATCHES * BATCH
    return applied, pullers


@contextmanager
def _devices(
    enrol: Callable[[str], AbstractContextManager[DeviceClient]], territory: str, n: int
) -> Iterator[list[DeviceClient]]:
    with ExitStack() as stack:
        yield [stack.enter_context(enrol(territory)) for _ in range(n)]


def _losses(applied: dict[str, int], pullers: list[Puller]) -> list[str]:
    """What the property forbids: a page out of order, a duplicate, an applied change that a
    puller paging from 0 to the end never received."""
    found: list[str] = []
    for index, puller in enumerate(pullers):
        found += [f"puller {index}: {p}" for p in puller.problems]
        missing = sorted(seq for entity_id, seq in applied.items() if entity_id not in puller.seen)
        if missing:
            found.append(f"puller {index} never received seqs {missing}")
        strays = set(puller.seen) - set(applied)
        if strays:
            found.append(f"puller {index} received {len(strays)} records nobody pushed")
    return found


def test_concurrent_pushes_and_pulls_lose_nothing_and_repeat_nothing(
    pg_enrol: Callable[[str], AbstractContextManager[DeviceClient]],
    pg_territory: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    applied, pullers = _crowd(pg_enrol, pg_territory, HeldPush(monkeypatch))
    assert _losses(applied, pullers) == []


def test_the_check_catches_pulls_that_pass_a_push_still_writing(
    pg_enrol: Callable[[str], AbstractContextManager[DeviceClient]],
    pg_territory: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The broken variant: pages served up to the last number drawn, claims ignored."""

    def last_drawn(session: Session, _territory: int) -> int:
        last = "SELECT coalesce(pg_sequence_last_value('change_seq'), 0)"
        return int(session.execute(text(last)).scalar_one())

    monkeypatch.setattr(pull_module, "watermark", last_drawn)
    applied, pullers = _crowd(pg_enrol, pg_territory, HeldPush(monkeypatch))
    losses = _losses(applied, pullers)
    assert losses and all("never received" in loss for loss in losses), losses
    held = sorted(applied.values())  # the held push drew first: its numbers are the lowest
    assert all(str(held[0]) in loss for loss in losses)


def test_a_push_commits_while_another_of_its_territory_is_still_writing(
    pg_enrol: Callable[[str], AbstractContextManager[DeviceClient]],
    pg_territory: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pushes of one territory no longer wait for one another to commit (they did, behind
    a per-territory lock held until commit); a pull meanwhile stops below the unfinished one."""
    held = HeldPush(monkeypatch)
    with _devices(pg_enrol, pg_territory, 3) as (first, second, reader):
        outcomes: dict[str, Any] = {}

        def push(name: str, device: DeviceClient, n: int) -> None:
            try:
                outcomes[name] = device.push(_counsellors(n)).status_code
            except httpx.HTTPError as error:  # the client gave up waiting
                outcomes[name] = repr(error)

        first.http.timeout = second.http.timeout = httpx.Timeout(PATIENCE)
        slow = threading.Thread(target=push, args=("slow", first, HELD))
        slow.start()
        assert held.drawn.wait(PATIENCE)
        fast = threading.Thread(target=push, args=("fast", second, 2))
        fast.start()
        fast.join(PATIENCE)
        fast_while_held = outcomes.get("fast")
        page = reader.pull(0, 100)
        held.release.set()
        slow.join(PATIENCE)
        fast.join(PATIENCE)
        assert fast_while_held == 200, f"the second push waited for the first: {fast_while_held}"
        assert outcomes["slow"] == 200
        assert page["changes"] == []  # its numbers lie above the unfinished push's
        after = reader.pull(page["next_since"], 100)
        assert len(after["changes"]) == HELD + 2
