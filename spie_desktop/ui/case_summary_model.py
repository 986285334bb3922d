"""View-model of the redaction step before an anonymised case summary is exported.

Holds the notes of the file with what the detector finds in each (names, phones, e-mails,
dates, places), the counsellor's edits and exclusions, the question, the sex when ticked
relevant, and the case's pseudonymous reference: a summary is always the summary of a case
put forward for a case review (its question and its « sex relevant » choice come from the
case, and ticking or unticking the box writes back to it). « Exporter le PDF… » is allowed
only while no included note still holds a name, a phone number or an e-mail address; the
service checks it again before writing anything.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.local_calendar import today_in
from spie_desktop.domain.redaction import (
    KnownIdentity,
    Span,
    blocking_spans,
    detect_spans,
)
from spie_desktop.services.changes import Change, changes

from .i18n import tr

if TYPE_CHECKING:
    from spie_desktop.services.case_reviews import CaseLine
    from spie_desktop.services.case_summary import CaseSummaryDraft
    from spie_desktop.services.device import Session

    from .window_context import WindowContext


@dataclass
class NoteReview:
    key: str
    source: str
    text: str
    included: bool = True
    spans: tuple[Span, ...] = field(default=())

    @property
    def blocking(self) -> tuple[Span, ...]:
        return blocking_spans(self.spans) if self.included else ()


class CaseSummaryModel(QObject):
    changed = Signal()
    #: A note's spans changed (its index): the view re-highlights that note only.
    note_spans_changed = Signal(int)

    def __init__(
        self, context: WindowContext, case: CaseLine, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id: uuid.UUID = case.case_id
        self.person_id: uuid.UUID = case.person_id
        self.reference = case.reference
        self.question = case.question
        self.include_sex = case.include_sex
        self.sex = ""
        self.notes: list[NoteReview] = []
        self.known = KnownIdentity()
        self.loading = False
        self.exporting = False
        self.error = ""
        self.exported: Path | None = None

    def load(self) -> None:
        from spie_desktop.services.case_summary import prepare_case_summary

        person_id = self.person_id

        def read(s: Session) -> CaseSummaryDraft:
            return prepare_case_summary(s, person_id, today=today_in(s.territory.timezone))

        if self.context.query(read, self._on_loaded, self._on_failed, owner=self):
            self.loading, self.error = True, ""
            self.changed.emit()

    def _on_loaded(self, draft: CaseSummaryDraft) -> None:
        self.known = draft.material.known
        self.notes = [
            NoteReview(n.key, n.source, n.text, spans=detect_spans(n.text, self.known))
            for n in draft.notes
        ]
        self.loading = False
        self.changed.emit()

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.loading = self.exporting = False
        self.error = message
        self.changed.emit()

    # -- what the counsellor changes ----------------------------------------------------------

    def set_note_text(self, index: int, text: str) -> None:
        note = self.notes[index]
        if text == note.text:
            return
        note.text = text
        note.spans = detect_spans(text, self.known)
        self.note_spans_changed.emit(index)
        self.changed.emit()

    def set_note_included(self, index: int, included: bool) -> None:
        self.notes[index].included = included
        self.changed.emit()

    def set_question(self, text: str) -> None:
        self.question = text
        self.changed.emit()

    def set_include_sex(self, include: bool) -> None:
        """Kept with the case too (``set_include_sex``): the next summary starts from it."""
        from spie_desktop.services.case_reviews import set_include_sex

        if include == self.include_sex:
            return
        self.include_sex = include
        self.changed.emit()
        case_id = self.case_id

        def write(s: Session) -> object:
            return set_include_sex(s, case_id, include)

        self.context.change(write, changes(Change.CASE_REVIEWS), None, self._on_failed, owner=self)

    def set_sex(self, sex: str) -> None:
        self.sex = sex
        self.changed.emit()

    # -- may it be exported? ------------------------------------------------------------------

    @property
    def export_blocked_reason(self) -> str:
        """Why « Exporter le PDF… » is disabled, in French; "" when it may be used."""
        if self.loading:
            return tr("Lecture du dossier…")
        for note in self.notes:
            if note.blocking:
                kinds = sorted({span.kind.label for span in note.blocking})
                return tr(
                    "La note « {source} » contient encore des éléments identifiants ({kinds}) : "
                    "corrigez-la ou excluez-la pour exporter.",
                    source=note.source,
                    kinds=", ".join(kinds),
                )
        if not self.question.strip():
            return tr("Indiquez la question posée au groupe.")
        if self.include_sex and not self.sex:
            return tr("Précisez le sexe de la personne, ou décochez la case.")
        return ""

    @property
    def can_export(self) -> bool:
        return not self.exporting and not self.export_blocked_reason

    def export(self, folder: Path) -> None:
        """Build the summary and write ``<reference>.pdf`` in ``folder``."""
        from spie_desktop.services.case_summary import (
            build_case_summary,
            case_summary_file,
            export_case_summary,
        )

        if not self.can_export:
            return
        person_id, reference, question = self.person_id, self.reference, self.question
        include_sex, sex = self.include_sex, self.sex
        reviewed = {n.key: n.text for n in self.notes if n.included}

        def work(s: Session) -> Path:
            summary = build_case_summary(
                s,
                person_id,
                question=question,
                reference=reference,
                include_sex=include_sex,
                sex=sex if include_sex else "",
                reviewed_notes=reviewed,
                today=today_in(s.territory.timezone),
            )
            return export_case_summary(s, summary, case_summary_file(folder, reference))

        # Only the audit trail is written (the export is recorded): nothing any page shows.
        if self.context.change(work, changes(), self._on_exported, self._on_failed, owner=self):
            self.exporting, self.error, self.exported = True, "", None
            self.changed.emit()

    def _on_exported(self, path: Path) -> None:
        self.exporting, self.exported = False, path
        self.changed.emit()
