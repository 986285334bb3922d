"""Demo stores come with signed plans: real PDFs signed by two demo signers, never more
than asked, and never in a store of real people."""

from __future__ import annotations

import pytest

from spie_desktop.domain.plan import PlanStatus
from spie_desktop.plan.verify import verify_pdf
from spie_desktop.services.demo import populate_demo
from spie_desktop.services.demo_plans import DEMO_SIGNING_PASSPHRASE, populate_demo_plans
from spie_desktop.services.plans import PlanService
from spie_desktop.storage.errors import NotADemoStore
from spie_desktop.storage.session import Session


def test_demo_plans_are_really_signed_and_counted(session: Session) -> None:
    populate_demo(session, 60, seed=4)
    assert populate_demo_plans(session, seed=4, count=3) == 3
    assert populate_demo_plans(session, seed=4, count=3) == 0  # already there: nothing more
    plans = PlanService(session)
    signed = [p for p in plans.list_all() if p.status is PlanStatus.SIGNED]
    assert len(signed) == 3
    report = verify_pdf(plans.pdf(signed[0].id))
    assert all(c.intact and c.self_signed for c in report.signatures)
    assert not report.ok  # demo keys are self-signed: never a valid plan
    assert "signé hors autorité du territoire" in report.verdict_fr
    assert [c.claimed_signer for c in report.signatures] == [
        "Nadia B. (démo)",
        "Julien R. (démo)",
    ]
    with session.uow(read_only=True) as uow:
        demo_signers = [c for c in uow.counsellors.list_all() if "(démo)" in c.display_name]
    assert len(demo_signers) == 2
    # The demo passphrase confirms their signatures (the signing screen can be tried)...
    plans.unlock_signer(demo_signers[0].id, DEMO_SIGNING_PASSPHRASE)
    assert populate_demo_plans(session, seed=4, count=4) == 1  # same signers, reused


def test_no_demo_plans_in_a_store_of_real_people(session: Session) -> None:
    with pytest.raises(NotADemoStore):
        populate_demo_plans(session, seed=1)
