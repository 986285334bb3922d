"""A push's sharing work is proportional to what it changed, not to the territory: counted
as the stored documents the server opens while deciding who follows whom (no timing)."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from spie_server.sealing import TerritoryKey
from tests.server.helpers import DeviceClient, change

FILES = 6
ORPHANS = 12


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Per entity, how many stored documents the server opens (the server runs in-process)."""
    counts: Counter[str] = Counter()
    original = TerritoryKey.open_doc

    def counting(self: TerritoryKey, entity: str, *args: Any, **kwargs: Any) -> Any:
        counts[entity] += 1
        return original(self, entity, *args, **kwargs)

    monkeypatch.setattr(TerritoryKey, "open_doc", counting)
    yield counts


def _files(device: DeviceClient, counsellors: list[uuid.UUID]) -> None:
    changes = []
    for counsellor in counsellors:
        person = uuid.uuid4()
        changes += [
            change("people", person),
            change(
                "interviews",
                fields={"person_id": str(person), "social_counsellor_id": str(counsellor)},
            ),
        ]
    device.push_ok(changes)


def test_a_counsellor_change_reads_only_the_files_that_name_that_counsellor(
    device: DeviceClient, opened: Counter[str]
) -> None:
    counsellors = [uuid.uuid4() for _ in range(FILES)]
    device.push_ok([change("counsellors", c) for c in counsellors])
    _files(device, counsellors)
    opened.clear()
    (result,) = device.push_ok(
        [change("counsellors", counsellors[0], base=1, fields={"display_name": "Nadia B."})]
    )
    assert result["status"] == "applied"
    assert opened["interviews"] == 1  # the one file that names that counsellor


def test_a_push_of_parents_looks_up_only_the_orphans_waiting_for_them(
    device: DeviceClient, opened: Counter[str]
) -> None:
    device.push_ok(
        [
            change("answers", fields={"interview_id": str(uuid.uuid4()), "key": f"q{n}"})
            for n in range(ORPHANS)
        ]
    )
    person, interview, answer = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    device.push_ok([change("answers", answer, fields={"interview_id": str(interview)})])
    opened.clear()
    device.push_ok(
        [
            change("people", person),
            change("interviews", interview, fields={"person_id": str(person)}),
        ]
    )
    assert opened["answers"] == 1  # its own orphan, not the territory's others
    assert str(answer) in {c["entity_id"] for c in device.pull_all() if c["entity"] == "answers"}
