"""Offline edits on two or three laptops, synced in every order: merge, conflicts, union."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime

import pytest

from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.plan import ActionPlan, PlanStatus
from spie_desktop.services import conflicts
from spie_desktop.services.sync_status import Badge, badge_for
from tests.sync.conftest import Laptop, converged


def shared_person(a: Laptop, *others: Laptop) -> uuid.UUID:
    person = a.add_person("Lucie", "Martin", phone="0601010101", commune="Rodez")
    assert a.sync().ok
    for other in others:
        assert other.sync().ok
    return person.id


def edit_person(laptop: Laptop, person_id: uuid.UUID, **changes: object) -> None:
    service = laptop.people()
    person = service.get(person_id)
    for name, value in changes.items():
        setattr(person, name, value)
    service.update(person)


def test_different_fields_changed_on_both_sides_merge(make_laptop) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person = shared_person(a, b)
    edit_person(a, person, phone="0699999999")
    edit_person(b, person, commune="Millau")
    assert a.sync().ok
    report = b.sync()
    assert report.ok and report.conflicts == 0
    assert a.sync().ok
    for laptop in (a, b):
        stored = laptop.people().get(person)
        assert (stored.phone, stored.commune) == ("0699999999", "Millau")
        assert conflicts.list_open(laptop.session) == []
    assert converged(a, b)


def test_the_same_field_keeps_the_server_value_and_the_local_one_as_a_conflict(make_laptop) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person = shared_person(a, b)
    edit_person(a, person, phone="0611111111")  # Cayenne
    edit_person(b, person, phone="0622222222", commune="Saint-Laurent")  # upriver
    assert a.sync().ok
    report = b.sync()
    assert report.ok and report.conflicts == 1
    assert b.people().get(person).phone == "0611111111"
    assert b.people().get(person).commune == "Saint-Laurent"  # the other field merged
    [clash] = conflicts.list_open(b.session)
    assert (clash.field, clash.local_value, clash.server_value) == (
        "phone",
        "0622222222",
        "0611111111",
    )
    assert badge_for(b.session, "people", person) is Badge.CONFLICT
    assert a.sync().ok
    assert converged(a, b)
    # Kévin picks his own number: a normal change, pushed at the next sync.
    conflicts.resolve(b.session, clash.id, "local")
    assert conflicts.list_open(b.session) == []
    assert badge_for(b.session, "people", person) is Badge.PENDING
    assert b.sync().ok and a.sync().ok
    assert a.people().get(person).phone == "0622222222"
    assert badge_for(b.session, "people", person) is Badge.SENT
    assert converged(a, b)


def test_a_combined_resolution_is_pushed(make_laptop) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person = shared_person(a, b)
    edit_person(a, person, email="lucie@exemple.fr")
    edit_person(b, person, email="l.martin@exemple.fr")
    assert a.sync().ok and b.sync().ok
    [clash] = conflicts.list_open(b.session)
    conflicts.resolve(
        b.session, clash.id, conflicts.Combined("lucie@exemple.fr; l.martin@exemple.fr")
    )
    assert b.sync().ok and a.sync().ok
    assert a.people().get(person).email == "lucie@exemple.fr; l.martin@exemple.fr"
    assert converged(a, b)


def test_append_only_records_merge_by_union(make_laptop) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person = shared_person(a, b)
    for laptop, note in ((a, "appel"), (b, "visite")):
        with laptop.session.uow() as uow:
            uow.events.add(FollowUpEvent(person_id=person, kind=FollowUpKind.CONTACT, note=note))
    assert a.sync().ok and b.sync().ok and a.sync().ok
    for laptop in (a, b):
        with laptop.session.uow(read_only=True) as uow:
            notes = sorted(e.note for e in uow.events.list_for_person(person))
        assert notes == ["appel", "visite"]
    assert converged(a, b)


def test_a_signed_plan_never_merges_the_concurrent_edit_becomes_a_sibling_draft(
    make_laptop,
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person = shared_person(a)
    plan = ActionPlan(person_id=person)
    with a.session.uow() as uow:
        uow.plans.add(plan)
    assert a.sync().ok and b.sync().ok
    with a.session.uow() as uow:  # signed in Rodez
        signed = uow.plans.get(plan.id)
        signed.status = PlanStatus.SIGNED
        uow.plans.save(signed)
    with b.session.uow() as uow:  # edited upriver meanwhile
        draft = uow.plans.get(plan.id)
        draft.contract_commitment = True
        draft.next_review = datetime(2027, 1, 15, tzinfo=UTC).date()
        uow.plans.save(draft)
    assert a.sync().ok
    assert b.sync().ok
    assert a.sync().ok
    for laptop in (a, b):
        with laptop.session.uow(read_only=True) as uow:
            plans = {p.id: p for p in uow.plans.list_for_person(person)}
        assert plans[plan.id].status is PlanStatus.SIGNED
        [sibling] = [p for p in plans.values() if p.id != plan.id]
        assert sibling.status is PlanStatus.DRAFT
        assert sibling.supersedes_id == plan.id
        assert sibling.next_review == datetime(2027, 1, 15, tzinfo=UTC).date()
    assert converged(a, b)


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_three_laptops_converge_whatever_the_sync_order(make_laptop, order) -> None:
    laptops = [make_laptop(name) for name in ("a", "b", "c")]
    person = shared_person(laptops[0], laptops[1], laptops[2])
    edit_person(laptops[0], person, phone="0600000001")
    edit_person(laptops[1], person, phone="0600000002", commune="Espalion")
    edit_person(laptops[2], person, email="x@exemple.fr")
    for laptop in laptops:
        laptop.add_interview(f"Nouveau-{laptop.name}", "Dupont", answers=2)
    for index in order:
        assert laptops[index].sync().ok
    for index in order:
        assert laptops[index].sync().ok
    assert converged(*laptops)
    assert all(laptop.pending() == 0 for laptop in laptops)
    stored = laptops[0].people().get(person)
    assert stored.commune == "Espalion" and stored.email == "x@exemple.fr"
    first, second = order[0], order[1]
    phones = {0: "0600000001", 1: "0600000002"}
    if {first, second} >= {0, 1} or first in phones:
        # whoever of a/b synced first set the phone; the other's value waits as a conflict
        winner = next(i for i in order if i in phones)
        loser = 1 - winner
        assert stored.phone == phones[winner]
        [clash] = conflicts.list_open(laptops[loser].session)
        assert clash.local_value == phones[loser]


def test_two_laptops_answering_the_same_question_keep_one_answer_and_a_conflict(
    make_laptop,
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person = a.add_interview("Mme", "L.", answers=1)
    assert a.sync().ok and b.sync().ok
    from spie_desktop.services.interview_session import InterviewSessionService
    from spie_desktop.services.interviews import InterviewService

    with a.session.uow(read_only=True) as uow:
        interview = uow.interviews.list_for_person(person)[0].id
    InterviewSessionService(a.session).save_answer(interview, "mobilite.notes", "bus de 7h10")
    InterviewSessionService(b.session).save_answer(interview, "mobilite.notes", "pas de permis")
    assert a.sync().ok and b.sync().ok and a.sync().ok and b.sync().ok
    assert converged(a, b)
    values = {
        InterviewService(x.session).answers(interview)["mobilite.notes"].value for x in (a, b)
    }
    assert len(values) == 1
    open_conflicts = conflicts.list_open(a.session) + conflicts.list_open(b.session)
    assert {c.local_value for c in open_conflicts} | {c.server_value for c in open_conflicts} == {
        "bus de 7h10",
        "pas de permis",
    }
