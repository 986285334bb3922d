"""The YAML format of form definitions and territory extensions, as pydantic models.

A definition file::

    id: socle-commun            # lowercase letters, digits and dashes
    version: 1                  # an integer; a new version is a new file, the old one stays
    title: Diagnostic partagé — socle commun
    provenance: ...             # where the content comes from
    sensitive_consent: accueil.donnees_sensibles   # yes/no answer allowing sensitive answers in the PDF
    steps:
      - id: accueil             # steps, themes and panes share one namespace of identifiers
        kind: consent           # consent | diagnostic | priorities | action_plan | signature
        title: Accueil et consentement
        advance_if: accueil.consentement == true   # optional gate (expression language)
        blocked_message: ...    # shown when the gate is closed
        questions: [...]
      - id: situation
        kind: diagnostic
        panes:                  # shown side by side
          - id: social
            field: social       # the counsellor field owning the pane: social | emploi
            title: Volet social
            themes:
              - id: logement
                label: Logement
                shared: false   # true: either counsellor owns it (emploi, formation)
                sensitive: false  # true: every answer of the theme is sensitive
                situations: [{id: proprietaire, label: Propriétaire}, ...]
                objectives: [...]   # labels from the referential, suggested in the synthesis
                actions: [...]
                questions: [...]

A question::

    id: permis                  # unique in its theme or step; ``situations``, ``barrier``,
                                # ``strengths`` and ``notes`` are reserved in themes
    type: yes_no                # see QuestionType
    label: Permis de conduire
    help: ...                   # optional help text
    required: false
    sensitive: false            # kept out of the PDF unless the person agrees
    visible_if: "mobilite.vehicule == true"   # optional, see expressions.py
    choices: [{value: locataire, label: Locataire}]   # single/multiple choice only
    choices_from: themes        # instead of choices: one choice per theme of the definition
    ordered: true               # multiple choice whose order matters (priorities)
    min: 0                      # number only
    max: 99
    max_length: 200             # short text (default 200) and long text (default 10000)
    role: project               # read by the synthesis: project | priorities | other_priorities | strengths

A territory extension (see extensions.py) has ``id``, ``version``, ``title``,
``extends: {id: socle-commun, version: 1}`` and ``add_questions: {theme_id: [question, ...]}``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from spie_desktop.domain.organisation import Field as CounsellorField

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
DefinitionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$", max_length=64)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]

#: Question ids that a theme reserves for the answers every theme has.
RESERVED_THEME_KEYS = ("situations", "barrier", "strengths", "notes")


class QuestionType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    DATE = "date"  # stored 'YYYY-MM-DD', typed 'JJ/MM/AAAA' or ISO
    NUMBER = "number"
    YES_NO = "yes_no"  # stored as a boolean
    SCALE = "scale"  # an integer from 0 to 4
    TEXT_LIST = "text_list"  # a list of short texts (strengths)


CHOICE_TYPES = (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE)


class QuestionRole(StrEnum):
    """What the synthesis reads from a question of the priorities step."""

    PROJECT = "project"  # the person's project in their own words (text)
    PRIORITIES = "priorities"  # shared priorities: a multiple choice over themes, ordered
    OTHER_PRIORITIES = "other_priorities"  # priorities in free text
    STRENGTHS = "strengths"  # a text list


ROLE_TYPES = {
    QuestionRole.PROJECT: (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT),
    QuestionRole.PRIORITIES: (QuestionType.MULTIPLE_CHOICE, QuestionType.SINGLE_CHOICE),
    QuestionRole.OTHER_PRIORITIES: (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT),
    QuestionRole.STRENGTHS: (QuestionType.TEXT_LIST,),
}


class StepKind(StrEnum):
    CONSENT = "consent"
    DIAGNOSTIC = "diagnostic"
    PRIORITIES = "priorities"
    ACTION_PLAN = "action_plan"
    SIGNATURE = "signature"


class BarrierWeight(StrEnum):
    """The weight of a theme's barrier, as agreed with the person."""

    NONE = "none"
    LIGHT = "light"
    STRONG = "strong"
    BLOCKING = "blocking"
    NOT_DISCUSSED = "not_discussed"

    @property
    def label(self) -> str:
        return BARRIER_LABELS[self]


