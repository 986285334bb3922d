"""Sharing follows the person, laptop to laptop through the real server: a laptop of a
structure that does not follow a person never receives their file; the person's consent to
share brings it the whole file; withdrawing it erases the file from that laptop at its next
sync, and the sync summary says so in French."""

from __future__ import annotations

from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.people import ConsentScope
from spie_desktop.services.conflicts import list_open
from spie_desktop.storage.scrub import scrub_after_purge
from spie_desktop.sync.apply import ApplyCounts
from spie_desktop.sync.progress import SyncReport
from spie_desktop.sync.unshare import apply_notices
from spie_protocol.messages import UnsharedFile
from tests.services.forgetting import traces
from tests.sync.conftest import Laptop

NEEDLES = ["Gaëtane", "Roquefeuil", "réponse 3 de Gaëtane"]
PARTNER = "Mission locale Rodez"


def test_the_partner_laptop_holds_the_file_only_while_the_person_agrees_to_share(
    make_laptop,
) -> None:
    home: Laptop = make_laptop("home")
    partner: Laptop = make_laptop("partner", structure=PARTNER)
    person_id = home.add_interview("Gaëtane", "Roquefeuil")
    assert home.sync().ok
    first = partner.sync()
    assert first.ok, first.error_en
    assert not first.warnings_fr  # its integrity check agrees: it may not see the file
    with partner.session.uow(read_only=True) as uow:
        assert uow.people.find(person_id) is None
    assert traces(partner.data_dir, partner.session.data_key, NEEDLES) == {}

    scopes = {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM}
    home.people().record_consent(person_id, scopes)
    assert home.sync().ok
    shared = partner.sync()
    assert shared.ok, shared.error_en
    with partner.session.uow(read_only=True) as uow:
        assert uow.people.find(person_id) is not None
        (interview,) = uow.interviews.list_for_person(person_id)
        assert len(uow.answers.list_for(interview.id)) == 5

    home.people().record_consent(person_id, {ConsentScope.RECORD})
    assert home.sync().ok
    withdrawn = partner.sync()
    assert withdrawn.ok, withdrawn.error_en
    assert withdrawn.unshared == 1
    assert (
        "1 dossier retiré de cet ordinateur : il n'est plus partagé avec votre structure"
        in withdrawn.summary_fr
    )
    with partner.session.uow(read_only=True) as uow:
        assert uow.people.find(person_id) is None
    assert traces(partner.data_dir, partner.session.data_key, NEEDLES) == {}
    again = partner.sync()
    assert again.ok and again.unshared == 0 and not again.warnings_fr
    with home.session.uow(read_only=True) as uow:
        assert uow.people.find(person_id) is not None  # not an erasure of the file
    assert home.sync().unshared == 0


def test_the_summary_counts_the_files_no_longer_shared() -> None:
    assert SyncReport(unshared=2).summary_fr == (
        "Rien de nouveau ; 2 dossiers retirés de cet ordinateur : ils ne sont plus partagés "
        "avec votre structure"
    )
    assert "retiré" not in SyncReport().summary_fr


def test_an_unsynchronised_edit_of_a_file_no_longer_shared_waits_in_the_conflict_inbox(
    make_laptop,
) -> None:
    home: Laptop = make_laptop("home")
    person_id = home.add_interview("Gaëtane", "Roquefeuil")
    assert home.sync().ok
    people = home.people()
    person = people.get(person_id)
    person.phone = "0655443322"
    people.update(person)
    assert home.pending() == 1

    counts = ApplyCounts()
    notice = UnsharedFile(seq=10**9, person_id=person_id)
    with home.session.uow() as uow:
        assert apply_notices(uow, [notice], counts) == 1
        assert apply_notices(uow, [notice], counts) == 0  # nothing left to erase
    scrub_after_purge(home.session, counts.forgotten)  # what the sync run does after its pages
    assert counts.conflicts == 1
    with home.session.uow(read_only=True) as uow:
        assert uow.people.find(person_id) is None
        assert uow.outbox.count_pending() == 0  # nothing is pushed: not an erasure
        assert [e.action for e in uow.audit.list()][-1] is AuditAction.FILE_UNSHARED
    kept = [(v.entity_id, v.field, v.local_value) for v in list_open(home.session)]
    assert kept == [(person_id, "phone", "0655443322")]
    assert traces(home.data_dir, home.session.data_key, ["réponse 3 de Gaëtane"]) == {}
