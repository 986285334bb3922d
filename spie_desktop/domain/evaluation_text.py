"""Every word the person reads in their evaluation window, in their language.

The window is handed to the person, so these texts are plain words for them (not the
counsellors' vocabulary), taken from the person-facing language layer
(:mod:`spie_desktop.domain.person_texts`, keys ``evaluation.*``): French when the person's
language lacks a sentence. The scale's words are said aloud with the pictograms, for people
who read little. :data:`SCALE_WORDS`, :data:`QUESTION_TEXT` and :data:`TEXT` are the French.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spie_protocol.indicators.facts import EvaluationQuestion

from .person_texts import FRENCH, PersonTexts, person_texts

#: The keys of the four answers of the pictogram scale, 1 (not at all) to 4 (completely).
SCALE_KEYS: dict[int, str] = {
    1: "evaluation.scale.not_at_all",
    2: "evaluation.scale.rather_no",
    3: "evaluation.scale.rather_yes",
    4: "evaluation.scale.totally",
}

#: The keys of the scaled questions, in the order they are asked.
QUESTION_KEYS: dict[EvaluationQuestion, str] = {
    EvaluationQuestion.CLEAR: "evaluation.clear",
    EvaluationQuestion.LISTENED: "evaluation.listened",
    EvaluationQuestion.AGREE: "evaluation.agree",
    EvaluationQuestion.USEFUL: "evaluation.useful",
}

#: The window's other words: its name -> the layer's key.
TEXT_KEYS: dict[str, str] = {
    "window_title": "evaluation.window_title",
    "intro": "evaluation.intro",
    "progress": "evaluation.progress",
    "suggestion_hint": "evaluation.change_hint",
    "groups": "evaluation.groups",
    "groups_hint": "evaluation.groups_hint",
    "yes": "evaluation.yes",
    "no": "evaluation.no",
    "skip": "evaluation.skip",
    "previous": "evaluation.previous",
    "next": "evaluation.next",
    "keys_scale": "evaluation.keys_scale",
    "keys_groups": "evaluation.keys_groups",
    "thanks": "evaluation.thanks",
    "close": "evaluation.close",
    "saving_failed": "evaluation.saving_failed",
}


def _capitalised(word: str) -> str:
    """A scale word or a yes/no alone on its button starts with a capital ("pas du tout")."""
    return word[:1].upper() + word[1:]


@dataclass(frozen=True, slots=True)
class EvaluationWords:
    """The evaluation's words in one language (French behind each missing sentence)."""

    texts: PersonTexts
    right_to_left: bool
    scale: dict[int, str] = field(default_factory=dict)
    questions: dict[EvaluationQuestion, str] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.texts.language.code

    def progress(self, n: int, total: int) -> str:
        """ "Question 2 sur 6"."""
        return self.texts.text(TEXT_KEYS["progress"], n=n, total=total)


def evaluation_words(texts: PersonTexts) -> EvaluationWords:
    """The evaluation window's words from the language layer ``texts``."""
    words = {name: texts.text(key) for name, key in TEXT_KEYS.items() if name != "progress"}
    words["yes"], words["no"] = _capitalised(words["yes"]), _capitalised(words["no"])
    words["suggestion"] = f"{texts.text('evaluation.change')} {texts.text('evaluation.optional')}"
    return EvaluationWords(
        texts=texts,
        right_to_left=texts.language.direction == "rtl",
        scale={value: _capitalised(texts.text(key)) for value, key in SCALE_KEYS.items()},
        questions={question: texts.text(key) for question, key in QUESTION_KEYS.items()},
        text=words,
    )


FRENCH_WORDS = evaluation_words(person_texts(FRENCH))
SCALE_WORDS: dict[int, str] = FRENCH_WORDS.scale
QUESTION_TEXT: dict[EvaluationQuestion, str] = FRENCH_WORDS.questions
TEXT: dict[str, str] = FRENCH_WORDS.text
