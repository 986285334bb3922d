"""A pushed erasure (a ``purges`` record): the server forgets everything of that person in the
same transaction, keeps only the tombstone, and every other device pulls it."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from spie_server.db import session_scope
from spie_server.sync.held_deletions import decide_held, list_held
from spie_server.sync.history import restore_record
from spie_server.sync.purge import owner_references
from tests.server.dump import database_dump, plain_tables_dump, readable_in
from tests.server.helpers import Admin, DeviceClient, RunningServer, change

ANSWER = "Ma soeur Quetzalia garde les enfants le mardi"
PDF = b"%PDF-1.7\n% plan d'accompagnement de Zyrphaelle Vandekerkhove-Okonkwo\n%%EOF\n"
FIRST, LAST = "Zyrphaelle", "Vandekerkhove-Okonkwo"


def erasure(person_id: uuid.UUID, reason: str = "erasure") -> dict[str, Any]:
    return change(
        "purges",
        fields={"person_id": str(person_id), "reason": reason, "purged_on": "2026-12-05"},
    )


@dataclass
class File:
    """One person's whole file as a device pushed it: every id it made."""

    person: uuid.UUID
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    sha256: str = ""

    def every_id(self) -> list[uuid.UUID]:
        return [self.person, *self.ids.values()]


def push_file(
    device: DeviceClient, first: str, last: str, answer: str, pdf: bytes, phone: str
) -> File:
    """A person with a record of every entity that belongs to them, a PDF, and an answer
    deleted later (its text stays in the history)."""
    file = File(uuid.uuid4())
    ids = file.ids
    for name in (
        "consent",
        "interview",
        "answer",
        "old_answer",
        "plan",
        "objective",
        "action",
        "signature",
        "pdf",
        "event",
    ):
        ids[name] = uuid.uuid4()
    file.sha256 = hashlib.sha256(pdf).hexdigest()
    uploaded = device.http.put(
        f"/v1/blobs/{file.sha256}/chunks",
        params={"offset": 0, "size": len(pdf)},
        content=pdf,
        headers={"Content-Type": "application/octet-stream"},
    )
    assert uploaded.status_code == 200 and uploaded.json()["complete"], uploaded.text
    person, interview, plan = str(file.person), str(ids["interview"]), str(ids["plan"])
    results = device.push_ok(
        [
            change(
                "people",
                file.person,
                fields={"first_name": first, "last_name": last, "phone": phone},
            ),
            # Shared with the territory's other structures: their devices hold the file too.
            change(
                "consents",
                ids["consent"],
                fields={"person_id": person, "scopes": ["record", "share_consortium"]},
            ),
            # Names a counsellor: the server indexes which files name whom (person_counsellors).
            change(
                "interviews",
                ids["interview"],
                fields={"person_id": person, "social_counsellor_id": str(uuid.uuid4())},
            ),
            change("answers", ids["answer"], fields={"interview_id": interview, "value": answer}),
            change(
                "answers",
                ids["old_answer"],
                fields={"interview_id": interview, "value": f"Dette {last} chez le bailleur"},
            ),
            change("plans", ids["plan"], fields={"person_id": person}),
            change("objectives", ids["objective"], fields={"plan_id": plan}),
            change(
                "actions",
                ids["action"],
                fields={"objective_id": str(ids["objective"]), "label": f"Appeler {first}"},
            ),
            change("signatures", ids["signature"], fields={"plan_id": plan, "signer_name": last}),
            change(
                "plan_pdfs",
                ids["pdf"],
                fields={"plan_id": plan, "sha256": file.sha256, "size": len(pdf)},
            ),
            change(
                "follow_up_events",
                ids["event"],
                fields={"person_id": person, "note": f"{first} a rappelé"},
            ),
            change("answers", ids["old_answer"], base=1, deleted=True),
        ]
    )
    assert {r["status"] for r in results} == {"applied"}, results
    return file


def test_owner_chain_is_read_from_the_schemas() -> None:
    chain = owner_references()
    assert chain["answers"] == {"interview_id": "interviews"}
    assert chain["actions"] == {"objective_id": "objectives"}
    assert chain["follow_up_events"] == {"person_id": "people", "action_id": "actions"}
    assert chain["immersions"] == {"person_id": "people", "action_id": "actions"}
    assert set(chain) == {
        "consents",
        "interviews",
        "answers",
        "plans",
        "objectives",
        "actions",
        "signatures",
        "plan_pdfs",
        "follow_up_events",
        "case_review_cases",  # a case put to a review names its person
        "immersions",
    }


