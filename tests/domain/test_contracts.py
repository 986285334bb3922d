"""The contrat d'engagement and its pathways (loi pour le plein emploi, Code du travail
art. L5411-6, L5131-4, L5131-6): the former PPAE and CER are never chosen again, CEJ and
PACEA depend on the person's age on the signing day, the next review comes after it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from spie_desktop.domain.contracts import (
    CURRENT_CONTRACTS,
    DEFAULT_CONTRACT,
    Contract,
    ContractHolder,
    contract_for_new_version,
)
from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.plan import ActionPlan, Signature, SignerRole
from spie_desktop.domain.plan_checks import check_ready_to_sign, readiness_problems
from spie_desktop.domain.plan_problems import ProblemKind

SIGNING_DAY = date(2026, 12, 6)


def born_aged(years: int, *, days_before_birthday: int = 0) -> date:
    """A birth date making the person ``years`` old on the signing day (their next
    birthday ``days_before_birthday`` days after it, when given)."""
    birthday = SIGNING_DAY.replace(year=SIGNING_DAY.year - years)
    if days_before_birthday:
        birthday = SIGNING_DAY.replace(year=SIGNING_DAY.year - years - 1) + timedelta(
            days=days_before_birthday
        )
    return birthday


def ready_plan(contract: Contract) -> ActionPlan:
    plan = ActionPlan(person_id=uuid.uuid4(), contract=contract, contract_commitment=True)
    objective = plan.add_objective("mobilite", "Accéder à un véhicule")
    plan.add_action(objective.id, "Bourse au permis", due_date=date(2027, 3, 1))
    plan.next_review = SIGNING_DAY + timedelta(days=30)
    for role in SignerRole:
        plan.signatures.append(
            Signature(
                plan_id=plan.id,
                role=role,
                signer_name=role.value,
                strokes=[[(0.1, 0.1), (0.5, 0.6)]],
                signed_at=datetime.now(UTC),
            )
        )
    return plan


def test_the_contrat_d_engagement_comes_first_and_the_former_ones_are_not_offered() -> None:
    assert DEFAULT_CONTRACT is Contract.ENGAGEMENT
    assert CURRENT_CONTRACTS[0] is Contract.ENGAGEMENT
    assert Contract.PPAE not in CURRENT_CONTRACTS and Contract.CER not in CURRENT_CONTRACTS
    assert {c for c in Contract if c.is_engagement} == {
        Contract.ENGAGEMENT,
        Contract.CEJ,
        Contract.PACEA,
    }


@pytest.mark.parametrize("former", [Contract.PPAE, Contract.CER])
def test_a_former_contract_cannot_be_chosen_for_a_plan(former: Contract) -> None:
    plan = ActionPlan(person_id=uuid.uuid4(), contract=Contract.ENGAGEMENT)
    with pytest.raises(ValidationError) as refused:
        plan.set_contract(former)
    assert "le contrat d'engagement le remplace" in refused.value.message_fr
    assert plan.contract is Contract.ENGAGEMENT


@pytest.mark.parametrize("former", [Contract.PPAE, Contract.CER])
def test_a_plan_under_a_former_contract_reads_but_cannot_be_signed_again(
    former: Contract,
) -> None:
    plan = ready_plan(former)
    plan.set_contract(former)  # keeping what it has is no new choice
    with pytest.raises(ValidationError) as refused:
        check_ready_to_sign(plan, SIGNING_DAY, ContractHolder(born_aged(40)))
    assert refused.value.field == "contract"
    assert "remplacé par le contrat d'engagement" in refused.value.message_fr
    plan.set_contract(Contract.ENGAGEMENT)
    check_ready_to_sign(plan, SIGNING_DAY, ContractHolder(born_aged(40)))


def test_a_new_version_converts_a_former_contract() -> None:
    assert contract_for_new_version(Contract.PPAE) is Contract.ENGAGEMENT
    assert contract_for_new_version(Contract.CER) is Contract.ENGAGEMENT
    assert contract_for_new_version(Contract.CEJ) is Contract.CEJ
    assert contract_for_new_version(Contract.NONE) is Contract.NONE


@pytest.mark.parametrize(
    ("pathway", "birth", "rqth", "allowed"),
    [
        (Contract.CEJ, born_aged(16), False, True),
        (Contract.CEJ, born_aged(15, days_before_birthday=1), False, False),
        (Contract.CEJ, born_aged(25, days_before_birthday=1), False, True),
        (Contract.CEJ, born_aged(26), False, False),
        (Contract.CEJ, born_aged(29, days_before_birthday=1), True, True),
        (Contract.CEJ, born_aged(30), True, False),
        (Contract.CEJ, born_aged(40), False, False),
        (Contract.PACEA, born_aged(16), False, True),
        (Contract.PACEA, born_aged(25, days_before_birthday=3), False, True),
        (Contract.PACEA, born_aged(26), False, False),
        (Contract.PACEA, born_aged(27), True, False),  # the RQTH extends the CEJ only
        (Contract.ENGAGEMENT, born_aged(62), False, True),
    ],
)
def test_pathways_are_for_their_ages_on_the_signing_day(
    pathway: Contract, birth: date, rqth: bool, allowed: bool
) -> None:
    holder = ContractHolder(birth, rqth=rqth)
    plan = ready_plan(pathway)
    problems = [
        p.kind
        for p in readiness_problems(plan, today=SIGNING_DAY, holder=holder)
        if p.kind is ProblemKind.PATHWAY_AGE
    ]
    assert problems == ([] if allowed else [ProblemKind.PATHWAY_AGE])
    draft = ActionPlan(person_id=uuid.uuid4())
    if allowed:
        draft.set_contract(pathway, holder, SIGNING_DAY)
        assert draft.contract is pathway
    else:
        with pytest.raises(ValidationError):
            draft.set_contract(pathway, holder, SIGNING_DAY)
        assert draft.contract is Contract.NONE


def test_cej_at_forty_is_refused_in_french_at_choice_and_at_signing() -> None:
    holder = ContractHolder(born_aged(40))
    draft = ActionPlan(person_id=uuid.uuid4())
    with pytest.raises(ValidationError) as refused:
        draft.set_contract(Contract.CEJ, holder, SIGNING_DAY)
    assert refused.value.message_fr == (
        "Le CEJ est réservé aux personnes de 16 à 25 ans (jusqu'à 29 ans avec une "
        "reconnaissance de la qualité de travailleur handicapé, RQTH) ; la personne a 40 ans "
        "le 06/12/2026. Choisissez le contrat d'engagement (parcours standard)."
    )
    plan = ready_plan(Contract.CEJ)
    with pytest.raises(ValidationError) as blocked:
        check_ready_to_sign(plan, SIGNING_DAY, holder)
    assert blocked.value.field == "contract"
    assert "Le CEJ est réservé" in blocked.value.message_fr


def test_a_pathway_without_birth_date_asks_for_it() -> None:
    plan = ready_plan(Contract.PACEA)
    with pytest.raises(ValidationError) as refused:
        check_ready_to_sign(plan, SIGNING_DAY, ContractHolder(None))
    assert refused.value.message_fr == (
        "Le PACEA dépend de l'âge de la personne : renseignez sa date de naissance dans "
        "son dossier."
    )
    # The standard pathway has no age condition: no birth date needed.
    check_ready_to_sign(ready_plan(Contract.ENGAGEMENT), SIGNING_DAY, ContractHolder(None))


@pytest.mark.parametrize("offset", [-30, 0])
def test_the_next_review_must_come_after_the_signing_day(offset: int) -> None:
    plan = ready_plan(Contract.ENGAGEMENT)
    plan.next_review = SIGNING_DAY + timedelta(days=offset)
    with pytest.raises(ValidationError) as refused:
        check_ready_to_sign(plan, SIGNING_DAY, ContractHolder(born_aged(40)))
    assert refused.value.field == "next_review"
    assert "doit être postérieure au jour de la signature (06/12/2026)" in (
        refused.value.message_fr
    )
    plan.next_review = SIGNING_DAY + timedelta(days=1)
    check_ready_to_sign(plan, SIGNING_DAY, ContractHolder(born_aged(40)))
