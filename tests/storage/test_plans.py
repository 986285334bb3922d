"""Action plans as aggregates: children, versions, signatures, the PDF blob."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.people import Person
from spie_desktop.domain.plan import (
    Action,
    ActionPlan,
    ActionStatus,
    Contract,
    Objective,
    PlanStatus,
    Signature,
    SignerRole,
)
from spie_desktop.storage.errors import StaleRecord
from spie_desktop.storage.store import Store


def make_plan(person: Person) -> ActionPlan:
    plan = ActionPlan(
        person_id=person.id,
        contract=Contract.CER,
        contract_commitment=True,
        next_review=date(2027, 1, 15),
    )
    mobility = Objective(plan_id=plan.id, theme="mobilite", label="Accéder à un véhicule")
    mobility.actions = [
        Action(
            objective_id=mobility.id,
            label="Permis AM",
            due_date=date(2027, 2, 1),
            responsible_structure="Auto-école sociale",
            start_date=date(2026, 12, 1),
        ),
        Action(objective_id=mobility.id, label="Aide au transport", offer_id="di:123"),
    ]
    care = Objective(plan_id=plan.id, theme="contraintes_familiales", label="Garde de la mère")
    care.actions = [Action(objective_id=care.id, label="Contacter le CCAS")]
    plan.objectives = [mobility, care]
    plan.signatures = [
        Signature(
            plan_id=plan.id,
            role=SignerRole.PERSON,
            signer_name="N. Benali",
            strokes=[[(0.1, 0.2), (0.3, 0.4)], [(0.5, 0.5)]],
            signed_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
        ),
    ]
    return plan


def entities(store: Store) -> list[tuple[str, str]]:
    with store.unit_of_work(None) as uow:
        return [(e.entity, e.op) for e in uow.outbox.pending(1000) if e.entity != "people"]


def test_plan_roundtrip_with_children_in_order(store: Store, person: Person) -> None:
    plan = make_plan(person)
    with store.unit_of_work(None) as uow:
        uow.plans.add(plan)
    with store.unit_of_work(None) as uow:
        loaded = uow.plans.get(plan.id)
    assert loaded == plan
    assert [o.theme for o in loaded.objectives] == ["mobilite", "contraintes_familiales"]
    assert [a.label for a in loaded.objectives[0].actions] == ["Permis AM", "Aide au transport"]
    assert loaded.signatures[0].strokes == [[(0.1, 0.2), (0.3, 0.4)], [(0.5, 0.5)]]
    assert sorted(entities(store)) == sorted(
        [
            ("plans", "upsert"),
            ("objectives", "upsert"),
            ("objectives", "upsert"),
            ("actions", "upsert"),
            ("actions", "upsert"),
            ("actions", "upsert"),
            ("signatures", "upsert"),
        ]
    )


def test_save_writes_only_changed_children_and_bumps_the_plan(store: Store, person: Person) -> None:
    plan = make_plan(person)
    with store.unit_of_work(None) as uow:
        uow.plans.add(plan)
        uow.outbox.mark_sent([e.op_id for e in uow.outbox.pending(1000)])
    mobility, care = plan.objectives
    mobility.actions[1].status = ActionStatus.DONE
    removed = mobility.actions.pop(0)
    plan.objectives = [care, mobility]  # reordered
    care.actions.append(
        Action(objective_id=care.id, label="Dossier APA", due_date=date(2027, 3, 1))
    )
    with store.unit_of_work(None) as uow:
        uow.plans.save(plan)
    assert plan.version == 2
    with store.unit_of_work(None) as uow:
        loaded = uow.plans.get(plan.id)
        pending = uow.outbox.pending(1000)
    assert loaded == plan
    assert [o.theme for o in loaded.objectives] == ["contraintes_familiales", "mobilite"]
    assert removed.id not in {a.id for o in loaded.objectives for a in o.actions}
    summary = sorted((e.entity, e.op, e.entity_id == removed.id) for e in pending)
    assert summary == sorted(
        [
            ("plans", "upsert", False),
            ("objectives", "upsert", False),  # care: position 1 -> 0
            ("objectives", "upsert", False),  # mobility: position 0 -> 1
            ("actions", "upsert", False),  # status done
            ("actions", "upsert", False),  # new action
            ("actions", "delete", True),
        ]
    )


def test_stale_plan_is_refused(store: Store, person: Person) -> None:
    plan = make_plan(person)
    with store.unit_of_work(None) as uow:
        uow.plans.add(plan)
        copy = uow.plans.get(plan.id)
    plan.next_review = date(2027, 2, 1)
    with store.unit_of_work(None) as uow:
        uow.plans.save(plan)
    copy.objectives[0].label = "Autre"
    with pytest.raises(StaleRecord), store.unit_of_work(None) as uow:
        uow.plans.save(copy)


def test_signed_plan_is_immutable_except_being_superseded(store: Store, person: Person) -> None:
    plan = make_plan(person)
    plan.status = PlanStatus.SIGNED
    with store.unit_of_work(None) as uow:
        uow.plans.add(plan)
    plan.objectives[0].label = "Changé après signature"
    with pytest.raises(ValidationError), store.unit_of_work(None) as uow:
        uow.plans.save(plan)
    with store.unit_of_work(None) as uow:
        plan = uow.plans.get(plan.id)
    plan.status = PlanStatus.SUPERSEDED
    with store.unit_of_work(None) as uow:
        uow.plans.save(plan)
        assert uow.plans.get(plan.id).status is PlanStatus.SUPERSEDED


def test_pdf_blob_is_stored_hashed_and_write_once_when_signed(store: Store, person: Person) -> None:
    plan = make_plan(person)
    plan.status = PlanStatus.SIGNED
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF"
    with store.unit_of_work(None) as uow:
        uow.plans.add(plan)
        digest = uow.plans.attach_pdf(plan.id, pdf)
    assert digest == hashlib.sha256(pdf).hexdigest()
    with store.unit_of_work(None) as uow:
        assert uow.plans.load_pdf(plan.id) == pdf
        assert uow.plans.get(plan.id).pdf_sha256 == digest
        assert uow.plans.attach_pdf(plan.id, pdf) == digest  # same bytes: accepted
        with pytest.raises(ValidationError):
            uow.plans.attach_pdf(plan.id, pdf + b" ")
        pdf_entries = [e for e in uow.outbox.pending(1000) if e.entity == "plan_pdfs"]
    assert len(pdf_entries) == 1
    assert pdf_entries[0].fields["sha256"] == digest and pdf_entries[0].fields["size"] == len(pdf)
    assert "pdf" not in pdf_entries[0].fields
    with store.unit_of_work(None) as uow:
        assert uow.plans.load_pdf(uuid.uuid4()) is None


def test_plans_listed_per_person_and_all(store: Store, person: Person) -> None:
    first = make_plan(person)
    first.status = PlanStatus.SUPERSEDED
    second = ActionPlan(person_id=person.id, plan_version=2, supersedes_id=first.id)
    with store.unit_of_work(None) as uow:
        uow.plans.add(first)
        uow.plans.add(second)
    with store.unit_of_work(None) as uow:
        assert [p.id for p in uow.plans.list_for_person(person.id)] == [first.id, second.id]
        assert uow.plans.list_all() == [first, second]
        assert uow.plans.list_for_person(uuid.uuid4()) == []