def test_an_erasure_leaves_nothing_of_the_person_but_the_tombstone(
    server: RunningServer,
    admin: Admin,
    enrol: Callable[..., AbstractContextManager[DeviceClient]],
    territory: str,
) -> None:
    with enrol(territory) as laptop, enrol(territory, "France Travail") as other:
        gone = push_file(laptop, FIRST, LAST, ANSWER, PDF, "0694112233")
        kept = push_file(
            laptop, "Gardenia", "Restemoi", "Réponse qui reste", b"%PDF-1.7 kept", "0594000000"
        )
        # An administrator restored the deleted answer once: the admin log names it.
        with session_scope(admin.engine) as session:
            restore_record(session, territory, "answers", str(gone.ids["old_answer"]))
        before = other.pull()
        assert before["changes"], "the other device had pulled the file before the erasure"

        tombstone = erasure(gone.person)
        (result,) = laptop.push_ok([tombstone])
        assert result["status"] == "applied"

        whole = plain_tables_dump(admin.engine).splitlines()
        # The tombstone names the person's id, by design: every other line must not.
        tid = uuid.UUID(str(tombstone["entity_id"]))
        kept_lines = [line for line in whole if str(tid) not in line and tid.hex not in line]
        assert len(whole) - len(kept_lines) == 2  # its record and its one version
        dump = "\n".join(kept_lines)
        for record_id in gone.every_id():
            assert str(record_id) not in dump and record_id.hex not in dump, record_id
        earlier = f"Dette {LAST} chez le bailleur"
        for text in (FIRST, LAST, ANSWER, earlier, "0694112233", gone.sha256):
            assert text not in dump, text
        assert PDF.decode() not in dump
        # The other file is all there, so the dump did read every table.
        for record_id in kept.every_id():
            assert str(record_id) in dump or record_id.hex in dump, record_id
        assert "Réponse qui reste" in dump and kept.sha256 in dump
        if server.settings.database_url.startswith("postgresql"):
            raw = database_dump(server.settings.database_url)
            for record_id in gone.every_id():
                assert not readable_in(raw, str(record_id).encode()), record_id
            assert not readable_in(raw, gone.sha256.encode())

        pulled = other.pull_all()
        about = {c["entity_id"] for c in pulled} & {str(i) for i in gone.every_id()}
        assert about == set()
        tombstones = [c for c in pulled if c["entity"] == "purges"]
        assert [t["fields"]["person_id"] for t in tombstones] == [str(gone.person)]
        assert tombstones[0]["fields"]["reason"] == "erasure"
        # A device that resumes from an old checkpoint gets the tombstone, not the records.
        resumed = other.pull_all(since=before["next_since"])
        assert {c["entity_id"] for c in resumed} & {str(i) for i in gone.every_id()} == set()
        assert str(tombstone["entity_id"]) in {c["entity_id"] for c in resumed}
        assert other.http.get(f"/v1/blobs/{gone.sha256}").status_code == 404
        assert other.http.get(f"/v1/blobs/{kept.sha256}").status_code == 200


def test_erasures_past_the_hourly_allowance_wait_for_an_administrator(
    server: RunningServer, admin: Admin, device: DeviceClient, territory: str
) -> None:
    limit = server.settings.deletions_per_hour
    people = [uuid.uuid4() for _ in range(limit + 2)]
    device.push_ok(
        [change("people", p, fields={"first_name": f"P{n}"}) for n, p in enumerate(people)]
    )

    results = device.push_ok([erasure(p) for p in people])

    assert [r["status"] for r in results] == ["applied"] * limit + ["rejected"] * 2
    assert {r["reason"]["code"] for r in results[limit:]} == {"deletion_held"}
    live = {c["entity_id"] for c in device.pull_all() if c["entity"] == "people"}
    assert live == {str(p) for p in people[limit:]}
    # The same device's erasures stay held within the hour; an ordinary deletion too.
    (later,) = device.push_ok([change("people", people[-1], base=1, deleted=True)])
    assert later["reason"]["code"] == "deletion_held"
    with session_scope(admin.engine) as session:
        held = [h for h in list_held(session, territory) if h.entity == "purges"]
        assert [h.entity_id for h in held] == people[limit:]
        decide_held(session, [h.id for h in held], None, approve=True)
    pulled = device.pull_all()
    assert {c["entity_id"] for c in pulled if c["entity"] == "people"} == set()
    erased = {c["fields"]["person_id"] for c in pulled if c["entity"] == "purges"}
    assert erased == {str(p) for p in people}


def test_a_device_that_has_not_pulled_the_tombstone_cannot_bring_the_file_back(
    admin: Admin,
    enrol: Callable[..., AbstractContextManager[DeviceClient]],
    territory: str,
) -> None:
    with enrol(territory) as laptop, enrol(territory) as late:
        gone = push_file(laptop, "Ondine", "Revenante", "Réponse oubliée", b"%PDF back", "0700")
        laptop.push_ok([erasure(gone.person)])
        person, interview = str(gone.person), str(gone.ids["interview"])
        results = late.push_ok(
            [
                change("people", gone.person, base=1, fields={"commune": "Kourou"}),
                change("people", gone.person, fields={"first_name": "Ondine"}),
                change("follow_up_events", fields={"person_id": person, "note": "Ondine"}),
                change("answers", fields={"interview_id": interview, "value": "Revenante"}),
                change("interviews", gone.ids["interview"], base=1, deleted=True),
                change("people", fields={"first_name": "Someone else"}),
            ]
        )
        codes = [r["reason"]["code"] if r["status"] == "rejected" else r["status"] for r in results]
        assert codes == ["purged"] * 5 + ["applied"]
        dump = plain_tables_dump(admin.engine)
        assert "Revenante" not in dump and "Ondine" not in dump
        assert str(gone.person) not in dump.replace(f"'person_id': '{gone.person}'", "")
