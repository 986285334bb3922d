"""The plan as the large-print view shows it to the person: one page per objective, its
theme's pictogram, its actions with their dates in words, then the commitments.

Built from the same :class:`PlanDocument` as the PDF, so the screen says what the paper says
(sensitive themes hidden the same way), in the person's language: the fixed sentences from
:mod:`spie_desktop.domain.large_print_text`, the referential's themes, objectives, actions
and statuses through their keys as in the PDF (a label a counsellor typed stays as typed),
the commitments from the same sentences as the PDF's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spie_desktop.domain.large_print_text import action_dates, date_in_words, text
from spie_desktop.domain.person_texts import FRENCH, PersonTexts, person_texts, referential_key
from spie_desktop.domain.plan import Contract

from .document import CONTRACT_LABELS, ObjectiveBlock, PlanDocument
from .reading import action_who, contract_sentence

#: The plan's contract, from the French label the document carries.
_CONTRACTS = {label: contract for contract, label in CONTRACT_LABELS.items() if label}


def _french() -> PersonTexts:
    return person_texts(FRENCH)


@dataclass(frozen=True, slots=True)
class LargePrintAction:
    label: str
    when: str  # "jusqu'au 15 mars", "" when no date is set
    who: str  # "avec France Travail, Julien Roux", "" when nobody is named
    status: str


@dataclass(frozen=True, slots=True)
class LargePrintObjective:
    theme: str  # the referential's name, for the pictogram; "" when it must not show
    theme_label: str  # "" when it must not show
    label: str
    status: str
    actions: tuple[LargePrintAction, ...]


@dataclass(frozen=True, slots=True)
class LargePrintPlan:
    title: str
    objectives: tuple[LargePrintObjective, ...]
    next_review: str  # "" when no date is set
    commitments: tuple[str, ...]  # the contract first, when the plan is linked to one
    texts: PersonTexts = field(default_factory=_french)  # the person's language

    def text(self, key: str, **values: object) -> str:
        """The view's fixed sentence ``key`` in the person's language."""
        return text(key, self.texts, **values)

    @property
    def right_to_left(self) -> bool:
        return self.texts.language.direction == "rtl"


def large_print_plan(
    doc: PlanDocument, today: date, texts: PersonTexts | None = None
) -> LargePrintPlan:
    """``doc`` worded for the large-print view in the language of ``texts`` (French by
    default); dates said without this year's number."""
    words = texts or _french()
    review = doc.next_review
    next_review = ""
    if review:
        next_review = text("next_review", words, date=date_in_words(review, today, words))
    return LargePrintPlan(
        title=doc.title,
        objectives=tuple(_objective(objective, today, words) for objective in doc.objectives),
        next_review=next_review,
        commitments=_commitments(doc, words),
        texts=words,
    )


def _keyed(key: str | None, french: str, texts: PersonTexts) -> str:
    """The sentence ``key`` in the texts' language; ``french`` as it is when it has no key."""
    if key is None or key not in texts.french or texts.language.code == FRENCH:
        return french
    return texts.text(key)


def _objective(objective: ObjectiveBlock, today: date, texts: PersonTexts) -> LargePrintObjective:
    actions = []
    for action in objective.actions:
        who = action_who(action)
        status_key = f"plan.action_status.{action.status}" if action.status else None
        actions.append(
            LargePrintAction(
                label=_keyed(referential_key("action", action.label), action.label, texts),
                when=action_dates(action.start, action.due, today, texts),
                who=text("who", texts, who=who) if who != "—" else "",
                status=_keyed(status_key, action.status_label, texts),
            )
        )
    theme_key = f"theme.{objective.theme}" if objective.theme else None
    status_key = f"plan.objective_status.{objective.status}" if objective.status else None
    return LargePrintObjective(
        theme=objective.theme,
        theme_label=_keyed(theme_key, objective.theme_label, texts)
        if objective.theme_label
        else "",
        label=_keyed(referential_key("objective", objective.label), objective.label, texts),
        status=_keyed(status_key, objective.status_label, texts),
        actions=tuple(actions),
    )


def _commitments(doc: PlanDocument, texts: PersonTexts) -> tuple[str, ...]:
    """The contract first, when there is one, then the commitments, as the PDF words them."""
    if texts.language.code == FRENCH:
        first = (contract_sentence(doc.contract_label),) if doc.contract_label else ()
        return first + doc.commitments
    lines = [texts.text("plan.commitment.person"), texts.text("plan.commitment.structures")]
    contract = _CONTRACTS.get(doc.contract_label, Contract.NONE)
    if contract is Contract.NONE:
        return tuple(lines)
    name = texts.text(f"plan.contract.{contract.value}")
    # The document has a third commitment only when the person accepted the contract.
    if len(doc.commitments) > 2:
        lines.append(texts.text("plan.commitment.contract", contract=name))
    return (texts.text("plan.contract", contract=name), *lines)
