"""The anonymised case summary of one person for a multi-agency case review.

Plain inputs (the question, the pseudonymous reference, whether the sex is relevant, the
notes as the counsellor reviewed them), a plain :class:`CaseSummary` out, so a case review
can call it with what it holds. What the summary may carry is decided here: an age band,
the département, the household type, the barriers by theme, the parcours in months, what
was tried and why it stopped. Never a name, a birth date, a commune, a phone, an e-mail, a
record id or a date.

A free-text note enters only in the version given in ``reviewed_notes``; one that still
holds a name, a phone number or an e-mail address (``domain.redaction``) refuses the whole
summary, with a French message naming the note.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spie_desktop.domain.case_summary import (
    CaseSummary,
    ParcoursLine,
    SummaryNote,
    ThemeBarrierLine,
    TriedAction,
    age_band,
    check_question,
    check_reference,
    household_type,
    period,
    sex_label,
)
from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.parcours import RecordedKind, step_label
from spie_desktop.domain.redaction import SpanKind, blocking_spans, detect_spans
from spie_desktop.domain.referential import themes
from spie_desktop.forms import DefinitionRegistry, InterviewState, builtin_registry
from spie_desktop.storage.session import Session

from .case_material import (
    STOPPED,
    CaseMaterial,
    CaseNote,
    notes_to_review,
    read_case_material,
)
from .private_output import check_output_target, write_private

log = logging.getLogger(__name__)

CASE_SUMMARY = "case_summary"
#: Interview answers the household type is read from (``forms/socle_questions.py``).
FAMILY_SITUATION = "contraintes_familiales.situation_familiale"
CHILDREN = "contraintes_familiales.enfants_a_charge"
HOUSEHOLD_SIZE = "logement.personnes_foyer"
STARTED_MANY = "{n} actions du plan commencées"
_ACTION_STEPS = frozenset(
    {RecordedKind.ACTION_STARTED, RecordedKind.ACTION_DONE, RecordedKind.ACTION_ABANDONED}
)


class NoteNotReviewed(ValidationError):
    """A reviewed note still names someone or gives their details: nothing is exported."""

    def __init__(self, source: str, kinds: set[SpanKind]) -> None:
        what = ", ".join(sorted(k.label for k in kinds))
        super().__init__(
            say(
                "La note « {source} » contient encore des éléments identifiants ({what}) : "
                "l'export est refusé tant qu'elle n'est pas revue.",
                source=source,
                what=what,
            ),
            f"reviewed note still holds identifying spans ({', '.join(sorted(kinds))})",
            "notes",
        )


@dataclass(frozen=True)
class CaseSummaryDraft:
    """What the redaction step shows: the notes to review and what is known of the names."""

    notes: tuple[CaseNote, ...]
    material: CaseMaterial


def prepare_case_summary(
    session: Session,
    person_id: uuid.UUID,
    *,
    today: date,
    registry: DefinitionRegistry | None = None,
) -> CaseSummaryDraft:
    material = read_case_material(session, person_id, today, registry or builtin_registry())
    return CaseSummaryDraft(notes_to_review(material), material)


def build_case_summary(
    session: Session,
    person_id: uuid.UUID,
    *,
    question: str,
    reference: str,
    include_sex: bool,
    reviewed_notes: Mapping[str, str],
    today: date,
    sex: str = "",
    registry: DefinitionRegistry | None = None,
) -> CaseSummary:
    """The summary; ``reviewed_notes`` maps a note's key (see :func:`prepare_case_summary`)
    to its reviewed text. ``sex`` ("femme"/"homme") is said by the counsellor, the file
    records none; it is printed only with ``include_sex``."""
    draft = prepare_case_summary(session, person_id, today=today, registry=registry)
    return summary_of(
        draft,
        question=question,
        reference=reference,
        include_sex=include_sex,
        sex=sex,
        reviewed_notes=reviewed_notes,
        departement=session.territory.label,
    )


def summary_of(
    draft: CaseSummaryDraft,
    *,
    question: str,
    reference: str,
    include_sex: bool,
    sex: str,
    reviewed_notes: Mapping[str, str],
    departement: str,
) -> CaseSummary:
    material = draft.material
    actions = material.actions
    theme_of = {
        a.id: o.theme
        for o in (material.plan.objectives if material.plan else [])
        for a in o.actions
    }
    theme_labels = {theme_id: theme.label for theme_id, theme in themes().items()}
    lines = {
        a.id: TriedAction(
            theme_label=theme_labels.get(theme_of[a.id], ""),
            label=material.action_label(a),
            status_label=a.effective_status(material.today).label,
            period=period(a.start_date, a.due_date, material.origin),
        )
        for a in actions
    }
    origin = material.origin
    return CaseSummary(
        reference=check_reference(reference),
        question=check_question(question),
        age_band=age_band(material.person.birth_date, material.today),
        sex=sex_label(include_sex, sex),
        departement=departement,
        household=_household(material.state),
        barriers=_barriers(material),
        sensitive_hidden=bool(material.synthesis and material.synthesis.sensitive_hidden),
        parcours=_parcours(material),
        current_month=material.month_of(material.today) if origin is not None else None,
        tried=tuple(lines[a.id] for a in actions if a.status not in STOPPED),
        stopped=tuple(lines[a.id] for a in actions if a.status in STOPPED),
        notes=_reviewed(draft.notes, reviewed_notes, material),
    )


def _household(state: InterviewState | None) -> str:
    if state is None:
        return household_type(None, None, None)

    def number(key: str) -> int | None:
        value = state.value(key)
        return int(value) if isinstance(value, int | float) else None

    situation = state.value(FAMILY_SITUATION)
    return household_type(
        situation if isinstance(situation, str) else None, number(CHILDREN), number(HOUSEHOLD_SIZE)
    )


def _barriers(material: CaseMaterial) -> tuple[ThemeBarrierLine, ...]:
    synthesis = material.synthesis
    if synthesis is None:
        return ()
    return tuple(
        ThemeBarrierLine(
            b.label, b.weight.value if b.weight else None, synthesis.situations.get(b.theme, ())
        )
        for b in synthesis.barriers
    )


def _parcours(material: CaseMaterial) -> tuple[ParcoursLine, ...]:
    """The steps in months; the actions started in one month make one line (the actions
    themselves are listed under « Ce qui a été essayé »)."""
    labels = {a.id: material.action_label(a) for a in material.actions}
    lines: list[ParcoursLine] = []
    starts: dict[tuple[int, bool], list[int]] = {}  # (month, planned) -> indexes in lines
    for step in material.steps:
        month = material.month_of(step.day)
        label = step_label(step.kind)
        if step.kind in _ACTION_STEPS:
            named = labels.get(step.record_id) if step.record_id else None
            label = f"{label} : {named}" if named else label
        if step.kind is RecordedKind.ACTION_STARTED:
            starts.setdefault((month, step.planned), []).append(len(lines))
        lines.append(ParcoursLine(month, label, step.planned))
    merged = {index for indexes in starts.values() if len(indexes) > 1 for index in indexes[1:]}
    for (month, planned), indexes in starts.items():
        if len(indexes) > 1:
            lines[indexes[0]] = ParcoursLine(month, STARTED_MANY.format(n=len(indexes)), planned)
    return tuple(line for index, line in enumerate(lines) if index not in merged)


def _reviewed(
    notes: tuple[CaseNote, ...], reviewed: Mapping[str, str], material: CaseMaterial
) -> tuple[SummaryNote, ...]:
    by_key = {note.key: note for note in notes}
    unknown = set(reviewed) - set(by_key)
    if unknown:
        raise ValidationError(
            say("Une note revue n'appartient plus au dossier : reprenez la relecture."),
            f"{len(unknown)} reviewed note(s) not in the file",
            "notes",
        )
    kept: list[SummaryNote] = []
    for note in notes:  # the file's order, whatever the mapping's
        if note.key not in reviewed:
            continue
        text = reviewed[note.key].strip()
        if not text:
            continue
        blocking = blocking_spans(detect_spans(text, material.known))
        if blocking:
            raise NoteNotReviewed(note.source, {span.kind for span in blocking})
        kept.append(SummaryNote(note.source, text))
    return tuple(kept)


def case_summary_file(folder: Path, reference: str) -> Path:
    """The PDF's path: its name is the reference, never anything personal."""
    return folder / f"{check_reference(reference)}.pdf"


def export_case_summary(session: Session, summary: CaseSummary, out: Path) -> Path:
    """Write the summary's PDF to ``out`` (owner-only, never inside the data dir), audited
    as an export of a case summary (no content, no person)."""
    target = out.expanduser().resolve()
    data_dir = session.data_dir.resolve()
    if target == data_dir or data_dir in target.parents:
        raise ValidationError(
            say("Le résumé ne peut pas être écrit dans le dossier de données chiffrées."),
            "refusing to write a clear-text summary inside the data dir",
            "out",
        )
    if not target.parent.is_dir():
        raise ValidationError(
            say("Le dossier de destination n'existe pas."), "output folder does not exist", "out"
        )
    check_output_target(target)
    from spie_desktop.plan.case_summary_pdf import render_case_summary_pdf  # reportlab: now

    write_private(target, render_case_summary_pdf(summary))
    with session.uow() as uow:
        uow.audit.record(AuditAction.EXPORTED, CASE_SUMMARY)
    log.info("anonymised case summary exported (%d notes)", len(summary.notes))
    return target
