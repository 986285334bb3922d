"""What an administrator writes (``record restore``, ``device undo``, an approved deletion)
changes who follows a person at once, like a push: the new followers receive the file, the
structures that stop following are told to erase it, and no one else receives anything."""

from __future__ import annotations

import uuid

from spie_server.admin.undo import undo_device
from spie_server.db import session_scope
from spie_server.sync.history import restore_record
from tests.server.helpers import Admin, DeviceClient, change
from tests.server.sync.test_sharing import HOME, PARTNER, Enrol, push_file, seen, unshared

OTHER = "Cap emploi"


def _partner_counsellor(partner: DeviceClient) -> uuid.UUID:
    structure, counsellor = uuid.uuid4(), uuid.uuid4()
    partner.push_ok(
        [
            change("structures", structure, fields={"name": PARTNER}),
            change("counsellors", counsellor, fields={"structure_id": str(structure)}),
        ]
    )
    return counsellor


def _name_on_interview(
    device: DeviceClient, interview: uuid.UUID, base: int, counsellor: uuid.UUID | None
) -> None:
    named = None if counsellor is None else str(counsellor)
    (result,) = device.push_ok(
        [change("interviews", interview, base=base, fields={"emploi_counsellor_id": named})]
    )
    assert result["status"] == "applied", result


def test_a_restored_record_reaches_exactly_the_followers_it_makes(
    enrol: Enrol, territory: str, admin: Admin
) -> None:
    with (
        enrol(territory, HOME) as home,
        enrol(territory, PARTNER) as partner,
        enrol(territory, OTHER) as other,
    ):
        file = push_file(home)
        interview = file.ids["interview"]
        counsellor = _partner_counsellor(partner)
        _name_on_interview(home, interview, 1, counsellor)  # the partner follows (v2)
        _name_on_interview(home, interview, 2, None)  # and stops (v3)
        _, partner_since = seen(partner)
        _, other_since = seen(other)

        with session_scope(admin.engine) as session:
            restore_record(session, territory, "interviews", str(interview), version=2)

        arrived, _ = seen(partner, partner_since)
        assert file.all_ids() - {str(file.ids["sensitive"])} <= arrived
        assert str(file.ids["sensitive"]) not in arrived  # recorded by the home structure
        assert partner.http.get(f"/v1/blobs/{file.sha256}").status_code == 200
        elsewhere, _ = seen(other, other_since)
        assert not elsewhere & file.all_ids()
        assert unshared(other, other_since) == []


def test_undoing_a_device_tells_the_structures_it_brought_in_to_erase_the_file(
    enrol: Enrol, territory: str, admin: Admin
) -> None:
    with (
        enrol(territory, HOME) as home,
        enrol(territory, HOME) as thief,
        enrol(territory, PARTNER) as partner,
    ):
        file = push_file(home)
        counsellor = _partner_counsellor(partner)
        _name_on_interview(thief, file.ids["interview"], 1, counsellor)
        arrived, since = seen(partner)
        assert str(file.person) in arrived

        with session_scope(admin.engine) as session:
            report = undo_device(session, thief.device_id)
        assert report.restored == 1

        assert unshared(partner, since) == [str(file.person)]
        again, _ = seen(partner, since)
        assert not again & file.all_ids()
        assert partner.http.get(f"/v1/blobs/{file.sha256}").status_code == 404
        assert unshared(home, 0) == []


def test_deleting_the_record_that_named_a_structure_tells_it_to_erase_the_file(
    enrol: Enrol, territory: str
) -> None:
    with enrol(territory, HOME) as home, enrol(territory, PARTNER) as partner:
        file = push_file(home)
        counsellor = _partner_counsellor(partner)
        _name_on_interview(home, file.ids["interview"], 1, counsellor)
        _, since = seen(partner)
        (result,) = home.push_ok(
            [change("interviews", file.ids["interview"], base=2, deleted=True)]
        )
        assert result["status"] == "applied"
        assert unshared(partner, since) == [str(file.person)]
