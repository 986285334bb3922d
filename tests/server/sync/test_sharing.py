"""Sharing follows the person: a device receives a person's records, their signed PDFs and
their place in the integrity digest only when its structure follows them; following brings
the whole file, stopping (a consent withdrawn) sends a notice to erase it; sensitive answers
stay with the structure that recorded them unless the person agreed."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from tests.server.helpers import DeviceClient, change

Enrol = Callable[..., AbstractContextManager[DeviceClient]]
HOME, PARTNER = "CD Aveyron", "Mission locale Rodez"
PDF = b"%PDF-1.7\n% plan signed for a person\n%%EOF\n"
SENSITIVE_KEY = "sante.notes"


@dataclass
class PersonFile:
    person: uuid.UUID
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    sha256: str = ""

    def all_ids(self) -> set[str]:
        return {str(self.person), *(str(i) for i in self.ids.values())}


def consent(
    person: uuid.UUID, *scopes: str, at: str = "2026-11-27T10:00:00+00:00"
) -> dict[str, Any]:
    return change(
        "consents",
        fields={"person_id": str(person), "scopes": ["record", *scopes], "given_at": at},
    )


def push_file(device: DeviceClient, *scopes: str) -> PersonFile:
    """A person with a consent, an interview and its answers (one sensitive), a plan with an
    objective and an action, a signed PDF and a follow-up event."""
    file = PersonFile(uuid.uuid4())
    ids = file.ids
    for name in ("interview", "answer", "sensitive", "plan", "objective", "action", "pdf", "event"):
        ids[name] = uuid.uuid4()
    file.sha256 = hashlib.sha256(PDF).hexdigest()
    uploaded = device.http.put(
        f"/v1/blobs/{file.sha256}/chunks",
        params={"offset": 0, "size": len(PDF)},
        content=PDF,
        headers={"Content-Type": "application/octet-stream"},
    )
    assert uploaded.status_code == 200, uploaded.text
    person, plan = str(file.person), str(ids["plan"])
    stamp = consent(file.person, *scopes)
    ids["consent"] = uuid.UUID(stamp["entity_id"])
    results = device.push_ok(
        [
            change("people", file.person, fields={"first_name": "Ana"}),
            stamp,
            change("interviews", ids["interview"], fields={"person_id": person}),
            change(
                "answers",
                ids["answer"],
                fields={"interview_id": str(ids["interview"]), "key": "logement.situation"},
            ),
            change(
                "answers",
                ids["sensitive"],
                fields={"interview_id": str(ids["interview"]), "key": SENSITIVE_KEY},
            ),
            change("plans", ids["plan"], fields={"person_id": person}),
            change("objectives", ids["objective"], fields={"plan_id": plan}),
            change("actions", ids["action"], fields={"objective_id": str(ids["objective"])}),
            change(
                "plan_pdfs",
                ids["pdf"],
                fields={"plan_id": plan, "sha256": file.sha256, "size": len(PDF)},
            ),
            change("follow_up_events", ids["event"], fields={"person_id": person}),
        ]
    )
    assert {r["status"] for r in results} == {"applied"}, results
    return file


def seen(device: DeviceClient, since: int = 0) -> tuple[set[str], int]:
    """Ids of the records a device receives after ``since``, and where its pull ended."""
    ids: set[str] = set()
    while True:
        page = device.pull(since, limit=3)
        ids |= {c["entity_id"] for c in page["changes"]}
        since = page["next_since"]
        if not page["has_more"]:
            return ids, since


def unshared(device: DeviceClient, since: int) -> list[str]:
    notices: list[str] = []
    while True:
        page = device.pull(since, limit=3)
        notices += [n["person_id"] for n in page.get("unshared", [])]
        since = page["next_since"]
        if not page["has_more"]:
            return notices


def integrity(device: DeviceClient) -> dict[str, Any]:
    response = device.http.get("/v1/integrity")
    assert response.status_code == 200
    entities: dict[str, Any] = response.json()["entities"]
    return entities


def test_a_device_of_a_structure_that_does_not_follow_the_person_receives_nothing_of_them(
    enrol: Enrol, territory: str
) -> None:
    with (
        enrol(territory, HOME) as home,
        enrol(territory, HOME) as colleague,
        enrol(territory, PARTNER) as partner,
    ):
        file = push_file(home)
        shared = change("structures", fields={"name": HOME})
        home.push_ok([shared])

        partner_ids, _ = seen(partner)
        assert not partner_ids & file.all_ids()
        assert shared["entity_id"] in partner_ids  # what belongs to no one is shared
        assert "people" not in integrity(partner)
        assert "answers" not in integrity(partner)
        download = partner.http.get(f"/v1/blobs/{file.sha256}")
        assert download.status_code == 404

        colleague_ids, _ = seen(colleague)
        assert file.all_ids() <= colleague_ids
        assert integrity(colleague)["people"]["count"] == 1
        assert integrity(colleague) == integrity(home)
        assert colleague.http.get(f"/v1/blobs/{file.sha256}").content == PDF


def test_a_counsellor_of_another_structure_on_the_interview_brings_it_the_whole_file(
    enrol: Enrol, territory: str
) -> None:
    with enrol(territory, HOME) as home, enrol(territory, PARTNER) as partner:
        file = push_file(home)
        _, since = seen(partner)
        structure, counsellor = uuid.uuid4(), uuid.uuid4()
        partner.push_ok(
            [
                change("structures", structure, fields={"name": PARTNER}),
                change("counsellors", counsellor, fields={"structure_id": str(structure)}),
            ]
        )
        home.push_ok(
            [
                change(
                    "interviews",
                    file.ids["interview"],
                    base=1,
                    fields={"emploi_counsellor_id": str(counsellor)},
                )
            ]
        )
        arrived, _ = seen(partner, since)
        assert file.all_ids() - {str(file.ids["sensitive"])} <= arrived
        assert str(file.ids["sensitive"]) not in arrived  # recorded by the home structure
        assert partner.http.get(f"/v1/blobs/{file.sha256}").content == PDF
        assert integrity(partner)["people"]["count"] == 1


def test_consent_to_share_brings_the_file_and_its_withdrawal_tells_the_partner_to_erase_it(
    enrol: Enrol, territory: str
) -> None:
    with enrol(territory, HOME) as home, enrol(territory, PARTNER) as partner:
        file = push_file(home)
        _, since = seen(partner)
        home.push_ok([consent(file.person, "share_consortium", at="2026-11-28T10:00:00+00:00")])
        arrived, since = seen(partner, since)
        assert file.all_ids() - {str(file.ids["sensitive"])} <= arrived
        assert str(file.ids["sensitive"]) not in arrived

        home.push_ok([consent(file.person, at="2026-11-29T10:00:00+00:00")])
        assert unshared(partner, since) == [str(file.person)]
        after, _ = seen(partner, since)
        assert not after & file.all_ids()
        assert "people" not in integrity(partner)
        assert partner.http.get(f"/v1/blobs/{file.sha256}").status_code == 404
        # The home structure is not told to erase anything, and still holds the file.
        assert unshared(home, 0) == []
        assert integrity(home)["people"]["count"] == 1


def test_sensitive_answers_reach_the_other_followers_only_with_their_own_consent(
    enrol: Enrol, territory: str
) -> None:
    with enrol(territory, HOME) as home, enrol(territory, PARTNER) as partner:
        file = push_file(home, "share_consortium")
        sensitive = str(file.ids["sensitive"])
        first, since = seen(partner)
        assert str(file.ids["answer"]) in first and sensitive not in first
        assert integrity(partner)["answers"]["count"] == 1

        home.push_ok(
            [
                consent(
                    file.person,
                    "share_consortium",
                    "share_sensitive",
                    at="2026-11-28T10:00:00+00:00",
                )
            ]
        )
        arrived, since = seen(partner, since)
        assert sensitive in arrived
        assert integrity(partner)["answers"]["count"] == 2

        # Taken back: the partner erases the file and receives it again without them.
        home.push_ok([consent(file.person, "share_consortium", at="2026-11-29T10:00:00+00:00")])
        page_since = since
        assert unshared(partner, page_since) == [str(file.person)]
        again, _ = seen(partner, page_since)
        assert str(file.ids["answer"]) in again and sensitive not in again
        assert integrity(partner)["answers"]["count"] == 1


def test_an_answer_whose_interview_arrives_later_waits_for_its_person(
    enrol: Enrol, territory: str
) -> None:
    with enrol(territory, HOME) as home, enrol(territory, PARTNER) as partner:
        person, interview, answer = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        home.push_ok(
            [change("answers", answer, fields={"interview_id": str(interview), "key": "q1"})]
        )
        assert str(answer) not in seen(partner)[0]
        assert str(answer) in seen(home)[0]  # its own structure has it meanwhile
        _, since = seen(partner)
        home.push_ok(
            [
                change("people", person),
                consent(person, "share_consortium"),
                change("interviews", interview, fields={"person_id": str(person)}),
            ]
        )
        arrived, _ = seen(partner, since)
        assert {str(person), str(interview), str(answer)} <= arrived
