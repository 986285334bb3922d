"""The right of access from the person's file: a readable PDF and the JSON, side by side.

Answers are shown with the labels of the form definition they were taken with (questions,
themes, choices), never as keys; dates in the territory's time zone. Files are named
``acces-<8 first hex digits of the person's id>-<date>``: nothing personal in a file name.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.event_words import details_in_words
from spie_desktop.domain.events import AuditEvent, FollowUpEvent, follow_up_label
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.interview import Answer, Interview
from spie_desktop.domain.people import CONSENT_SCOPE_LABELS, ConsentScope, Person
from spie_desktop.domain.plan import Action, ActionPlan, PlanStatus
from spie_desktop.domain.records import utc_now
from spie_desktop.domain.referential import themes
from spie_desktop.domain.situation import Stage
from spie_desktop.forms import DefinitionRegistry, builtin_registry
from spie_desktop.forms.definition import FormDefinition
from spie_desktop.forms.errors import DefinitionMissing
from spie_desktop.forms.schema import QuestionType
from spie_desktop.plan.access_document import (
    AccessDocument,
    AuditLine,
    Chapter,
    Line,
    ObjectiveLine,
    PlanBlock,
    Section,
)
from spie_desktop.plan.access_export import render_access_pdf
from spie_desktop.plan.document import CONTRACT_LABELS, OBJECTIVE_STATUS_LABELS
from spie_desktop.plan.render import long_date
from spie_desktop.storage.session import Session

from .case_review_chapter import case_reviews_chapter
from .evaluations import evaluations_chapter
from .export import PersonRecords, export_document, read_person_records
from .people import path_standing
from .private_output import check_output_target, write_private

PLAN_STATUS = {PlanStatus.DRAFT: "brouillon", PlanStatus.SIGNED: "signé",
               PlanStatus.SUPERSEDED: "remplacé par une version plus récente"}  # fmt: skip
ENTITY_LABELS = {"person": "Fiche", "consent": "Consentement", "interview": "Entretien",
                 "answers": "Réponse", "plan": "Plan d'action", "events": "Suivi"}  # fmt: skip
ACTION_LABELS = {"created": "Création", "changed": "Modification", "opened": "Ouverture",
                 "signed": "Signature", "exported": "Export"}  # fmt: skip
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


#: The extension point of the export: a source reads one more chapter about the person
#: (case reviews, evaluations) from the session, in the territory's time zone, or gives None
#: when it has nothing to say. Its chapter goes into the PDF after the timeline and into the
#: JSON under ``chapter.key``.
ChapterSource = Callable[[Session, uuid.UUID, ZoneInfo], Chapter | None]

#: The chapters every access export carries beyond the built-in ones.
EXTRA_CHAPTERS: tuple[ChapterSource, ...] = (case_reviews_chapter, evaluations_chapter)


@dataclass(frozen=True)
class AccessExportFiles:
    pdf: Path
    json: Path


def export_file_stem(person_id: uuid.UUID, day: date) -> str:
    """A neutral name: no name, no birth date, only a short reference and the day."""
    return f"acces-{person_id.hex[:8]}-{day.isoformat()}"


def write_access_export(
    session: Session,
    person_id: uuid.UUID,
    folder: Path,
    registry: DefinitionRegistry | None = None,
    chapters: Sequence[ChapterSource] = EXTRA_CHAPTERS,
) -> AccessExportFiles:
    """Write the PDF and the JSON of the person's data in ``folder`` (audited as an export),
    with the chapters ``chapters`` add (see :data:`ChapterSource`)."""
    folder = folder.expanduser().resolve()
    if not folder.is_dir():
        raise ValidationError(
            say("Le dossier choisi pour l'export n'existe pas."),
            "export folder does not exist",
            "out",
        )
    data_dir = session.data_dir.resolve()
    if folder == data_dir or data_dir in folder.parents:
        raise ValidationError(
            say("L'export ne peut pas être écrit dans le dossier de données chiffrées."),
            "refusing to write a clear-text export inside the data dir",
            "out",
        )
    day = utc_now().astimezone(ZoneInfo(session.territory.timezone)).date()
    files = _free_names(folder, export_file_stem(person_id, day))
    check_output_target(files.pdf)
    check_output_target(files.json)
    export = build_access_export(session, person_id, files.pdf.stem, registry, chapters)
    write_private(files.json, export.json)
    write_private(files.pdf, export.pdf)
    return files


@dataclass(frozen=True)
class AccessExport:
    json: bytes
    pdf: bytes


def build_access_export(
    session: Session,
    person_id: uuid.UUID,
    reference: str,
    registry: DefinitionRegistry | None = None,
    chapters: Sequence[ChapterSource] = EXTRA_CHAPTERS,
) -> AccessExport:
    """The JSON and the PDF of the person's data, from one read (audited as one export),
    with the chapters ``chapters`` add.

    ``reference`` is printed in the PDF's footer: the export's neutral file name."""
    tz = ZoneInfo(session.territory.timezone)
    records = read_person_records(session, person_id)
    document = export_document(session, records)
    now = utc_now().astimezone(tz)
    with session.uow(read_only=True) as uow:  # the stage every screen shows
        standing = path_standing(uow, records.person, session.territory.timezone, now.date())
    extra = tuple(c for source in chapters if (c := source(session, person_id, tz)) is not None)
    access = build_access_document(
        records,
        registry or builtin_registry(),
        tz,
        now,
        session.territory.label,
        reference,
        extra,
        standing=standing,
    )
    for chapter in extra:
        document[chapter.key] = [
            {"title": s.title, "lines": [[line.label, line.value] for line in s.lines]}
            for s in chapter.sections
        ]
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return AccessExport(text.encode("utf-8"), render_access_pdf(access))


def _free_names(folder: Path, stem: str) -> AccessExportFiles:
    """``stem``, or ``stem-2``, ``stem-3``… so that an earlier export is never replaced."""
    candidate, n = stem, 1
    while (folder / f"{candidate}.pdf").exists() or (folder / f"{candidate}.json").exists():
        n += 1
        candidate = f"{stem}-{n}"
    return AccessExportFiles(folder / f"{candidate}.pdf", folder / f"{candidate}.json")


def build_access_document(
    records: PersonRecords,
    registry: DefinitionRegistry,
    tz: ZoneInfo,
    now: datetime,
    territory: str,
    reference: str,
    chapters: tuple[Chapter, ...] = (),
    *,
    standing: tuple[Stage, date | None] | None = None,
) -> AccessDocument:
    """``standing``: the stage and last contact of the person's path (else the record's
    own columns)."""
    names = records.counsellor_names
    moment = _moment_formatter(tz)
    theme_labels = {name: theme.label for name, theme in themes().items()}
    return AccessDocument(
        person_name=records.person.full_name,
        generated=f"{long_date(now.date())} à {now:%H:%M}",
        territory=territory,
        reference=reference,
        identity=_identity(records.person, moment, standing),
        consents=tuple(
            Section(
                f"Décision du {moment(c.given_at)} (texte d'information version "
                f"{c.wording_version}), recueillie par {_who(names, c.recorded_by)}",
                tuple(
                    Line(CONSENT_SCOPE_LABELS[scope], "Oui" if c.allows(scope) else "Non")
                    for scope in ConsentScope
                ),
            )
            for c in records.consents
        ),
        interviews=tuple(
            _interview(i, records.answers[i.id], registry, names, moment)
            for i in records.interviews
        ),
        plans=tuple(_plan(p, theme_labels, moment) for p in records.plans),
        events=tuple(_event(e, moment) for e in records.events),
        audit=_audit_summary(records.audit, names, moment),
        chapters=chapters,
    )


def _moment_formatter(tz: ZoneInfo) -> Callable[[datetime | None], str]:
    def moment(at: datetime | None) -> str:
        return "—" if at is None else f"{at.astimezone(tz):%d/%m/%Y à %H:%M}"

    return moment


def _who(names: dict[uuid.UUID, str], counsellor_id: uuid.UUID | None) -> str:
    return names.get(counsellor_id, "—") if counsellor_id else "—"


def _day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def _identity(
    person: Person,
    moment: Callable[[datetime | None], str],
    standing: tuple[Stage, date | None] | None,
) -> tuple[Line, ...]:
    stage, last_contact = standing or (None, person.last_contact)
    return (
        Line("Prénom", person.first_name),
        Line("Nom", person.last_name),
        Line("Date de naissance", _day(person.birth_date)),
        Line("Commune", person.commune),
        Line("Téléphone", person.phone),
        Line("Courriel", person.email),
        Line("Étape du parcours", stage.label if stage else person.status.label),
        Line("Dernier contact", _day(last_contact)),
        Line("Dossier ouvert le", moment(person.created_at)),
    )


def _interview(
    interview: Interview,
    answers: list[Answer],
    registry: DefinitionRegistry,
    names: dict[uuid.UUID, str],
    moment: Callable[[datetime | None], str],
) -> tuple[Section, tuple[Section, ...]]:
    definition: FormDefinition | None
    try:
        definition = registry.get(interview.definition_id, interview.definition_version)
    except DefinitionMissing:
        definition = None
    method = definition.title if definition else interview.definition_id
    head = Section(
        f"Entretien du {moment(interview.started_at)} — {interview.status.label.lower()}",
        (
            Line("Méthode", f"{method} (version {interview.definition_version})"),
            Line("Lieu", interview.place),
            Line("Volet social", _who(names, interview.social_counsellor_id)),
            Line("Volet professionnel", _who(names, interview.emploi_counsellor_id)),
        ),
    )
    return head, _answer_sections(answers, definition)


def _answer_sections(
    answers: list[Answer], definition: FormDefinition | None
) -> tuple[Section, ...]:
    """Answers grouped by theme or step, in the order of the form; unknown keys last."""
    by_key = {a.key: a.value for a in answers if _has_value(a.value)}
    sections: list[Section] = []
    if definition is not None:
        grouped: dict[str, list[Line]] = {}
        for key, spec in definition.fields.items():
            if key not in by_key:
                continue
            value = by_key.pop(key)
            title = (
                definition.theme(spec.theme).label
                if spec.theme
                else definition.step(spec.step).title
            )
            grouped.setdefault(title, []).append(
                Line(
                    spec.question.label, _answer_text(value, spec.question.type, spec.choice_labels)
                )
            )
        sections = [Section(title, tuple(lines)) for title, lines in grouped.items()]
    if by_key:
        sections.append(
            Section(
                "Autres réponses",
                tuple(Line(key, _answer_text(value, None, {})) for key, value in by_key.items()),
            )
        )
    return tuple(sections)


def _has_value(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _answer_text(value: Any, kind: QuestionType | None, labels: dict[str, str]) -> str:
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, list):
        return " ; ".join(_answer_text(v, None, labels) for v in value)
    if isinstance(value, str):
        if value in labels:
            return labels[value]
        if kind is QuestionType.DATE and _ISO_DATE.match(value):
            return _day(date.fromisoformat(value))
        return value
    if kind is QuestionType.SCALE and isinstance(value, int):
        return f"{value} sur 4"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _plan(
    plan: ActionPlan, theme_labels: dict[str, str], moment: Callable[[datetime | None], str]
) -> PlanBlock:
    signed = max((s.signed_at for s in plan.signatures), default=None)
    status = PLAN_STATUS[plan.status]
    when = f"signé le {moment(signed)}" if signed and plan.is_signed else status
    lines = [Line("Signé par", ", ".join(s.signer_name for s in plan.signatures))] if signed else []
    if CONTRACT_LABELS[plan.contract]:
        lines.append(Line("Contrat", CONTRACT_LABELS[plan.contract]))
    if plan.next_review:
        lines.append(Line("Prochain point", _day(plan.next_review)))
    objectives = tuple(
        ObjectiveLine(
            label=f"{theme_labels.get(o.theme, o.theme)} — {o.label}",
            status=OBJECTIVE_STATUS_LABELS[o.status],
            actions=tuple(_action_text(a) for a in o.actions),
        )
        for o in plan.objectives
    )
    return PlanBlock(
        f"Plan d'action, version {plan.plan_version} — {when}", tuple(lines), objectives
    )


def _action_text(action: Action) -> str:
    details = [p for p in (action.responsible_structure, action.referent) if p]
    if action.start_date:
        details.append(f"à partir du {_day(action.start_date)}")
    if action.due_date:
        details.append(f"échéance {_day(action.due_date)}")
    where = f" ({', '.join(details)})" if details else ""
    return f"{action.label}{where} — {action.status.label.lower()}"


def _event(event: FollowUpEvent, moment: Callable[[datetime | None], str]) -> Line:
    """Date, kind, then the note and the details in words (« Issue : Emploi durable… »)."""
    words = [event.note] if event.note else []
    words += details_in_words(event.details)
    return Line(f"{moment(event.occurred_at)} — {follow_up_label(event.kind)}", " · ".join(words))


def _audit_summary(
    audit: list[AuditEvent],
    names: dict[uuid.UUID, str],
    moment: Callable[[datetime | None], str],
) -> tuple[AuditLine, ...]:
    """One line per kind of record and action: how often, first and last time, by whom."""
    groups: dict[tuple[str, str], list[AuditEvent]] = {}
    for event in audit:
        groups.setdefault((event.entity, event.action.value), []).append(event)
    lines = []
    for (entity, action), events in groups.items():
        authors = dict.fromkeys(_who(names, e.actor_id) for e in events)
        lines.append(
            AuditLine(
                what=ENTITY_LABELS.get(entity, entity),
                action=ACTION_LABELS.get(action, action),
                count=len(events),
                first=moment(events[0].at).replace(" à ", " "),
                last=moment(events[-1].at).replace(" à ", " "),
                by=", ".join(authors),
            )
        )
    return tuple(lines)