BARRIER_LABELS = {
    BarrierWeight.NONE: "Aucun frein",
    BarrierWeight.LIGHT: "Frein léger",
    BarrierWeight.STRONG: "Frein fort",
    BarrierWeight.BLOCKING: "Frein bloquant",
    BarrierWeight.NOT_DISCUSSED: "Non abordé",
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Model):
    value: Slug
    label: Text


class Question(_Model):
    id: Identifier
    type: QuestionType
    label: Text
    help: str = ""
    required: bool = False
    sensitive: bool = False
    visible_if: str | None = None
    choices: tuple[Choice, ...] = ()
    choices_from: Literal["themes"] | None = None
    ordered: bool = False
    min: float | None = None
    max: float | None = None
    max_length: int | None = Field(default=None, gt=0)
    role: QuestionRole | None = None

    @model_validator(mode="after")
    def _options_fit_type(self) -> Question:
        is_choice = self.type in CHOICE_TYPES
        if is_choice and not self.choices and self.choices_from is None:
            raise ValueError("une question à choix doit avoir « choices » ou « choices_from »")
        if not is_choice and (self.choices or self.choices_from):
            raise ValueError("seules les questions à choix ont des « choices »")
        if self.choices and self.choices_from:
            raise ValueError("« choices » et « choices_from » s'excluent")
        if self.ordered and self.type != QuestionType.MULTIPLE_CHOICE:
            raise ValueError("« ordered » ne vaut que pour un choix multiple")
        if (self.min is not None or self.max is not None) and self.type != QuestionType.NUMBER:
            raise ValueError("« min » et « max » ne valent que pour un nombre")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("« min » dépasse « max »")
        if self.max_length is not None and self.type not in (
            QuestionType.SHORT_TEXT,
            QuestionType.LONG_TEXT,
        ):
            raise ValueError("« max_length » ne vaut que pour un texte")
        if self.role is not None and self.type not in ROLE_TYPES[self.role]:
            raise ValueError(
                f"le rôle « {self.role.value} » ne convient pas au type « {self.type.value} »"
            )
        values = [choice.value for choice in self.choices]
        duplicates = sorted({value for value in values if values.count(value) > 1})
        if duplicates:
            raise ValueError(f"choix en double : {', '.join(duplicates)}")
        return self


class Situation(_Model):
    id: Slug
    label: Text


class Theme(_Model):
    id: Identifier
    label: Text
    help: str = ""
    shared: bool = False
    sensitive: bool = False
    situations: tuple[Situation, ...] = ()
    objectives: tuple[Text, ...] = ()
    actions: tuple[Text, ...] = ()
    questions: tuple[Question, ...] = ()


class Pane(_Model):
    id: Identifier
    field: CounsellorField
    title: Text
    themes: tuple[Theme, ...] = Field(min_length=1)


class Step(_Model):
    id: Identifier
    kind: StepKind
    title: Text
    help: str = ""
    questions: tuple[Question, ...] = ()
    panes: tuple[Pane, ...] = ()
    advance_if: str | None = None
    blocked_message: str = ""

    @model_validator(mode="after")
    def _panes_only_in_diagnostic(self) -> Step:
        if self.kind == StepKind.DIAGNOSTIC and not self.panes:
            raise ValueError("une étape « diagnostic » doit avoir des volets (« panes »)")
        if self.kind != StepKind.DIAGNOSTIC and self.panes:
            raise ValueError("seule une étape « diagnostic » a des volets (« panes »)")
        if self.advance_if is not None and not self.blocked_message:
            raise ValueError("« advance_if » demande un « blocked_message » pour les personnes")
        return self


class DefinitionSpec(_Model):
    id: DefinitionId
    version: int = Field(ge=1)
    title: Text
    description: str = ""
    provenance: str = ""
    sensitive_consent: str | None = None
    steps: tuple[Step, ...] = Field(min_length=1)


class BaseRef(_Model):
    id: DefinitionId
    version: int = Field(ge=1)


class ExtensionSpec(_Model):
    id: DefinitionId
    version: int = Field(ge=1)
    title: Text
    description: str = ""
    extends: BaseRef
    add_questions: dict[Identifier, tuple[Question, ...]] = Field(min_length=1)
