"""Everything the plan PDF shows, as plain data, and the builder that applies the privacy rule.

:class:`PlanDocument` holds text and dates only, already in French and in the territory's
time zone, so rendering needs no domain knowledge. :func:`build_plan_document` is where the
sensitive-answer rule lives: content of sensitive themes (health, justice…) reaches the
document only when the person's latest consent record allows
:attr:`ConsentScope.SENSITIVE_IN_PLAN`. The synthesis passed in must have been built for
print (``state.synthesis(for_print=True)`` or :func:`print_synthesis`); a synthesis that still
carries sensitive themes without that consent is refused, since its strengths cannot be
traced back to their theme.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from spie_desktop.domain.contracts import PATHWAYS
from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.offers import LinkedOffer
from spie_desktop.domain.organisation import Counsellor, Field, Structure
from spie_desktop.domain.people import (
    CONSENT_SCOPE_LABELS,
    CONSENT_WORDING,
    ConsentRecord,
    ConsentScope,
    Person,
)
from spie_desktop.domain.person_texts import PersonTexts, person_texts
from spie_desktop.domain.plan import (
    REQUIRED_SIGNERS,
    ActionPlan,
    Contract,
    ObjectiveStatus,
    SignatureMethod,
    SignerRole,
)
from spie_desktop.domain.records import utc_now
from spie_desktop.domain.referential import SENSITIVE_THEMES, themes
from spie_desktop.domain.territory import Territory
from spie_desktop.forms import BarrierWeight, InterviewState, Synthesis
from spie_desktop.forms.synthesis import build_synthesis

from .wording import PlanWords, Said

Strokes = tuple[tuple[tuple[float, float], ...], ...]

#: The contract as the PDF names it (the French of ``plan.contract.<value>``): the contrat
#: d'engagement and its pathways (Code du travail, art. L5411-6, L5131-4, L5131-6); the former
#: PPAE and CER only on plans signed under them.
CONTRACT_LABELS = {
    Contract.NONE: "",
    Contract.ENGAGEMENT: "contrat d'engagement",
    Contract.CEJ: "contrat d'engagement, parcours contrat d'engagement jeune (CEJ)",
    Contract.PACEA: (
        "contrat d'engagement, parcours d'accompagnement vers l'emploi et l'autonomie (PACEA)"
    ),
    Contract.CER: "contrat d'engagements réciproques (CER)",
    Contract.PPAE: "projet personnalisé d'accès à l'emploi (PPAE)",
}

#: ``PlanDocument.contract`` of a plan under the contrat d'engagement, whatever its pathway.
ENGAGEMENT_VALUES = frozenset(contract.value for contract in PATHWAYS)

OBJECTIVE_STATUS_LABELS = {
    ObjectiveStatus.IN_PROGRESS: "En cours",
    ObjectiveStatus.DONE: "Atteint",
    ObjectiveStatus.ABANDONED: "Abandonné",
}

#: Short labels under each handwritten signature.
ROLE_LABELS = {
    SignerRole.PERSON: "La personne accompagnée",
    SignerRole.SOCIAL: "Volet social",
    SignerRole.EMPLOI: "Volet professionnel",
}

STRUCTURES_COMMITMENT = PlanWords().say("plan.commitment.structures").french


@dataclass(frozen=True, slots=True)
class CounsellorLine:
    name: str
    field_label: str  # "Volet social" / "Volet professionnel"
    structure_name: str
    field: str = ""  # the Field value ("social", "emploi"), for the person's language


@dataclass(frozen=True, slots=True)
class BarrierLine:
    theme_label: str
    weight: BarrierWeight | None  # None: not assessed
    theme: str = ""  # the referential's theme name, for the person's language


@dataclass(frozen=True, slots=True)
class ActionLine:
    label: str
    responsible_structure: str
    referent: str
    start: date | None
    due: date | None
    status_label: str
    offer: str = ""  # the linked offer's sentence, with its contact details
    status: str = ""  # the ActionStatus value, for the person's language ("" if unknown)
    linked_offer: LinkedOffer | None = None  # the offer itself, for the person's language


@dataclass(frozen=True, slots=True)
class ObjectiveBlock:
    theme_label: str
    label: str
    status_label: str
    actions: tuple[ActionLine, ...]
    #: The referential's theme name, for its pictogram; "" when the theme must not show
    #: (a sensitive theme the person did not agree to print).
    theme: str = ""
    status: str = ""  # the ObjectiveStatus value, for the person's language


@dataclass(frozen=True, slots=True)
class SignatureLine:
    role: SignerRole
    role_label: str
    signer_name: str
    strokes: Strokes  # points in a 0..1 box, y downwards as captured on screen
    typed: bool = False  # signed on the keyboard: the name typed, no strokes


@dataclass(frozen=True, slots=True)
class PlanDocument:
    plan_id: uuid.UUID
    plan_version: int
    person_name: str
    birth_date: date | None
    counsellors: tuple[CounsellorLine, ...]
    place: str
    day: date  # in the territory's time zone
    barriers: tuple[BarrierLine, ...]
    situations: tuple[tuple[str, tuple[str, ...]], ...]  # (theme label, situations ticked)
    strengths: tuple[str, ...]
    priorities: tuple[str, ...]
    project_text: str
    objectives: tuple[ObjectiveBlock, ...]
    contract_label: str  # "" when the plan is linked to no contract
    commitments: tuple[str, ...]
    consent_wording: str
    consent_version: str
    consent_scopes: tuple[str, ...]  # labels of what the person agreed to
    next_review: date | None
    signatures: tuple[SignatureLine, ...]
    sensitive_included: bool
    #: The person's language and French; French alone for a French reader.
    words: PlanWords = field(default_factory=PlanWords)
    contract: str = ""  # the Contract value, "" (or "none") when linked to no contract
    commitment_words: tuple[Said, ...] = ()  # ``commitments`` in both languages, same order
    consent_scope_names: tuple[str, ...] = ()  # the ConsentScope values of consent_scopes

    @property
    def short_id(self) -> str:
        return self.plan_id.hex[:8].upper()

    @property
    def title(self) -> str:
        return f"Plan d'action de {self.person_name}"


def print_synthesis(state: InterviewState, consent: ConsentRecord | None) -> Synthesis:
    """The synthesis to print: sensitive content only if the consent record allows it."""
    allowed = consent is not None and consent.allows(ConsentScope.SENSITIVE_IN_PLAN)
    return build_synthesis(state.definition, state.value, hide_sensitive=not allowed)


def build_plan_document(
    plan: ActionPlan,
    person: Person,
    consent: ConsentRecord | None,
    counsellors: Sequence[Counsellor],
    structures: Iterable[Structure],
    synthesis: Synthesis,
    territory: Territory,
    place: str,
    when: datetime | None = None,
    texts: PersonTexts | None = None,
) -> PlanDocument:
    """What the PDF of ``plan`` shows. ``when`` (UTC) defaults to the last signature or now;
    ``texts`` (the person's language, with the device's own language files) defaults to the
    shipped texts of ``person.language``."""
    allowed = consent is not None and consent.allows(ConsentScope.SENSITIVE_IN_PLAN)
    sensitive = {b.theme for b in synthesis.barriers if b.sensitive}
    if sensitive and not allowed:
        raise ValidationError(
            say(
                "Les réponses sensibles ne peuvent pas figurer dans le plan sans l'accord de la "
                "personne."
            ),
            "synthesis carries sensitive themes without SENSITIVE_IN_PLAN consent; "
            "build it with print_synthesis()",
        )
    structure_names: dict[object, str] = {s.id: s.name for s in structures}
    theme_labels = {theme_id: theme.label for theme_id, theme in themes().items()}
    theme_labels.update({b.theme: b.label for b in synthesis.barriers})
    if not allowed:
        # An objective's wording is agreed with the person; its theme name alone would
        # reveal a sensitive topic, so it is left blank.
        theme_labels.update(dict.fromkeys(SENSITIVE_THEMES, ""))
    zone = ZoneInfo(territory.timezone)
    moments = [s.signed_at for s in plan.signatures]
    day = (when or (max(moments) if moments else utc_now())).astimezone(zone).date()
    words = PlanWords(texts if texts is not None else person_texts(person.language))
    commitments = _commitments(plan, words)
    agreed = [s for s in ConsentScope if consent is not None and consent.allows(s)]
    return PlanDocument(
        plan_id=plan.id,
        plan_version=plan.plan_version,
        person_name=person.full_name,
        birth_date=person.birth_date,
        counsellors=tuple(_counsellor_lines(counsellors, structure_names)),
        place=commune_or_nothing(place, territory),
        day=day,
        barriers=tuple(BarrierLine(b.label, b.weight, b.theme) for b in synthesis.barriers),
        situations=tuple(
            (theme_labels.get(theme, theme), labels)
            for theme, labels in synthesis.situations.items()
        ),
        strengths=synthesis.strengths,
        priorities=synthesis.priorities
        + ((synthesis.other_priorities,) if synthesis.other_priorities else ()),
        project_text=synthesis.project_text.strip(),
        objectives=tuple(_objective_blocks(plan, theme_labels, day)),
        contract_label=CONTRACT_LABELS[plan.contract],
        commitments=tuple(c.french for c in commitments),
        consent_wording=CONSENT_WORDING,
        consent_version=consent.wording_version if consent else "",
        consent_scopes=tuple(CONSENT_SCOPE_LABELS[scope] for scope in agreed),
        next_review=plan.next_review,
        signatures=tuple(_signature_lines(plan)),
        sensitive_included=allowed and bool(sensitive),
        words=words,
        contract=plan.contract.value if plan.contract is not Contract.NONE else "",
        commitment_words=commitments,
        consent_scope_names=tuple(scope.value for scope in agreed),
    )


def commune_or_nothing(place: str, territory: Territory) -> str:
    """The place a plan is made in is a commune: the territory's name (a département, the
    default of older versions) or code is no place, and gives none ("Établi le …")."""
    place = " ".join(place.split())
    if place.casefold() in {territory.name.casefold(), territory.code.casefold()}:
        return ""
    return place


def signing_place(given: str, interview_place: str, commune: str, territory: Territory) -> str:
    """Where a plan is signed: what was typed, else where the interview took place, else
    the person's commune; never the territory's name. May be empty."""
    for candidate in (given, interview_place, commune):
        if place := commune_or_nothing(candidate, territory):
            return place
    return ""


def _counsellor_lines(
    counsellors: Sequence[Counsellor], structure_names: dict[object, str]
) -> Iterable[CounsellorLine]:
    order = {Field.SOCIAL: 0, Field.EMPLOI: 1}
    for counsellor in sorted(counsellors, key=lambda c: order[c.field]):
        name = structure_names.get(counsellor.structure_id, "")
        yield CounsellorLine(
            counsellor.display_name, counsellor.field.label, name, counsellor.field.value
        )


def _objective_blocks(
    plan: ActionPlan, theme_labels: dict[str, str], day: date
) -> Iterable[ObjectiveBlock]:
    for objective in plan.objectives:
        actions = tuple(
            ActionLine(
                label=action.label,
                responsible_structure=action.responsible_structure,
                referent=action.referent,
                start=action.start_date,
                due=action.due_date,
                status_label=action.effective_status(day).label,
                offer=action.linked_offer.sentence() if action.linked_offer else "",
                status=action.effective_status(day).value,
                linked_offer=action.linked_offer,
            )
            for action in objective.actions
        )
        theme_label = theme_labels.get(objective.theme, objective.theme)
        yield ObjectiveBlock(
            theme_label=theme_label,
            label=objective.label,
            status_label=OBJECTIVE_STATUS_LABELS[objective.status],
            actions=actions,
            # A pictogram says the theme as plainly as its name: none where the name is hidden.
            theme=objective.theme if theme_label else "",
            status=objective.status.value,
        )


def _commitments(plan: ActionPlan, words: PlanWords) -> tuple[Said, ...]:
    lines = [words.say("plan.commitment.person"), words.say("plan.commitment.structures")]
    if plan.contract is not Contract.NONE and plan.contract_commitment:
        contract = words.say(f"plan.contract.{plan.contract.value}")
        lines.append(words.say("plan.commitment.contract", contract=contract))
    return tuple(lines)


def _signature_lines(plan: ActionPlan) -> Iterable[SignatureLine]:
    by_role = {s.role: s for s in plan.signatures if s.given}
    for role in REQUIRED_SIGNERS:
        signature = by_role.get(role)
        yield SignatureLine(
            role=role,
            role_label=ROLE_LABELS[role],
            signer_name=signature.signer_name if signature else "",
            strokes=tuple(tuple(stroke) for stroke in signature.strokes) if signature else (),
            typed=signature is not None and signature.method is SignatureMethod.TYPED,
        )
