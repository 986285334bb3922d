"""The contract a plan is signed under, and who may sign which.

Law as of 2026 (loi n° 2023-1196 du 18 décembre 2023 pour le plein emploi, in force since
1 January 2025): every person registered with France Travail — job seekers, RSA recipients,
young people — signs one **contrat d'engagement** (Code du travail, art. L5411-6 and
following) with their referent body. It replaces the PPAE (projet personnalisé d'accès à
l'emploi) and, for RSA recipients, the CER (contrat d'engagements réciproques of the
Code de l'action sociale et des familles). The intensive pathways for young
people stay, and their contracts stand as the contrat d'engagement: the CEJ (contrat
d'engagement jeune, art. L5131-6) and the PACEA (parcours contractualisé d'accompagnement
vers l'emploi et l'autonomie, art. L5131-4). PPAE and CER signed before were to be converted
by 1 January 2027 (later overseas): plans that carry one keep it, read-only, and a new plan
or a new version takes the contrat d'engagement.

Who may enter a pathway, on the day the plan is signed: the CEJ from 16 to 25 years old
(under 26), up to 29 (under 30) with a reconnaissance de la qualité de travailleur handicapé
(RQTH); the PACEA from 16 to 25 (under 26).

The wire keeps the contract as one text field (``plans.contract``): ``engagement`` is the
contrat d'engagement on its standard pathway, ``cej`` and ``pacea`` the same contract on
those pathways (the values older devices already know), ``ppae`` and ``cer`` the older
contracts, ``none`` no contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .errors import ValidationError
from .interface_sentence import Sentence, say, verbatim
from .plan_problems import PlanProblem, ProblemKind, day_text

CONTRACT_FIELD = "contract"


class Contract(StrEnum):
    NONE = "none"
    ENGAGEMENT = "engagement"  # contrat d'engagement, standard pathway (L5411-6)
    CEJ = "cej"  # contrat d'engagement, pathway contrat d'engagement jeune (L5131-6)
    PACEA = "pacea"  # contrat d'engagement, pathway PACEA (L5131-4)
    PPAE = "ppae"  # former projet personnalisé d'accès à l'emploi: existing plans only
    CER = "cer"  # former contrat d'engagements réciproques (RSA): existing plans only

    @property
    def is_former(self) -> bool:
        """A contract the contrat d'engagement replaced: never chosen for a new plan."""
        return self in FORMER_CONTRACTS

    @property
    def is_engagement(self) -> bool:
        """The contrat d'engagement, whatever its pathway."""
        return self in PATHWAYS


#: The contracts a plan may be signed under today, in the order they are offered: the
#: contrat d'engagement first (the default of a new plan), on each of its pathways.
CURRENT_CONTRACTS = (Contract.ENGAGEMENT, Contract.CEJ, Contract.PACEA, Contract.NONE)
#: The pathways of the contrat d'engagement.
PATHWAYS = (Contract.ENGAGEMENT, Contract.CEJ, Contract.PACEA)
FORMER_CONTRACTS = (Contract.PPAE, Contract.CER)
#: The contract of a new plan.
DEFAULT_CONTRACT = Contract.ENGAGEMENT

#: The short names of the former contracts, as counsellors know them.
FORMER_NAMES = {Contract.PPAE: "PPAE", Contract.CER: "CER"}


@dataclass(frozen=True)
class AgeRange:
    """Ages (in whole years on the signing day) a pathway is open to, both ends included."""

    lowest: int
    highest: int
    highest_with_rqth: int


#: CEJ: 16 to 25, 29 with an RQTH; PACEA: 16 to 25.
PATHWAY_AGES = {
    Contract.CEJ: AgeRange(16, 25, 29),
    Contract.PACEA: AgeRange(16, 25, 25),
}

PATHWAY_NAMES = {Contract.CEJ: "CEJ", Contract.PACEA: "PACEA"}


