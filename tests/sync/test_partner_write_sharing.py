"""A partner that received a file only because the person agreed to share it does not keep
it after the person withdraws that consent because it wrote in it (a contact noted, say):
only the structure that created the file, those of the counsellors named on it and, while
the consent holds, the partners follow the person. Its own note stays on the server, with
the file, for those who still follow."""

from __future__ import annotations

from datetime import date

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.people import ConsentScope
from spie_desktop.services.timeline import TimelineService
from tests.services.forgetting import traces
from tests.sync.conftest import Laptop

PARTNER = "Mission locale Rodez"
NEEDLES = ["Gaëtane", "Roquefeuil", "réponse 1 de Gaëtane"]


def test_a_partner_that_wrote_in_a_shared_file_loses_it_when_the_consent_is_withdrawn(
    make_laptop,
) -> None:
    home: Laptop = make_laptop("home")
    partner: Laptop = make_laptop("partner", structure=PARTNER)
    person_id = home.add_interview("Gaëtane", "Roquefeuil", answers=2)
    home.people().record_consent(person_id, {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM})
    assert home.sync().ok
    assert partner.sync().ok
    event = TimelineService(partner.session).add_event(
        person_id, FollowUpKind.CONTACT, date.today(), note="appel de la mission locale"
    )
    assert partner.sync().ok

    home.people().record_consent(person_id, {ConsentScope.RECORD})
    assert home.sync().ok
    withdrawn = partner.sync()
    assert withdrawn.ok, withdrawn.error_en
    assert withdrawn.unshared == 1
    with partner.session.uow(read_only=True) as uow:
        assert uow.people.find(person_id) is None
    assert traces(partner.data_dir, partner.session.data_key, NEEDLES) == {}
    with home.session.uow(read_only=True) as uow:
        assert event.id in {e.id for e in uow.events.list_for_person(person_id)}
