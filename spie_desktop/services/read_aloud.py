"""The plan summary to read aloud before signing, in the person's language and in French.

Worded from the same document as the PDF (:func:`build_plan_document`), so what the person
hears is what they sign; French comes too, offered when the computer has no voice for the
person's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from spie_desktop.domain.person_texts import FRENCH
from spie_desktop.domain.plan import ActionPlan
from spie_desktop.forms import DefinitionRegistry, builtin_registry
from spie_desktop.plan.document import build_plan_document
from spie_desktop.plan.spoken_summary import SpokenSentence, SpokenSummary, spoken_summary
from spie_desktop.storage.session import Session

from .person_languages import device_texts
from .plan_signing import PlanSigning

__all__ = ["ReadAloudMaterial", "SpokenSentence", "SpokenSummary", "read_aloud_material"]


@dataclass(frozen=True, slots=True)
class ReadAloudMaterial:
    summary: SpokenSummary  # in the person's language
    french: SpokenSummary
    language_name: str  # the person's language, named in itself ("Português (Brasil)")


def read_aloud_material(
    session: Session, plan: ActionPlan, registry: DefinitionRegistry | None = None
) -> ReadAloudMaterial:
    """``plan`` (the draft about to be signed, or a stored plan) worded to be read aloud."""
    signing = PlanSigning(session, registry or builtin_registry())
    with session.uow(read_only=True) as uow:
        person = uow.people.get(plan.person_id)
        consent = uow.consents.latest_for(person.id)
        synthesis = signing.synthesis(uow, plan.interview_id, consent)
    document = build_plan_document(
        plan, person, consent, [], [], synthesis, session.territory, place=""
    )
    texts = device_texts(session.data_dir, person.language)
    french = device_texts(session.data_dir, FRENCH)
    return ReadAloudMaterial(
        spoken_summary(document, texts), spoken_summary(document, french), texts.language.name
    )
