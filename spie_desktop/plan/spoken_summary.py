"""The plan summary read aloud to the person before signing, sentence by sentence, in
their language: objectives, actions with their dates in words, the next meeting, the
commitments.

Worded from the same :class:`PlanDocument` as the PDF (sensitive themes hidden the same
way) and from the person-facing texts (:class:`PersonTexts`): a sentence the language lacks
is French, and says so, so that the reader can switch voice for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spie_desktop.domain.person_texts import PersonText, PersonTexts, referential_key
from spie_desktop.domain.plan import Contract

from .document import CONTRACT_LABELS, ActionLine, ObjectiveBlock, PlanDocument

#: The plan's contract, from the French label the document carries.
_CONTRACTS = {label: contract for contract, label in CONTRACT_LABELS.items() if label}


@dataclass(frozen=True, slots=True)
class SpokenSentence:
    text: str
    language: str  # the code of the language the sentence is in (French when it fell back)


@dataclass(frozen=True, slots=True)
class SpokenSummary:
    language: str  # the person's language
    direction: str  # "ltr" or "rtl", for showing the sentences
    sentences: tuple[SpokenSentence, ...]


def date_in_words(day: date, texts: PersonTexts) -> str:
    """ "15 mars 2026", "1º de março de 2026": the date as it is said in the texts' language."""
    number = texts.text("date.first_day") if day.day == 1 else str(day.day)
    month = texts.text(f"date.month.{day.month}")
    return texts.text("date.long", day=number, month=month, year=day.year)


def spoken_summary(document: PlanDocument, texts: PersonTexts) -> SpokenSummary:
    """The sentences to read aloud from ``document``, in the language of ``texts``."""
    sentences = [_sentence(texts.get("read.intro"))]
    if document.objectives:
        sentences.append(_sentence(texts.get("plan.objectives.heading")))
    else:
        sentences.append(_sentence(texts.get("plan.no_objective")))
    for objective in document.objectives:
        sentences.extend(_objective_sentences(objective, texts))
    if document.next_review is not None:
        day = date_in_words(document.next_review, texts)
        sentences.append(_sentence(texts.get("plan.next_review", date=day)))
    sentences.append(_sentence(texts.get("plan.commitments.heading")))
    contract = _CONTRACTS.get(document.contract_label, Contract.NONE)
    if contract is not Contract.NONE:
        name = texts.text(f"plan.contract.{contract.value.lower()}")
        sentences.append(_sentence(texts.get("plan.contract", contract=name)))
    sentences.append(_sentence(texts.get("plan.commitment.person")))
    sentences.append(_sentence(texts.get("plan.commitment.structures")))
    # The document adds a third commitment only when the person accepted the contract.
    if contract is not Contract.NONE and len(document.commitments) > 2:
        name = texts.text(f"plan.contract.{contract.value.lower()}")
        sentences.append(_sentence(texts.get("plan.commitment.contract", contract=name)))
    return SpokenSummary(texts.language.code, texts.language.direction, tuple(sentences))


def _sentence(text: PersonText) -> SpokenSentence:
    return SpokenSentence(text.text, text.language)


def _label(kind: str, label: str, texts: PersonTexts) -> str:
    """A referential label in the texts' language; a label typed by a counsellor as typed."""
    key = referential_key(kind, label)
    return label if key is None else texts.text(key)


def _objective_sentences(objective: ObjectiveBlock, texts: PersonTexts) -> list[SpokenSentence]:
    label = _label("objective", objective.label, texts)
    sentences = [_sentence(texts.get("read.objective", label=label))]
    if not objective.actions:
        sentences.append(_sentence(texts.get("plan.no_action")))
    sentences.extend(_action_sentence(action, texts) for action in objective.actions)
    return sentences


def _action_sentence(action: ActionLine, texts: PersonTexts) -> SpokenSentence:
    label = _label("action", action.label, texts)
    start = date_in_words(action.start, texts) if action.start else ""
    due = date_in_words(action.due, texts) if action.due else ""
    if start and due and action.start is not None and action.due is not None:
        if action.start <= action.due:
            said = texts.get("read.action_from_until", label=label, start=start, date=due)
        else:
            said = texts.get("read.action_until", label=label, date=due)
    elif due:
        said = texts.get("read.action_until", label=label, date=due)
    elif start:
        said = texts.get("read.action_from", label=label, start=start)
    else:
        said = texts.get("read.action", label=label)
    return _sentence(said)
