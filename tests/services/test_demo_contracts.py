"""A demo store holds only lawful plans: under the contrat d'engagement (never a former PPAE
or CER), CEJ and PACEA only for people of their ages, and every signed plan's next review
after the day it was signed."""

from __future__ import annotations

from collections import Counter

from spie_desktop.domain.contracts import ContractHolder, contract_problems
from spie_desktop.domain.plan import ActionPlan, Contract, PlanStatus
from spie_desktop.services.contract_holder import contract_holder
from spie_desktop.services.demo import populate_demo
from spie_desktop.services.demo_plans import populate_demo_plans
from spie_desktop.services.plans import PlanService
from spie_desktop.storage.session import Session


def _holders(session: Session, plans: list[ActionPlan]) -> dict[object, ContractHolder]:
    with session.uow(read_only=True) as uow:
        return {p.person_id: contract_holder(uow, p.person_id) for p in plans}


def test_every_plan_of_the_demo_store_is_lawful(session: Session) -> None:
    populate_demo(session, 300, seed=11)
    service = PlanService(session)
    today = service.today()
    assert populate_demo_plans(session, seed=11, count=12) == 12
    plans = service.list_all()
    holders = _holders(session, plans)

    contracts = Counter(p.contract for p in plans)
    assert contracts[Contract.ENGAGEMENT] > 0
    assert contracts[Contract.CEJ] + contracts[Contract.PACEA] > 0  # the rule is exercised
    for plan in plans:
        holder = holders[plan.person_id]
        assert not contract_problems(plan.contract, holder, today), (
            plan.contract,
            holder.age_on(today),
        )
        if plan.contract in (Contract.CEJ, Contract.PACEA):
            age = holder.age_on(today)
            assert age is not None and 16 <= age <= (29 if holder.rqth else 25)

    signed = [p for p in plans if p.status is PlanStatus.SIGNED]
    assert len(signed) == 12
    for plan in signed:
        signing_day = max(s.signed_at for s in plan.signatures).date()
        assert plan.next_review is not None and plan.next_review > signing_day
        assert plan.contract_commitment is (plan.contract is not Contract.NONE)
