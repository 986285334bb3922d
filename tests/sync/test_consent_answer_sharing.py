"""Through the real server: the person says, in the interview's consent step, that they no
longer want their file shared with the partners; the partner's laptop, which received it
while they agreed, erases it at its next sync."""

from __future__ import annotations

from spie_desktop.domain.people import ConsentScope
from spie_desktop.services.interview_session import InterviewSessionService
from tests.sync.conftest import Laptop

PARTNER = "Mission locale Rodez"


def test_a_no_to_sharing_in_the_interview_takes_the_file_off_the_partner_laptop(
    make_laptop,
) -> None:
    home: Laptop = make_laptop("home")
    partner: Laptop = make_laptop("partner", structure=PARTNER)
    person = home.add_person("Gaëtane", "Roquefeuil", commune="Rodez")
    home.people().record_consent(person.id, {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM})
    service = InterviewSessionService(home.session)
    opened = service.open(person.id)
    assert home.sync().ok
    assert partner.sync().ok
    with partner.session.uow(read_only=True) as uow:
        assert uow.people.find(person.id) is not None

    service.save_answer(opened.interview.id, "accueil.partage_partenaires", False)
    assert home.sync().ok
    withdrawn = partner.sync()
    assert withdrawn.ok, withdrawn.error_en
    assert withdrawn.unshared == 1
    with partner.session.uow(read_only=True) as uow:
        assert uow.people.find(person.id) is None
