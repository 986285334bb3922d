"""The checks of a whole action plan: badly filled entries (at every save of a draft), what
keeps a draft from being signed, and the review before signing that gathers both with the
warnings (``domain.plan_review``).

The problems are typed values (``domain.plan_problems``); the contract's own rules are in
``domain.contracts``. The services raise the first problem as a ``ValidationError``
(:func:`check_entries`, :func:`check_ready_to_sign`); the view-models place each one beside
what it concerns.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from spie_desktop.domain.interface_sentence import say

from .contracts import Contract, ContractHolder, contract_problems
from .plan import REQUIRED_SIGNERS, ActionPlan, signer_list
from .plan_problems import PLAN_FIELD, PlanProblem, ProblemKind, day_text
from .plan_review import PlanReview, review_warnings


def entry_problems(plan: ActionPlan) -> list[PlanProblem]:
    """Badly filled entries: a label left empty, an action due before it starts.
    Checked at every save of a draft."""
    problems: list[PlanProblem] = []
    for objective in plan.objectives:
        if not objective.label.strip():
            problems.append(
                PlanProblem(
                    ProblemKind.OBJECTIVE_WITHOUT_LABEL,
                    say("Chaque objectif doit avoir un intitulé."),
                    "objective without label",
                    "label",
                    objective.id,
                )
            )
        for action in objective.actions:
            if not action.label.strip():
                problems.append(
                    PlanProblem(
                        ProblemKind.ACTION_WITHOUT_LABEL,
                        say("Chaque action doit avoir un intitulé."),
                        "action without label",
                        "label",
                        action.id,
                    )
                )
            if action.start_date and action.due_date and action.due_date < action.start_date:
                problems.append(
                    PlanProblem(
                        ProblemKind.DUE_BEFORE_START,
                        say(
                            "L'échéance de l'action « {label} » est antérieure à son début.",
                            label=action.label,
                        ),
                        "action due before it starts",
                        "due_date",
                        action.id,
                    )
                )
    return problems


def readiness_problems(
    plan: ActionPlan,
    *,
    signatures: bool = True,
    today: date | None = None,
    holder: ContractHolder | None = None,
) -> list[PlanProblem]:
    """Everything that keeps ``plan`` from being signed; ``signatures=False`` leaves
    out the handwritten signatures (not captured yet while the plan is edited). A
    former contract (PPAE, CER) is one of them. With ``today`` (the signing day), a
    next review date that is not after it is one; with ``holder`` too, a pathway
    (CEJ, PACEA) the person may not enter at their age."""
    if plan.is_signed:
        return [
            PlanProblem(
                ProblemKind.ALREADY_SIGNED,
                say("Ce plan est déjà signé."),
                "plan already signed",
                PLAN_FIELD,
            )
        ]
    problems: list[PlanProblem] = []
    if not plan.objectives:
        problems.append(
            PlanProblem(
                ProblemKind.NO_OBJECTIVE,
                say("Le plan ne contient aucun objectif."),
                "plan has no objective",
                "objectives",
            )
        )
    for objective in plan.objectives:
        for action in objective.actions:
            if action.due_date is None:
                problems.append(
                    PlanProblem(
                        ProblemKind.ACTION_WITHOUT_DUE_DATE,
                        say("L'action « {label} » n'a pas d'échéance.", label=action.label),
                        "action without due date",
                        "due_date",
                        action.id,
                    )
                )
    if plan.contract is not Contract.NONE and not plan.contract_commitment:
        problems.append(
            PlanProblem(
                ProblemKind.COMMITMENT_MISSING,
                say(
                    "Le plan est lié à un contrat : l'engagement de la personne doit être recueilli."
                ),
                "contract linked without the person's commitment",
                "contract_commitment",
            )
        )
    problems += contract_problems(plan.contract, holder, today)
    if today is not None and plan.next_review is not None and plan.next_review <= today:
        problems.append(
            PlanProblem(
                ProblemKind.NEXT_REVIEW_PAST,
                say(
                    "La date du prochain point ({next_review}) doit être postérieure au "
                    "jour de la signature ({today}).",
                    next_review=day_text(plan.next_review),
                    today=day_text(today),
                ),
                "next review date not after the signing day",
                "next_review",
            )
        )
    roles = {s.role for s in plan.signatures if s.given}
    missing = [r for r in REQUIRED_SIGNERS if r not in roles]
    if signatures and missing:
        problems.append(
            PlanProblem(
                ProblemKind.SIGNATURE_MISSING,
                say("Signature manquante : {list}.", list=signer_list(missing)),
                "missing signature: " + ", ".join(missing),
                "signatures",
            )
        )
    return problems


def review_plan(
    plan: ActionPlan,
    priorities: Mapping[str, str],
    today: date,
    *,
    signatures: bool = True,
    holder: ContractHolder | None = None,
) -> PlanReview:
    """``plan`` as read before signing: errors (entries and readiness, which refuse
    the signing) and warnings (see ``domain.plan_review``). ``priorities``: the
    diagnostic's priority theme ids and labels, in order; ``signatures=False`` before
    the pads are filled; ``holder``: the person, for the pathways' ages."""
    errors = entry_problems(plan) + readiness_problems(
        plan, signatures=signatures, today=today, holder=holder
    )
    return PlanReview(tuple(errors), tuple(review_warnings(plan.objectives, priorities)))


def check_entries(plan: ActionPlan) -> None:
    """Raise the first of :func:`entry_problems`."""
    for problem in entry_problems(plan):
        raise problem.error()


def check_ready_to_sign(
    plan: ActionPlan, today: date | None = None, holder: ContractHolder | None = None
) -> None:
    """Raise the first of :func:`readiness_problems`. Every signing passes the signing
    day and the person (``services.plan_signing``, ``plan.signed_plan``)."""
    for problem in readiness_problems(plan, today=today, holder=holder):
        raise problem.error()
