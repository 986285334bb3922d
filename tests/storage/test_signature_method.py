"""How a signature was given, in the store: "typed" kept as typed; a signature written before
the column existed, or sent by an older device without the field, reads as drawn."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command

from spie_desktop.domain.people import Person
from spie_desktop.domain.plan import ActionPlan, Signature, SignatureMethod, SignerRole
from spie_desktop.domain.records import utc_now
from spie_desktop.storage.engine import make_engine
from spie_desktop.storage.schema import SCHEMA_HEAD, alembic_config
from spie_desktop.storage.store import Store

from .test_plans import make_plan

SIGNATURE_DOC = {
    "plan_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    "role": "person",
    "signer_name": "Ana Silva",
    "strokes": [[[0.1, 0.2], [0.3, 0.4]]],
    "signed_at": "2026-12-01T10:00:00+00:00",
    "counsellor_id": None,
}


def typed(plan: ActionPlan, role: SignerRole, name: str) -> Signature:
    return Signature(
        plan_id=plan.id,
        role=role,
        signer_name=name,
        strokes=[],
        signed_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
        method=SignatureMethod.TYPED,
    )


def test_a_typed_signature_is_stored_as_typed_and_sent_so(store: Store, person: Person) -> None:
    plan = make_plan(person)
    plan.signatures.append(typed(plan, SignerRole.SOCIAL, "Nadia B."))
    with store.unit_of_work(None) as uow:
        uow.plans.add(plan)
    with store.unit_of_work(None) as uow:
        loaded = {s.role: s for s in uow.plans.get(plan.id).signatures}
        sent = [
            e.fields
            for e in uow.outbox.pending(1000)
            if e.entity == "signatures" and e.entity_id == loaded[SignerRole.SOCIAL].id
        ]
    assert loaded[SignerRole.SOCIAL].method is SignatureMethod.TYPED
    assert loaded[SignerRole.SOCIAL].strokes == []
    assert loaded[SignerRole.PERSON].method is SignatureMethod.DRAWN
    assert [fields["method"] for fields in sent] == ["typed"]


def test_a_signature_from_a_device_without_the_field_reads_as_drawn() -> None:
    from spie_desktop.storage.repositories.sync_rows import row_values

    assert row_values("signatures", SIGNATURE_DOC, utc_now())["method"] == "drawn"
    sent = {**SIGNATURE_DOC, "strokes": [], "method": "typed"}
    assert row_values("signatures", sent, utc_now())["method"] == "typed"


def test_signatures_stored_before_the_column_read_as_drawn(
    store_path: Path, data_key: bytes, person: Person, store: Store
) -> None:
    plan = make_plan(person)
    with store.unit_of_work(None) as uow:
        uow.plans.add(plan)
    store.close()
    engine = make_engine(store_path, data_key, foreign_keys=False)  # tables are rebuilt
    with engine.begin() as conn:  # the store as an older release left it
        command.downgrade(alembic_config(conn), "0011_person_language")
    engine.dispose()

    upgraded = Store.open(store_path, data_key)
    try:
        assert upgraded.schema_revision == SCHEMA_HEAD
        with upgraded.unit_of_work(None) as uow:
            (signature,) = uow.plans.get(plan.id).signatures
        assert signature.method is SignatureMethod.DRAWN
        assert signature.strokes == [[(0.1, 0.2), (0.3, 0.4)], [(0.5, 0.5)]]
    finally:
        upgraded.close()
