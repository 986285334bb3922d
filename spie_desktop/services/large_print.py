"""The plan for the large-print view: a draft as it stands on screen, or a signed plan.

Worded from the same document as the PDF (:func:`build_plan_document`), so what the person
reads on screen is what they sign, sensitive themes hidden as the consent says.
"""

from __future__ import annotations

from spie_desktop.domain.plan import ActionPlan
from spie_desktop.forms import DefinitionRegistry, builtin_registry
from spie_desktop.plan.document import build_plan_document
from spie_desktop.plan.large_print import (
    LargePrintAction,
    LargePrintObjective,
    LargePrintPlan,
    large_print_plan,
)
from spie_desktop.storage.session import Session

from .person_languages import device_texts
from .plan_signing import PlanSigning
from .plans import PlanService

__all__ = ["LargePrintAction", "LargePrintObjective", "LargePrintPlan", "large_print"]


def large_print(
    session: Session, plan: ActionPlan, registry: DefinitionRegistry | None = None
) -> LargePrintPlan:
    """``plan`` (an edited draft, or a stored plan) worded for the large-print view, in the
    person's language."""
    signing = PlanSigning(session, registry or builtin_registry())
    with session.uow(read_only=True) as uow:
        person = uow.people.get(plan.person_id)
        consent = uow.consents.latest_for(person.id)
        synthesis = signing.synthesis(uow, plan.interview_id, consent)
    document = build_plan_document(
        plan, person, consent, [], [], synthesis, session.territory, place=""
    )
    texts = device_texts(session.data_dir, person.language)
    return large_print_plan(document, PlanService(session).today(), texts)
