"""A push reveals nothing of a person the device's structure does not follow, and cannot make
it a follower: a change to one of their records is answered as for an unknown id (never a
conflict carrying the document), and a record naming them is refused ``not_shared``."""

from __future__ import annotations

import json
import uuid
from typing import Any

from tests.server.helpers import DeviceClient, change
from tests.server.sync.test_sharing import (
    HOME,
    PARTNER,
    Enrol,
    PersonFile,
    consent,
    integrity,
    push_file,
    seen,
)

SECRET_NAME = "Ana"  # push_file's first name: must never reach the partner


def _answer(device: DeviceClient, item: dict[str, Any]) -> dict[str, Any]:
    (result,) = device.push_ok([item])
    return result


def _as_unknown(result: dict[str, Any]) -> dict[str, Any]:
    return {"status": result["status"], "reason": result["reason"], "current": result["current"]}


def _unchanged_for(home: DeviceClient, partner: DeviceClient, file: PersonFile) -> None:
    """Nothing of the file reached the partner, and the home structure's copy is as pushed."""
    partner_ids, _ = seen(partner)
    assert not partner_ids & file.all_ids()
    assert "people" not in integrity(partner)
    people = [c for c in home.pull_all() if c["entity_id"] == str(file.person)]
    assert [(c["version"], c["fields"]["first_name"]) for c in people] == [(1, SECRET_NAME)]


def test_an_update_of_a_record_of_a_file_not_followed_is_answered_as_for_an_unknown_id(
    enrol: Enrol, territory: str
) -> None:
    with enrol(territory, HOME) as home, enrol(territory, PARTNER) as partner:
        file = push_file(home)
        for base in (1, 7):  # the right version (would apply), a wrong one (a conflict)
            hidden = _answer(
                partner, change("people", file.person, base=base, fields={"phone": "0600"})
            )
            unknown = _answer(
                partner, change("people", uuid.uuid4(), base=base, fields={"phone": "0600"})
            )
            assert _as_unknown(hidden) == _as_unknown(unknown)
            assert hidden["status"] == "rejected" and hidden["current"] is None
            assert SECRET_NAME not in json.dumps(hidden)
        _unchanged_for(home, partner, file)


def test_a_deletion_of_a_record_of_a_file_not_followed_returns_nothing_of_it(
    enrol: Enrol, territory: str
) -> None:
    with enrol(territory, HOME) as home, enrol(territory, PARTNER) as partner:
        file = push_file(home)
        hidden = _answer(partner, change("people", file.person, base=1, deleted=True))
        unknown = _answer(partner, change("people", uuid.uuid4(), base=1, deleted=True))
        assert _as_unknown(hidden) == _as_unknown(unknown)
        assert SECRET_NAME not in json.dumps(hidden)
        _unchanged_for(home, partner, file)


def test_a_record_naming_a_person_not_followed_is_refused_and_makes_no_follower(
    enrol: Enrol, territory: str
) -> None:
    with enrol(territory, HOME) as home, enrol(territory, PARTNER) as partner:
        file = push_file(home)
        person, interview = str(file.person), str(file.ids["interview"])
        attempts = [
            change("follow_up_events", fields={"person_id": person}),
            consent(file.person, "share_consortium", at="2026-12-01T10:00:00+00:00"),
            change("answers", fields={"interview_id": interview, "key": "q9"}),
            change("people", file.person),  # the same id, as if new
            change(
                "purges",
                fields={"person_id": person, "reason": "erasure", "purged_on": "2026-12-01"},
            ),
        ]
        for item in attempts:
            result = _answer(partner, item)
            assert result["status"] == "rejected", (item["entity"], result)
            assert result["reason"]["code"] == "not_shared"
            assert result["current"] is None
            assert SECRET_NAME not in json.dumps(result)
        _unchanged_for(home, partner, file)
        assert integrity(home)["people"]["count"] == 1  # the erasure did not purge


def test_a_sensitive_answer_a_follower_may_not_see_stays_hidden_from_its_pushes(
    enrol: Enrol, territory: str
) -> None:
    with enrol(territory, HOME) as home, enrol(territory, PARTNER) as partner:
        file = push_file(home, "share_consortium")  # shared, sensitive answers excepted
        sensitive = file.ids["sensitive"]
        hidden = _answer(partner, change("answers", sensitive, base=4, fields={"value": "x"}))
        unknown = _answer(partner, change("answers", uuid.uuid4(), base=4, fields={"value": "x"}))
        assert _as_unknown(hidden) == _as_unknown(unknown)
        # What it may see still answers as before: a conflict with the record.
        visible = _answer(
            partner, change("answers", file.ids["answer"], base=4, fields={"value": "x"})
        )
        assert visible["status"] == "conflict"
        assert visible["current"]["entity_id"] == str(file.ids["answer"])


def test_naming_ahead_a_record_of_another_structure_does_not_bring_its_file(
    enrol: Enrol, territory: str
) -> None:
    with enrol(territory, HOME) as home, enrol(territory, PARTNER) as partner:
        person, interview = uuid.uuid4(), uuid.uuid4()
        ahead = change("answers", fields={"interview_id": str(interview), "key": "q1"})
        partner.push_ok([ahead])  # an orphan: that interview is not on the server yet
        _, since = seen(partner)
        home.push_ok(
            [
                change("people", person),
                change("interviews", interview, fields={"person_id": str(person)}),
            ]
        )
        arrived, _ = seen(partner, since)
        assert not arrived & {str(person), str(interview)}
        assert "people" not in integrity(partner)
        assert ahead["entity_id"] not in seen(home)[0]  # nor does the orphan join the file
