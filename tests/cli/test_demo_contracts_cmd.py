"""``spie-desktop demo`` signs lawful plans only: under the contrat d'engagement, CEJ and
PACEA for people of their ages, the next review after the signing day."""

from __future__ import annotations

from pathlib import Path

from spie_desktop.domain.contracts import contract_problems
from spie_desktop.domain.plan import PlanStatus
from spie_desktop.services import device
from spie_desktop.services.contract_holder import contract_holder

from .conftest import PASSPHRASE, Run


def test_the_demo_command_signs_lawful_plans(initialised: Path, cli: Run) -> None:
    data = ["--data-dir", str(initialised)]
    demo = cli("demo", "--people", "150", "--seed", "3", "--signed-plans", "6", "--force", *data)
    assert demo.returncode == 0, demo.stderr
    assert "6 plans signés" in demo.stdout
    slot = device.resolve_account(initialised, None)
    with (
        device.unlock(initialised, slot.account_id, PASSPHRASE) as session,
        session.uow(read_only=True) as uow,
    ):
        plans = uow.plans.list_all()
        holders = {p.person_id: contract_holder(uow, p.person_id) for p in plans}
    signed = [p for p in plans if p.status is PlanStatus.SIGNED]
    assert len(signed) == 6
    for plan in signed:
        signing_day = max(s.signed_at for s in plan.signatures).date()
        assert not contract_problems(plan.contract, holders[plan.person_id], signing_day)
        assert plan.next_review is not None and plan.next_review > signing_day
    for plan in plans:  # drafts too: nothing a counsellor could not sign today
        assert not plan.contract.is_former
