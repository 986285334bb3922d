"""View-model of the person file: identity, consent in force, timeline, the interview button."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.events import FOLLOW_UP_LABELS, FollowUpEvent
from spie_desktop.domain.interview import Interview
from spie_desktop.domain.people import CONSENT_SCOPE_LABELS, ConsentRecord, ConsentScope
from spie_desktop.domain.plan import ActionPlan, PlanStatus
from spie_desktop.services.changes import changes

from .i18n import format_date, format_datetime, tr
from .parcours_model import ParcoursModel

if TYPE_CHECKING:
    from spie_desktop.services.access_export import AccessExportFiles
    from spie_desktop.services.device import Session
    from spie_desktop.services.person_file import PersonFile, TimelineEntry

    from .window_context import WindowContext

EVENT_LABELS = FOLLOW_UP_LABELS
PLAN_STATUS_LABELS = {
    PlanStatus.DRAFT: "Brouillon",
    PlanStatus.SIGNED: "Signé",
    PlanStatus.SUPERSEDED: "Remplacé par une version plus récente",
}


@dataclass(frozen=True)
class TimelineRow:
    when: str
    what: str
    detail: str
    plan_id: uuid.UUID | None = None  # a signed plan: its PDF can be shown


class PersonFileModel(QObject):
    changed = Signal()

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.person_id: uuid.UUID | None = None
        self.file: PersonFile | None = None
        self.loading = False
        self.error = ""
        self.exporting = False
        self.export_note = ""
        self._tz = "Europe/Paris"
        self.parcours = ParcoursModel(context, self)

    # -- loading ------------------------------------------------------------------------------

    def open(self, person_id: uuid.UUID) -> None:
        if person_id != self.person_id:
            self.file, self.export_note = None, ""
        self.person_id = person_id
        self.parcours.open(person_id)
        self.reload(parcours=False)

    def reload(self, *, parcours: bool = True) -> None:
        from spie_desktop.services.person_file import PersonFileService

        person_id = self.person_id
        session = self.context.session
        if person_id is None or session is None:
            return
        if parcours:
            self.parcours.reload()
        self._tz = session.territory.timezone

        def read(s: Session) -> PersonFile:
            return PersonFileService(s).load(person_id)

        if self.context.query(read, self._on_loaded, self._on_failed, owner=self):
            self.loading, self.error = True, ""
            self.changed.emit()

    def clear(self) -> None:
        """Forget what was shown (locked); :attr:`person_id` stays, to reopen on unlock."""
        self.file, self.loading, self.error = None, False, ""
        self.exporting, self.export_note = False, ""
        self.parcours.clear()
        self.changed.emit()

    def _on_loaded(self, file: PersonFile) -> None:
        if file.person.id == self.person_id:
            self.file, self.loading = file, False
            self.changed.emit()

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.loading, self.error = False, message
        self.changed.emit()

    # -- right of access ----------------------------------------------------------------------

    def export_access(self, folder: Path) -> None:
        """Write the access PDF and JSON in ``folder``; :attr:`export_note` says where."""
        from spie_desktop.services.access_export import write_access_export

        person_id = self.person_id
        if person_id is None or self.file is None or self.exporting:
            return

        def export(s: Session) -> AccessExportFiles:
            return write_access_export(s, person_id, folder)

        # Only the local audit trail is written (the export is recorded): nothing any page shows.
        if self.context.change(
            export, changes(), self._on_exported, self._on_export_failed, owner=self
        ):
            self.exporting, self.export_note, self.error = True, "", ""
            self.changed.emit()

    def _on_exported(self, files: AccessExportFiles) -> None:
        self.exporting = False
        self.export_note = tr(
            "Export écrit dans {folder} : {pdf} (à remettre à la personne) et {json}.",
            folder=str(files.pdf.parent),
            pdf=files.pdf.name,
            json=files.json.name,
        )
        self.changed.emit()

    def _on_export_failed(self, message: str, _exc: BaseException) -> None:
        self.exporting, self.error = False, message
        self.changed.emit()

    # -- what the page shows ------------------------------------------------------------------

    @property
    def title(self) -> str:
        return self.file.person.full_name if self.file else ""

    def identity(self, today: date | None = None) -> list[tuple[str, str]]:
        if self.file is None:
            return []
        person = self.file.person
        born = format_date(person.birth_date)
        age = person.age_on(today or date.today())
        if born and age is not None:
            born = tr("{date} ({age} ans)", date=born, age=age)
        return [
            (tr("Date de naissance"), born or tr("non renseignée")),
            (tr("Commune"), person.commune or "—"),
            (tr("Téléphone"), person.phone or "—"),
            (tr("Courriel"), person.email or "—"),
            (tr("Étape"), tr(self.file.stage.label)),
            (tr("Dernier contact"), format_date(self.file.last_contact) or tr("aucun")),
        ]

    @property
    def consent(self) -> ConsentRecord | None:
        return self.file.consent if self.file else None

    @property
    def consent_text(self) -> str:
        consent = self.consent
        if consent is None:
            return tr("Consentement non recueilli : à recueillir avant tout entretien.")
        return tr(
            "Consentement du {when} (texte version {version})",
            when=format_datetime(consent.given_at, self._tz),
            version=consent.wording_version,
        )

    def consent_lines(self) -> list[str]:
        consent = self.consent
        if consent is None:
            return []
        return [
            ("✓ " if consent.allows(scope) else "✗ ") + tr(CONSENT_SCOPE_LABELS[scope])
            for scope in ConsentScope
        ]

    @property
    def consent_button_text(self) -> str:
        return tr("Modifier le consentement") if self.consent else tr("Recueillir le consentement")

    @property
    def may_interview(self) -> bool:
        return self.file is not None and self.file.may_interview

    @property
    def interview_button_text(self) -> str:
        if self.file is not None and self.file.open_interview is not None:
            return tr("Reprendre l'entretien")
        return tr("Démarrer l'entretien")

    @property
    def interview_hint(self) -> str:
        if self.file is None or self.may_interview:
            return ""
        return tr("L'entretien ne peut commencer qu'après l'accord « conserver mon dossier ».")

    def timeline(self) -> list[TimelineRow]:
        if self.file is None:
            return []
        return [self._row(entry) for entry in self.file.timeline()]

    def _row(self, entry: TimelineEntry) -> TimelineRow:
        when = format_datetime(entry.at, self._tz)
        record = entry.record
        if isinstance(record, Interview):
            return TimelineRow(when, tr("Entretien de diagnostic"), tr(record.status.label))
        if isinstance(record, ActionPlan):
            detail = tr(PLAN_STATUS_LABELS[record.status])
            if record.next_review:
                detail += tr(" · prochain point le {date}", date=format_date(record.next_review))
            signed = record.id if record.is_signed and record.pdf_sha256 else None
            return TimelineRow(
                when, tr("Plan d'action v{n}", n=record.plan_version), detail, signed
            )
        if isinstance(record, FollowUpEvent):
            return TimelineRow(when, tr(EVENT_LABELS[record.kind]), record.note)
        agreed = len(record.scopes)
        return TimelineRow(
            when,
            tr("Consentement (version {v})", v=record.wording_version),
            tr(
                "{n} accord{s} sur {total}",
                n=agreed,
                s="s" if agreed > 1 else "",
                total=len(ConsentScope),
            ),
        )
