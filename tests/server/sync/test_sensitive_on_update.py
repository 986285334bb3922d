"""An answer is sensitive by its key whatever version made it so: one whose key becomes a
justice question goes, from that version on, only to the structure that recorded it while
the person has not agreed that the other followers see it."""

from __future__ import annotations

import uuid

from tests.server.helpers import change
from tests.server.sync.test_sharing import Enrol, integrity, push_file, seen

HOME, PARTNER = "CD Aveyron", "Mission locale Rodez"


def test_an_answer_whose_key_becomes_sensitive_stays_with_its_structure(
    enrol: Enrol, territory: str
) -> None:
    with enrol(territory, HOME) as home, enrol(territory, PARTNER) as partner:
        file = push_file(home, "share_consortium")
        answer = uuid.uuid4()
        plain = {"interview_id": str(file.ids["interview"]), "key": "logement.notes"}
        home.push_ok([change("answers", answer, fields={**plain, "value": "chez sa soeur"})])
        first, since = seen(partner)
        assert str(answer) in first
        moved = {"key": "difficulte_administrative.justice", "value": "sursis"}
        result = home.push_ok([change("answers", answer, base=1, fields=moved)])
        assert result[0]["status"] == "applied", result[0]["reason"]

        arrived, _ = seen(partner, since)
        assert str(answer) not in arrived
        assert integrity(partner)["answers"]["count"] == 1