@dataclass(frozen=True)
class ContractHolder:
    """What the eligibility rules need to know of the person who signs: their birth date
    (``None``: not known yet) and whether their RQTH is granted (an RQTH still being
    applied for does not count)."""

    birth_date: date | None
    rqth: bool = False

    def age_on(self, day: date) -> int | None:
        born = self.birth_date
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def eligibility_problem(
    contract: Contract, holder: ContractHolder, day: date
) -> PlanProblem | None:
    """Why ``holder`` may not enter ``contract``'s pathway on ``day``; ``None`` if they may
    (or the contract has no age condition)."""
    ages = PATHWAY_AGES.get(contract)
    if ages is None:
        return None
    name = PATHWAY_NAMES[contract]
    age = holder.age_on(day)
    if age is None:
        return PlanProblem(
            ProblemKind.BIRTH_DATE_MISSING,
            say(
                "Le {name} dépend de l'âge de la personne : renseignez sa date de naissance "
                "dans son dossier.",
                name=verbatim(name),
            ),
            f"{contract.value} needs the person's birth date",
            CONTRACT_FIELD,
        )
    highest = ages.highest_with_rqth if holder.rqth else ages.highest
    if ages.lowest <= age <= highest:
        return None
    return PlanProblem(
        ProblemKind.PATHWAY_AGE,
        say(
            "Le {name} est réservé aux personnes de {ages} ; la personne a {age} ans le {day}. "
            "Choisissez le contrat d'engagement (parcours standard).",
            name=verbatim(name),
            ages=_ages_text(contract),
            age=age,
            day=day_text(day),
        ),
        f"{contract.value} not open at age {age}",
        CONTRACT_FIELD,
    )


def _ages_text(contract: Contract) -> Sentence:
    ages = PATHWAY_AGES[contract]
    if ages.highest_with_rqth > ages.highest:
        return say(
            "{lowest} à {highest} ans (jusqu'à {rqth} ans avec une reconnaissance de la "
            "qualité de travailleur handicapé, RQTH)",
            lowest=ages.lowest,
            highest=ages.highest,
            rqth=ages.highest_with_rqth,
        )
    return say("{lowest} à {highest} ans", lowest=ages.lowest, highest=ages.highest)


def former_contract_problem(contract: Contract) -> PlanProblem | None:
    """A former contract (PPAE, CER) cannot be signed again: the contrat d'engagement
    replaces it."""
    if not contract.is_former:
        return None
    name = FORMER_NAMES[contract]
    return PlanProblem(
        ProblemKind.FORMER_CONTRACT,
        say(
            "Le {name} est remplacé par le contrat d'engagement depuis le 1er janvier 2025 : "
            "choisissez le contrat d'engagement pour signer ce plan.",
            name=verbatim(name),
        ),
        f"former contract {contract.value} cannot be signed any more",
        CONTRACT_FIELD,
    )


def check_contract_choice(
    current: Contract, chosen: Contract, holder: ContractHolder | None, day: date | None
) -> None:
    """Refuse choosing ``chosen`` for a draft under ``current``: a former contract (unless it
    is the one the draft already has), or a pathway the person is not eligible to on ``day``
    (checked when ``holder`` and ``day`` are known)."""
    if chosen.is_former and chosen is not current:
        raise ValidationError(
            say(
                "Le {name} ne peut plus être choisi : le contrat d'engagement le remplace "
                "depuis le 1er janvier 2025.",
                name=verbatim(FORMER_NAMES[chosen]),
            ),
            f"former contract {chosen.value} offered for a plan",
            CONTRACT_FIELD,
        )
    if holder is not None and day is not None:
        problem = eligibility_problem(chosen, holder, day)
        if problem is not None:
            raise problem.error()


def contract_problems(
    contract: Contract, holder: ContractHolder | None, day: date | None
) -> list[PlanProblem]:
    """What keeps a plan under ``contract`` from being signed on ``day`` by ``holder``."""
    problems = [p for p in [former_contract_problem(contract)] if p is not None]
    if holder is not None and day is not None:
        problem = eligibility_problem(contract, holder, day)
        if problem is not None:
            problems.append(problem)
    return problems


def contract_for_new_version(contract: Contract) -> Contract:
    """The contract a new version of a plan proposes: a former one becomes the contrat
    d'engagement (its conversion), any other stays."""
    return DEFAULT_CONTRACT if contract.is_former else contract
