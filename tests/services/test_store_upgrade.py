"""Unlocking a device whose store the previous release made (schema 0012, ids as text)
converts it, and the counsellor finds everything: the people list with each path, the
signed plan's PDF with its signatures intact, the interviews, the changes still to send."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date
from pathlib import Path

import pytest

from spie_desktop.domain.situation import Stage
from spie_desktop.plan.verify import verify_pdf
from spie_desktop.services import device
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.people import PeopleService
from spie_desktop.services.plans import PlanService
from spie_desktop.storage.schema import SCHEMA_HEAD
from tests.fixtures.store_0012_content import (
    PASSPHRASE,
    content,
    copy_device,
    expected,
    expected_content,
)

# The fixture store was made by the previous release with its real Argon2id keys.
pytestmark = pytest.mark.real_kdf


def test_unlocking_a_0012_device_converts_its_store_and_loses_nothing(tmp_path: Path) -> None:
    data_dir = copy_device(tmp_path / "device")
    account = uuid.UUID(expected()["account_id"])
    session = device.unlock(data_dir, account, PASSPHRASE)
    try:
        assert session.store.schema_revision == SCHEMA_HEAD
        # Unlocking audits itself in the local audit trail, never synchronised: the store
        # holds what it held.
        assert content(session.store) == expected_content()

        listing = {p.last_name: p for p in PeopleService(session).list_people()}
        assert sorted(listing) == ["Haddad", "Lefèvre", "Martin"]
        assert listing["Lefèvre"].stage is Stage.PLAN_SIGNED  # read through the path's ids
        assert listing["Haddad"].last_contact == date(2026, 11, 2)

        plans = PlanService(session)
        plan_id = uuid.UUID(expected()["signed_plan_id"])
        pdf = plans.pdf(plan_id)
        assert hashlib.sha256(pdf).hexdigest() == expected()["pdf_sha256"][str(plan_id)]
        report = verify_pdf(pdf)  # signed before enrolment: intact, self-signed
        assert [c.claimed_signer for c in report.signatures] == ["Nadia B.", "Julien R."]
        assert all(c.intact and not c.modified_after for c in report.signatures)
        assert [p.id for p in plans.list_for_person(listing["Lefèvre"].id)] == [plan_id]

        interview = InterviewService(session).start_or_resume(listing["Haddad"].id)
        with session.uow(read_only=True) as uow:
            answers = {a.key: a.value for a in uow.answers.list_for(interview.id)}
            pending = uow.outbox.count_pending()
        assert answers["priorites.projet"] == "Cuisinier, puis chef à Millau"
        assert pending >= 2  # the two changes made after the last sync still wait
    finally:
        session.close()
    left = [
        p.name for p in data_dir.iterdir() if p.name.endswith((".upgrading", ".before-upgrade"))
    ]
    assert left == []
