"""Health and justice answers, laptop to laptop through the real server: a partner laptop
that receives the file (the person agreed to share it) holds them only while the person also
agrees that the other professionals see them; withdrawing that leaves it the file without
them."""

from __future__ import annotations

import uuid

from spie_desktop.domain.people import ConsentScope
from tests.services.forgetting import traces
from tests.sync.conftest import Laptop

PARTNER = "Mission locale Rodez"
SENSITIVE = {"sante.notes": "suivi psychiatrique", "difficulte_administrative.justice": "sursis"}
SHARED = {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM}


def _keys(laptop: Laptop, person_id: uuid.UUID) -> set[str]:
    with laptop.session.uow(read_only=True) as uow:
        (interview,) = uow.interviews.list_for_person(person_id)
        return {a.key for a in uow.answers.list_for(interview.id)}


def test_the_partner_laptop_holds_health_and_justice_answers_only_with_their_consent(
    make_laptop,
) -> None:
    home: Laptop = make_laptop("home")
    partner: Laptop = make_laptop("partner", structure=PARTNER)
    person_id = home.add_interview("Gaëtane", "Roquefeuil", answers=2)
    with home.session.uow() as uow:
        (interview,) = uow.interviews.list_for_person(person_id)
        for key, value in SENSITIVE.items():
            uow.answers.upsert(interview.id, key, value, home.session.counsellor.id)
    home.people().record_consent(person_id, SHARED)
    assert home.sync().ok
    assert partner.sync().ok
    assert _keys(partner, person_id) == {"theme.q0", "theme.q1"}
    assert traces(partner.data_dir, partner.session.data_key, [*SENSITIVE.values()]) == {}

    home.people().record_consent(person_id, SHARED | {ConsentScope.SHARE_SENSITIVE})
    assert home.sync().ok
    agreed = partner.sync()
    assert agreed.ok and not agreed.warnings_fr, agreed.error_en
    assert _keys(partner, person_id) == {"theme.q0", "theme.q1", *SENSITIVE}

    home.people().record_consent(person_id, SHARED)
    assert home.sync().ok
    withdrawn = partner.sync()
    assert withdrawn.ok and not withdrawn.warnings_fr, withdrawn.error_en
    assert _keys(partner, person_id) == {"theme.q0", "theme.q1"}
    assert traces(partner.data_dir, partner.session.data_key, [*SENSITIVE.values()]) == {}
    assert _keys(home, person_id) == {"theme.q0", "theme.q1", *SENSITIVE}
